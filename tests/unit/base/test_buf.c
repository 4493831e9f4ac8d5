/*
 * Unit tests for base/buf: the maximum size is a hard limit that leaves the buffer untouched when hit,
 * printf grows the buffer, and the contents stay NUL-terminated through every operation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"

/* The invariant every operation keeps: data is NULL or holds len bytes followed by a NUL. */
static void assert_terminated(const struct buf *b)
{
    assert_true(b->len <= b->max);
    if (b->data) {
        assert_true(b->cap > b->len);
        assert_int_equal(b->data[b->len], '\0');
    } else {
        assert_int_equal(b->len, 0);
    }
    assert_true(strlen(buf_str(b)) <= b->len);
}

static void test_fresh_buffer(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 100);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.max, 100);
    assert_string_equal(buf_str(&b), "");
    buf_release(&b);
    assert_string_equal(buf_str(&b), "");
}

/* Maximum sizes around the initial capacity (64) and its doublings. */
static const size_t maxes[] = {0, 1, 2, 63, 64, 65, 127, 128, 129, 1000, 4096};
#define N_MAXES (sizeof maxes / sizeof maxes[0])

static void test_append_exactly_to_max(void **state)
{
    (void)state;
    /* Piece sizes to fill the buffer with: one byte at a time, three at a time, all at once. */
    static const size_t pieces[] = {1, 3, 64, 5000};
    for (size_t m = 0; m < N_MAXES; m++) {
        for (size_t p = 0; p < sizeof pieces / sizeof pieces[0]; p++) {
            size_t max = maxes[m];
            struct buf b;
            buf_init(&b, max);
            char *want = malloc(max + 1);
            for (size_t i = 0; i < max; i++)
                want[i] = (char)('a' + i % 26);
            want[max] = '\0';
            size_t at = 0;
            while (at < max) {
                size_t n = pieces[p] < max - at ? pieces[p] : max - at;
                assert_int_equal(buf_append(&b, want + at, n), ERR_OK);
                at += n;
                assert_int_equal(b.len, at);
                assert_terminated(&b);
            }
            assert_int_equal(b.len, max);
            assert_string_equal(buf_str(&b), want);

            /* One more byte, by every appending function, fails and changes nothing. */
            assert_int_equal(buf_append(&b, "z", 1), ERR_TOOBIG);
            assert_int_equal(buf_appends(&b, "z"), ERR_TOOBIG);
            assert_int_equal(buf_putc(&b, 'z'), ERR_TOOBIG);
            assert_int_equal(buf_printf(&b, "%c", 'z'), ERR_TOOBIG);
            assert_int_equal(buf_printf(&b, "%s", "much longer than one byte"), ERR_TOOBIG);
            assert_int_equal(buf_append(&b, want, SIZE_MAX), ERR_TOOBIG); /* no overflow in the check */
            assert_int_equal(b.len, max);
            assert_string_equal(buf_str(&b), want);
            assert_terminated(&b);

            /* Appending nothing is always allowed, even when full. */
            assert_int_equal(buf_append(&b, "", 0), ERR_OK);
            assert_int_equal(buf_appends(&b, ""), ERR_OK);
            assert_int_equal(buf_printf(&b, "%s", ""), ERR_OK);
            assert_int_equal(b.len, max);
            assert_string_equal(buf_str(&b), want);
            free(want);
            buf_release(&b);
        }
    }
}

static void test_too_big_append_leaves_contents(void **state)
{
    (void)state;
    /* A partly filled buffer refuses an append that would pass max by any amount, and keeps what it had. */
    static const struct {
        size_t max, have, add;
        int want;
    } cases[] = {
        {10, 0, 10, ERR_OK},   {10, 0, 11, ERR_TOOBIG}, {10, 5, 5, ERR_OK},    {10, 5, 6, ERR_TOOBIG},
        {10, 9, 1, ERR_OK},    {10, 9, 2, ERR_TOOBIG},  {100, 64, 36, ERR_OK}, {100, 64, 37, ERR_TOOBIG},
        {0, 0, 1, ERR_TOOBIG}, {1, 0, 1, ERR_OK},       {1, 1, 1, ERR_TOOBIG},
    };
    char src[128];
    memset(src, 'x', sizeof src);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b;
        buf_init(&b, cases[i].max);
        for (size_t k = 0; k < cases[i].have; k++)
            assert_int_equal(buf_putc(&b, (char)('0' + k % 10)), ERR_OK);
        char before[128];
        memcpy(before, buf_str(&b), cases[i].have + 1);
        assert_int_equal(buf_append(&b, src, cases[i].add), cases[i].want);
        if (cases[i].want == ERR_OK) {
            assert_int_equal(b.len, cases[i].have + cases[i].add);
            assert_memory_equal(b.data, before, cases[i].have);
            assert_memory_equal(b.data + cases[i].have, src, cases[i].add);
        } else {
            assert_int_equal(b.len, cases[i].have);
            assert_string_equal(buf_str(&b), before);
        }
        assert_terminated(&b);
        buf_release(&b);
    }
}

static void test_printf_growth(void **state)
{
    (void)state;
    /* Many printf calls crossing every capacity doubling; compared with the same text built by hand. */
    struct buf b;
    buf_init(&b, 1 << 20);
    char *want = malloc(1 << 20);
    size_t wlen = 0;
    for (int i = 0; i < 5000; i++) {
        char piece[64];
        int n = snprintf(piece, sizeof piece, "%d:%s;", i, i % 2 ? "คี่" : "even");
        assert_int_equal(buf_printf(&b, "%d:%s;", i, i % 2 ? "คี่" : "even"), ERR_OK);
        memcpy(want + wlen, piece, (size_t)n);
        wlen += (size_t)n;
        assert_int_equal(b.len, wlen);
        assert_terminated(&b);
    }
    assert_memory_equal(b.data, want, wlen);
    free(want);
    buf_release(&b);

    /* One printf much larger than the initial capacity. */
    buf_init(&b, 100000);
    assert_int_equal(buf_printf(&b, "[%0*d]", 70000, 5), ERR_OK);
    assert_int_equal(b.len, 70002);
    assert_int_equal(b.data[0], '[');
    assert_int_equal(b.data[70000], '5');
    assert_int_equal(b.data[70001], ']');
    assert_terminated(&b);
    buf_release(&b);
}

static void test_printf_at_the_limit(void **state)
{
    (void)state;
    static const struct {
        size_t max, width;
        int want;
    } cases[] = {
        {8, 8, ERR_OK}, {8, 9, ERR_TOOBIG}, {64, 64, ERR_OK}, {64, 65, ERR_TOOBIG}, {1000, 999, ERR_OK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b;
        buf_init(&b, cases[i].max);
        assert_int_equal(buf_appends(&b, ""), ERR_OK);
        assert_int_equal(buf_printf(&b, "%*s", (int)cases[i].width, "x"), cases[i].want);
        assert_int_equal(b.len, cases[i].want == ERR_OK ? cases[i].width : 0);
        assert_terminated(&b);
        buf_release(&b);
    }
}

static void test_truncate(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t to;
        const char *want;
    } cases[] = {
        {"hello", 0, ""}, {"hello", 1, "h"}, {"hello", 4, "hell"}, {"hello", 5, "hello"}, {"", 0, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b;
        buf_init(&b, 64);
        assert_int_equal(buf_appends(&b, cases[i].text), ERR_OK);
        buf_truncate(&b, cases[i].to);
        assert_int_equal(b.len, strlen(cases[i].want));
        assert_string_equal(buf_str(&b), cases[i].want);
        assert_terminated(&b);
        /* Appending continues from the new end. */
        assert_int_equal(buf_appends(&b, "!"), ERR_OK);
        assert_int_equal(b.len, strlen(cases[i].want) + 1);
        assert_int_equal(b.data[b.len - 1], '!');
        assert_terminated(&b);
        buf_release(&b);
    }
    /* Truncating a buffer that never held anything is harmless. */
    struct buf e;
    buf_init(&e, 10);
    buf_truncate(&e, 0);
    assert_string_equal(buf_str(&e), "");
    buf_release(&e);
}

static void test_reset_keeps_memory(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 1000);
    assert_int_equal(buf_appends(&b, "some text that is here"), ERR_OK);
    char *data = b.data;
    size_t cap = b.cap;
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_ptr_equal(b.data, data);
    assert_int_equal(b.cap, cap);
    assert_string_equal(buf_str(&b), "");
    assert_int_equal(buf_appends(&b, "again"), ERR_OK);
    assert_string_equal(buf_str(&b), "again");
    buf_release(&b);
    buf_reset(&b); /* reset of a released (empty) buffer */
    assert_string_equal(buf_str(&b), "");
}

static void test_detach(void **state)
{
    (void)state;
    static const char *cases[] = {"", "x", "ภาษาไทย",
                                  "a longer string that needs more than the first 64 bytes of capacity"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b;
        buf_init(&b, 500);
        if (i > 0) /* case 0: a buffer that never allocated */
            assert_int_equal(buf_appends(&b, cases[i]), ERR_OK);
        char *s = buf_detach(&b);
        assert_non_null(s);
        assert_string_equal(s, cases[i]);
        /* The buffer is now empty, owns nothing, and is usable with the same maximum. */
        assert_null(b.data);
        assert_int_equal(b.len, 0);
        assert_int_equal(b.max, 500);
        assert_string_equal(buf_str(&b), "");
        assert_int_equal(buf_appends(&b, "next"), ERR_OK);
        assert_string_equal(buf_str(&b), "next");
        assert_string_equal(s, cases[i]); /* the detached text is independent of the buffer */
        free(s);
        buf_release(&b);
    }
}

static void test_release_and_reuse(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 5);
    assert_int_equal(buf_appends(&b, "12345"), ERR_OK);
    buf_release(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.max, 5); /* the limit survives release */
    assert_int_equal(buf_appends(&b, "123456"), ERR_TOOBIG);
    assert_int_equal(buf_appends(&b, "abcde"), ERR_OK);
    assert_string_equal(buf_str(&b), "abcde");
    buf_release(&b);
}

static void test_binary_content(void **state)
{
    (void)state;
    /* Embedded NUL bytes are content: len counts them and a NUL still follows the last byte. */
    struct buf b;
    buf_init(&b, 16);
    assert_int_equal(buf_append(&b, "a\0b", 3), ERR_OK);
    assert_int_equal(buf_putc(&b, '\0'), ERR_OK);
    assert_int_equal(buf_putc(&b, 'c'), ERR_OK);
    assert_int_equal(b.len, 5);
    assert_memory_equal(b.data, "a\0b\0c", 6);
    assert_terminated(&b);
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fresh_buffer),
        cmocka_unit_test(test_append_exactly_to_max),
        cmocka_unit_test(test_too_big_append_leaves_contents),
        cmocka_unit_test(test_printf_growth),
        cmocka_unit_test(test_printf_at_the_limit),
        cmocka_unit_test(test_truncate),
        cmocka_unit_test(test_reset_keeps_memory),
        cmocka_unit_test(test_detach),
        cmocka_unit_test(test_release_and_reuse),
        cmocka_unit_test(test_binary_content),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
