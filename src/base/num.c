/*
 * Range-checked number parsing.
 */
#include "base/num.h"

#include <math.h>
#include <string.h>

#include "base/err.h"

int num_parse_i64(const char *s, size_t len, int64_t min, int64_t max, int64_t *out)
{
    if (!s || len == 0)
        return ERR_INVAL;
    size_t i = 0;
    int neg = 0;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == len)
        return ERR_INVAL;
    /* Accumulate as a negative number so INT64_MIN fits. */
    int64_t v = 0;
    int overflow = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c < '0' || c > '9')
            return ERR_INVAL;
        int d = c - '0';
        if (v < (INT64_MIN + d) / 10)
            overflow = 1;
        else
            v = v * 10 - d;
    }
    if (overflow)
        return ERR_RANGE;
    if (!neg) {
        if (v == INT64_MIN)
            return ERR_RANGE;
        v = -v;
    }
    if (v < min || v > max)
        return ERR_RANGE;
    *out = v;
    return ERR_OK;
}

int num_parse_int(const char *s, int min, int max, int *out)
{
    int64_t v;
    int rc = num_parse_i64(s, s ? strlen(s) : 0, min, max, &v);
    if (rc == ERR_OK)
        *out = (int)v;
    return rc;
}

int num_parse_double(const char *s, size_t len, double min, double max, double *out)
{
    if (!s || len == 0)
        return ERR_INVAL;
    size_t i = 0;
    int neg = 0;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    double v = 0;
    int digits = 0;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++)
        v = v * 10 + (s[i] - '0');
    if (i < len && s[i] == '.') {
        double scale = 0.1;
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++, scale /= 10)
            v += (s[i] - '0') * scale;
    }
    if (i != len || digits == 0)
        return ERR_INVAL;
    if (neg)
        v = -v;
    if (!isfinite(v))
        return ERR_RANGE;
    if (v < min || v > max)
        return ERR_RANGE;
    *out = v;
    return ERR_OK;
}
