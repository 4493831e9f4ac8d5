/*
 * Unit tests for base/clock: TAMBON_TODAY fixes "today" when it is a valid ISO date and is ignored
 * otherwise (today is then the real date in Thailand, UTC+7), and the wall-clock helpers agree with
 * the C library.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/err.h"

/* Today's date in Thailand from the C library, independent of clock.c. */
static struct date thai_date_from_libc(void)
{
    time_t t = time(NULL) + 7 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    return (struct date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

/* clock_today() must equal the real Thai date; reading it before and after allows for midnight. */
static void assert_real_today(void)
{
    struct date before = thai_date_from_libc();
    struct date got = clock_today();
    struct date after = thai_date_from_libc();
    if (date_cmp(got, before) != 0 && date_cmp(got, after) != 0)
        fail_msg("clock_today %04d-%02d-%02d is not the real date %04d-%02d-%02d", got.y, got.m, got.d,
                 before.y, before.m, before.d);
}

static int unset_today(void **state)
{
    (void)state;
    unsetenv("TAMBON_TODAY");
    return 0;
}

static void test_override_honoured(void **state)
{
    (void)state;
    static const struct {
        const char *env;
        struct date want;
    } cases[] = {
        {"2026-05-15", {2026, 5, 15}}, {"2024-02-29", {2024, 2, 29}}, {"2025-09-30", {2025, 9, 30}},
        {"2025-10-01", {2025, 10, 1}}, {"0001-01-01", {1, 1, 1}},     {"9999-12-31", {9999, 12, 31}},
        {"1970-01-01", {1970, 1, 1}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(setenv("TAMBON_TODAY", cases[i].env, 1), 0);
        struct date d = clock_today();
        assert_int_equal(date_cmp(d, cases[i].want), 0);
        /* Asking twice gives the same answer: the override is not consumed. */
        assert_int_equal(date_cmp(clock_today(), cases[i].want), 0);
    }
}

static void test_override_changes_are_seen(void **state)
{
    (void)state;
    /* The variable is read on every call, so a test can move the date forward. */
    assert_int_equal(setenv("TAMBON_TODAY", "2026-09-30", 1), 0);
    assert_int_equal(date_cmp(clock_today(), (struct date){2026, 9, 30}), 0);
    assert_int_equal(setenv("TAMBON_TODAY", "2026-10-01", 1), 0);
    assert_int_equal(date_cmp(clock_today(), (struct date){2026, 10, 1}), 0);
    unsetenv("TAMBON_TODAY");
    assert_real_today();
}

static void test_invalid_override_ignored(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "",           /* empty */
        "2026-02-29", /* no such day */
        "2026-13-01", "2026-1-5",    "2026/05/15",  "15-05-2026",          "2569-13-01",
        "today",      " 2026-05-15", "2026-05-15 ", "2026-05-15T00:00:00", "0000-01-01",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(setenv("TAMBON_TODAY", cases[i], 1), 0);
        assert_real_today();
    }
    unsetenv("TAMBON_TODAY");
    assert_real_today();
}

static void test_now(void **state)
{
    (void)state;
    int64_t before = (int64_t)time(NULL);
    int64_t now = clock_now();
    int64_t after = (int64_t)time(NULL);
    assert_true(before <= now && now <= after);
    /* TAMBON_TODAY fixes the date only, not the wall clock used for timestamps. */
    assert_int_equal(setenv("TAMBON_TODAY", "2001-01-01", 1), 0);
    assert_true(clock_now() >= after);
}

static void test_now_iso(void **state)
{
    (void)state;
    char out[21];
    memset(out, 'X', sizeof out);
    time_t before = time(NULL);
    clock_now_iso(out);
    time_t after = time(NULL);
    assert_int_equal(strlen(out), 20);
    /* "YYYY-MM-DDTHH:MM:SSZ" */
    for (int i = 0; i < 20; i++) {
        char c = out[i];
        switch (i) {
        case 4:
        case 7:
            assert_int_equal(c, '-');
            break;
        case 10:
            assert_int_equal(c, 'T');
            break;
        case 13:
        case 16:
            assert_int_equal(c, ':');
            break;
        case 19:
            assert_int_equal(c, 'Z');
            break;
        default:
            assert_true(c >= '0' && c <= '9');
        }
    }
    /* The date part is today's UTC date (read before or after, for midnight). */
    struct date d;
    assert_int_equal(date_parse_iso(out, DATE_ISO_LEN, &d), ERR_OK);
    struct tm tb, ta;
    gmtime_r(&before, &tb);
    gmtime_r(&after, &ta);
    assert_true(date_cmp(d, (struct date){tb.tm_year + 1900, tb.tm_mon + 1, tb.tm_mday}) == 0 ||
                date_cmp(d, (struct date){ta.tm_year + 1900, ta.tm_mon + 1, ta.tm_mday}) == 0);
}

static void test_mono_never_goes_back(void **state)
{
    (void)state;
    int64_t prev = clock_mono_ns();
    assert_true(prev >= 0);
    for (int i = 0; i < 1000; i++) {
        int64_t t = clock_mono_ns();
        assert_true(t >= prev);
        prev = t;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_override_honoured, unset_today),
        cmocka_unit_test_teardown(test_override_changes_are_seen, unset_today),
        cmocka_unit_test_teardown(test_invalid_override_ignored, unset_today),
        cmocka_unit_test_teardown(test_now, unset_today),
        cmocka_unit_test(test_now_iso),
        cmocka_unit_test(test_mono_never_goes_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
