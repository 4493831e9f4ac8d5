/*
 * Unit tests for cookies (src/http/cookie.c): the Cookie header as browsers send it, with the
 * invalid pairs other software leaves behind skipped, limits, and the Set-Cookie header we build for
 * session cookies, which must refuse anything a browser would read differently.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "http/parse.h"

struct kv {
    const char *key, *value;
};

static void test_cookie_parse(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t count;
        struct kv want[3];
    } cases[] = {
        {"", 0, {{NULL, NULL}}},
        {"sid=abc", 1, {{"sid", "abc"}}},
        {"sid=abc; theme=dark", 2, {{"sid", "abc"}, {"theme", "dark"}}},
        {"sid=abc;theme=dark", 2, {{"sid", "abc"}, {"theme", "dark"}}},
        {"  sid=abc ;  theme=dark  ", 2, {{"sid", "abc"}, {"theme", "dark"}}},
        {"\tsid=abc;\ttheme=dark", 2, {{"sid", "abc"}, {"theme", "dark"}}},
        {"sid = abc", 1, {{"sid", "abc"}}},
        {"sid=\"abc\"", 1, {{"sid", "abc"}}}, /* quotes removed */
        {"sid=\"\"", 1, {{"sid", ""}}},
        {"sid=", 1, {{"sid", ""}}},
        {"sid=abc=def", 1, {{"sid", "abc=def"}}},
        {"sid=1; sid=2", 2, {{"sid", "1"}, {"sid", "2"}}}, /* repeated names kept in order */
        {"SID=1; sid=2", 2, {{"SID", "1"}, {"sid", "2"}}},
        {";;; sid=1 ;;", 1, {{"sid", "1"}}},
        {"x=%E0%B8%81", 1, {{"x", "%E0%B8%81"}}}, /* no percent-decoding */
        {"__Host-sid=v1.abc_DEF-9~!", 1, {{"__Host-sid", "v1.abc_DEF-9~!"}}},
        /* invalid pairs are skipped, the others kept */
        {"sid=\"abc", 0, {{NULL, NULL}}},
        {"sid=\"", 0, {{NULL, NULL}}},
        {"sid=a\"bc; x=1", 1, {{"x", "1"}}},
        {"sid=\"a\"b\"; x=1", 1, {{"x", "1"}}},
        {"noequals; sid=1", 1, {{"sid", "1"}}},
        {"=abc; sid=1", 1, {{"sid", "1"}}},
        {"s id=1; sid=2", 1, {{"sid", "2"}}},
        {"n@me=1; n(a)me=2; sid=3", 1, {{"sid", "3"}}},
        {"sid=a b; x=1", 1, {{"x", "1"}}},
        {"sid=a,b; x=1", 1, {{"x", "1"}}},
        {"sid=a\\b; x=1", 1, {{"x", "1"}}},
        {"sid=a\x01"
         "b; x=1",
         1,
         {{"x", "1"}}},
        {"sid=\x7f; x=1", 1, {{"x", "1"}}},
        {"sid=สมชาย; x=1", 1, {{"x", "1"}}},
        {"ชื่อ=1; x=2", 1, {{"x", "2"}}},
        {"a=1; b", 1, {{"a", "1"}}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a, 0);
        struct http_params out;
        int rc = http_cookie_parse(&a, cases[i].in, strlen(cases[i].in), NULL, &out, NULL);
        if (rc != ERR_OK)
            fail_msg("case %zu (%s): rc %d", i, cases[i].in, rc);
        if (out.count != cases[i].count)
            fail_msg("case %zu (%s): %zu cookies, want %zu", i, cases[i].in, out.count, cases[i].count);
        for (size_t k = 0; k < out.count; k++) {
            assert_string_equal(out.items[k].key.ptr, cases[i].want[k].key);
            assert_int_equal(out.items[k].key.len, strlen(cases[i].want[k].key));
            assert_string_equal(out.items[k].value.ptr, cases[i].want[k].value);
            assert_int_equal(out.items[k].value.len, strlen(cases[i].want[k].value));
        }
        arena_release(&a);
    }
}

static void test_cookie_within_length(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct http_params out;
    const char *h = "sid=abc; theme=dark";
    assert_int_equal(http_cookie_parse(&a, h, 5, NULL, &out, NULL), ERR_OK);
    assert_int_equal(out.count, 1);
    assert_string_equal(out.items[0].value.ptr, "a");
    assert_int_equal(http_cookie_parse(&a, NULL, 0, NULL, &out, NULL), ERR_OK);
    assert_int_equal(out.count, 0);
    arena_release(&a);
}

static void test_cookie_limits(void **state)
{
    (void)state;
    static const struct http_cookie_limits header10 = {10, 64, 256, 4096};
    static const struct http_cookie_limits count2 = {8192, 2, 256, 4096};
    static const struct http_cookie_limits name3 = {8192, 64, 3, 4096};
    static const struct http_cookie_limits value3 = {8192, 64, 256, 3};
    static const struct {
        const char *in;
        const struct http_cookie_limits *lim;
        int rc;
        size_t offset;
        size_t count;
        const char *first_name;
    } cases[] = {
        {"a=12345678", &header10, ERR_OK, 0, 1, "a"},
        {"a=123456789", &header10, ERR_TOOBIG, 10, 0, NULL},
        {"a=1; b=2", &count2, ERR_OK, 0, 2, "a"},
        {"a=1; bad; b=2", &count2, ERR_OK, 0, 2, "a"}, /* invalid pairs do not count */
        {"a=1; b=2;  c=3", &count2, ERR_TOOBIG, 11, 0, NULL},
        {"a=1; b=2; c", &count2, ERR_OK, 0, 2, "a"},
        {"abc=1", &name3, ERR_OK, 0, 1, "abc"},
        {"abcd=1; x=2", &name3, ERR_OK, 0, 1, "x"},
        {"a=xyz", &value3, ERR_OK, 0, 1, "a"},
        {"a=\"xyz\"", &value3, ERR_OK, 0, 1, "a"}, /* quotes do not count */
        {"a=wxyz; b=1", &value3, ERR_OK, 0, 1, "b"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a, 0);
        struct http_params out = {NULL, 777};
        struct http_parse_err err = {999, NULL};
        int rc = http_cookie_parse(&a, cases[i].in, strlen(cases[i].in), cases[i].lim, &out, &err);
        if (rc != cases[i].rc)
            fail_msg("case %zu (%s): rc %d, want %d", i, cases[i].in, rc, cases[i].rc);
        if (rc == ERR_OK) {
            assert_int_equal(out.count, cases[i].count);
            assert_string_equal(out.items[0].key.ptr, cases[i].first_name);
        } else {
            assert_int_equal(err.offset, cases[i].offset);
            assert_non_null(err.reason);
            assert_int_equal(out.count, 777);
        }
        arena_release(&a);
    }
}

static void test_cookie_default_limits(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct http_params out;
    /* 64 cookies pass, 65 do not */
    char h[65 * 8 + 1];
    size_t n = 0;
    for (int i = 0; i < 65; i++)
        n += (size_t)snprintf(h + n, sizeof h - n, "c%02d=1; ", i);
    assert_int_equal(http_cookie_parse(&a, h, 64 * 7, NULL, &out, NULL), ERR_OK);
    assert_int_equal(out.count, 64);
    assert_int_equal(http_cookie_parse(&a, h, 65 * 7, NULL, &out, NULL), ERR_TOOBIG);
    /* an 8 KiB header passes, one byte more does not */
    static char big[8 * 1024 + 1];
    memset(big, 'x', sizeof big);
    memcpy(big, "a=", 2);
    assert_int_equal(http_cookie_parse(&a, big, 8 * 1024, NULL, &out, NULL), ERR_OK);
    assert_int_equal(out.count, 0); /* the value passes the 4 KiB limit: skipped */
    assert_int_equal(http_cookie_parse(&a, big, sizeof big, NULL, &out, NULL), ERR_TOOBIG);
    arena_release(&a);
}

static void test_cookie_lookup(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct http_params out;
    const char *h = "_ga=GA1.1.123; sid=first; sid=second; theme=dark";
    assert_int_equal(http_cookie_parse(&a, h, strlen(h), NULL, &out, NULL), ERR_OK);
    assert_string_equal(http_params_get(&out, "sid"), "first");
    assert_int_equal(http_params_count_key(&out, "sid"), 2);
    assert_null(http_params_get(&out, "SID"));
    arena_release(&a);
}

static void test_set_cookie(void **state)
{
    (void)state;
    char v4096[4097], n2049[2050];
    memset(v4096, 'v', 4096);
    v4096[4093] = '\0'; /* "sid" + 4093 bytes = 4096 */
    memset(n2049, 'n', 2049);
    n2049[2049] = '\0';
    const struct {
        struct http_set_cookie c;
        int rc;
        const char *want;
    } cases[] = {
        {{"sid", "abc", NULL, -1, true, true, HTTP_SAMESITE_LAX},
         ERR_OK,
         "sid=abc; Path=/; HttpOnly; Secure; SameSite=Lax"},
        {{"sid", "abc", "/app", 3600, true, true, HTTP_SAMESITE_STRICT},
         ERR_OK,
         "sid=abc; Path=/app; Max-Age=3600; HttpOnly; Secure; SameSite=Strict"},
        {{"sid", "", "/", 0, true, true, HTTP_SAMESITE_LAX},
         ERR_OK,
         "sid=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax"},
        {{"lang", "th", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_OK, "lang=th; Path=/; SameSite=Lax"},
        {{"sid", "x", "/", HTTP_COOKIE_MAX_AGE_MAX, false, false, HTTP_SAMESITE_LAX},
         ERR_OK,
         "sid=x; Path=/; Max-Age=34560000; SameSite=Lax"},
        {{"sid", "x", "/", HTTP_COOKIE_MAX_AGE_MAX + 1, false, false, HTTP_SAMESITE_LAX}, ERR_RANGE, NULL},
        {{"sid", "a!#$%&'()*+-./:<=>?@[]^_`{|}~", "/", -1, false, false, HTTP_SAMESITE_LAX},
         ERR_OK,
         "sid=a!#$%&'()*+-./:<=>?@[]^_`{|}~; Path=/; SameSite=Lax"},
        {{"__Host-sid", "x", "/", -1, true, true, HTTP_SAMESITE_LAX},
         ERR_OK,
         "__Host-sid=x; Path=/; HttpOnly; Secure; SameSite=Lax"},
        {{"__Host-sid", "x", NULL, -1, true, true, HTTP_SAMESITE_LAX},
         ERR_OK,
         "__Host-sid=x; Path=/; HttpOnly; Secure; SameSite=Lax"},
        {{"__Secure-sid", "x", "/app", -1, true, true, HTTP_SAMESITE_LAX},
         ERR_OK,
         "__Secure-sid=x; Path=/app; HttpOnly; Secure; SameSite=Lax"},
        {{"sid", v4096, "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_OK, NULL},
        /* refused */
        {{"__Host-sid", "x", "/", -1, true, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"__Host-sid", "x", "/app", -1, true, true, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"__host-sid", "x", "/", -1, true, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"__Secure-sid", "x", "/", -1, true, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"", "x", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{NULL, "x", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", NULL, "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"s id", "x", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid;", "x", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid=", "x", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"ชื่อ", "x", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", "a b", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", "a;b", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", "a\"b", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", "a,b", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", "a\\b", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", "a\r\nSet-Cookie: x=1", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", "สม", "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", "x", "app", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", "x", "", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", "x", "/a;b", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", "x", "/a\nb", -1, false, false, HTTP_SAMESITE_LAX}, ERR_INVAL, NULL},
        {{"sid", "x", "/", -1, false, false, (enum http_samesite)7}, ERR_INVAL, NULL},
        {{n2049, n2049, "/", -1, false, false, HTTP_SAMESITE_LAX}, ERR_TOOBIG, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a, 0);
        char *out = NULL;
        struct http_parse_err err = {999, NULL};
        int rc = http_set_cookie_build(&a, &cases[i].c, &out, &err);
        if (rc != cases[i].rc)
            fail_msg("case %zu (%s): rc %d, want %d", i, cases[i].c.name ? cases[i].c.name : "NULL", rc,
                     cases[i].rc);
        if (rc == ERR_OK) {
            if (cases[i].want)
                assert_string_equal(out, cases[i].want);
            /* what we send must read back as the same cookie */
            const char *semi = strchr(out, ';');
            struct http_params back;
            assert_int_equal(http_cookie_parse(&a, out, (size_t)(semi - out), NULL, &back, NULL), ERR_OK);
            assert_int_equal(back.count, 1);
            assert_string_equal(back.items[0].key.ptr, cases[i].c.name);
            assert_string_equal(back.items[0].value.ptr, cases[i].c.value);
        } else {
            assert_null(out);
            assert_non_null(err.reason);
        }
        arena_release(&a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cookie_parse),  cmocka_unit_test(test_cookie_within_length),
        cmocka_unit_test(test_cookie_limits), cmocka_unit_test(test_cookie_default_limits),
        cmocka_unit_test(test_cookie_lookup), cmocka_unit_test(test_set_cookie),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
