/*
 * Unit tests for thai/bahttext: a table of amounts in satang against the words written on Thai money
 * documents (zero, satang only, whole baht, เอ็ด and ยี่, every place name, millions and ล้านล้าน,
 * negatives, the int64 extremes), the alternative หนึ่ง convention, bad flags, and full buffers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "thai/bahttext.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct amount_case {
    int64_t satang;
    const char *want;
};

static const struct amount_case royal_institute[] = {
    {0, "ศูนย์บาทถ้วน"},
    {1, "หนึ่งสตางค์"},
    {10, "สิบสตางค์"},
    {11, "สิบเอ็ดสตางค์"},
    {21, "ยี่สิบเอ็ดสตางค์"},
    {25, "ยี่สิบห้าสตางค์"},
    {99, "เก้าสิบเก้าสตางค์"},
    {100, "หนึ่งบาทถ้วน"},
    {101, "หนึ่งบาทหนึ่งสตางค์"},
    {150, "หนึ่งบาทห้าสิบสตางค์"},
    {200, "สองบาทถ้วน"},
    {1000, "สิบบาทถ้วน"},
    {1100, "สิบเอ็ดบาทถ้วน"},
    {1500, "สิบห้าบาทถ้วน"},
    {2000, "ยี่สิบบาทถ้วน"},
    {2100, "ยี่สิบเอ็ดบาทถ้วน"},
    {2200, "ยี่สิบสองบาทถ้วน"},
    {3100, "สามสิบเอ็ดบาทถ้วน"},
    {10000, "หนึ่งร้อยบาทถ้วน"},
    {10100, "หนึ่งร้อยเอ็ดบาทถ้วน"},
    {11000, "หนึ่งร้อยสิบบาทถ้วน"},
    {11100, "หนึ่งร้อยสิบเอ็ดบาทถ้วน"},
    {12000, "หนึ่งร้อยยี่สิบบาทถ้วน"},
    {100000, "หนึ่งพันบาทถ้วน"},
    {100100, "หนึ่งพันเอ็ดบาทถ้วน"},
    {1000000, "หนึ่งหมื่นบาทถ้วน"},
    {10000000, "หนึ่งแสนบาทถ้วน"},
    {12345675, "หนึ่งแสนสองหมื่นสามพันสี่ร้อยห้าสิบหกบาทเจ็ดสิบห้าสตางค์"},
    {99999999, "เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทเก้าสิบเก้าสตางค์"},
    {100000000, "หนึ่งล้านบาทถ้วน"},
    {100000100, "หนึ่งล้านเอ็ดบาทถ้วน"},
    {100001000, "หนึ่งล้านสิบบาทถ้วน"},
    {100001100, "หนึ่งล้านสิบเอ็ดบาทถ้วน"},
    {123456700, "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทถ้วน"},
    {200000000, "สองล้านบาทถ้วน"},
    {1000000000, "สิบล้านบาทถ้วน"},
    {1100000000, "สิบเอ็ดล้านบาทถ้วน"},
    {1100000001, "สิบเอ็ดล้านบาทหนึ่งสตางค์"},
    {2000000000, "ยี่สิบล้านบาทถ้วน"},
    {2100000000, "ยี่สิบเอ็ดล้านบาทถ้วน"},
    {10100000000, "หนึ่งร้อยเอ็ดล้านบาทถ้วน"},
    {100000000000000, "หนึ่งล้านล้านบาทถ้วน"},
    {100000000000100, "หนึ่งล้านล้านเอ็ดบาทถ้วน"},
    {110000000000000, "หนึ่งล้านหนึ่งแสนล้านบาทถ้วน"},
    {1100000000000000, "สิบเอ็ดล้านล้านบาทถ้วน"},
    {-1, "ลบหนึ่งสตางค์"},
    {-100, "ลบหนึ่งบาทถ้วน"},
    {-2100050, "ลบสองหมื่นหนึ่งพันบาทห้าสิบสตางค์"},
    {INT64_MAX, "เก้าหมื่นสองพันสองร้อยสามสิบสามล้านเจ็ดแสนสองหมื่นสามร้อยหกสิบแปดล้าน"
                "ห้าแสนสี่หมื่นเจ็ดพันเจ็ดร้อยห้าสิบแปดบาทเจ็ดสตางค์"},
    {INT64_MIN, "ลบเก้าหมื่นสองพันสองร้อยสามสิบสามล้านเจ็ดแสนสองหมื่นสามร้อยหกสิบแปดล้าน"
                "ห้าแสนสี่หมื่นเจ็ดพันเจ็ดร้อยห้าสิบแปดบาทแปดสตางค์"},
};

/* Only the final 1 after a higher digit differs in the หนึ่ง convention. */
static const struct amount_case nueng[] = {
    {10100, "หนึ่งร้อยหนึ่งบาทถ้วน"},
    {100100, "หนึ่งพันหนึ่งบาทถ้วน"},
    {100000100, "หนึ่งล้านหนึ่งบาทถ้วน"},
    {10100000000, "หนึ่งร้อยหนึ่งล้านบาทถ้วน"},
    {1100, "สิบเอ็ดบาทถ้วน"},
    {2100, "ยี่สิบเอ็ดบาทถ้วน"},
    {11100, "หนึ่งร้อยสิบเอ็ดบาทถ้วน"},
    {1100000000, "สิบเอ็ดล้านบาทถ้วน"},
    {100, "หนึ่งบาทถ้วน"},
    {1, "หนึ่งสตางค์"},
    {21, "ยี่สิบเอ็ดสตางค์"},
    {0, "ศูนย์บาทถ้วน"},
    {12345675, "หนึ่งแสนสองหมื่นสามพันสี่ร้อยห้าสิบหกบาทเจ็ดสิบห้าสตางค์"},
    {-10100, "ลบหนึ่งร้อยหนึ่งบาทถ้วน"},
};

static void run_table(const struct amount_case *cases, size_t n, int flags)
{
    struct buf b;
    buf_init(&b, 4096);
    for (size_t i = 0; i < n; i++) {
        buf_reset(&b);
        int rc = flags ? thai_bahttext_ex(cases[i].satang, flags, &b) : thai_bahttext(cases[i].satang, &b);
        assert_int_equal(rc, ERR_OK);
        if (strcmp(buf_str(&b), cases[i].want) != 0)
            fail_msg("%lld: got %s, want %s", (long long)cases[i].satang, buf_str(&b), cases[i].want);
    }
    buf_release(&b);
}

static void test_royal_institute(void **state)
{
    (void)state;
    run_table(royal_institute, N(royal_institute), 0);
    /* thai_bahttext_ex with no flags is thai_bahttext. */
    struct buf a, b;
    buf_init(&a, 4096);
    buf_init(&b, 4096);
    for (size_t i = 0; i < N(royal_institute); i++) {
        buf_reset(&a);
        buf_reset(&b);
        assert_int_equal(thai_bahttext(royal_institute[i].satang, &a), ERR_OK);
        assert_int_equal(thai_bahttext_ex(royal_institute[i].satang, 0, &b), ERR_OK);
        assert_string_equal(buf_str(&a), buf_str(&b));
    }
    buf_release(&a);
    buf_release(&b);
}

static void test_nueng_convention(void **state)
{
    (void)state;
    run_table(nueng, N(nueng), THAI_BAHTTEXT_NUENG);
}

static void test_bad_flags(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 4096);
    assert_int_equal(thai_bahttext_ex(100, 2, &b), ERR_INVAL);
    assert_int_equal(thai_bahttext_ex(100, -1, &b), ERR_INVAL);
    assert_int_equal(b.len, 0);
    buf_release(&b);
}

static void test_appends_and_full_buffer(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 4096);
    assert_int_equal(buf_appends(&b, "("), ERR_OK);
    assert_int_equal(thai_bahttext(100, &b), ERR_OK);
    assert_string_equal(buf_str(&b), "(หนึ่งบาทถ้วน");
    buf_release(&b);

    /* Every buffer size from 0 up to one byte short fails and leaves the buffer as it was; the exact
     * size succeeds. */
    const char *want = "หนึ่งแสนสองหมื่นสามพันสี่ร้อยห้าสิบหกบาทเจ็ดสิบห้าสตางค์";
    size_t need = strlen(want);
    for (size_t max = 0; max < need; max++) {
        struct buf s;
        buf_init(&s, max);
        assert_int_equal(thai_bahttext(12345675, &s), ERR_TOOBIG);
        assert_int_equal(s.len, 0);
        buf_release(&s);
    }
    struct buf s;
    buf_init(&s, need);
    assert_int_equal(thai_bahttext(12345675, &s), ERR_OK);
    assert_string_equal(buf_str(&s), want);
    buf_release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_royal_institute),
        cmocka_unit_test(test_nueng_convention),
        cmocka_unit_test(test_bad_flags),
        cmocka_unit_test(test_appends_and_full_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
