/*
 * libFuzzer target: percent-decoding and form/query parsing (http_percent_decode, http_form_parse).
 * Besides crashes and sanitizer reports it checks the promises of http/parse.h: every key and value
 * is NUL-terminated UTF-8 without NUL bytes within the limits, errors point inside the input, lower
 * limits never accept what higher ones refuse, and re-encoding the pairs parses back to the same list.
 */
#include "fuzz.h"

#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "http/parse.h"
#include "thai/utf8.h"

static void check_text(struct slice s, size_t max)
{
    FUZZ_CHECK(s.ptr != NULL);
    FUZZ_CHECK(s.len <= max);
    FUZZ_CHECK(s.ptr[s.len] == '\0');
    FUZZ_CHECK(memchr(s.ptr, '\0', s.len) == NULL);
    FUZZ_CHECK(thai_utf8_valid(s.ptr, s.len));
}

static void check_error(int rc, const struct http_parse_err *err, size_t size)
{
    FUZZ_CHECK(rc == ERR_INVAL || rc == ERR_TOOBIG);
    FUZZ_CHECK(err->reason != NULL);
    FUZZ_CHECK(err->offset <= size);
}

static bool is_unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

/* Appends s encoded as a browser encodes form fields: space as '+', all but unreserved bytes as %XX. */
static size_t encode(char *out, struct slice s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        if (is_unreserved(c)) {
            out[o++] = (char)c;
        } else if (c == ' ') {
            out[o++] = '+';
        } else {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    return o;
}

static void round_trip(struct arena *a, const struct http_params *p, size_t size)
{
    char *text = arena_alloc(a, 3 * size + 2 * p->count + 1);
    size_t n = 0;
    for (size_t i = 0; i < p->count; i++) {
        if (i)
            text[n++] = '&';
        n += encode(text + n, p->items[i].key);
        text[n++] = '=';
        n += encode(text + n, p->items[i].value);
    }
    struct http_params back;
    struct http_parse_err err;
    int rc = http_form_parse(a, text, n, NULL, &back, &err);
    FUZZ_CHECK(rc == ERR_OK);
    FUZZ_CHECK(back.count == p->count);
    for (size_t i = 0; i < p->count; i++) {
        FUZZ_CHECK(slice_eq(back.items[i].key, p->items[i].key));
        FUZZ_CHECK(slice_eq(back.items[i].value, p->items[i].value));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct arena a;
    arena_init(&a, 0);

    struct http_params p;
    struct http_parse_err err = {0, NULL};
    int rc = http_form_parse(&a, s, size, NULL, &p, &err);
    if (rc == ERR_OK) {
        FUZZ_CHECK(p.count <= http_form_limits_default.max_pairs);
        for (size_t i = 0; i < p.count; i++) {
            check_text(p.items[i].key, http_form_limits_default.max_key);
            FUZZ_CHECK(p.items[i].key.len > 0);
            check_text(p.items[i].value, http_form_limits_default.max_value);
        }
        round_trip(&a, &p, size);
    } else {
        check_error(rc, &err, size);
    }

    /* Small limits: whatever they accept, the defaults (larger in every way) accept the same way. */
    static const struct http_form_limits small = {3, 4, 8};
    struct http_params q;
    struct http_parse_err qerr = {0, NULL};
    int qrc = http_form_parse(&a, s, size, &small, &q, &qerr);
    if (qrc == ERR_OK) {
        FUZZ_CHECK(rc == ERR_OK);
        FUZZ_CHECK(q.count == p.count && q.count <= 3);
        for (size_t i = 0; i < q.count; i++) {
            check_text(q.items[i].key, 4);
            check_text(q.items[i].value, 8);
        }
    } else {
        check_error(qrc, &qerr, size);
        /* a malformed byte found under the small limits is found at the same place by the defaults */
        if (qrc == ERR_INVAL)
            FUZZ_CHECK(rc == ERR_INVAL && err.offset == qerr.offset);
    }

    /* Plain decoding, with and without the '+' rule: '+' never changes whether input is valid. */
    struct slice d1, d2;
    struct http_parse_err e1 = {0, NULL}, e2 = {0, NULL};
    int rc1 = http_percent_decode(&a, s, size, 0, size, &d1, &e1);
    int rc2 = http_percent_decode(&a, s, size, HTTP_DECODE_PLUS, size, &d2, &e2);
    FUZZ_CHECK(rc1 == rc2);
    if (rc1 == ERR_OK) {
        check_text(d1, size);
        check_text(d2, size);
        FUZZ_CHECK(d1.len == d2.len);
    } else {
        check_error(rc1, &e1, size);
        FUZZ_CHECK(rc1 == ERR_INVAL); /* max = size can never be passed */
        FUZZ_CHECK(e1.offset < size);
        FUZZ_CHECK(e1.offset == e2.offset);
    }

    arena_release(&a);
    return 0;
}
