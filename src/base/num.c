/*
 * Range-checked number parsing.
 */
#include "base/num.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
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

/* 10^0 .. 10^22: the powers of ten that a double holds exactly. */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/*
 * The double nearest to the decimal in s (already checked to be [sign]digits[.digits]). Summing digit
 * times 0.1, 0.01, ... would round at every step ("0.3" would become 0.30000000000000004), so:
 * when the digits form an integer of at most 2^53 and there are at most 22 fraction digits, both
 * the integer and the power of ten are exact doubles and one division rounds correctly; otherwise
 * strtod does the work, in the C locale so that '.' is the decimal point whatever the process's
 * locale is.
 */
static double decimal_to_double(const char *s, size_t len)
{
    uint64_t mant = 0;
    int sig = 0, frac = 0, dot = 0, neg = s[0] == '-';
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '.')
            dot = 1;
        if (c < '0' || c > '9')
            continue;
        if (sig == 19)
            goto slow; /* more digits than a uint64_t holds */
        mant = mant * 10 + (uint64_t)(c - '0');
        if (mant)
            sig++;
        if (dot)
            frac++;
    }
    if (mant <= (UINT64_C(1) << 53) && frac <= 22) {
        double v = (double)mant / pow10_exact[frac];
        return neg ? -v : v;
    }
slow:;
    char small[64];
    char *copy = len < sizeof small ? small : malloc(len + 1);
    if (!copy)
        arena_oom(len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (!c_locale)
        arena_oom(0); /* the C locale is built in: only memory can be missing */
    locale_t previous = uselocale(c_locale);
    double v = strtod(copy, NULL);
    uselocale(previous);
    freelocale(c_locale);
    if (copy != small)
        free(copy);
    return v;
}

int num_parse_double(const char *s, size_t len, double min, double max, double *out)
{
    if (!s || len == 0)
        return ERR_INVAL;
    size_t i = 0;
    if (s[0] == '-' || s[0] == '+')
        i = 1;
    int digits = 0;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (i < len && s[i] == '.')
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (i != len || digits == 0)
        return ERR_INVAL;
    double v = decimal_to_double(s, len);
    if (!isfinite(v))
        return ERR_RANGE;
    if (v < min || v > max)
        return ERR_RANGE;
    *out = v;
    return ERR_OK;
}
