/*
 * Unit tests for thai/thaidate: BE years, the three display styles with ASCII and Thai digits, month
 * names, parsing dates as Thai users type them, fiscal years at their boundaries (and for every day of
 * several years), and the retirement rule at the 1/2 October boundary, on 29 February, 30 September and
 * 1 January, checked also against the age rule for every birth day of a decade.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "thai/thaidate.h"

#define D(y, m, d) ((struct date){(y), (m), (d)})
#define N(a) (sizeof(a) / sizeof((a)[0]))

static void assert_date(struct date got, struct date want, const char *what)
{
    if (got.y != want.y || got.m != want.m || got.d != want.d)
        fail_msg("%s: got %04d-%02d-%02d, want %04d-%02d-%02d", what, got.y, got.m, got.d, want.y, want.m,
                 want.d);
}

static void test_be_year(void **state)
{
    (void)state;
    static const int cases[][2] = {{2026, 2569}, {2025, 2568}, {1966, 2509}, {1, 544}, {1941, 2484}};
    for (size_t i = 0; i < N(cases); i++)
        assert_int_equal(thai_be_year(cases[i][0]), cases[i][1]);
}

static void test_month_names(void **state)
{
    (void)state;
    assert_string_equal(thai_month_name(1), "มกราคม");
    assert_string_equal(thai_month_name(2), "กุมภาพันธ์");
    assert_string_equal(thai_month_name(11), "พฤศจิกายน");
    assert_string_equal(thai_month_name(12), "ธันวาคม");
    assert_string_equal(thai_month_abbr(1), "ม.ค.");
    assert_string_equal(thai_month_abbr(4), "เม.ย.");
    assert_string_equal(thai_month_abbr(11), "พ.ย.");
    assert_string_equal(thai_month_abbr(12), "ธ.ค.");
    static const int bad[] = {0, 13, -1, 100};
    for (size_t i = 0; i < N(bad); i++) {
        assert_null(thai_month_name(bad[i]));
        assert_null(thai_month_abbr(bad[i]));
    }
    /* All twelve are present and distinct. */
    for (int a = 1; a <= 12; a++)
        for (int b = a + 1; b <= 12; b++) {
            assert_string_not_equal(thai_month_name(a), thai_month_name(b));
            assert_string_not_equal(thai_month_abbr(a), thai_month_abbr(b));
        }
}

static void test_format(void **state)
{
    (void)state;
    static const struct {
        struct date d;
        enum thai_date_style style;
        int flags;
        const char *want;
    } cases[] = {
        {D(2026, 11, 24), THAI_DATE_FULL, 0, "24 พฤศจิกายน 2569"},
        {D(2026, 11, 24), THAI_DATE_SHORT, 0, "24 พ.ย. 2569"},
        {D(2026, 11, 24), THAI_DATE_NUMERIC, 0, "24/11/2569"},
        {D(2026, 11, 24), THAI_DATE_FULL, THAI_DATE_THAI_DIGITS, "๒๔ พฤศจิกายน ๒๕๖๙"},
        {D(2026, 11, 24), THAI_DATE_SHORT, THAI_DATE_THAI_DIGITS, "๒๔ พ.ย. ๒๕๖๙"},
        {D(2026, 11, 24), THAI_DATE_NUMERIC, THAI_DATE_THAI_DIGITS, "๒๔/๑๑/๒๕๖๙"},
        {D(2025, 10, 1), THAI_DATE_FULL, 0, "1 ตุลาคม 2568"},
        {D(2025, 10, 1), THAI_DATE_NUMERIC, 0, "01/10/2568"},
        {D(2025, 10, 1), THAI_DATE_NUMERIC, THAI_DATE_THAI_DIGITS, "๐๑/๑๐/๒๕๖๘"},
        {D(2024, 2, 29), THAI_DATE_SHORT, 0, "29 ก.พ. 2567"},
        {D(2000, 1, 1), THAI_DATE_FULL, 0, "1 มกราคม 2543"},
        {D(9999, 12, 31), THAI_DATE_NUMERIC, 0, "31/12/10542"},
    };
    struct buf b;
    buf_init(&b, 256);
    for (size_t i = 0; i < N(cases); i++) {
        buf_reset(&b);
        assert_int_equal(thai_date_format(cases[i].d, cases[i].style, cases[i].flags, &b), ERR_OK);
        assert_string_equal(buf_str(&b), cases[i].want);
    }
    /* Appends to what is there. */
    buf_reset(&b);
    assert_int_equal(buf_appends(&b, "วันที่ "), ERR_OK);
    assert_int_equal(thai_date_format(D(2026, 1, 5), THAI_DATE_FULL, 0, &b), ERR_OK);
    assert_string_equal(buf_str(&b), "วันที่ 5 มกราคม 2569");
    buf_release(&b);
}

static void test_format_errors(void **state)
{
    (void)state;
    static const struct date bad[] = {D(2026, 2, 29), D(2026, 13, 1), D(2026, 4, 31), D(0, 1, 1),
                                      D(2026, 1, 0)};
    struct buf b;
    buf_init(&b, 256);
    assert_int_equal(buf_appends(&b, "x"), ERR_OK);
    for (size_t i = 0; i < N(bad); i++)
        assert_int_equal(thai_date_format(bad[i], THAI_DATE_FULL, 0, &b), ERR_RANGE);
    assert_int_equal(thai_date_format(D(2026, 1, 1), (enum thai_date_style)99, 0, &b), ERR_INVAL);
    assert_int_equal(thai_date_format(D(2026, 1, 1), THAI_DATE_FULL, 2, &b), ERR_INVAL);
    assert_string_equal(buf_str(&b), "x"); /* untouched by failures */
    buf_release(&b);

    /* A buffer too small for the result reports ERR_TOOBIG and keeps its contents. */
    struct buf small;
    buf_init(&small, 11);
    assert_int_equal(buf_appends(&small, "ab"), ERR_OK);
    assert_int_equal(thai_date_format(D(2026, 11, 24), THAI_DATE_FULL, 0, &small), ERR_TOOBIG);
    assert_int_equal(thai_date_format(D(2026, 11, 24), THAI_DATE_FULL, THAI_DATE_THAI_DIGITS, &small),
                     ERR_TOOBIG);
    assert_string_equal(buf_str(&small), "ab");
    assert_int_equal(thai_date_format(D(2026, 11, 24), THAI_DATE_NUMERIC, 0, &small), ERR_TOOBIG);
    buf_reset(&small);
    assert_int_equal(thai_date_format(D(2026, 11, 24), THAI_DATE_NUMERIC, 0, &small), ERR_OK);
    assert_string_equal(buf_str(&small), "24/11/2569");
    buf_release(&small);
}

static void test_parse_be(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int rc;
        struct date want;
    } cases[] = {
        {"24/11/2569", ERR_OK, D(2026, 11, 24)},
        {"1/10/2568", ERR_OK, D(2025, 10, 1)},
        {"01/10/2568", ERR_OK, D(2025, 10, 1)},
        {"1/1/2569", ERR_OK, D(2026, 1, 1)},
        {"๒๔/๑๑/๒๕๖๙", ERR_OK, D(2026, 11, 24)},
        {"๑/๑๐/๒๕๖๘", ERR_OK, D(2025, 10, 1)},
        {"2๔/1๑/๒569", ERR_OK, D(2026, 11, 24)}, /* mixed digits, as a half-switched keyboard types */
        {"  24/11/2569 ", ERR_OK, D(2026, 11, 24)},
        {"\t24/11/2569\n", ERR_OK, D(2026, 11, 24)},
        {"\xc2\xa0"
         "24/11/2569"
         "\xc2\xa0",
         ERR_OK, D(2026, 11, 24)},
        {"24-11-2569", ERR_OK, D(2026, 11, 24)},
        {"24.11.2569", ERR_OK, D(2026, 11, 24)},
        {"29/2/2567", ERR_OK, D(2024, 2, 29)},
        {"31/12/2400", ERR_OK, D(1857, 12, 31)},
        {"31/12/9999", ERR_OK, D(9456, 12, 31)},
        /* impossible dates */
        {"29/2/2569", ERR_RANGE, D(0, 0, 0)},
        {"31/4/2569", ERR_RANGE, D(0, 0, 0)},
        {"0/1/2569", ERR_RANGE, D(0, 0, 0)},
        {"1/0/2569", ERR_RANGE, D(0, 0, 0)},
        {"1/13/2569", ERR_RANGE, D(0, 0, 0)},
        {"32/1/2569", ERR_RANGE, D(0, 0, 0)},
        {"24/11/2026", ERR_RANGE, D(0, 0, 0)}, /* a CE year typed by mistake */
        {"31/12/2399", ERR_RANGE, D(0, 0, 0)},
        /* not the form */
        {"", ERR_INVAL, D(0, 0, 0)},
        {"   ", ERR_INVAL, D(0, 0, 0)},
        {"24/11/69", ERR_INVAL, D(0, 0, 0)},
        {"24/11/25690", ERR_INVAL, D(0, 0, 0)},
        {"024/11/2569", ERR_INVAL, D(0, 0, 0)},
        {"24/011/2569", ERR_INVAL, D(0, 0, 0)},
        {"24/11-2569", ERR_INVAL, D(0, 0, 0)},
        {"24 11 2569", ERR_INVAL, D(0, 0, 0)},
        {"24//2569", ERR_INVAL, D(0, 0, 0)},
        {"/11/2569", ERR_INVAL, D(0, 0, 0)},
        {"24/11/", ERR_INVAL, D(0, 0, 0)},
        {"24/11", ERR_INVAL, D(0, 0, 0)},
        {"24/11/2569x", ERR_INVAL, D(0, 0, 0)},
        {"2569-11-24", ERR_INVAL, D(0, 0, 0)},
        {"+1/11/2569", ERR_INVAL, D(0, 0, 0)},
        {"24/11/2569/", ERR_INVAL, D(0, 0, 0)},
        {"24 พ.ย. 2569", ERR_INVAL, D(0, 0, 0)},
        {"24/11/\xff"
         "2569",
         ERR_INVAL, D(0, 0, 0)},
        {"24/1\xe0\xb9/2569", ERR_INVAL, D(0, 0, 0)}, /* truncated UTF-8 */
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct date got = D(7, 7, 7);
        int rc = thai_date_parse_be(cases[i].s, strlen(cases[i].s), &got);
        if (rc != cases[i].rc)
            fail_msg("\"%s\": rc %d, want %d", cases[i].s, rc, cases[i].rc);
        if (rc == ERR_OK)
            assert_date(got, cases[i].want, cases[i].s);
        else
            assert_date(got, D(7, 7, 7), "untouched on error");
    }
    /* Only len bytes are read. */
    struct date got;
    assert_int_equal(thai_date_parse_be("24/11/25691234", 10, &got), ERR_OK);
    assert_date(got, D(2026, 11, 24), "prefix");
    assert_int_equal(thai_date_parse_be(NULL, 0, &got), ERR_INVAL);
}

static void test_parse_format_round_trip(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 64);
    for (struct date d = D(2023, 1, 1); d.y < 2027; d = date_add_days(d, 1)) {
        for (int flags = 0; flags <= THAI_DATE_THAI_DIGITS; flags++) {
            buf_reset(&b);
            assert_int_equal(thai_date_format(d, THAI_DATE_NUMERIC, flags, &b), ERR_OK);
            struct date back;
            assert_int_equal(thai_date_parse_be(b.data, b.len, &back), ERR_OK);
            assert_date(back, d, buf_str(&b));
        }
    }
    buf_release(&b);
}

static void test_fiscal_year(void **state)
{
    (void)state;
    static const struct {
        struct date d;
        int fy;
    } cases[] = {
        {D(2025, 9, 30), 2568}, {D(2025, 10, 1), 2569}, {D(2025, 12, 31), 2569}, {D(2026, 1, 1), 2569},
        {D(2026, 9, 30), 2569}, {D(2026, 10, 1), 2570}, {D(2024, 2, 29), 2567},  {D(1999, 10, 1), 2543},
    };
    for (size_t i = 0; i < N(cases); i++)
        assert_int_equal(thai_fiscal_year(cases[i].d), cases[i].fy);

    struct date first, last;
    thai_fiscal_year_bounds(2569, &first, &last);
    assert_date(first, D(2025, 10, 1), "first of 2569");
    assert_date(last, D(2026, 9, 30), "last of 2569");
    thai_fiscal_year_bounds(2570, &first, NULL);
    assert_date(first, D(2026, 10, 1), "first of 2570");
    thai_fiscal_year_bounds(2543, NULL, &last);
    assert_date(last, D(2000, 9, 30), "last of 2543");
    thai_fiscal_year_bounds(2543, NULL, NULL);

    /* Every day of several years lies within the bounds of its fiscal year, and the bounds of
     * consecutive years touch. */
    for (struct date d = D(2019, 1, 1); d.y < 2031; d = date_add_days(d, 1)) {
        int fy = thai_fiscal_year(d);
        thai_fiscal_year_bounds(fy, &first, &last);
        if (date_cmp(first, d) > 0 || date_cmp(d, last) > 0)
            fail_msg("%04d-%02d-%02d outside FY%d", d.y, d.m, d.d, fy);
        struct date next_first;
        thai_fiscal_year_bounds(fy + 1, &next_first, NULL);
        assert_int_equal(date_to_days(next_first), date_to_days(last) + 1);
    }
}

static void test_retirement_cases(void **state)
{
    (void)state;
    static const struct {
        struct date birth;
        int age;
        struct date want;
        const char *why;
    } cases[] = {
        {D(1966, 10, 1), 60, D(2026, 9, 30), "born 1 Oct 2509: completes 60 on 30 Sep 2569"},
        {D(1966, 10, 2), 60, D(2027, 9, 30), "born 2 Oct 2509: completes 60 on 1 Oct 2569 (FY2570)"},
        {D(1966, 9, 30), 60, D(2026, 9, 30), "born 30 Sep: completes 60 on 29 Sep"},
        {D(1966, 1, 1), 60, D(2026, 9, 30), "born 1 Jan 1966: completes 60 on 31 Dec 2025 (FY2569)"},
        {D(1966, 1, 2), 60, D(2026, 9, 30), "born 2 Jan"},
        {D(1965, 12, 31), 60, D(2026, 9, 30), "born 31 Dec 1965: completes 60 on 30 Dec 2025"},
        {D(1965, 10, 1), 60, D(2025, 9, 30), "born 1 Oct 1965"},
        {D(1964, 2, 29), 60, D(2024, 9, 30), "29 Feb, leap 60th year: completes on 28 Feb 2024"},
        {D(1964, 2, 29), 61, D(2025, 9, 30), "29 Feb, common 61st year: completes on 28 Feb 2025"},
        {D(2040, 2, 29), 60, D(2100, 9, 30), "29 Feb 2040: 2100 is not a leap year"},
        {D(1964, 3, 1), 60, D(2024, 9, 30), "1 Mar"},
        {D(1966, 10, 1), 65, D(2031, 9, 30), "another age from a different rule set"},
        {D(1966, 10, 2), 65, D(2032, 9, 30), "another age, day after the boundary"},
        {D(2000, 10, 1), 1, D(2001, 9, 30), "smallest age"},
    };
    for (size_t i = 0; i < N(cases); i++)
        assert_date(thai_retirement_date(cases[i].birth, cases[i].age), cases[i].want, cases[i].why);
}

static void test_retirement_invalid(void **state)
{
    (void)state;
    static const struct {
        struct date birth;
        int age;
    } cases[] = {
        {D(1966, 2, 29), 60}, {D(1966, 13, 1), 60}, {D(0, 1, 1), 60},    {D(1966, 1, 1), 0},
        {D(1966, 1, 1), -60}, {D(1966, 1, 1), 151}, {D(9939, 1, 1), 60}, {D(9990, 1, 1), 60},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct date r = thai_retirement_date(cases[i].birth, cases[i].age);
        assert_false(date_valid(r));
        assert_date(r, D(0, 0, 0), "invalid input");
    }
    /* The largest birth year that still fits. */
    assert_date(thai_retirement_date(D(9938, 1, 1), 60), D(9998, 9, 30), "edge of the calendar");
}

/*
 * For every birth day of a decade: the retirement date is a 30 September; by the day after it the
 * person has had their 60th birthday or has it that very day (completed 60 years by 30 September),
 * and a year earlier they had not.
 */
static void test_retirement_property(void **state)
{
    (void)state;
    for (struct date b = D(1960, 1, 1); b.y < 1971; b = date_add_days(b, 1)) {
        struct date r = thai_retirement_date(b, 60);
        if (r.m != 9 || r.d != 30)
            fail_msg("born %04d-%02d-%02d: retires %04d-%02d-%02d", b.y, b.m, b.d, r.y, r.m, r.d);
        struct date after = date_add_days(r, 1);
        struct date year_before = D(after.y - 1, after.m, after.d);
        if (date_years_between(b, after) < 60 || date_years_between(b, year_before) >= 60)
            fail_msg("born %04d-%02d-%02d: retires %04d-%02d-%02d", b.y, b.m, b.d, r.y, r.m, r.d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_be_year),
        cmocka_unit_test(test_month_names),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_errors),
        cmocka_unit_test(test_parse_be),
        cmocka_unit_test(test_parse_format_round_trip),
        cmocka_unit_test(test_fiscal_year),
        cmocka_unit_test(test_retirement_cases),
        cmocka_unit_test(test_retirement_invalid),
        cmocka_unit_test(test_retirement_property),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
