/*
 * Percent-decoding, the name/value list helpers and the small helpers shared by every HTTP parser.
 */
#include "http/parse.h"

#include <string.h>

#include "base/err.h"
#include "http/parse_internal.h"
#include "thai/utf8.h"

void http_err_set(struct http_parse_err *err, size_t offset, const char *reason)
{
    if (err) {
        err->offset = offset;
        err->reason = reason;
    }
}

bool http_is_tchar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

bool http_is_ows(unsigned char c)
{
    return c == ' ' || c == '\t';
}

bool http_slice_ieq(struct slice s, const char *lower)
{
    size_t n = strlen(lower);
    if (s.len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)lower[i])
            return false;
    }
    return true;
}

bool http_utf8_check(const char *s, size_t len, size_t *bad)
{
    size_t pos = 0;
    while (pos < len) {
        if (thai_utf8_next(s, len, &pos) < 0) {
            *bad = pos;
            return false;
        }
    }
    return true;
}

const char *http_params_get(const struct http_params *p, const char *key)
{
    for (size_t i = 0; i < p->count; i++)
        if (slice_eq_str(p->items[i].key, key))
            return p->items[i].value.ptr;
    return NULL;
}

size_t http_params_count_key(const struct http_params *p, const char *key)
{
    size_t n = 0;
    for (size_t i = 0; i < p->count; i++)
        if (slice_eq_str(p->items[i].key, key))
            n++;
    return n;
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The input offset of decoded byte number target: each escape gave one byte from three. */
static size_t input_offset(const char *s, size_t target)
{
    size_t i = 0;
    for (size_t k = 0; k < target; k++)
        i += s[i] == '%' ? 3 : 1;
    return i;
}

int http_percent_decode(struct arena *a, const char *s, size_t len, unsigned flags, size_t max,
                        struct slice *out, struct http_parse_err *err)
{
    int rc = ERR_INVAL;
    size_t cap = len < max ? len : max;
    char *d = arena_alloc(a, cap + 1);
    size_t o = 0, i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        unsigned char byte = c;
        size_t step = 1;
        if (c == '%') {
            int hi = len - i >= 3 ? hex_value((unsigned char)s[i + 1]) : -1;
            int lo = len - i >= 3 ? hex_value((unsigned char)s[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                http_err_set(err, i, "invalid percent escape");
                goto out;
            }
            byte = (unsigned char)(hi * 16 + lo);
            step = 3;
            if (byte == 0) {
                http_err_set(err, i, "encoded NUL byte");
                goto out;
            }
        } else if (c < 0x20 || c == 0x7F) {
            http_err_set(err, i, "control character must be percent-encoded");
            goto out;
        } else if (c == '+' && (flags & HTTP_DECODE_PLUS)) {
            byte = ' ';
        }
        if (o == max) {
            rc = ERR_TOOBIG;
            http_err_set(err, i, "too long");
            goto out;
        }
        d[o++] = (char)byte;
        i += step;
    }
    d[o] = '\0';
    size_t bad;
    if (!http_utf8_check(d, o, &bad)) {
        http_err_set(err, input_offset(s, bad), "invalid UTF-8");
        goto out;
    }
    *out = slice_make(d, o);
    rc = ERR_OK;
out:
    return rc;
}
