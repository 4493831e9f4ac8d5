/*
 * Unit tests for base/num: range-checked parsing of integers and decimals. Bad form is ERR_INVAL, a
 * value outside [min, max] (or outside the type) is ERR_RANGE, and the output is untouched on failure.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/num.h"

#define SENTINEL_I64 ((int64_t)0x5a5a5a5a5a5a5a5a)

struct i64_case {
    const char *s;
    int64_t min, max;
    int want_rc;
    int64_t want;
};

static void run_i64_cases(const struct i64_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int64_t out = SENTINEL_I64;
        int rc = num_parse_i64(cases[i].s, strlen(cases[i].s), cases[i].min, cases[i].max, &out);
        if (rc != cases[i].want_rc)
            fail_msg("\"%s\": rc %d, want %d", cases[i].s, rc, cases[i].want_rc);
        if (rc == ERR_OK)
            assert_int_equal(out, cases[i].want);
        else
            assert_int_equal(out, SENTINEL_I64); /* written only on success */
    }
}

static void test_i64_limits(void **state)
{
    (void)state;
    static const struct i64_case cases[] = {
        {"9223372036854775807", INT64_MIN, INT64_MAX, ERR_OK, INT64_MAX},
        {"+9223372036854775807", INT64_MIN, INT64_MAX, ERR_OK, INT64_MAX},
        {"9223372036854775808", INT64_MIN, INT64_MAX, ERR_RANGE, 0},
        {"9223372036854775809", INT64_MIN, INT64_MAX, ERR_RANGE, 0},
        {"-9223372036854775808", INT64_MIN, INT64_MAX, ERR_OK, INT64_MIN},
        {"-9223372036854775809", INT64_MIN, INT64_MAX, ERR_RANGE, 0},
        {"-9223372036854775810", INT64_MIN, INT64_MAX, ERR_RANGE, 0},
        {"99999999999999999999", INT64_MIN, INT64_MAX, ERR_RANGE, 0},
        {"-99999999999999999999", INT64_MIN, INT64_MAX, ERR_RANGE, 0},
        {"18446744073709551616", INT64_MIN, INT64_MAX, ERR_RANGE, 0}, /* 2^64 does not wrap to 0 */
        {"18446744073709551615", INT64_MIN, INT64_MAX, ERR_RANGE, 0},
        {"000000000000000000000000009223372036854775807", INT64_MIN, INT64_MAX, ERR_OK, INT64_MAX},
        {"922337203685477580700000000", INT64_MIN, INT64_MAX, ERR_RANGE, 0},
    };
    run_i64_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_i64_forms(void **state)
{
    (void)state;
    static const struct i64_case cases[] = {
        {"0", INT64_MIN, INT64_MAX, ERR_OK, 0},
        {"-0", INT64_MIN, INT64_MAX, ERR_OK, 0},
        {"+0", INT64_MIN, INT64_MAX, ERR_OK, 0},
        {"7", INT64_MIN, INT64_MAX, ERR_OK, 7},
        {"007", INT64_MIN, INT64_MAX, ERR_OK, 7}, /* leading zeros are decimal, not octal */
        {"010", INT64_MIN, INT64_MAX, ERR_OK, 10},
        {"123456", INT64_MIN, INT64_MAX, ERR_OK, 123456},
        {"-123456", INT64_MIN, INT64_MAX, ERR_OK, -123456},
        {"+123456", INT64_MIN, INT64_MAX, ERR_OK, 123456},
        {"", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"-", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"+", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {" 1", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"1 ", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"1 2", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"- 1", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"\t1", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"1\n", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"--1", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"+-1", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"1-", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"1a", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"a1", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"abc", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"0x10", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"1.0", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"1,000", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"1e3", INT64_MIN, INT64_MAX, ERR_INVAL, 0},
        {"๑๒๓", INT64_MIN, INT64_MAX, ERR_INVAL, 0},  /* Thai digits are converted elsewhere */
        {"１２", INT64_MIN, INT64_MAX, ERR_INVAL, 0}, /* full-width digits */
        {"99999999999999999999x", INT64_MIN, INT64_MAX, ERR_INVAL, 0}, /* bad form beats bad value */
    };
    run_i64_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_i64_ranges(void **state)
{
    (void)state;
    static const struct i64_case cases[] = {
        {"0", 0, 100, ERR_OK, 0},
        {"100", 0, 100, ERR_OK, 100},
        {"-1", 0, 100, ERR_RANGE, 0},
        {"101", 0, 100, ERR_RANGE, 0},
        {"-0", 0, 100, ERR_OK, 0},
        {"-5", -5, -1, ERR_OK, -5},
        {"-1", -5, -1, ERR_OK, -1},
        {"-6", -5, -1, ERR_RANGE, 0},
        {"0", -5, -1, ERR_RANGE, 0},
        {"42", 42, 42, ERR_OK, 42},
        {"41", 42, 42, ERR_RANGE, 0},
        {"43", 42, 42, ERR_RANGE, 0},
        {"1", 1, 12, ERR_OK, 1},
        {"12", 1, 12, ERR_OK, 12},
        {"13", 1, 12, ERR_RANGE, 0},
        {"x", 0, 100, ERR_INVAL, 0}, /* bad form is reported as such whatever the range */
        {"9223372036854775807", INT64_MIN, INT64_MAX - 1, ERR_RANGE, 0},
        {"-9223372036854775808", INT64_MIN + 1, INT64_MAX, ERR_RANGE, 0},
    };
    run_i64_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_i64_reads_only_len_bytes(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t len;
        int want_rc;
        int64_t want;
    } cases[] = {
        {"12345", 3, ERR_OK, 123}, {"12,34", 2, ERR_OK, 12}, {"12,34", 3, ERR_INVAL, 0},
        {"-5x", 2, ERR_OK, -5},    {"-5", 1, ERR_INVAL, 0},  {"7", 0, ERR_INVAL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t out = SENTINEL_I64;
        assert_int_equal(num_parse_i64(cases[i].s, cases[i].len, INT64_MIN, INT64_MAX, &out),
                         cases[i].want_rc);
        assert_int_equal(out, cases[i].want_rc == ERR_OK ? cases[i].want : SENTINEL_I64);
    }
    /* A buffer that is not NUL-terminated (ASan would report a read past its end). */
    char *digits = malloc(4);
    memcpy(digits, "2569", 4);
    int64_t out = 0;
    assert_int_equal(num_parse_i64(digits, 4, 0, 9999, &out), ERR_OK);
    assert_int_equal(out, 2569);
    free(digits);
    assert_int_equal(num_parse_i64(NULL, 0, 0, 1, &out), ERR_INVAL);
}

static void test_parse_int(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int min, max;
        int want_rc, want;
    } cases[] = {
        {"2147483647", INT_MIN, INT_MAX, ERR_OK, INT_MAX},
        {"2147483648", INT_MIN, INT_MAX, ERR_RANGE, 0},
        {"-2147483648", INT_MIN, INT_MAX, ERR_OK, INT_MIN},
        {"-2147483649", INT_MIN, INT_MAX, ERR_RANGE, 0},
        {"9223372036854775808", INT_MIN, INT_MAX, ERR_RANGE, 0},
        {"4294967296", INT_MIN, INT_MAX, ERR_RANGE, 0}, /* 2^32 does not wrap to 0 */
        {"0", 0, 0, ERR_OK, 0},
        {"60", 18, 60, ERR_OK, 60},
        {"61", 18, 60, ERR_RANGE, 0},
        {"17", 18, 60, ERR_RANGE, 0},
        {"", INT_MIN, INT_MAX, ERR_INVAL, 0},
        {" 5", INT_MIN, INT_MAX, ERR_INVAL, 0},
        {"5 ", INT_MIN, INT_MAX, ERR_INVAL, 0},
        {"5.0", INT_MIN, INT_MAX, ERR_INVAL, 0},
        {"-", INT_MIN, INT_MAX, ERR_INVAL, 0},
        {"+12", INT_MIN, INT_MAX, ERR_OK, 12},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int out = 0x5a5a;
        int rc = num_parse_int(cases[i].s, cases[i].min, cases[i].max, &out);
        if (rc != cases[i].want_rc)
            fail_msg("\"%s\": rc %d, want %d", cases[i].s, rc, cases[i].want_rc);
        assert_int_equal(out, rc == ERR_OK ? cases[i].want : 0x5a5a);
    }
    int out = 1;
    assert_int_equal(num_parse_int(NULL, 0, 10, &out), ERR_INVAL);
    assert_int_equal(out, 1);
}

struct dbl_case {
    const char *s;
    double min, max;
    int want_rc;
    double want;
};

static void run_double_cases(const struct dbl_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double out = -12345.25;
        int rc = num_parse_double(cases[i].s, strlen(cases[i].s), cases[i].min, cases[i].max, &out);
        if (rc != cases[i].want_rc)
            fail_msg("\"%s\": rc %d, want %d", cases[i].s, rc, cases[i].want_rc);
        if (rc == ERR_OK) {
            /* Exactly the double nearest to the decimal, as the compiler reads the same literal. */
            if (out != cases[i].want)
                fail_msg("\"%s\": got %.17g, want %.17g", cases[i].s, out, cases[i].want);
        } else {
            assert_true(out == -12345.25);
        }
    }
}

static void test_double_forms(void **state)
{
    (void)state;
    static const struct dbl_case cases[] = {
        {"0", -1e300, 1e300, ERR_OK, 0.0},
        {"1", -1e300, 1e300, ERR_OK, 1.0},
        {"-1", -1e300, 1e300, ERR_OK, -1.0},
        {"+1", -1e300, 1e300, ERR_OK, 1.0},
        {"1234.50", -1e300, 1e300, ERR_OK, 1234.50},
        {"15000.00", -1e300, 1e300, ERR_OK, 15000.0},
        {"0.1", -1e300, 1e300, ERR_OK, 0.1},
        {"0.3", -1e300, 1e300, ERR_OK, 0.3},
        {"0.7", -1e300, 1e300, ERR_OK, 0.7},
        {"2.675", -1e300, 1e300, ERR_OK, 2.675},
        {"-0.5", -1e300, 1e300, ERR_OK, -0.5},
        {"33980.10", -1e300, 1e300, ERR_OK, 33980.10},
        {"123456789.123456789", -1e300, 1e300, ERR_OK, 123456789.123456789},
        {"0.000001", -1e300, 1e300, ERR_OK, 0.000001},
        {"0.1234567890123456789", -1e300, 1e300, ERR_OK, 0.1234567890123456789},
        {"9007199254740993", -1e300, 1e300, ERR_OK, 9007199254740993.0}, /* 2^53 + 1 rounds to even */
        {"12345678901234567890123", -1e300, 1e300, ERR_OK, 12345678901234567890123.0},
        {".5", -1e300, 1e300, ERR_OK, 0.5}, /* leniency people rely on when typing */
        {"5.", -1e300, 1e300, ERR_OK, 5.0},
        {"-.25", -1e300, 1e300, ERR_OK, -0.25},
        {"007.50", -1e300, 1e300, ERR_OK, 7.5},
        {"", -1e300, 1e300, ERR_INVAL, 0},
        {".", -1e300, 1e300, ERR_INVAL, 0},
        {"-", -1e300, 1e300, ERR_INVAL, 0},
        {"+", -1e300, 1e300, ERR_INVAL, 0},
        {"-.", -1e300, 1e300, ERR_INVAL, 0},
        {" 1", -1e300, 1e300, ERR_INVAL, 0},
        {"1 ", -1e300, 1e300, ERR_INVAL, 0},
        {"1.2.3", -1e300, 1e300, ERR_INVAL, 0},
        {"1..2", -1e300, 1e300, ERR_INVAL, 0},
        {"1,000.00", -1e300, 1e300, ERR_INVAL, 0},
        {"1,5", -1e300, 1e300, ERR_INVAL, 0},
        {"1e3", -1e300, 1e300, ERR_INVAL, 0},
        {"1E3", -1e300, 1e300, ERR_INVAL, 0},
        {"0x1p3", -1e300, 1e300, ERR_INVAL, 0},
        {"nan", -1e300, 1e300, ERR_INVAL, 0},
        {"inf", -1e300, 1e300, ERR_INVAL, 0},
        {"-infinity", -1e300, 1e300, ERR_INVAL, 0},
        {"--1", -1e300, 1e300, ERR_INVAL, 0},
        {"1-", -1e300, 1e300, ERR_INVAL, 0},
        {"12฿", -1e300, 1e300, ERR_INVAL, 0},
    };
    run_double_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_double_ranges(void **state)
{
    (void)state;
    static const struct dbl_case cases[] = {
        {"0", 0, 100, ERR_OK, 0},         {"100", 0, 100, ERR_OK, 100},
        {"100.0", 0, 100, ERR_OK, 100},   {"100.01", 0, 100, ERR_RANGE, 0},
        {"-0.01", 0, 100, ERR_RANGE, 0},  {"-0", 0, 100, ERR_OK, 0},
        {"0.5", 0.5, 0.5, ERR_OK, 0.5},   {"0.50000000001", 0.5, 0.5, ERR_RANGE, 0},
        {"6", 0, 6, ERR_OK, 6}, /* a raise percentage at its cap */
        {"6.000001", 0, 6, ERR_RANGE, 0}, {"abc", 0, 100, ERR_INVAL, 0},
    };
    run_double_cases(cases, sizeof cases / sizeof cases[0]);

    /* Too large for a double at all: out of range, not infinity. */
    char huge[402];
    huge[0] = '1';
    memset(huge + 1, '0', 400);
    huge[401] = '\0';
    double out = 3;
    assert_int_equal(num_parse_double(huge, strlen(huge), -HUGE_VAL, HUGE_VAL, &out), ERR_RANGE);
    assert_true(out == 3);
    /* 309 digits is just above DBL_MAX (about 1.8e308); 308 digits of 1 is below it. */
    assert_int_equal(num_parse_double(huge, 310, -HUGE_VAL, HUGE_VAL, &out), ERR_RANGE);
    assert_int_equal(num_parse_double(huge, 309, -HUGE_VAL, HUGE_VAL, &out), ERR_OK);
    assert_true(out == 1e308);
}

static void test_double_reads_only_len_bytes(void **state)
{
    (void)state;
    double out = 0;
    assert_int_equal(num_parse_double("12.5abc", 4, 0, 100, &out), ERR_OK);
    assert_true(out == 12.5);
    assert_int_equal(num_parse_double("12.5abc", 5, 0, 100, &out), ERR_INVAL);
    assert_int_equal(num_parse_double("7.25", 0, 0, 100, &out), ERR_INVAL);
    assert_int_equal(num_parse_double(NULL, 0, 0, 100, &out), ERR_INVAL);
    char *p = malloc(6);
    memcpy(p, "3.1415", 6); /* no NUL after it */
    assert_int_equal(num_parse_double(p, 6, 0, 10, &out), ERR_OK);
    assert_true(out == 3.1415);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_i64_limits),    cmocka_unit_test(test_i64_forms),
        cmocka_unit_test(test_i64_ranges),    cmocka_unit_test(test_i64_reads_only_len_bytes),
        cmocka_unit_test(test_parse_int),     cmocka_unit_test(test_double_forms),
        cmocka_unit_test(test_double_ranges), cmocka_unit_test(test_double_reads_only_len_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
