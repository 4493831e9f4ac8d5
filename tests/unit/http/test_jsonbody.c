/*
 * Unit tests for JSON request bodies (src/http/jsonbody.c): the size limit, objects only, errors with
 * line and column a client can act on, and the parsed value released with the request's arena.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "http/parse.h"

#define Z SIZE_MAX

static void test_json_body(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        size_t max;
        int rc;
        const char *msg; /* expected start of the error message */
    } cases[] = {
        {"{}", Z, 100, ERR_OK, NULL},
        {"{\"name\":\"สมชาย ใจดี\",\"lao_id\":12}", Z, 100, ERR_OK, NULL},
        {"  {\"a\":[1,2,{\"b\":null}]}\n", Z, 100, ERR_OK, NULL},
        {"{\"a\":1}garbage", 7, 100, ERR_OK, NULL}, /* only len bytes are read */
        {"{}", Z, 2, ERR_OK, NULL},
        /* refused */
        {"{}", Z, 1, ERR_TOOBIG, "the request body is larger than 1 bytes"},
        {"", Z, 100, ERR_INVAL, "line 1, column 1: the request body is empty"},
        {"[]", Z, 100, ERR_INVAL, "line 1, column 1: the request body must be a JSON object"},
        {"\n  [1]", Z, 100, ERR_INVAL, "line 2, column 3: the request body must be a JSON object"},
        {"42", Z, 100, ERR_INVAL, "line 1, column 1: the request body must be a JSON object"},
        {"\"x\"", Z, 100, ERR_INVAL, "line 1, column 1: the request body must be a JSON object"},
        {"null", Z, 100, ERR_INVAL, "line 1, column 1: the request body must be a JSON object"},
        {" ", Z, 100, ERR_INVAL, "line 1, column "},
        {"{\"a\":1,\"a\":2}", Z, 100, ERR_INVAL, "line 1, column "},
        {"{\"a\":1", Z, 100, ERR_INVAL, "line 1, column "},
        {"{\n\"a\": tru}", Z, 100, ERR_INVAL, "line 2, column "},
        {"{\"a\":\"\\u0000\"}", Z, 100, ERR_INVAL, "line 1, column "},
        {"{\"a\":\"\xff\"}", Z, 100, ERR_INVAL, "line 1, column "},
        {"{\"a\":\"\xe0\xb8\"}", Z, 100, ERR_INVAL, "line 1, column "},
        {"{} x", Z, 100, ERR_INVAL, "line 1, column "},
        {"{}{}", Z, 100, ERR_INVAL, "line 1, column "},
        {"{\"a\":1}\0", 8, 100, ERR_INVAL, "line 1, column "},
        {"\xef\xbb\xbf{}", Z, 100, ERR_INVAL, "line 1, column "}, /* no byte order mark */
        {"{'a':1}", Z, 100, ERR_INVAL, "line 1, column "},
        {"{\"a\":99999999999999999999}", Z, 100, ERR_INVAL, "line 1, column "},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a, 0);
        struct buf err;
        buf_init(&err, 1024);
        json_t *v = NULL;
        size_t len = cases[i].len == Z ? strlen(cases[i].in) : cases[i].len;
        int rc = http_json_body(&a, cases[i].in, len, cases[i].max, &v, &err);
        if (rc != cases[i].rc)
            fail_msg("case %zu (%s): rc %d, want %d (%s)", i, cases[i].in, rc, cases[i].rc, buf_str(&err));
        if (rc == ERR_OK) {
            assert_true(json_is_object(v));
            assert_int_equal(err.len, 0);
        } else {
            assert_null(v);
            if (strncmp(buf_str(&err), cases[i].msg, strlen(cases[i].msg)) != 0)
                fail_msg("case %zu: message \"%s\", want \"%s...\"", i, buf_str(&err), cases[i].msg);
        }
        buf_release(&err);
        arena_release(&a);
    }
}

static void test_json_body_values(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    json_t *v;
    const char *body = "{\"name\":\"สมชาย\",\"nid\":\"1101700203450\",\"n\":3}";
    assert_int_equal(http_json_body(&a, body, strlen(body), 1024, &v, NULL), ERR_OK);
    assert_string_equal(json_string_value(json_object_get(v, "name")), "สมชาย");
    assert_string_equal(json_string_value(json_object_get(v, "nid")), "1101700203450");
    assert_int_equal(json_integer_value(json_object_get(v, "n")), 3);
    /* errors without a message buffer */
    assert_int_equal(http_json_body(&a, "[]", 2, 1024, &v, NULL), ERR_INVAL);
    assert_int_equal(http_json_body(&a, "{", 1, 1024, &v, NULL), ERR_INVAL);
    assert_int_equal(http_json_body(&a, "{}", 2, 0, &v, NULL), ERR_TOOBIG);
    arena_release(&a);
}

static void test_json_body_owned_by_arena(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    json_t *v;
    assert_int_equal(http_json_body(&a, "{\"a\":1}", 7, 100, &v, NULL), ERR_OK);
    json_incref(v); /* keep it alive past the arena to observe the arena's reference going */
    assert_int_equal(v->refcount, 2);
    arena_release(&a);
    assert_int_equal(v->refcount, 1);
    json_decref(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_body),
        cmocka_unit_test(test_json_body_values),
        cmocka_unit_test(test_json_body_owned_by_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
