/*
 * Unit tests for thai/collate: Thai dictionary order (leading vowels, tone marks as tie-breakers),
 * digits before Thai before Latin, a total order where only byte-equal strings are equal, lengths
 * rather than NULs, ill-formed UTF-8, sort keys that order exactly like thai_collate, sorting a
 * shuffled list, and use from several threads at once (each thread's collator freed when it exits,
 * which ASan's leak check verifies).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "thai/collate.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* In the expected order, strictly increasing. */
static const char *const ordered[] = {
    "",         "0",   "123",  "๑๒๓", /* equal to "123" for ICU; after it by bytes */
    "9",        "กมล", "กอง",  "ก้อง",   "กอด", /* ด after ง: the tone of ก้อง only broke the tie with กอง */
    "กิตติ",      "เก่ง",                         /* leading vowel เ sorts by the consonant after it */
    "แก้ว",      "ไก่",  "ขวัญ",  "สมชาย", "สมชาย ใจดี",
    "สมชายใจดี", "อรุณ", "ฮูก",   "abc", /* the Thai locale puts Thai script before Latin */
    "Abc",      "ABC", "John", "Zed",
};

static int sign(int x)
{
    return (x > 0) - (x < 0);
}

static int collate_str(const char *a, const char *b)
{
    return thai_collate(a, strlen(a), b, strlen(b));
}

static void test_dictionary_order(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(ordered); i++) {
        assert_int_equal(collate_str(ordered[i], ordered[i]), 0);
        for (size_t j = i + 1; j < N(ordered); j++) {
            if (collate_str(ordered[i], ordered[j]) >= 0 || collate_str(ordered[j], ordered[i]) <= 0)
                fail_msg("expected \"%s\" < \"%s\"", ordered[i], ordered[j]);
        }
    }
    /* The order from the domain notes, on its own. */
    static const char *const names[] = {"กมล", "กอง", "ก้อง", "กิตติ", "เก่ง", "แก้ว", "ขวัญ"};
    for (size_t i = 0; i + 1 < N(names); i++)
        assert_true(collate_str(names[i], names[i + 1]) < 0);
}

static void test_lengths_not_nul(void **state)
{
    (void)state;
    /* Only the given bytes count: "กอง" and "กองทุน" cut to the length of "กอง" are equal. */
    assert_int_equal(thai_collate("กองทุน", strlen("กอง"), "กอง", strlen("กอง")), 0);
    assert_true(thai_collate("กองทุน", strlen("กองทุน"), "กอง", strlen("กอง")) > 0);
    /* An embedded NUL is compared like any other byte. */
    assert_true(thai_collate("a\0b", 3, "a", 1) > 0);
    assert_true(thai_collate("a\0b", 3, "a\0c", 3) < 0);
    assert_int_equal(thai_collate(NULL, 0, "", 0), 0);
    assert_true(thai_collate(NULL, 0, "ก", strlen("ก")) < 0);
}

static void test_ill_formed_utf8(void **state)
{
    (void)state;
    /* Bad bytes compare as U+FFFD: the order stays antisymmetric and byte-distinct strings unequal. */
    static const char *const bad[] = {"\xff", "ก\xe0\xb8", "\xc0\x80", "a\xed\xa0\x80", "\x80\x80"};
    for (size_t i = 0; i < N(bad); i++) {
        assert_int_equal(collate_str(bad[i], bad[i]), 0);
        for (size_t j = 0; j < N(ordered); j++) {
            int a = collate_str(bad[i], ordered[j]), b = collate_str(ordered[j], bad[i]);
            assert_int_not_equal(a, 0);
            assert_int_equal(sign(a), -sign(b));
        }
        for (size_t j = i + 1; j < N(bad); j++)
            assert_int_equal(sign(collate_str(bad[i], bad[j])), -sign(collate_str(bad[j], bad[i])));
    }
}

static int cmp_ptr(const void *a, const void *b)
{
    return collate_str(*(const char *const *)a, *(const char *const *)b);
}

static void test_sort_shuffled(void **state)
{
    (void)state;
    const char *list[N(ordered)];
    /* A fixed shuffle: reverse, then swap pairs. */
    for (size_t i = 0; i < N(ordered); i++)
        list[i] = ordered[N(ordered) - 1 - i];
    for (size_t i = 0; i + 1 < N(ordered); i += 2) {
        const char *t = list[i];
        list[i] = list[i + 1];
        list[i + 1] = t;
    }
    qsort(list, N(list), sizeof list[0], cmp_ptr);
    for (size_t i = 0; i < N(ordered); i++)
        assert_string_equal(list[i], ordered[i]);
}

static int key_cmp(const struct buf *a, const struct buf *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int r = n ? memcmp(a->data, b->data, n) : 0;
    if (r != 0)
        return sign(r);
    return (a->len > b->len) - (a->len < b->len);
}

static void test_sort_keys(void **state)
{
    (void)state;
    static const char *const extra[] = {"\xff", "ก\xe0\xb8", "a\0b"};
    const char *all[N(ordered) + N(extra)];
    size_t lens[N(all)];
    struct buf keys[N(all)];
    for (size_t i = 0; i < N(ordered); i++) {
        all[i] = ordered[i];
        lens[i] = strlen(ordered[i]);
    }
    for (size_t i = 0; i < N(extra); i++) {
        all[N(ordered) + i] = extra[i];
        lens[N(ordered) + i] = i == 2 ? 3 : strlen(extra[i]);
    }
    for (size_t i = 0; i < N(all); i++) {
        buf_init(&keys[i], 4096);
        assert_int_equal(thai_sort_key(all[i], lens[i], &keys[i]), ERR_OK);
        assert_true(keys[i].len > lens[i]);
    }
    for (size_t i = 0; i < N(all); i++)
        for (size_t j = 0; j < N(all); j++)
            if (key_cmp(&keys[i], &keys[j]) != sign(thai_collate(all[i], lens[i], all[j], lens[j])))
                fail_msg("keys of \"%s\" and \"%s\" disagree with thai_collate", all[i], all[j]);
    for (size_t i = 0; i < N(all); i++)
        buf_release(&keys[i]);

    /* A long string needs a key larger than the first guess inside thai_sort_key. */
    struct buf text, k1, k2;
    buf_init(&text, 1 << 20);
    for (int i = 0; i < 500; i++)
        assert_int_equal(buf_appends(&text, "สมชาย"), ERR_OK);
    buf_init(&k1, 1 << 20);
    buf_init(&k2, 1 << 20);
    assert_int_equal(thai_sort_key(text.data, text.len, &k1), ERR_OK);
    assert_int_equal(buf_appends(&text, "ก"), ERR_OK);
    assert_int_equal(thai_sort_key(text.data, text.len, &k2), ERR_OK);
    assert_true(key_cmp(&k1, &k2) < 0);
    buf_release(&text);
    buf_release(&k1);
    buf_release(&k2);
}

static void test_sort_key_errors(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 8);
    assert_int_equal(buf_appends(&b, "x"), ERR_OK);
    assert_int_equal(thai_sort_key("สมชาย", strlen("สมชาย"), &b), ERR_TOOBIG);
    assert_string_equal(buf_str(&b), "x");
    buf_release(&b);
    /* Appends after existing contents. */
    struct buf a, c;
    buf_init(&a, 4096);
    buf_init(&c, 4096);
    assert_int_equal(buf_appends(&a, "pre"), ERR_OK);
    assert_int_equal(thai_sort_key("กมล", strlen("กมล"), &a), ERR_OK);
    assert_int_equal(thai_sort_key("กมล", strlen("กมล"), &c), ERR_OK);
    assert_int_equal(a.len, 3 + c.len);
    assert_memory_equal(a.data + 3, c.data, c.len);
    buf_release(&a);
    buf_release(&c);
}

static void *compare_many(void *arg)
{
    (void)arg;
    for (int round = 0; round < 300; round++)
        for (size_t i = 0; i + 1 < N(ordered); i++)
            if (collate_str(ordered[i], ordered[i + 1]) >= 0)
                return (void *)1;
    struct buf k;
    buf_init(&k, 4096);
    int rc = thai_sort_key("กิตติ", strlen("กิตติ"), &k);
    buf_release(&k);
    return rc == ERR_OK ? NULL : (void *)1;
}

static void test_threads(void **state)
{
    (void)state;
    /* Several waves of threads: each gets its own collator, which is freed when it ends. */
    for (int wave = 0; wave < 3; wave++) {
        pthread_t t[4];
        for (size_t i = 0; i < N(t); i++)
            assert_int_equal(pthread_create(&t[i], NULL, compare_many, NULL), 0);
        for (size_t i = 0; i < N(t); i++) {
            void *res;
            assert_int_equal(pthread_join(t[i], &res), 0);
            assert_null(res);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dictionary_order), cmocka_unit_test(test_lengths_not_nul),
        cmocka_unit_test(test_ill_formed_utf8),  cmocka_unit_test(test_sort_shuffled),
        cmocka_unit_test(test_sort_keys),        cmocka_unit_test(test_sort_key_errors),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
