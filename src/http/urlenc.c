/*
 * application/x-www-form-urlencoded: query strings and form bodies into ordered (key, value) pairs.
 */
#include "http/parse.h"

#include <string.h>

#include "base/err.h"
#include "http/parse_internal.h"

const struct http_form_limits http_form_limits_default = {
    .max_pairs = 200,
    .max_key = 128,
    .max_value = 64 * 1024,
};

/* End of the piece that starts at i: the next '&' or len. */
static size_t piece_end(const char *s, size_t len, size_t i)
{
    const char *amp = memchr(s + i, '&', len - i);
    return amp ? (size_t)(amp - s) : len;
}

/* Decodes s[start..end) as one key or value; errors are reported at offsets within the whole input. */
static int decode_part(struct arena *a, const char *s, size_t start, size_t end, size_t max,
                       struct slice *out, struct http_parse_err *err)
{
    struct http_parse_err e = {0, NULL};
    int rc = http_percent_decode(a, s + start, end - start, HTTP_DECODE_PLUS, max, out, &e);
    if (rc != ERR_OK)
        http_err_set(err, start + e.offset, e.reason);
    return rc;
}

int http_form_parse(struct arena *a, const char *s, size_t len, const struct http_form_limits *lim,
                    struct http_params *out, struct http_parse_err *err)
{
    int rc = ERR_INVAL;
    struct http_param *items = NULL;
    size_t n = 0;

    if (!lim)
        lim = &http_form_limits_default;
    if (len == 0) {
        out->items = NULL;
        out->count = 0;
        return ERR_OK;
    }
    /* Count the non-empty pieces first, so that a flood of pairs costs no memory. */
    for (size_t i = 0; i <= len;) {
        size_t end = i < len ? piece_end(s, len, i) : len;
        if (end > i) {
            if (n == lim->max_pairs) {
                rc = ERR_TOOBIG;
                http_err_set(err, i, "too many parameters");
                goto out;
            }
            n++;
        }
        i = end + 1;
    }
    items = n ? arena_alloc(a, n * sizeof *items) : NULL;
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        size_t end = piece_end(s, len, i);
        if (end > i) {
            const char *eq = memchr(s + i, '=', end - i);
            size_t key_end = eq ? (size_t)(eq - s) : end;
            if (key_end == i) {
                http_err_set(err, i, "empty parameter name");
                goto out;
            }
            rc = decode_part(a, s, i, key_end, lim->max_key, &items[k].key, err);
            if (rc != ERR_OK)
                goto out;
            if (eq) {
                rc = decode_part(a, s, key_end + 1, end, lim->max_value, &items[k].value, err);
                if (rc != ERR_OK)
                    goto out;
            } else {
                items[k].value = SLICE_LIT("");
            }
            rc = ERR_INVAL;
            k++;
        }
        i = end + 1;
    }
    out->items = items;
    out->count = n;
    rc = ERR_OK;
out:
    return rc;
}
