/*
 * Unit tests for media types (src/http/media.c): strict Content-Type parsing with parameters and
 * quoted strings, the body kinds the application accepts (415 for the rest), and the choice between
 * HTML and JSON from the Accept headers real browsers and API clients send.
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

#define Z SIZE_MAX

struct kv {
    const char *key, *value;
};

static void test_media_type_parse(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        int rc;
        size_t offset;
        const char *type, *subtype;
        size_t nparams;
        struct kv params[3];
    } cases[] = {
        {"application/json", Z, ERR_OK, 0, "application", "json", 0, {{NULL, NULL}}},
        {"Application/JSON", Z, ERR_OK, 0, "application", "json", 0, {{NULL, NULL}}},
        {"application/problem+json", Z, ERR_OK, 0, "application", "problem+json", 0, {{NULL, NULL}}},
        {"application/x-www-form-urlencoded; charset=UTF-8",
         Z,
         ERR_OK,
         0,
         "application",
         "x-www-form-urlencoded",
         1,
         {{"charset", "UTF-8"}}},
        {"text/html;charset=utf-8", Z, ERR_OK, 0, "text", "html", 1, {{"charset", "utf-8"}}},
        {"text/html ; charset=utf-8", Z, ERR_OK, 0, "text", "html", 1, {{"charset", "utf-8"}}},
        {"text/html\t;\tcharset=utf-8\t", Z, ERR_OK, 0, "text", "html", 1, {{"charset", "utf-8"}}},
        {"  text/plain  ", Z, ERR_OK, 0, "text", "plain", 0, {{NULL, NULL}}},
        {"text/plain; CHARSET=utf-8", Z, ERR_OK, 0, "text", "plain", 1, {{"charset", "utf-8"}}},
        {"text/plain;;charset=utf-8;", Z, ERR_OK, 0, "text", "plain", 1, {{"charset", "utf-8"}}},
        {"text/plain; a=1; b=2; c=3", Z, ERR_OK, 0, "text", "plain", 3, {{"a", "1"}, {"b", "2"}, {"c", "3"}}},
        {"multipart/form-data; boundary=\"a b:c\"",
         Z,
         ERR_OK,
         0,
         "multipart",
         "form-data",
         1,
         {{"boundary", "a b:c"}}},
        {"text/plain; x=\"a\\\"b\\\\c\"", Z, ERR_OK, 0, "text", "plain", 1, {{"x", "a\"b\\c"}}},
        {"text/plain; x=\"\"", Z, ERR_OK, 0, "text", "plain", 1, {{"x", ""}}},
        {"text/plain; x=\"a;b,c\"", Z, ERR_OK, 0, "text", "plain", 1, {{"x", "a;b,c"}}},
        {"application/json; charset=utf-8, text/plain",
         16,
         ERR_OK,
         0,
         "application",
         "json",
         0,
         {{NULL, NULL}}},
        /* refused */
        {"", Z, ERR_INVAL, 0, NULL, NULL, 0, {{NULL, NULL}}},
        {"   ", Z, ERR_INVAL, 3, NULL, NULL, 0, {{NULL, NULL}}},
        {"json", Z, ERR_INVAL, 4, NULL, NULL, 0, {{NULL, NULL}}},
        {"application/", Z, ERR_INVAL, 12, NULL, NULL, 0, {{NULL, NULL}}},
        {"/json", Z, ERR_INVAL, 0, NULL, NULL, 0, {{NULL, NULL}}},
        {"application /json", Z, ERR_INVAL, 11, NULL, NULL, 0, {{NULL, NULL}}},
        {"application/ json", Z, ERR_INVAL, 12, NULL, NULL, 0, {{NULL, NULL}}},
        {"application/json/x", Z, ERR_INVAL, 16, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; charset", Z, ERR_INVAL, 18, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; charset =utf-8", Z, ERR_INVAL, 18, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; charset= utf-8", Z, ERR_INVAL, 19, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; charset=", Z, ERR_INVAL, 19, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; =x", Z, ERR_INVAL, 11, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html, text/plain", Z, ERR_INVAL, 9, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html x", Z, ERR_INVAL, 10, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; a=\"x", Z, ERR_INVAL, 13, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; a=\"x\\", Z, ERR_INVAL, 13, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; a=\"x\"y", Z, ERR_INVAL, 16, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; a=1; A=2", Z, ERR_INVAL, 16, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; a=1; b=2; a=\"1\"", Z, ERR_INVAL, 21, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/ภาษา", Z, ERR_INVAL, 5, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; a=\"\x01\"", Z, ERR_INVAL, 14, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; a=\"ก\"", Z, ERR_INVAL, 14, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html; a=\"\\\x01\"", Z, ERR_INVAL, 15, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html\0", 10, ERR_INVAL, 9, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/html;\r\n charset=utf-8", Z, ERR_INVAL, 10, NULL, NULL, 0, {{NULL, NULL}}},
        {"text/plain; a=1; b=2; c=3; d=4; e=5; f=6; g=7; h=8",
         Z,
         ERR_OK,
         0,
         "text",
         "plain",
         8,
         {{"a", "1"}, {"b", "2"}, {"c", "3"}}},
        {"text/plain; a=1; b=2; c=3; d=4; e=5; f=6; g=7; h=8; i=9",
         Z,
         ERR_TOOBIG,
         52,
         NULL,
         NULL,
         0,
         {{NULL, NULL}}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a, 0);
        struct http_media_type mt = {{"untouched", 9}, {NULL, 0}, {NULL, 0}};
        struct http_parse_err err = {999, NULL};
        size_t len = cases[i].len == Z ? strlen(cases[i].in) : cases[i].len;
        int rc = http_media_type_parse(&a, cases[i].in, len, &mt, &err);
        if (rc != cases[i].rc)
            fail_msg("case %zu (%s): rc %d, want %d", i, cases[i].in, rc, cases[i].rc);
        if (rc == ERR_OK) {
            assert_string_equal(mt.type.ptr, cases[i].type);
            assert_int_equal(mt.type.len, strlen(cases[i].type));
            assert_string_equal(mt.subtype.ptr, cases[i].subtype);
            assert_int_equal(mt.subtype.len, strlen(cases[i].subtype));
            assert_int_equal(mt.params.count, cases[i].nparams);
            for (size_t k = 0; k < mt.params.count && k < 3; k++) {
                assert_string_equal(mt.params.items[k].key.ptr, cases[i].params[k].key);
                assert_string_equal(mt.params.items[k].value.ptr, cases[i].params[k].value);
                assert_int_equal(mt.params.items[k].value.len, strlen(cases[i].params[k].value));
            }
        } else {
            if (err.offset != cases[i].offset)
                fail_msg("case %zu (%s): offset %zu, want %zu", i, cases[i].in, err.offset, cases[i].offset);
            assert_non_null(err.reason);
            assert_string_equal(mt.type.ptr, "untouched");
        }
        arena_release(&a);
    }
}

static void test_media_type_limits_and_lookup(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct http_media_type mt;
    struct http_parse_err err;
    static char s[HTTP_MEDIA_MAX_LEN + 1];
    memset(s, ' ', sizeof s);
    memcpy(s, "text/plain", 10);
    assert_int_equal(http_media_type_parse(&a, s, HTTP_MEDIA_MAX_LEN, &mt, &err), ERR_OK);
    assert_int_equal(http_media_type_parse(&a, s, HTTP_MEDIA_MAX_LEN + 1, &mt, &err), ERR_TOOBIG);
    assert_int_equal(http_media_type_parse(&a, NULL, 0, &mt, &err), ERR_INVAL);

    const char *ct = "multipart/form-data; Boundary=\"xyz\"; charset=UTF-8";
    assert_int_equal(http_media_type_parse(&a, ct, strlen(ct), &mt, NULL), ERR_OK);
    assert_string_equal(http_media_type_param(&mt, "boundary"), "xyz");
    assert_string_equal(http_media_type_param(&mt, "charset"), "UTF-8");
    assert_null(http_media_type_param(&mt, "Boundary")); /* names are stored in lower case */
    assert_null(http_media_type_param(&mt, "q"));
    arena_release(&a);
}

static void test_content_type_body(void **state)
{
    (void)state;
    char b70[128], b71[128];
    snprintf(b70, sizeof b70, "multipart/form-data; boundary=%070d", 7);
    snprintf(b71, sizeof b71, "multipart/form-data; boundary=%071d", 7);
    const struct {
        const char *in;
        int rc;
        enum http_body_kind kind;
    } cases[] = {
        {"application/x-www-form-urlencoded", ERR_OK, HTTP_BODY_FORM},
        {"application/x-www-form-urlencoded; charset=UTF-8", ERR_OK, HTTP_BODY_FORM},
        {"application/x-www-form-urlencoded;charset=utf-8", ERR_OK, HTTP_BODY_FORM},
        {"Application/X-WWW-Form-Urlencoded; Charset=\"utf-8\"", ERR_OK, HTTP_BODY_FORM},
        {"application/json", ERR_OK, HTTP_BODY_JSON},
        {"application/json; charset=utf-8", ERR_OK, HTTP_BODY_JSON},
        {"APPLICATION/JSON", ERR_OK, HTTP_BODY_JSON},
        {"application/json;", ERR_OK, HTTP_BODY_JSON},
        {"multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW", ERR_OK, HTTP_BODY_MULTIPART},
        {"multipart/form-data; boundary=\"a b'()+_,-./:=?\"", ERR_OK, HTTP_BODY_MULTIPART},
        {b70, ERR_OK, HTTP_BODY_MULTIPART},
        /* well-formed but not for us: 415 */
        {b71, ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"application/json; charset=iso-8859-1", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"application/json; charset=utf8", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"application/json; charset=tis-620", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"application/json; foo=bar", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"application/x-www-form-urlencoded; charset=windows-874", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"text/plain", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"application/xml", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"application/problem+json", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"application/*", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"multipart/form-data", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"multipart/mixed; boundary=x", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"multipart/form-data; boundary=\"\"", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"multipart/form-data; boundary=\"abc \"", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"multipart/form-data; boundary=\"a;b\"", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"multipart/form-data; boundary=abc; charset=utf-8", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        {"multipart/form-data; charset=utf-8", ERR_UNSUPPORTED, HTTP_BODY_FORM},
        /* malformed: 400 */
        {"", ERR_INVAL, HTTP_BODY_FORM},
        {"json", ERR_INVAL, HTTP_BODY_FORM},
        {"application/json, text/plain", ERR_INVAL, HTTP_BODY_FORM},
        {"application/json; charset", ERR_INVAL, HTTP_BODY_FORM},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a, 0);
        enum http_body_kind kind = (enum http_body_kind)99;
        struct http_parse_err err = {999, NULL};
        int rc = http_content_type_body(&a, cases[i].in, strlen(cases[i].in), &kind, &err);
        if (rc != cases[i].rc)
            fail_msg("case %zu (%s): rc %d, want %d", i, cases[i].in, rc, cases[i].rc);
        if (rc == ERR_OK) {
            assert_int_equal(kind, cases[i].kind);
        } else {
            assert_int_equal(kind, 99);
            assert_non_null(err.reason);
        }
        arena_release(&a);
    }
}

static const char chrome[] = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
                             "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
static const char firefox[] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
static const char htmx[] = "*/*"; /* htmx and curl */

static void test_accept(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int rc;
        enum http_want want;
    } cases[] = {
        {NULL, ERR_OK, HTTP_WANT_HTML},
        {"", ERR_OK, HTTP_WANT_HTML},
        {" , ,", ERR_OK, HTTP_WANT_HTML},
        {htmx, ERR_OK, HTTP_WANT_HTML},
        {chrome, ERR_OK, HTTP_WANT_HTML},
        {firefox, ERR_OK, HTTP_WANT_HTML},
        {"text/html", ERR_OK, HTTP_WANT_HTML},
        {"text/*", ERR_OK, HTTP_WANT_HTML},
        {"application/json", ERR_OK, HTTP_WANT_JSON},
        {"application/problem+json", ERR_OK, HTTP_WANT_JSON},
        {"APPLICATION/JSON", ERR_OK, HTTP_WANT_JSON},
        {"application/json; charset=utf-8", ERR_OK, HTTP_WANT_JSON},
        {"application/*", ERR_OK, HTTP_WANT_JSON},
        {"application/json, text/html;q=0.9", ERR_OK, HTTP_WANT_JSON},
        {"application/json, */*;q=0.1", ERR_OK, HTTP_WANT_JSON},
        {"application/json;q=0.5, text/html;q=0.5", ERR_OK, HTTP_WANT_HTML}, /* a tie goes to pages */
        {"application/json;q=0.501, text/html;q=0.5", ERR_OK, HTTP_WANT_JSON},
        {"application/json;q=1.000", ERR_OK, HTTP_WANT_JSON},
        {"application/json;q=0.001", ERR_OK, HTTP_WANT_JSON},
        {"application/json;Q=0.5, text/html;q=0.4", ERR_OK, HTTP_WANT_JSON},
        {"application/json;q=0, */*", ERR_OK, HTTP_WANT_HTML}, /* the exact range wins */
        {"text/html;q=0, */*", ERR_OK, HTTP_WANT_JSON},
        {"text/html;q=0, application/*;q=0.2", ERR_OK, HTTP_WANT_JSON},
        {"application/*;q=0.9, application/json;q=0.1, application/problem+json;q=0.1, text/html;q=0.5",
         ERR_OK, HTTP_WANT_HTML},
        /* problem+json is still acceptable at 0.9 through the wildcard */
        {"application/*;q=0.9, application/json;q=0.1, text/html;q=0.5", ERR_OK, HTTP_WANT_JSON},
        {"application/json;q=0.1, application/problem+json;q=0.8, text/html;q=0.5", ERR_OK, HTTP_WANT_JSON},
        {"text/html;level=1;q=0.2, application/json;q=0.3", ERR_OK, HTTP_WANT_JSON},
        {"text/html;q=0.2, text/html;q=0.7, application/json;q=0.5", ERR_OK, HTTP_WANT_HTML},
        {"text/html;q=0.7, text/html;q=0.2, application/json;q=0.5", ERR_OK, HTTP_WANT_HTML}, /* the larger */
        {" , , application/json ,,", ERR_OK, HTTP_WANT_JSON},
        {"text/html;", ERR_OK, HTTP_WANT_HTML},
        {"application/json;q=0.", ERR_OK, HTTP_WANT_NONE},
        {"text/html;q=0, application/json;q=0", ERR_OK, HTTP_WANT_NONE},
        {"image/png", ERR_OK, HTTP_WANT_NONE},
        {"application/xhtml+xml", ERR_OK, HTTP_WANT_NONE},
        {"*/*;q=0", ERR_OK, HTTP_WANT_NONE},
        /* malformed */
        {"application/json;q=2", ERR_INVAL, HTTP_WANT_HTML},
        {"application/json;q=1.0001", ERR_INVAL, HTTP_WANT_HTML},
        {"application/json;q=1.5", ERR_INVAL, HTTP_WANT_HTML},
        {"application/json;q=0.1234", ERR_INVAL, HTTP_WANT_HTML},
        {"application/json;q=.5", ERR_INVAL, HTTP_WANT_HTML},
        {"application/json;q=0,5", ERR_INVAL, HTTP_WANT_HTML},
        {"application/json;q=-0", ERR_INVAL, HTTP_WANT_HTML},
        {"application/json;q=\"0.5\"", ERR_INVAL, HTTP_WANT_HTML},
        {"application/json;q=0.5;q=0.4", ERR_INVAL, HTTP_WANT_HTML},
        {"application/json;q", ERR_INVAL, HTTP_WANT_HTML},
        {"*/json", ERR_INVAL, HTTP_WANT_HTML},
        {"text", ERR_INVAL, HTTP_WANT_HTML},
        {"text/html text/plain", ERR_INVAL, HTTP_WANT_HTML},
        {"text/html; q=0.5 x", ERR_INVAL, HTTP_WANT_HTML},
        {"ข้อความ/html", ERR_INVAL, HTTP_WANT_HTML},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum http_want want = (enum http_want)99;
        struct http_parse_err err = {999, NULL};
        const char *in = cases[i].in;
        int rc = http_accept_want(in, in ? strlen(in) : 0, &want, &err);
        if (rc != cases[i].rc)
            fail_msg("case %zu (%s): rc %d, want %d", i, in ? in : "NULL", rc, cases[i].rc);
        if (rc == ERR_OK) {
            if (want != cases[i].want)
                fail_msg("case %zu (%s): want %d, expected %d", i, in ? in : "NULL", want, cases[i].want);
        } else {
            assert_int_equal(want, 99);
            assert_non_null(err.reason);
        }
    }
}

static void test_accept_error_offsets_and_limits(void **state)
{
    (void)state;
    enum http_want want;
    struct http_parse_err err;
    const char *s = "text/html, application/json;q=7";
    assert_int_equal(http_accept_want(s, strlen(s), &want, &err), ERR_INVAL);
    assert_int_equal(err.offset, 28);
    s = "text/html, */json";
    assert_int_equal(http_accept_want(s, strlen(s), &want, &err), ERR_INVAL);
    assert_int_equal(err.offset, 11);
    s = "application/json;q=0.5, text/html";
    assert_int_equal(http_accept_want(s, 16, &want, &err), ERR_OK); /* only len bytes are read */
    assert_int_equal(want, HTTP_WANT_JSON);

    /* 64 ranges pass, 65 do not */
    char many[65 * 4 + 1];
    for (size_t i = 0; i < 65; i++)
        memcpy(many + 4 * i, "a/b,", 4);
    assert_int_equal(http_accept_want(many, 64 * 4, &want, &err), ERR_OK);
    assert_int_equal(http_accept_want(many, 65 * 4, &want, &err), ERR_TOOBIG);
    assert_int_equal(err.offset, 256);
    /* HTTP_ACCEPT_MAX_LEN bytes pass, one more does not */
    static char big[HTTP_ACCEPT_MAX_LEN + 1];
    memset(big, ' ', sizeof big);
    memcpy(big, "application/json", 16);
    assert_int_equal(http_accept_want(big, HTTP_ACCEPT_MAX_LEN, &want, &err), ERR_OK);
    assert_int_equal(want, HTTP_WANT_JSON);
    assert_int_equal(http_accept_want(big, sizeof big, &want, &err), ERR_TOOBIG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_media_type_parse),
        cmocka_unit_test(test_media_type_limits_and_lookup),
        cmocka_unit_test(test_content_type_body),
        cmocka_unit_test(test_accept),
        cmocka_unit_test(test_accept_error_offsets_and_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
