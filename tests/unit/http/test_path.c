/*
 * Unit tests for request paths and route patterns (src/http/path.c): splitting targets, decoding
 * paths segment by segment (so %2F never splits), refusing dot and empty segments, compiling
 * patterns with typed parameters, and matching with the trailing-slash policy.
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

static void test_target_split(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *path, *query; /* query NULL: no '?' */
    } cases[] = {
        {"/a?b=1", "/a", "b=1"}, {"/a", "/a", NULL},      {"/a?", "/a", ""},
        {"?x", "", "x"},         {"/a?b?c", "/a", "b?c"}, {"", "", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct slice path, query;
        http_target_split(cases[i].in, strlen(cases[i].in), &path, &query);
        assert_true(slice_eq_str(path, cases[i].path));
        if (cases[i].query) {
            assert_non_null(query.ptr);
            assert_true(slice_eq_str(query, cases[i].query));
        } else {
            assert_null(query.ptr);
            assert_int_equal(query.len, 0);
        }
    }
    struct slice path, query;
    http_target_split("/a?b", 2, &path, &query); /* only len bytes are read */
    assert_true(slice_eq_str(path, "/a"));
    assert_null(query.ptr);
}

static void test_path_parse(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        int rc;
        size_t offset;
        size_t count;
        bool trailing;
        const char *segs[4];
    } cases[] = {
        {"/", Z, ERR_OK, 0, 0, false, {NULL}},
        {"/api", Z, ERR_OK, 0, 1, false, {"api"}},
        {"/api/v1/laos/12", Z, ERR_OK, 0, 4, false, {"api", "v1", "laos", "12"}},
        {"/laos/", Z, ERR_OK, 0, 1, true, {"laos"}},
        {"/a%2Fb", Z, ERR_OK, 0, 1, false, {"a/b"}}, /* an encoded slash stays in its segment */
        {"/a%2fb/c", Z, ERR_OK, 0, 2, false, {"a/b", "c"}},
        {"/%E0%B8%81/x", Z, ERR_OK, 0, 2, false, {"ก", "x"}},
        {"/ตำบล", Z, ERR_OK, 0, 1, false, {"ตำบล"}},
        {"/l%61os", Z, ERR_OK, 0, 1, false, {"laos"}},
        {"/a+b", Z, ERR_OK, 0, 1, false, {"a+b"}}, /* no '+' rule in paths */
        {"/.../x", Z, ERR_OK, 0, 2, false, {"...", "x"}},
        {"/..a/.b", Z, ERR_OK, 0, 2, false, {"..a", ".b"}},
        {"/a/b?x", 4, ERR_OK, 0, 2, false, {"a", "b"}},
        /* refused */
        {"", Z, ERR_INVAL, 0, 0, false, {NULL}},
        {"api", Z, ERR_INVAL, 0, 0, false, {NULL}},
        {"*", Z, ERR_INVAL, 0, 0, false, {NULL}},
        {"//", Z, ERR_INVAL, 1, 0, false, {NULL}},
        {"//a", Z, ERR_INVAL, 1, 0, false, {NULL}},
        {"/a//b", Z, ERR_INVAL, 3, 0, false, {NULL}},
        {"/a//", Z, ERR_INVAL, 3, 0, false, {NULL}},
        {"/.", Z, ERR_INVAL, 1, 0, false, {NULL}},
        {"/./a", Z, ERR_INVAL, 1, 0, false, {NULL}},
        {"/a/..", Z, ERR_INVAL, 3, 0, false, {NULL}},
        {"/a/../b", Z, ERR_INVAL, 3, 0, false, {NULL}},
        {"/a/%2E%2E", Z, ERR_INVAL, 3, 0, false, {NULL}},
        {"/a/.%2e/", Z, ERR_INVAL, 3, 0, false, {NULL}},
        {"/a/%2e", Z, ERR_INVAL, 3, 0, false, {NULL}},
        {"/a?b", Z, ERR_INVAL, 2, 0, false, {NULL}},
        {"/a#b", Z, ERR_INVAL, 2, 0, false, {NULL}},
        {"/a%zz", Z, ERR_INVAL, 2, 0, false, {NULL}},
        {"/x/a%00", Z, ERR_INVAL, 4, 0, false, {NULL}},
        {"/%FF", Z, ERR_INVAL, 1, 0, false, {NULL}},
        {"/a/b%C0%AF", Z, ERR_INVAL, 4, 0, false, {NULL}},
        {"/a\x01", Z, ERR_INVAL, 2, 0, false, {NULL}},
        {"/a\0b", 4, ERR_INVAL, 2, 0, false, {NULL}},
        {"/a b\r\n", Z, ERR_INVAL, 4, 0, false, {NULL}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a, 0);
        struct http_path p = {NULL, 555, false};
        struct http_parse_err err = {999, NULL};
        size_t len = cases[i].len == Z ? strlen(cases[i].in) : cases[i].len;
        int rc = http_path_parse(&a, cases[i].in, len, &p, &err);
        if (rc != cases[i].rc)
            fail_msg("case %zu (%s): rc %d, want %d", i, cases[i].in, rc, cases[i].rc);
        if (rc == ERR_OK) {
            assert_int_equal(p.count, cases[i].count);
            assert_int_equal(p.trailing_slash, cases[i].trailing);
            for (size_t k = 0; k < p.count; k++) {
                assert_int_equal(p.segs[k].len, strlen(cases[i].segs[k]));
                assert_string_equal(p.segs[k].ptr, cases[i].segs[k]);
            }
        } else {
            if (err.offset != cases[i].offset)
                fail_msg("case %zu (%s): offset %zu, want %zu", i, cases[i].in, err.offset, cases[i].offset);
            assert_non_null(err.reason);
            assert_int_equal(p.count, 555);
        }
        arena_release(&a);
    }
}

static void test_path_limits(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct http_path p;
    struct http_parse_err err;
    char s[HTTP_PATH_MAX_LEN + 2];
    /* 32 segments, with or without a trailing slash, pass; 33 do not */
    for (size_t i = 0; i < 33; i++)
        memcpy(s + 2 * i, "/a", 2);
    s[66] = '/';
    assert_int_equal(http_path_parse(&a, s, 64, &p, &err), ERR_OK);
    assert_int_equal(p.count, 32);
    assert_int_equal(http_path_parse(&a, s, 65, &p, &err), ERR_OK);
    assert_true(p.trailing_slash);
    assert_int_equal(http_path_parse(&a, s, 66, &p, &err), ERR_TOOBIG);
    assert_int_equal(err.offset, 65);
    /* HTTP_PATH_MAX_LEN bytes pass, one more does not */
    s[0] = '/';
    memset(s + 1, 'x', sizeof s - 1);
    assert_int_equal(http_path_parse(&a, s, HTTP_PATH_MAX_LEN, &p, &err), ERR_OK);
    assert_int_equal(p.segs[0].len, HTTP_PATH_MAX_LEN - 1);
    assert_int_equal(http_path_parse(&a, s, HTTP_PATH_MAX_LEN + 1, &p, &err), ERR_TOOBIG);
    arena_release(&a);
}

static void test_param_type_name(void **state)
{
    (void)state;
    assert_string_equal(http_param_type_name(HTTP_PARAM_ID), "id");
    assert_string_equal(http_param_type_name(HTTP_PARAM_CODE), "code");
    assert_string_equal(http_param_type_name(HTTP_PARAM_NID), "nid");
    assert_null(http_param_type_name(HTTP_PARAM__COUNT));
    assert_null(http_param_type_name((enum http_param_type) - 1));
}

static void test_pattern_compile(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int rc;
        size_t offset;
        size_t count, nparams;
    } cases[] = {
        {"/", ERR_OK, 0, 0, 0},
        {"/api/v1/laos", ERR_OK, 0, 3, 0},
        {"/api/v1/laos/{id}/people", ERR_OK, 0, 5, 1},
        {"/laos/{lao:id}/staff/{pid:id}", ERR_OK, 0, 4, 2},
        {"/codes/{code}", ERR_OK, 0, 2, 1},
        {"/people/{nid}", ERR_OK, 0, 2, 1},
        {"/x/{c:code}/{n:nid}", ERR_OK, 0, 3, 2},
        {"/a-b_c.d~e/F9", ERR_OK, 0, 2, 0},
        {"/{abcdefghijklmnopqrstuvwxyz_12345:id}", ERR_OK, 0, 1, 1}, /* 32-byte name */
        {"/{a:id}/{b:id}/{c:id}/{d:id}/{e:id}/{f:id}/{g:id}/{h:id}", ERR_OK, 0, 8, 8},
        /* refused */
        {"", ERR_INVAL, 0, 0, 0},
        {"api", ERR_INVAL, 0, 0, 0},
        {"/api/", ERR_INVAL, 4, 0, 0},
        {"//", ERR_INVAL, 1, 0, 0},
        {"/a//b", ERR_INVAL, 3, 0, 0},
        {"/{name}", ERR_INVAL, 2, 0, 0},
        {"/{x:int}", ERR_INVAL, 4, 0, 0},
        {"/{id:}", ERR_INVAL, 5, 0, 0},
        {"/{Id}", ERR_INVAL, 2, 0, 0},
        {"/{1x:id}", ERR_INVAL, 2, 0, 0},
        {"/{}", ERR_INVAL, 2, 0, 0},
        {"/{:id}", ERR_INVAL, 2, 0, 0},
        {"/{a-b:id}", ERR_INVAL, 2, 0, 0},
        {"/{abcdefghijklmnopqrstuvwxyz_123456:id}", ERR_INVAL, 2, 0, 0}, /* 33-byte name */
        {"/{a:b:id}", ERR_INVAL, 4, 0, 0},
        {"/{id}/{id}", ERR_INVAL, 7, 0, 0},
        {"/x/{a:id}/{a:code}", ERR_INVAL, 11, 0, 0},
        {"/x{id}", ERR_INVAL, 2, 0, 0},
        {"/{id}x", ERR_INVAL, 1, 0, 0},
        {"/{id", ERR_INVAL, 1, 0, 0},
        {"/{", ERR_INVAL, 1, 0, 0},
        {"/id}", ERR_INVAL, 3, 0, 0},
        {"/a/./b", ERR_INVAL, 3, 0, 0},
        {"/a/..", ERR_INVAL, 3, 0, 0},
        {"/ก", ERR_INVAL, 1, 0, 0},
        {"/a b", ERR_INVAL, 2, 0, 0},
        {"/a%2Fb", ERR_INVAL, 2, 0, 0},
        {"/a?x=1", ERR_INVAL, 2, 0, 0},
        {"/{a:id}/{b:id}/{c:id}/{d:id}/{e:id}/{f:id}/{g:id}/{h:id}/{i:id}", ERR_TOOBIG, 57, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a, 0);
        struct http_pattern *p = NULL;
        struct http_parse_err err = {999, NULL};
        int rc = http_pattern_compile(&a, cases[i].in, &p, &err);
        if (rc != cases[i].rc)
            fail_msg("case %zu (%s): rc %d, want %d", i, cases[i].in, rc, cases[i].rc);
        if (rc == ERR_OK) {
            assert_string_equal(p->source, cases[i].in);
            assert_int_equal(p->count, cases[i].count);
            assert_int_equal(p->nparams, cases[i].nparams);
        } else {
            if (err.offset != cases[i].offset)
                fail_msg("case %zu (%s): offset %zu, want %zu", i, cases[i].in, err.offset, cases[i].offset);
            assert_non_null(err.reason);
            assert_null(p);
        }
        arena_release(&a);
    }
}

static void test_pattern_compile_limits(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct http_pattern *p = NULL;
    struct http_parse_err err;
    char s[33 * 2 + 1];
    for (size_t i = 0; i < 33; i++)
        memcpy(s + 2 * i, "/a", 2);
    s[64] = '\0';
    assert_int_equal(http_pattern_compile(&a, s, &p, &err), ERR_OK);
    assert_int_equal(p->count, 32);
    s[64] = '/';
    s[66] = '\0';
    assert_int_equal(http_pattern_compile(&a, s, &p, &err), ERR_TOOBIG);
    assert_int_equal(err.offset, 64);
    assert_int_equal(http_pattern_compile(&a, NULL, &p, &err), ERR_INVAL);
    /* no longer than a request path may be */
    static char longest[HTTP_PATH_MAX_LEN + 2];
    memset(longest, 'x', sizeof longest - 1);
    longest[0] = '/';
    longest[HTTP_PATH_MAX_LEN] = '\0';
    assert_int_equal(http_pattern_compile(&a, longest, &p, &err), ERR_OK);
    longest[HTTP_PATH_MAX_LEN] = 'x';
    assert_int_equal(http_pattern_compile(&a, longest, &p, &err), ERR_TOOBIG);
    assert_int_equal(err.offset, HTTP_PATH_MAX_LEN);
    arena_release(&a);
}

static void test_pattern_segments(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct http_pattern *p;
    assert_int_equal(http_pattern_compile(&a, "/laos/{lao:id}/staff/{code}", &p, NULL), ERR_OK);
    assert_false(p->segs[0].is_param);
    assert_string_equal(p->segs[0].text.ptr, "laos");
    assert_true(p->segs[1].is_param);
    assert_string_equal(p->segs[1].text.ptr, "lao");
    assert_int_equal(p->segs[1].type, HTTP_PARAM_ID);
    assert_true(p->segs[3].is_param);
    assert_string_equal(p->segs[3].text.ptr, "code");
    assert_int_equal(p->segs[3].type, HTTP_PARAM_CODE);
    arena_release(&a);
}

struct want_param {
    const char *name, *value;
    int64_t id;
};

static void test_pattern_match(void **state)
{
    (void)state;
    static const char code64[] = "/codes/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static const char code65[] = "/codes/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static const struct {
        const char *pattern, *path;
        int rc;
        size_t count;
        struct want_param params[2];
    } cases[] = {
        {"/", "/", ERR_OK, 0, {{NULL, NULL, 0}}},
        {"/", "/a", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos", "/api/v1/laos", ERR_OK, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos", "/api/v1/l%61os", ERR_OK, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos", "/api/v1/laos/", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}}, /* trailing slash */
        {"/api/v1/laos", "/api/v1/LAOS", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos", "/api/v1", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos", "/api/v1/laos/x", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos", "/api/v1/lao", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos", "/api/v1%2Flaos", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos/{id}/people", "/api/v1/laos/42/people", ERR_OK, 1, {{"id", "42", 42}}},
        {"/api/v1/laos/{id}/people", "/api/v1/laos/1/people", ERR_OK, 1, {{"id", "1", 1}}},
        {"/api/v1/laos/{id}/people", "/api/v1/laos/%34%32/people", ERR_OK, 1, {{"id", "42", 42}}},
        {"/api/v1/laos/{id}/people",
         "/api/v1/laos/9223372036854775807/people",
         ERR_OK,
         1,
         {{"id", "9223372036854775807", INT64_MAX}}},
        {"/api/v1/laos/{id}/people",
         "/api/v1/laos/9223372036854775808/people",
         ERR_NOTFOUND,
         0,
         {{NULL, NULL, 0}}},
        {"/api/v1/laos/{id}/people", "/api/v1/laos/0/people", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos/{id}/people", "/api/v1/laos/042/people", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos/{id}/people", "/api/v1/laos/-1/people", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos/{id}/people", "/api/v1/laos/+1/people", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos/{id}/people", "/api/v1/laos/1.5/people", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos/{id}/people",
         "/api/v1/laos/%E0%B9%91/people",
         ERR_NOTFOUND,
         0,
         {{NULL, NULL, 0}}}, /* Thai digit one */
        {"/api/v1/laos/{id}/people", "/api/v1/laos/4%2F2/people", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/api/v1/laos/{id}/people", "/api/v1/laos/42", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/codes/{code}", "/codes/ABC_def-1", ERR_OK, 1, {{"code", "ABC_def-1", 0}}},
        {"/codes/{code}", code64, ERR_OK, 1, {{"code", code64 + 7, 0}}},
        {"/codes/{code}", code65, ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/codes/{code}", "/codes/a.b", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/codes/{code}", "/codes/a%20b", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/codes/{code}", "/codes/%E0%B8%81", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/codes/{code}", "/codes/a%2Fb", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/codes/{code}", "/codes/a'b", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/people/{nid}", "/people/1101700203450", ERR_OK, 1, {{"nid", "1101700203450", 0}}},
        {"/people/{nid}", "/people/1101700203451", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}}, /* check digit */
        {"/people/{nid}", "/people/110170020345", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/people/{nid}", "/people/11017002034500", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/people/{nid}", "/people/1-1017-00203-45-0", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/laos/{lao:id}/staff/{pid:id}",
         "/laos/7/staff/99",
         ERR_OK,
         2,
         {{"lao", "7", 7}, {"pid", "99", 99}}},
        {"/laos/{lao:id}/staff/{pid:id}", "/laos/7/staff/x", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
        {"/laos/{lao:id}/staff/{pid:id}", "/laos/7/Staff/9", ERR_NOTFOUND, 0, {{NULL, NULL, 0}}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a, 0);
        struct http_pattern *p;
        struct http_path path;
        struct http_match m;
        assert_int_equal(http_pattern_compile(&a, cases[i].pattern, &p, NULL), ERR_OK);
        assert_int_equal(http_path_parse(&a, cases[i].path, strlen(cases[i].path), &path, NULL), ERR_OK);
        int rc = http_pattern_match(p, &path, &m);
        if (rc != cases[i].rc)
            fail_msg("case %zu (%s on %s): rc %d, want %d", i, cases[i].path, cases[i].pattern, rc,
                     cases[i].rc);
        if (rc == ERR_OK) {
            assert_int_equal(m.count, cases[i].count);
            for (size_t k = 0; k < m.count; k++) {
                assert_string_equal(m.params[k].name, cases[i].params[k].name);
                assert_string_equal(m.params[k].value.ptr, cases[i].params[k].value);
                assert_int_equal(m.params[k].id, cases[i].params[k].id);
                assert_ptr_equal(http_match_get(&m, cases[i].params[k].name), &m.params[k]);
            }
        }
        arena_release(&a);
    }
}

static void test_match_get(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct http_pattern *p;
    struct http_path path;
    struct http_match m;
    assert_int_equal(http_pattern_compile(&a, "/laos/{lao:id}/codes/{code}", &p, NULL), ERR_OK);
    assert_int_equal(http_path_parse(&a, "/laos/12/codes/PA-01", 20, &path, NULL), ERR_OK);
    assert_int_equal(http_pattern_match(p, &path, &m), ERR_OK);
    const struct http_path_param *lao = http_match_get(&m, "lao");
    assert_non_null(lao);
    assert_int_equal(lao->type, HTTP_PARAM_ID);
    assert_int_equal(lao->id, 12);
    const struct http_path_param *code = http_match_get(&m, "code");
    assert_non_null(code);
    assert_int_equal(code->type, HTTP_PARAM_CODE);
    assert_string_equal(code->value.ptr, "PA-01");
    assert_int_equal(code->id, 0);
    assert_null(http_match_get(&m, "id"));
    assert_null(http_match_get(&m, "laos"));
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_target_split),     cmocka_unit_test(test_path_parse),
        cmocka_unit_test(test_path_limits),      cmocka_unit_test(test_param_type_name),
        cmocka_unit_test(test_pattern_compile),  cmocka_unit_test(test_pattern_compile_limits),
        cmocka_unit_test(test_pattern_segments), cmocka_unit_test(test_pattern_match),
        cmocka_unit_test(test_match_get),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
