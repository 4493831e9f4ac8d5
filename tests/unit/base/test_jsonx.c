/*
 * Unit tests for base/jsonx: typed getters (missing key vs wrong type), parse errors that say where
 * the input went wrong, and dumps with sorted keys so that files and test expectations are stable.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/jsonx.h"

static const char sample[] = "{\"s\": \"text\", \"th\": \"สมชาย\", \"empty\": \"\", \"i\": 42, \"neg\": -7,"
                             " \"zero\": 0, \"max\": 9223372036854775807, \"min\": -9223372036854775808,"
                             " \"r\": 1.5, \"rint\": 2.0, \"t\": true, \"f\": false, \"n\": null,"
                             " \"a\": [1, 2], \"o\": {\"i\": 1}, \"numstr\": \"12\"}";

static int load_sample(void **state)
{
    json_t *v = NULL;
    if (jsonx_parse(sample, strlen(sample), &v, NULL) != ERR_OK)
        return -1;
    *state = v;
    return 0;
}

static int free_sample(void **state)
{
    json_decref(*state);
    return 0;
}

static void test_str(void **state)
{
    const json_t *obj = *state;
    static const struct {
        const char *key, *want; /* want NULL: missing or not a string */
    } cases[] = {
        {"s", "text"}, {"th", "สมชาย"}, {"empty", ""}, {"i", NULL},       {"r", NULL}, {"t", NULL},
        {"n", NULL},   {"a", NULL},     {"o", NULL},   {"missing", NULL}, {"", NULL},  {"S", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = jsonx_str(obj, cases[i].key);
        if (cases[i].want)
            assert_string_equal(got, cases[i].want);
        else
            assert_null(got);
    }
    /* Not an object at all, or no object. */
    json_t *arr = json_array();
    assert_null(jsonx_str(arr, "s"));
    assert_null(jsonx_str(NULL, "s"));
    json_decref(arr);
}

static void test_int(void **state)
{
    const json_t *obj = *state;
    static const struct {
        const char *key;
        int want_rc;
        int64_t want;
    } cases[] = {
        {"i", ERR_OK, 42},          {"neg", ERR_OK, -7},
        {"zero", ERR_OK, 0},        {"max", ERR_OK, INT64_MAX},
        {"min", ERR_OK, INT64_MIN}, {"missing", ERR_NOTFOUND, 0},
        {"r", ERR_INVAL, 0},                                  /* a real is not an integer */
        {"rint", ERR_INVAL, 0},                               /* not even 2.0 */
        {"s", ERR_INVAL, 0},        {"numstr", ERR_INVAL, 0}, /* "12" as a string is not converted */
        {"t", ERR_INVAL, 0},        {"f", ERR_INVAL, 0},
        {"n", ERR_INVAL, 0}, /* present but null: the wrong type, not missing */
        {"a", ERR_INVAL, 0},        {"o", ERR_INVAL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t out = 999;
        int rc = jsonx_int(obj, cases[i].key, &out);
        if (rc != cases[i].want_rc)
            fail_msg("key \"%s\": rc %d, want %d", cases[i].key, rc, cases[i].want_rc);
        assert_int_equal(out, rc == ERR_OK ? cases[i].want : 999); /* untouched on failure */
    }
    int64_t out = 5;
    json_t *arr = json_array();
    assert_int_equal(jsonx_int(arr, "i", &out), ERR_NOTFOUND);
    assert_int_equal(jsonx_int(NULL, "i", &out), ERR_NOTFOUND);
    assert_int_equal(out, 5);
    json_decref(arr);
}

static void test_number(void **state)
{
    const json_t *obj = *state;
    static const struct {
        const char *key;
        int want_rc;
        double want;
    } cases[] = {
        {"i", ERR_OK, 42.0},   {"neg", ERR_OK, -7.0},        {"r", ERR_OK, 1.5},  {"rint", ERR_OK, 2.0},
        {"zero", ERR_OK, 0.0}, {"missing", ERR_NOTFOUND, 0}, {"s", ERR_INVAL, 0}, {"numstr", ERR_INVAL, 0},
        {"t", ERR_INVAL, 0},   {"n", ERR_INVAL, 0},          {"a", ERR_INVAL, 0}, {"o", ERR_INVAL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double out = -99.5;
        int rc = jsonx_number(obj, cases[i].key, &out);
        if (rc != cases[i].want_rc)
            fail_msg("key \"%s\": rc %d, want %d", cases[i].key, rc, cases[i].want_rc);
        assert_true(out == (rc == ERR_OK ? cases[i].want : -99.5));
    }
}

static void test_parse_ok(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "{}",
        "[]",
        " { } ",
        "\n[1, 2.5, \"x\", true, false, null]\n",
        "{\"ชื่อ\": \"สมชาย\"}",
        "{\"a\": {\"b\": {\"c\": []}}}",
        "5", /* any value at the top level, so a dumped scalar reads back */
        "\"สมชาย\"",
        "null",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *v = NULL;
        struct buf err;
        buf_init(&err, 256);
        assert_int_equal(jsonx_parse(cases[i], strlen(cases[i]), &v, &err), ERR_OK);
        assert_non_null(v);
        assert_int_equal(err.len, 0); /* nothing written on success */
        json_decref(v);
        buf_release(&err);
    }
    /* Only len bytes are read. */
    json_t *v = NULL;
    assert_int_equal(jsonx_parse("{\"a\":1}garbage", 7, &v, NULL), ERR_OK);
    int64_t a = 0;
    assert_int_equal(jsonx_int(v, "a", &a), ERR_OK);
    assert_int_equal(a, 1);
    json_decref(v);
}

static void test_parse_errors_say_where(void **state)
{
    (void)state;
    /* Lines count from 1; the column is that of the last character of the offending token, in
     * characters (a Thai key of 4 characters and 12 bytes counts 4). */
    static const struct {
        const char *text;
        const char *want; /* the start of the message */
    } cases[] = {
        {"{\"a\":1,}", "line 1, column 8: "},
        {"{\n  \"a\": 1,\n  \"b\": x\n}", "line 3, column 8: "},
        {"{\"ชื่อ\": x}", "line 1, column 10: "},
        {"[1,2", "line 1, column 4: "},
        {"{\"a\" 1}", "line 1, column 6: "},
        {"{\"a\":1}x", "line 1, column 8: "},
        {"{\"a\":1}\n\n  x", "line 3, column 3: "},
        {"{\"a\":01}", "line 1, column 6: "},
        {"{\"a\":1,\"a\":2}", "line 1, column 10: "}, /* duplicate keys are refused */
        {"[\"\xff\"]", "line 1, column 2: "},         /* invalid UTF-8 */
        {"\n\n\n   ]", "line 4, column 4: "},
        {"", "line 1, column 0: "},  /* empty input */
        {"5 5", "line 1, column 3: "}, /* one value only */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *v = (json_t *)0x1; /* must stay untouched */
        struct buf err;
        buf_init(&err, 512);
        assert_int_equal(jsonx_parse(cases[i].text, strlen(cases[i].text), &v, &err), ERR_INVAL);
        assert_ptr_equal(v, (json_t *)0x1);
        const char *msg = buf_str(&err);
        if (strncmp(msg, cases[i].want, strlen(cases[i].want)) != 0)
            fail_msg("case %zu: got \"%s\", want it to start with \"%s\"", i, msg, cases[i].want);
        assert_true(err.len > strlen(cases[i].want)); /* followed by jansson's explanation */
        buf_release(&err);
    }
}

static void test_parse_error_buffer(void **state)
{
    (void)state;
    const char *bad = "{\"a\": nope}";
    json_t *v = NULL;
    /* No buffer: still an error. */
    assert_int_equal(jsonx_parse(bad, strlen(bad), &v, NULL), ERR_INVAL);
    assert_null(v);
    /* The message is appended to what the caller already wrote (for example the file name). */
    struct buf err;
    buf_init(&err, 512);
    assert_int_equal(buf_appends(&err, "rules/pay.json: "), ERR_OK);
    assert_int_equal(jsonx_parse(bad, strlen(bad), &v, &err), ERR_INVAL);
    assert_true(strncmp(buf_str(&err), "rules/pay.json: line 1, column ", 31) == 0);
    buf_release(&err);
    /* A buffer too small for the message: the error is still reported and the buffer keeps what the
     * caller wrote. */
    buf_init(&err, 20);
    assert_int_equal(buf_appends(&err, "pay.json: "), ERR_OK);
    assert_int_equal(jsonx_parse(bad, strlen(bad), &v, &err), ERR_INVAL);
    assert_string_equal(buf_str(&err), "pay.json: ");
    buf_release(&err);
}

static void test_dump_sorts_keys(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"{\"b\": 1, \"a\": 2, \"c\": 3}", "{\"a\":2,\"b\":1,\"c\":3}"},
        {"{\"z\": {\"y\": 1, \"x\": [ {\"q\": 1, \"p\": 2} ]}, \"a\": null}",
         "{\"a\":null,\"z\":{\"x\":[{\"p\":2,\"q\":1}],\"y\":1}}"},
        {"{\"B\": 1, \"a\": 2, \"_\": 3, \"10\": 4, \"9\": 5}", "{\"10\":4,\"9\":5,\"B\":1,\"_\":3,\"a\":2}"},
        {"{\"ข\": 1, \"ก\": 2, \"a\": 3}", "{\"a\":3,\"ก\":2,\"ข\":1}"}, /* bytewise, UTF-8 kept as is */
        {"[3, 1, 2]", "[3,1,2]"},                                        /* arrays keep their order */
        {"{}", "{}"},
        {"[]", "[]"},
        {"{\"s\": \"a\\\"b\\\\c\\n\"}", "{\"s\":\"a\\\"b\\\\c\\n\"}"},
        {"{\"big\": 9223372036854775807, \"r\": 0.5, \"t\": true}",
         "{\"big\":9223372036854775807,\"r\":0.5,\"t\":true}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *v = NULL;
        assert_int_equal(jsonx_parse(cases[i].in, strlen(cases[i].in), &v, NULL), ERR_OK);
        char *out = jsonx_dump(v);
        assert_string_equal(out, cases[i].want);
        /* Parsing the dump gives an equal value, and dumping again gives the same text. */
        json_t *back = NULL;
        assert_int_equal(jsonx_parse(out, strlen(out), &back, NULL), ERR_OK);
        assert_true(json_equal(v, back));
        char *again = jsonx_dump(back);
        assert_string_equal(again, out);
        free(again);
        json_decref(back);
        free(out);
        json_decref(v);
    }
}

static void test_dump_insertion_order_does_not_matter(void **state)
{
    (void)state;
    /* Two objects built in opposite orders dump to the same text. */
    json_t *a = json_object(), *b = json_object();
    static const char *const keys[] = {"province", "amphoe", "tambon", "lao_id", "name_th"};
    enum { N = sizeof keys / sizeof keys[0] };
    for (int i = 0; i < N; i++) {
        json_object_set_new(a, keys[i], json_integer(i));
        json_object_set_new(b, keys[N - 1 - i], json_integer(N - 1 - i));
    }
    char *da = jsonx_dump(a), *db = jsonx_dump(b);
    assert_string_equal(da, db);
    assert_string_equal(da, "{\"amphoe\":1,\"lao_id\":3,\"name_th\":4,\"province\":0,\"tambon\":2}");
    free(da);
    free(db);
    json_decref(a);
    json_decref(b);
}

static void test_dump_scalars(void **state)
{
    (void)state;
    static const struct {
        json_t *(*make)(void);
        const char *want;
    } cases[] = {{json_null, "null"}, {json_true, "true"}, {json_false, "false"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *v = cases[i].make();
        char *s = jsonx_dump(v);
        assert_string_equal(s, cases[i].want);
        free(s);
        json_decref(v);
    }
    json_t *v = json_integer(-5);
    char *s = jsonx_dump(v);
    assert_string_equal(s, "-5");
    free(s);
    json_decref(v);
    v = json_string("บาท");
    s = jsonx_dump(v);
    assert_string_equal(s, "\"บาท\"");
    free(s);
    json_decref(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_str, load_sample, free_sample),
        cmocka_unit_test_setup_teardown(test_int, load_sample, free_sample),
        cmocka_unit_test_setup_teardown(test_number, load_sample, free_sample),
        cmocka_unit_test(test_parse_ok),
        cmocka_unit_test(test_parse_errors_say_where),
        cmocka_unit_test(test_parse_error_buffer),
        cmocka_unit_test(test_dump_sorts_keys),
        cmocka_unit_test(test_dump_insertion_order_does_not_matter),
        cmocka_unit_test(test_dump_scalars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
