/*
 * Unit tests for thai/digits: every digit both ways, text around digits left alone (Thai, Latin,
 * other scripts, punctuation), round trips, ill-formed UTF-8 refused, and full buffers left unchanged.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "thai/digits.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *arabic, *thai;
} pairs[] = {
    {"0123456789", "๐๑๒๓๔๕๖๗๘๙"},
    {"", ""},
    {"24 พฤศจิกายน 2569", "๒๔ พฤศจิกายน ๒๕๖๙"},
    {"เลขที่ 99/1 หมู่ 5", "เลขที่ ๙๙/๑ หมู่ ๕"},
    {"no digits here", "no digits here"},
    {"1,234.50 บาท", "๑,๒๓๔.๕๐ บาท"},
    {"Ωμέγα 7 日本 8 😀 9", "Ωμέγα ๗ 日本 ๘ 😀 ๙"},
    {"ก0ข", "ก๐ข"},
};

static void test_from_arabic(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 1024);
    for (size_t i = 0; i < N(pairs); i++) {
        buf_reset(&b);
        assert_int_equal(thai_digits_from_arabic(pairs[i].arabic, strlen(pairs[i].arabic), &b), ERR_OK);
        assert_string_equal(buf_str(&b), pairs[i].thai);
    }
    /* Thai digits already there stay Thai. */
    buf_reset(&b);
    assert_int_equal(thai_digits_from_arabic("๑2", strlen("๑2"), &b), ERR_OK);
    assert_string_equal(buf_str(&b), "๑๒");
    buf_release(&b);
}

static void test_to_arabic(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 1024);
    for (size_t i = 0; i < N(pairs); i++) {
        buf_reset(&b);
        assert_int_equal(thai_digits_to_arabic(pairs[i].thai, strlen(pairs[i].thai), &b), ERR_OK);
        assert_string_equal(buf_str(&b), pairs[i].arabic);
    }
    /* Characters next to the digits in the Thai block are not digits: ๏ U+0E4F, ๚ U+0E5A, ๛ U+0E5B. */
    buf_reset(&b);
    assert_int_equal(thai_digits_to_arabic("๏๐๙๚๛", strlen("๏๐๙๚๛"), &b), ERR_OK);
    assert_string_equal(buf_str(&b), "๏09๚๛");
    buf_release(&b);
}

static void test_digit_value(void **state)
{
    (void)state;
    for (int v = 0; v < 10; v++) {
        assert_int_equal(thai_digit_value('0' + v), v);
        assert_int_equal(thai_digit_value(0x0E50 + v), v);
    }
    static const int not_digits[] = {'/', ':', 'a', 0x0E4F, 0x0E5A, 0xFF10, 0x0660, -1, 0};
    for (size_t i = 0; i < N(not_digits); i++)
        assert_int_equal(thai_digit_value(not_digits[i]), -1);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    static const char *bad[] = {
        "12\xff",
        "\xe0\xb9",
        "1\xe0\xb9\x91\xe0",
        "\xc0\xb1",         /* overlong '1' */
        "\xed\xa0\x80",     /* surrogate */
        "\xf4\x90\x80\x80", /* above U+10FFFF */
        "\x80",
        "a\xc3",
    };
    struct buf b;
    buf_init(&b, 1024);
    assert_int_equal(buf_appends(&b, "keep"), ERR_OK);
    for (size_t i = 0; i < N(bad); i++) {
        assert_int_equal(thai_digits_from_arabic(bad[i], strlen(bad[i]), &b), ERR_INVAL);
        assert_int_equal(thai_digits_to_arabic(bad[i], strlen(bad[i]), &b), ERR_INVAL);
        assert_string_equal(buf_str(&b), "keep");
    }
    /* Only len bytes are looked at: the bad byte after them does not matter. */
    assert_int_equal(thai_digits_from_arabic("12\xff", 2, &b), ERR_OK);
    assert_string_equal(buf_str(&b), "keep๑๒");
    /* An embedded NUL is ordinary text. */
    buf_reset(&b);
    assert_int_equal(thai_digits_from_arabic("1\0"
                                             "2",
                                             3, &b),
                     ERR_OK);
    assert_int_equal(b.len, 7);
    assert_memory_equal(b.data, "๑\0๒", 7);
    assert_int_equal(thai_digits_to_arabic(NULL, 0, &b), ERR_OK);
    assert_int_equal(thai_digits_to_arabic(NULL, 1, &b), ERR_INVAL);
    buf_release(&b);
}

static void test_full_buffer(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 8);
    assert_int_equal(buf_appends(&b, "ab"), ERR_OK);
    /* "12" becomes 6 bytes: fits in 8 with "ab"; "123" would need 11. */
    assert_int_equal(thai_digits_from_arabic("123", 3, &b), ERR_TOOBIG);
    assert_string_equal(buf_str(&b), "ab");
    assert_int_equal(thai_digits_from_arabic("12", 2, &b), ERR_OK);
    assert_string_equal(buf_str(&b), "ab๑๒");
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_from_arabic), cmocka_unit_test(test_to_arabic),
        cmocka_unit_test(test_digit_value), cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_full_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
