/*
 * Unit tests for base/date: the Gregorian leap rule, ISO parsing and formatting, day numbers (checked
 * for every day from 1900 to 2100 against a day-by-day walk), weekdays of known dates, adding days
 * across month and year ends, and whole years between dates including birthdays on 29 February.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/date.h"
#include "base/err.h"

#define D(y, m, d) ((struct date){(y), (m), (d)})

static void assert_date(struct date got, struct date want)
{
    if (date_cmp(got, want) != 0)
        fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.y, got.m, got.d, want.y, want.m, want.d);
}

static void test_leap_years(void **state)
{
    (void)state;
    static const struct {
        int y;
        bool leap;
    } cases[] = {
        {1900, false}, {2000, true},  {2024, true},  {2100, false}, {2023, false}, {2025, false},
        {1600, true},  {1700, false}, {1800, false}, {2400, true},  {1996, true},  {2004, true},
        {1, false},    {4, true},     {100, false},  {400, true},   {9996, true},  {9999, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (date_is_leap(cases[i].y) != cases[i].leap)
            fail_msg("%d: leap should be %d", cases[i].y, cases[i].leap);
}

static void test_days_in_month(void **state)
{
    (void)state;
    static const int common[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++) {
        assert_int_equal(date_days_in_month(2023, m), common[m - 1]);
        assert_int_equal(date_days_in_month(2024, m), m == 2 ? 29 : common[m - 1]);
    }
    static const struct {
        int y, m, want;
    } cases[] = {
        {1900, 2, 28}, {2000, 2, 29}, {2100, 2, 28}, {2024, 2, 29},  {2026, 2, 28},
        {2024, 0, 0},  {2024, 13, 0}, {2024, -1, 0}, {2024, 100, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(date_days_in_month(cases[i].y, cases[i].m), cases[i].want);
}

static void test_valid(void **state)
{
    (void)state;
    static const struct {
        struct date d;
        bool want;
    } cases[] = {
        {D(2024, 2, 29), true},  {D(2026, 2, 29), false}, {D(2026, 2, 28), true},  {D(1, 1, 1), true},
        {D(9999, 12, 31), true}, {D(0, 12, 31), false},   {D(10000, 1, 1), false}, {D(2024, 0, 1), false},
        {D(2024, 13, 1), false}, {D(2024, 1, 0), false},  {D(2024, 1, 32), false}, {D(2024, 4, 31), false},
        {D(2024, 4, 30), true},  {D(-1, 1, 1), false},    {D(2024, 6, -5), false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(date_valid(cases[i].d), cases[i].want);
}

static void test_parse_iso(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int want_rc;
        struct date want;
    } cases[] = {
        {"2024-02-29", ERR_OK, D(2024, 2, 29)},
        {"1970-01-01", ERR_OK, D(1970, 1, 1)},
        {"0001-01-01", ERR_OK, D(1, 1, 1)},
        {"9999-12-31", ERR_OK, D(9999, 12, 31)},
        {"2026-10-01", ERR_OK, D(2026, 10, 1)},
        /* impossible dates in the right form */
        {"2026-02-29", ERR_RANGE, D(0, 0, 0)},
        {"2100-02-29", ERR_RANGE, D(0, 0, 0)},
        {"1900-02-29", ERR_RANGE, D(0, 0, 0)},
        {"2024-02-30", ERR_RANGE, D(0, 0, 0)},
        {"2024-04-31", ERR_RANGE, D(0, 0, 0)},
        {"2024-13-01", ERR_RANGE, D(0, 0, 0)},
        {"2024-00-10", ERR_RANGE, D(0, 0, 0)},
        {"2024-01-00", ERR_RANGE, D(0, 0, 0)},
        {"2024-01-32", ERR_RANGE, D(0, 0, 0)},
        {"0000-01-01", ERR_RANGE, D(0, 0, 0)},
        {"2024-99-99", ERR_RANGE, D(0, 0, 0)},
        /* bad forms */
        {"", ERR_INVAL, D(0, 0, 0)},
        {"2024-2-29", ERR_INVAL, D(0, 0, 0)},
        {"2024-02-9", ERR_INVAL, D(0, 0, 0)},
        {"24-02-29", ERR_INVAL, D(0, 0, 0)},
        {"2024/02/29", ERR_INVAL, D(0, 0, 0)},
        {"2024.02.29", ERR_INVAL, D(0, 0, 0)},
        {"20240229", ERR_INVAL, D(0, 0, 0)},
        {"2024-02-290", ERR_INVAL, D(0, 0, 0)},
        {" 2024-02-29", ERR_INVAL, D(0, 0, 0)},
        {"2024-02-29 ", ERR_INVAL, D(0, 0, 0)},
        {"2024-02-29T00:00:00Z", ERR_INVAL, D(0, 0, 0)},
        {"2024-0a-01", ERR_INVAL, D(0, 0, 0)},
        {"2o24-01-01", ERR_INVAL, D(0, 0, 0)},
        {"2024-01-1x", ERR_INVAL, D(0, 0, 0)},
        {"+024-01-01", ERR_INVAL, D(0, 0, 0)},
        {"-024-01-01", ERR_INVAL, D(0, 0, 0)},
        {"2024--1-01", ERR_INVAL, D(0, 0, 0)},
        {"2024-01--1", ERR_INVAL, D(0, 0, 0)},
        {"2024-+1-01", ERR_INVAL, D(0, 0, 0)},
        {"2024- 1-01", ERR_INVAL, D(0, 0, 0)},
        {"29/02/2567", ERR_INVAL, D(0, 0, 0)},
        {"๒๕๖๗-๐๒-๒๙", ERR_INVAL, D(0, 0, 0)},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct date out = D(7, 7, 7);
        int rc = date_parse_iso(cases[i].s, strlen(cases[i].s), &out);
        if (rc != cases[i].want_rc)
            fail_msg("\"%s\": rc %d, want %d", cases[i].s, rc, cases[i].want_rc);
        assert_date(out, rc == ERR_OK ? cases[i].want : D(7, 7, 7)); /* untouched on failure */
    }
    /* Only len bytes are read: a date at the start of a longer text, and NULL. */
    struct date out;
    assert_int_equal(date_parse_iso("2024-02-29,next", 10, &out), ERR_OK);
    assert_date(out, D(2024, 2, 29));
    assert_int_equal(date_parse_iso("2024-02-29", 9, &out), ERR_INVAL);
    assert_int_equal(date_parse_iso(NULL, 10, &out), ERR_INVAL);
}

static void test_format_iso(void **state)
{
    (void)state;
    static const struct {
        struct date d;
        const char *want;
    } cases[] = {
        {D(2024, 2, 29), "2024-02-29"}, {D(1, 1, 1), "0001-01-01"},     {D(9999, 12, 31), "9999-12-31"},
        {D(1970, 1, 1), "1970-01-01"},  {D(2026, 10, 1), "2026-10-01"}, {D(999, 9, 9), "0999-09-09"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[DATE_ISO_LEN + 2];
        memset(out, 'X', sizeof out);
        date_format_iso(cases[i].d, out);
        assert_string_equal(out, cases[i].want);
        assert_int_equal(out[DATE_ISO_LEN + 1], 'X'); /* nothing written past the NUL */
        struct date back;
        assert_int_equal(date_parse_iso(out, DATE_ISO_LEN, &back), ERR_OK);
        assert_date(back, cases[i].d);
    }
}

static void test_known_day_numbers(void **state)
{
    (void)state;
    /* Reference values: days since 1970-01-01 as counted by POSIX time and other calendars. */
    static const struct {
        struct date d;
        int64_t days;
    } cases[] = {
        {D(1970, 1, 1), 0},         {D(1970, 1, 2), 1},         {D(1969, 12, 31), -1},
        {D(2000, 1, 1), 10957},     {D(1900, 1, 1), -25567},    {D(2100, 12, 31), 47846},
        {D(2024, 2, 29), 19782},    {D(2026, 10, 1), 20727},    {D(1, 1, 1), -719162},
        {D(9999, 12, 31), 2932896}, {D(1582, 10, 15), -141427}, {D(2569, 1, 1), 218781},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(date_to_days(cases[i].d), cases[i].days);
        assert_date(date_from_days(cases[i].days), cases[i].d);
    }
}

/* The next calendar day, computed without day numbers. */
static struct date next_day(struct date d)
{
    if (d.d < date_days_in_month(d.y, d.m))
        return D(d.y, d.m, d.d + 1);
    if (d.m < 12)
        return D(d.y, d.m + 1, 1);
    return D(d.y + 1, 1, 1);
}

static void test_every_day_1900_to_2100(void **state)
{
    (void)state;
    struct date d = D(1900, 1, 1);
    int64_t n = date_to_days(d);
    int weekday = date_weekday(d);
    assert_int_equal(weekday, 0); /* 1 January 1900 was a Monday */
    long count = 0;
    while (d.y <= 2100) {
        assert_true(date_valid(d));
        assert_int_equal(date_to_days(d), n);
        assert_date(date_from_days(n), d);
        assert_date(date_add_days(d, 0), d);
        assert_int_equal(date_weekday(d), weekday);
        char iso[DATE_ISO_LEN + 1];
        date_format_iso(d, iso);
        struct date back;
        assert_int_equal(date_parse_iso(iso, DATE_ISO_LEN, &back), ERR_OK);
        assert_date(back, d);
        struct date next = next_day(d);
        assert_date(date_add_days(d, 1), next);
        assert_date(date_add_days(next, -1), d);
        assert_true(date_cmp(d, next) < 0);
        assert_true(date_cmp(next, d) > 0);
        d = next;
        n++;
        weekday = (weekday + 1) % 7;
        count++;
    }
    /* 201 years, 49 of them leap (1900 and 2100 are not). */
    assert_int_equal(count, 201 * 365 + 49);
}

static void test_round_trip_wide_range(void **state)
{
    (void)state;
    /* Sparse check over every year we accept, including the edges of 400-year cycles. */
    for (int64_t n = date_to_days(D(1, 1, 1)); n <= date_to_days(D(9999, 12, 31)); n += 997) {
        struct date d = date_from_days(n);
        assert_true(date_valid(d));
        assert_int_equal(date_to_days(d), n);
    }
    static const struct date edges[] = {
        D(1, 1, 1),     D(1, 12, 31),  D(399, 12, 31), D(400, 2, 29), D(400, 3, 1),
        D(1600, 2, 29), D(1600, 3, 1), D(2000, 2, 29), D(2000, 3, 1), D(9999, 12, 31),
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        assert_date(date_from_days(date_to_days(edges[i])), edges[i]);
}

static void test_weekdays(void **state)
{
    (void)state;
    /* 0 = Monday .. 6 = Sunday */
    static const struct {
        struct date d;
        int want;
    } cases[] = {
        {D(1970, 1, 1), 3},   /* Thursday */
        {D(1969, 12, 31), 2}, /* Wednesday: before the epoch */
        {D(2000, 1, 1), 5},   /* Saturday */
        {D(1900, 1, 1), 0},   /* Monday */
        {D(2024, 2, 29), 3},  /* Thursday */
        {D(2026, 10, 1), 3},  /* Thursday: first day of FY2570 */
        {D(2025, 10, 1), 2},  /* Wednesday: first day of FY2569 */
        {D(1582, 10, 15), 4}, /* Friday: first Gregorian day */
        {D(1, 1, 1), 0},      /* Monday in the proleptic calendar */
        {D(9999, 12, 31), 4}, /* Friday */
        {D(2026, 4, 13), 0},  /* Monday: Songkran */
        {D(2026, 12, 5), 5},  /* Saturday */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (date_weekday(cases[i].d) != cases[i].want)
            fail_msg("%04d-%02d-%02d: weekday %d, want %d", cases[i].d.y, cases[i].d.m, cases[i].d.d,
                     date_weekday(cases[i].d), cases[i].want);
}

static void test_add_days(void **state)
{
    (void)state;
    static const struct {
        struct date from;
        int64_t n;
        struct date want;
    } cases[] = {
        {D(2024, 1, 31), 1, D(2024, 2, 1)},      {D(2024, 2, 28), 1, D(2024, 2, 29)},
        {D(2024, 2, 29), 1, D(2024, 3, 1)},      {D(2023, 2, 28), 1, D(2023, 3, 1)},
        {D(2100, 2, 28), 1, D(2100, 3, 1)},      {D(2000, 2, 28), 1, D(2000, 2, 29)},
        {D(2024, 12, 31), 1, D(2025, 1, 1)},     {D(2025, 1, 1), -1, D(2024, 12, 31)},
        {D(2024, 3, 1), -1, D(2024, 2, 29)},     {D(2023, 3, 1), -1, D(2023, 2, 28)},
        {D(2024, 4, 30), 1, D(2024, 5, 1)},      {D(2024, 5, 1), -1, D(2024, 4, 30)},
        {D(2024, 1, 1), 366, D(2025, 1, 1)},     {D(2023, 1, 1), 365, D(2024, 1, 1)},
        {D(2024, 1, 1), -365, D(2023, 1, 1)},    {D(2025, 10, 1), 364, D(2026, 9, 30)},
        {D(2000, 1, 1), 36524, D(2099, 12, 31)}, {D(1999, 12, 31), -730000, D(1, 4, 29)},
        {D(2024, 6, 15), 0, D(2024, 6, 15)},     {D(1969, 12, 31), 1, D(1970, 1, 1)},
        {D(2024, 1, 31), 30, D(2024, 3, 1)},     {D(2023, 1, 31), 30, D(2023, 3, 2)},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_date(date_add_days(cases[i].from, cases[i].n), cases[i].want);
        assert_date(date_add_days(cases[i].want, -cases[i].n), cases[i].from);
    }
}

static void test_cmp(void **state)
{
    (void)state;
    static const struct {
        struct date a, b;
        int sign;
    } cases[] = {
        {D(2024, 1, 1), D(2024, 1, 1), 0},   {D(2024, 1, 1), D(2024, 1, 2), -1},
        {D(2024, 1, 31), D(2024, 2, 1), -1}, {D(2023, 12, 31), D(2024, 1, 1), -1},
        {D(2025, 1, 1), D(2024, 12, 31), 1}, {D(2024, 3, 1), D(2024, 2, 29), 1},
        {D(1, 1, 1), D(9999, 12, 31), -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int c = date_cmp(cases[i].a, cases[i].b);
        int r = date_cmp(cases[i].b, cases[i].a);
        assert_int_equal((c > 0) - (c < 0), cases[i].sign);
        assert_int_equal((r > 0) - (r < 0), -cases[i].sign);
    }
}

static void test_years_between(void **state)
{
    (void)state;
    static const struct {
        struct date from, to;
        int want;
    } cases[] = {
        {D(2000, 5, 10), D(2000, 5, 10), 0},
        {D(2000, 5, 10), D(2001, 5, 9), 0},
        {D(2000, 5, 10), D(2001, 5, 10), 1}, /* the anniversary itself completes the year */
        {D(2000, 5, 10), D(2001, 5, 11), 1},
        {D(2000, 5, 10), D(2010, 4, 30), 9},
        {D(2000, 5, 10), D(2010, 6, 1), 10},
        {D(2000, 12, 31), D(2001, 1, 1), 0},
        {D(2000, 1, 1), D(2000, 12, 31), 0},
        {D(1966, 10, 1), D(2026, 9, 30), 59}, /* the calendar rule; the legal age rule is in thai/ */
        {D(1966, 10, 1), D(2026, 10, 1), 60},
        {D(2001, 5, 10), D(2000, 5, 10), 0}, /* to before from */
        {D(2026, 1, 1), D(1970, 1, 1), 0},
        /* Born on 29 February: in common years the anniversary has not come on 28 February, and has
         * passed on 1 March; in leap years it is 29 February. */
        {D(2000, 2, 29), D(2000, 2, 29), 0},
        {D(2000, 2, 29), D(2001, 2, 28), 0},
        {D(2000, 2, 29), D(2001, 3, 1), 1},
        {D(2000, 2, 29), D(2003, 2, 28), 2},
        {D(2000, 2, 29), D(2003, 3, 1), 3},
        {D(2000, 2, 29), D(2004, 2, 28), 3},
        {D(2000, 2, 29), D(2004, 2, 29), 4},
        {D(2000, 2, 29), D(2004, 3, 1), 4},
        {D(1964, 2, 29), D(2024, 2, 29), 60},
        {D(1964, 2, 29), D(2024, 2, 28), 59},
        {D(1964, 2, 29), D(2025, 2, 28), 60},
        /* From 28 February or 1 March to a 29 February. */
        {D(2003, 2, 28), D(2004, 2, 29), 1},
        {D(2003, 3, 1), D(2004, 2, 29), 0},
        {D(2003, 3, 1), D(2004, 3, 1), 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = date_years_between(cases[i].from, cases[i].to);
        if (got != cases[i].want)
            fail_msg("%04d-%02d-%02d to %04d-%02d-%02d: %d years, want %d", cases[i].from.y, cases[i].from.m,
                     cases[i].from.d, cases[i].to.y, cases[i].to.m, cases[i].to.d, got, cases[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_format_iso),
        cmocka_unit_test(test_known_day_numbers),
        cmocka_unit_test(test_every_day_1900_to_2100),
        cmocka_unit_test(test_round_trip_wide_range),
        cmocka_unit_test(test_weekdays),
        cmocka_unit_test(test_add_days),
        cmocka_unit_test(test_cmp),
        cmocka_unit_test(test_years_between),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
