/*
 * Unit tests for percent-decoding and application/x-www-form-urlencoded parsing (src/http/parse.c,
 * src/http/urlenc.c): what a browser sends in query strings and form bodies, Thai text, and the
 * malformed, oversized or non-UTF-8 input a hostile client can send, with the offsets reported.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "http/parse.h"

/* Length marker: use strlen of the input. */
#define Z SIZE_MAX

static size_t len_of(const char *s, size_t len)
{
    return len == Z ? strlen(s) : len;
}

static void test_percent_decode(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        unsigned flags;
        size_t max;
        int rc;
        const char *want; /* decoded text, or NULL */
        size_t want_len;
        size_t offset; /* of the error */
    } cases[] = {
        {"", Z, 0, 100, ERR_OK, "", 0, 0},
        {"abc", Z, 0, 100, ERR_OK, "abc", 3, 0},
        {"a%20b", Z, 0, 100, ERR_OK, "a b", 3, 0},
        {"%41%62", Z, 0, 100, ERR_OK, "Ab", 2, 0},
        {"%e0%b8%81", Z, 0, 100, ERR_OK, "ก", 3, 0},
        {"%E0%B8%81", Z, 0, 100, ERR_OK, "ก", 3, 0},
        {"%e0%B8%81", Z, 0, 100, ERR_OK, "ก", 3, 0},
        {"สมชาย", Z, 0, 100, ERR_OK, "สมชาย", 15, 0}, /* raw UTF-8 is accepted */
        {"a+b", Z, HTTP_DECODE_PLUS, 100, ERR_OK, "a b", 3, 0},
        {"a+b", Z, 0, 100, ERR_OK, "a+b", 3, 0}, /* paths keep '+' */
        {"%2B", Z, HTTP_DECODE_PLUS, 100, ERR_OK, "+", 1, 0},
        {"%0D%0A%09", Z, 0, 100, ERR_OK, "\r\n\t", 3, 0}, /* encoded controls are text */
        {"%25", Z, 0, 100, ERR_OK, "%", 1, 0},
        {"~!*'();:@$,/?#[]", Z, 0, 100, ERR_OK, "~!*'();:@$,/?#[]", 16, 0},
        /* malformed escapes */
        {"%", Z, 0, 100, ERR_INVAL, NULL, 0, 0},
        {"%4", Z, 0, 100, ERR_INVAL, NULL, 0, 0},
        {"%4G", Z, 0, 100, ERR_INVAL, NULL, 0, 0},
        {"%G4", Z, 0, 100, ERR_INVAL, NULL, 0, 0},
        {"ab%", Z, 0, 100, ERR_INVAL, NULL, 0, 2},
        {"ab%zz", Z, 0, 100, ERR_INVAL, NULL, 0, 2},
        {"%%41", Z, 0, 100, ERR_INVAL, NULL, 0, 0},
        {"% 41", Z, 0, 100, ERR_INVAL, NULL, 0, 0},
        {"abc%41", 4, 0, 100, ERR_INVAL, NULL, 0, 3}, /* the escape is cut off by the length */
        {"abc%41", 5, 0, 100, ERR_INVAL, NULL, 0, 3},
        /* NUL and control bytes */
        {"%00", Z, 0, 100, ERR_INVAL, NULL, 0, 0},
        {"ab%00", Z, 0, 100, ERR_INVAL, NULL, 0, 2},
        {"a\0b", 3, 0, 100, ERR_INVAL, NULL, 0, 1},
        {"a\nb", Z, 0, 100, ERR_INVAL, NULL, 0, 1},
        {"\t", Z, 0, 100, ERR_INVAL, NULL, 0, 0},
        {"ab\x7f", Z, 0, 100, ERR_INVAL, NULL, 0, 2},
        {"\x1f", Z, 0, 100, ERR_INVAL, NULL, 0, 0},
        /* the result must be UTF-8 */
        {"%FF", Z, 0, 100, ERR_INVAL, NULL, 0, 0},
        {"ab%E0%B8", Z, 0, 100, ERR_INVAL, NULL, 0, 2},     /* truncated sequence */
        {"%C0%AF", Z, 0, 100, ERR_INVAL, NULL, 0, 0},       /* overlong '/' */
        {"x%ED%A0%80", Z, 0, 100, ERR_INVAL, NULL, 0, 1},   /* surrogate */
        {"%F4%90%80%80", Z, 0, 100, ERR_INVAL, NULL, 0, 0}, /* above U+10FFFF */
        {"\xff", Z, 0, 100, ERR_INVAL, NULL, 0, 0},
        {"ก%E0", Z, 0, 100, ERR_INVAL, NULL, 0, 3},
        {"%E0%B8%81%81", Z, 0, 100, ERR_INVAL, NULL, 0, 9}, /* stray continuation byte */
        {"ก", 2, 0, 100, ERR_INVAL, NULL, 0, 0},            /* raw sequence cut by the length */
        /* limit on the decoded size */
        {"abc", Z, 0, 3, ERR_OK, "abc", 3, 0},
        {"abc", Z, 0, 2, ERR_TOOBIG, NULL, 0, 2},
        {"%41%42", Z, 0, 2, ERR_OK, "AB", 2, 0}, /* counted after decoding */
        {"%41%42", Z, 0, 1, ERR_TOOBIG, NULL, 0, 3},
        {"", Z, 0, 0, ERR_OK, "", 0, 0},
        {"a", Z, 0, 0, ERR_TOOBIG, NULL, 0, 0},
        {"%E0%B8%81", Z, 0, 2, ERR_TOOBIG, NULL, 0, 6},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a, 0);
        struct slice out = {"untouched", 9};
        struct http_parse_err err = {999, NULL};
        int rc = http_percent_decode(&a, cases[i].in, len_of(cases[i].in, cases[i].len), cases[i].flags,
                                     cases[i].max, &out, &err);
        if (rc != cases[i].rc)
            fail_msg("case %zu (%s): rc %d, want %d", i, cases[i].in, rc, cases[i].rc);
        if (rc == ERR_OK) {
            assert_int_equal(out.len, cases[i].want_len);
            assert_memory_equal(out.ptr, cases[i].want, out.len);
            assert_int_equal(out.ptr[out.len], '\0');
        } else {
            if (err.offset != cases[i].offset)
                fail_msg("case %zu (%s): offset %zu, want %zu", i, cases[i].in, err.offset, cases[i].offset);
            assert_non_null(err.reason);
            assert_string_equal(out.ptr, "untouched");
        }
        arena_release(&a);
    }
}

static void test_percent_decode_error_without_report(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct slice out;
    assert_int_equal(http_percent_decode(&a, "%zz", 3, 0, 10, &out, NULL), ERR_INVAL);
    assert_int_equal(http_percent_decode(&a, "abc", 3, 0, 1, &out, NULL), ERR_TOOBIG);
    arena_release(&a);
}

struct kv {
    const char *key, *value;
};

static const struct http_form_limits small_pairs = {2, 128, 1024};
static const struct http_form_limits no_pairs = {0, 128, 1024};
static const struct http_form_limits short_key = {10, 3, 1024};
static const struct http_form_limits short_value = {10, 128, 2};

static void test_form_parse(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        const struct http_form_limits *lim; /* NULL: the defaults */
        int rc;
        size_t offset;
        size_t count;
        struct kv want[4];
    } cases[] = {
        {"", Z, NULL, ERR_OK, 0, 0, {{NULL, NULL}}},
        {"a=1", Z, NULL, ERR_OK, 0, 1, {{"a", "1"}}},
        {"a=1&b=2", Z, NULL, ERR_OK, 0, 2, {{"a", "1"}, {"b", "2"}}},
        {"a=1&a=2&a=3", Z, NULL, ERR_OK, 0, 3, {{"a", "1"}, {"a", "2"}, {"a", "3"}}},
        {"b=2&a=1", Z, NULL, ERR_OK, 0, 2, {{"b", "2"}, {"a", "1"}}}, /* order kept */
        {"flag", Z, NULL, ERR_OK, 0, 1, {{"flag", ""}}},
        {"a=", Z, NULL, ERR_OK, 0, 1, {{"a", ""}}},
        {"a=b=c", Z, NULL, ERR_OK, 0, 1, {{"a", "b=c"}}},
        {"&&a=1&&", Z, NULL, ERR_OK, 0, 1, {{"a", "1"}}},
        {"&", Z, NULL, ERR_OK, 0, 0, {{NULL, NULL}}},
        {"a+b=c+d", Z, NULL, ERR_OK, 0, 1, {{"a b", "c d"}}},
        {"a%3Db=c%26d", Z, NULL, ERR_OK, 0, 1, {{"a=b", "c&d"}}},
        {"q=%E0%B8%AA%E0%B8%A1%E0%B8%8A%E0%B8%B2%E0%B8%A2", Z, NULL, ERR_OK, 0, 1, {{"q", "สมชาย"}}},
        {"name=%E0%B8%AA%E0%B8%A1+%E0%B8%8A", Z, NULL, ERR_OK, 0, 1, {{"name", "สม ช"}}},
        {"%E0%B8%8A%E0%B8%B7%E0%B9%88%E0%B8%AD=x", Z, NULL, ERR_OK, 0, 1, {{"ชื่อ", "x"}}},
        {"note=line1%0D%0Aline2", Z, NULL, ERR_OK, 0, 1, {{"note", "line1\r\nline2"}}},
        {"a=1&b=2", 3, NULL, ERR_OK, 0, 1, {{"a", "1"}}}, /* only len bytes are read */
        /* invalid */
        {"=x", Z, NULL, ERR_INVAL, 0, 0, {{NULL, NULL}}},
        {"=", Z, NULL, ERR_INVAL, 0, 0, {{NULL, NULL}}},
        {"a=1&=x", Z, NULL, ERR_INVAL, 4, 0, {{NULL, NULL}}},
        {"a=%zz", Z, NULL, ERR_INVAL, 2, 0, {{NULL, NULL}}},
        {"a%z=1", Z, NULL, ERR_INVAL, 1, 0, {{NULL, NULL}}},
        {"a=1&b=%FF", Z, NULL, ERR_INVAL, 6, 0, {{NULL, NULL}}},
        {"a=%00", Z, NULL, ERR_INVAL, 2, 0, {{NULL, NULL}}},
        {"a=x\ny", Z, NULL, ERR_INVAL, 3, 0, {{NULL, NULL}}},
        {"a=1&b=2%", Z, NULL, ERR_INVAL, 7, 0, {{NULL, NULL}}},
        /* limits */
        {"a&b", Z, &small_pairs, ERR_OK, 0, 2, {{"a", ""}, {"b", ""}}},
        {"a&&b&", Z, &small_pairs, ERR_OK, 0, 2, {{"a", ""}, {"b", ""}}},
        {"a&b&c", Z, &small_pairs, ERR_TOOBIG, 4, 0, {{NULL, NULL}}},
        {"", Z, &no_pairs, ERR_OK, 0, 0, {{NULL, NULL}}},
        {"a", Z, &no_pairs, ERR_TOOBIG, 0, 0, {{NULL, NULL}}},
        {"abc=1", Z, &short_key, ERR_OK, 0, 1, {{"abc", "1"}}},
        {"%41%42%43=1", Z, &short_key, ERR_OK, 0, 1, {{"ABC", "1"}}},
        {"x=1&abcd=1", Z, &short_key, ERR_TOOBIG, 7, 0, {{NULL, NULL}}},
        {"a=xy", Z, &short_value, ERR_OK, 0, 1, {{"a", "xy"}}},
        {"a=xyz", Z, &short_value, ERR_TOOBIG, 4, 0, {{NULL, NULL}}},
        {"a=%E0%B8%81", Z, &short_value, ERR_TOOBIG, 8, 0, {{NULL, NULL}}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a, 0);
        struct http_params out = {NULL, 12345};
        struct http_parse_err err = {999, NULL};
        int rc =
            http_form_parse(&a, cases[i].in, len_of(cases[i].in, cases[i].len), cases[i].lim, &out, &err);
        if (rc != cases[i].rc)
            fail_msg("case %zu (%s): rc %d, want %d", i, cases[i].in, rc, cases[i].rc);
        if (rc == ERR_OK) {
            if (out.count != cases[i].count)
                fail_msg("case %zu (%s): %zu pairs, want %zu", i, cases[i].in, out.count, cases[i].count);
            for (size_t k = 0; k < out.count; k++) {
                const struct http_param *p = &out.items[k];
                assert_int_equal(p->key.len, strlen(cases[i].want[k].key));
                assert_string_equal(p->key.ptr, cases[i].want[k].key);
                assert_int_equal(p->value.len, strlen(cases[i].want[k].value));
                assert_string_equal(p->value.ptr, cases[i].want[k].value);
            }
        } else {
            if (err.offset != cases[i].offset)
                fail_msg("case %zu (%s): offset %zu, want %zu", i, cases[i].in, err.offset, cases[i].offset);
            assert_non_null(err.reason);
            assert_int_equal(out.count, 12345); /* untouched */
        }
        arena_release(&a);
    }
}

static void test_form_default_limits(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct http_params out;
    struct http_parse_err err;
    /* 200 pairs pass, 201 do not */
    char body[201 * 2];
    for (size_t i = 0; i < 201; i++) {
        body[2 * i] = 'k';
        body[2 * i + 1] = '&';
    }
    assert_int_equal(http_form_parse(&a, body, 200 * 2 - 1, NULL, &out, &err), ERR_OK);
    assert_int_equal(out.count, 200);
    assert_int_equal(http_form_parse(&a, body, 201 * 2 - 1, NULL, &out, &err), ERR_TOOBIG);
    assert_int_equal(err.offset, 400);
    /* a 64 KiB value passes, one byte more does not */
    static char big[2 + 64 * 1024 + 1];
    big[0] = 'v';
    big[1] = '=';
    memset(big + 2, 'x', sizeof big - 2);
    assert_int_equal(http_form_parse(&a, big, sizeof big - 1, NULL, &out, &err), ERR_OK);
    assert_int_equal(out.items[0].value.len, 64 * 1024);
    assert_int_equal(http_form_parse(&a, big, sizeof big, NULL, &out, &err), ERR_TOOBIG);
    arena_release(&a);
}

static void test_params_lookup(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct http_params p;
    const char *q = "page=2&tag=a&Tag=b&tag=c&empty=";
    assert_int_equal(http_form_parse(&a, q, strlen(q), NULL, &p, NULL), ERR_OK);
    assert_string_equal(http_params_get(&p, "page"), "2");
    assert_string_equal(http_params_get(&p, "tag"), "a"); /* the first of repeated keys */
    assert_string_equal(http_params_get(&p, "Tag"), "b"); /* keys are case-sensitive */
    assert_string_equal(http_params_get(&p, "empty"), "");
    assert_null(http_params_get(&p, "missing"));
    assert_null(http_params_get(&p, "pag"));
    assert_int_equal(http_params_count_key(&p, "tag"), 2);
    assert_int_equal(http_params_count_key(&p, "page"), 1);
    assert_int_equal(http_params_count_key(&p, "missing"), 0);
    struct http_params none = {NULL, 0};
    assert_null(http_params_get(&none, "page"));
    assert_int_equal(http_params_count_key(&none, "page"), 0);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_percent_decode), cmocka_unit_test(test_percent_decode_error_without_report),
        cmocka_unit_test(test_form_parse),     cmocka_unit_test(test_form_default_limits),
        cmocka_unit_test(test_params_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
