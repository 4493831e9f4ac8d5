/*
 * Unit tests for thai/normalize: typed-order variants of Thai words (tone before or after the vowel,
 * doubled tone marks and vowels, tone after SARA AM) become byte-equal; white space is trimmed and
 * collapsed; other scripts pass through untouched; the result is idempotent and never longer; ill-formed
 * UTF-8 and full buffers leave the output alone; the offset map of thai_normalize_mapped points back
 * at the right characters; and cluster-by-cluster normalisation agrees with libthai's th_normalize run
 * over whole Thai strings.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <thai/thstr.h>

#include "base/buf.h"
#include "base/err.h"
#include "thai/normalize.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Thai letters by code point, so that the order of marks in each test string is explicit. */
#define KO "\u0e01"         /* ก */
#define NO "\u0e19"         /* น */
#define THO "\u0e17"        /* ท */
#define DO "\u0e14"         /* ด */
#define SO "\u0e2a"         /* ส */
#define MAITHO "\u0e49"     /* ้ */
#define MAIEK "\u0e48"      /* ่ */
#define MAITRI "\u0e4a"     /* ๊ */
#define SARA_II "\u0e35"    /* ี */
#define SARA_I "\u0e34"     /* ิ */
#define SARA_U "\u0e38"     /* ุ */
#define SARA_AM "\u0e33"    /* ำ */
#define SARA_A "\u0e32"     /* า */
#define MAIHANAKAT "\u0e31" /* ั */

static char *norm(const char *s)
{
    struct buf b;
    buf_init(&b, 4096);
    int rc = thai_normalize(s, strlen(s), &b);
    if (rc != ERR_OK)
        fail_msg("normalising \"%s\": %d", s, rc);
    return buf_detach(&b);
}

static void assert_norm(const char *in, const char *want)
{
    char *got = norm(in);
    if (strcmp(got, want) != 0)
        fail_msg("\"%s\" -> \"%s\", want \"%s\"", in, got, want);
    free(got);
}

static void test_typed_order_variants(void **state)
{
    (void)state;
    static const struct {
        const char *variant, *canonical;
    } cases[] = {
        /* ที่: tone typed before the vowel, after it, doubled */
        {THO MAIEK SARA_II, THO SARA_II MAIEK},
        {THO SARA_II MAIEK, THO SARA_II MAIEK},
        {THO SARA_II MAIEK MAIEK, THO SARA_II MAIEK},
        {THO MAIEK SARA_II MAIEK, THO SARA_II MAIEK},
        {THO SARA_II SARA_II MAIEK, THO SARA_II MAIEK},
        /* กุ้ง: below vowel and tone in either order */
        {KO MAITHO SARA_U "\u0e07", KO SARA_U MAITHO "\u0e07"},
        /* ก่ำ / น้ำ: a tone typed after SARA AM moves before it; a doubled one is dropped */
        {KO SARA_AM MAIEK, KO MAIEK SARA_AM},
        {NO SARA_AM MAITHO, NO MAITHO SARA_AM},
        {NO MAITHO SARA_AM, NO MAITHO SARA_AM},
        {NO MAITHO SARA_AM MAITHO, NO MAITHO SARA_AM},
        /* two different tone marks: the later one typed wins, as th_normalize decides */
        {KO MAIEK MAITHO SARA_A, KO MAITHO SARA_A},
        /* in a name, with the variant in the middle */
        {"นาย" SO "มชาย " THO MAIEK SARA_II "ดี", "นาย" SO "มชาย " THO SARA_II MAIEK "ดี"},
        /* already canonical text is unchanged */
        {"สมชาย ใจดี", "สมชาย ใจดี"},
        {"กิ๊ก", "กิ๊ก"},
        {KO MAIHANAKAT MAITHO "\u0e19", KO MAIHANAKAT MAITHO "\u0e19"},
    };
    for (size_t i = 0; i < N(cases); i++)
        assert_norm(cases[i].variant, cases[i].canonical);

    /* All the ways of typing ที่ give one byte string. */
    char *a = norm(THO MAIEK SARA_II);
    char *b = norm(THO SARA_II MAIEK);
    char *c = norm(THO SARA_II MAIEK MAIEK);
    assert_string_equal(a, b);
    assert_string_equal(b, c);
    free(a);
    free(b);
    free(c);
}

static void test_white_space(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"  สมชาย   ใจดี  ", "สมชาย ใจดี"},
        {"\tสมชาย\t\tใจดี\n", "สมชาย ใจดี"},
        {"นาย\xc2\xa0สมชาย", "นาย สมชาย"},            /* no-break space */
        {"นาย\u3000สมชาย\u2003ใจดี", "นาย สมชาย ใจดี"}, /* ideographic and em spaces */
        {"John  Smith", "John Smith"},
        {"a \t\r\n b", "a b"},
        {"", ""},
        {"   ", ""},
        {"\xc2\xa0", ""},
        {"x", "x"},
        {" x ", "x"},
    };
    for (size_t i = 0; i < N(cases); i++)
        assert_norm(cases[i].in, cases[i].want);
}

static void test_other_text_unchanged(void **state)
{
    (void)state;
    static const char *same[] = {
        "John Smith", "Ωμέγα",        "日本語",   "😀 ok", "e\u0301", /* no NFC: not our business */
        "A-B_C.D/E",  "\u0e5c\u0e7f", "ก\u200bข",                    /* zero-width space is not white space */
        "๑๒๓ ABC",    "ฯลฯ",
    };
    for (size_t i = 0; i < N(same); i++)
        assert_norm(same[i], same[i]);
}

static void test_idempotent_and_not_longer(void **state)
{
    (void)state;
    static const char *inputs[] = {
        THO MAIEK SARA_II MAIEK "  " KO SARA_AM MAIEK " x ",
        "  นาย  สมชาย  ",
        NO SARA_AM MAITHO MAITHO,
        KO MAIEK MAITHO MAITRI SARA_I SARA_I SARA_U,
        MAIEK MAIEK KO, /* marks with no consonant before them */
        "ab" MAIEK SARA_II "c",
    };
    for (size_t i = 0; i < N(inputs); i++) {
        char *once = norm(inputs[i]);
        char *twice = norm(once);
        assert_string_equal(once, twice);
        assert_true(strlen(once) <= strlen(inputs[i]));
        free(once);
        free(twice);
    }
}

static void test_errors(void **state)
{
    (void)state;
    static const char *bad[] = {
        "\xff", "สม\xe0\xb8", "\xc0\x80", "\xed\xa0\x80", "ok\x80", "\xe0\xb8\x01",
    };
    struct buf b;
    buf_init(&b, 4096);
    assert_int_equal(buf_appends(&b, "keep"), ERR_OK);
    for (size_t i = 0; i < N(bad); i++) {
        assert_int_equal(thai_normalize(bad[i], strlen(bad[i]), &b), ERR_INVAL);
        size_t map[16];
        assert_int_equal(thai_normalize_mapped(bad[i], strlen(bad[i]), &b, map), ERR_INVAL);
        assert_string_equal(buf_str(&b), "keep");
    }
    assert_int_equal(thai_normalize(NULL, 1, &b), ERR_INVAL);
    assert_int_equal(thai_normalize(NULL, 0, &b), ERR_OK);
    assert_string_equal(buf_str(&b), "keep");
    buf_release(&b);

    /* A full buffer: ERR_TOOBIG and nothing appended. */
    struct buf s;
    buf_init(&s, 10);
    assert_int_equal(buf_appends(&s, "ab"), ERR_OK);
    assert_int_equal(thai_normalize("สมชาย", strlen("สมชาย"), &s), ERR_TOOBIG);
    assert_string_equal(buf_str(&s), "ab");
    assert_int_equal(thai_normalize(" x  y ", 6, &s), ERR_OK);
    assert_string_equal(buf_str(&s), "abx y");
    buf_release(&s);
}

static void test_mapped(void **state)
{
    (void)state;
    /* ท่ี (9 bytes, misordered) then ดี (6 bytes) then "  a" */
    const char *in = THO MAIEK SARA_II DO SARA_II "  a";
    size_t len = strlen(in);
    size_t *map = malloc((len + 1) * sizeof *map);
    struct buf b;
    buf_init(&b, 4096);
    assert_int_equal(buf_appends(&b, "pre"), ERR_OK); /* offsets count from what this call appends */
    assert_int_equal(thai_normalize_mapped(in, len, &b, map), ERR_OK);
    const char *want = THO SARA_II MAIEK DO SARA_II "  a"; /* white space kept as it was */
    assert_string_equal(buf_str(&b) + 3, want);
    size_t out_len = b.len - 3;
    assert_int_equal(out_len, strlen(want));
    for (size_t i = 0; i < 9; i++)
        assert_int_equal(map[i], 0); /* the whole cluster ที่ comes from offset 0 */
    for (size_t i = 9; i < 15; i++)
        assert_int_equal(map[i], 9); /* ดี is one cluster: consonant and its vowel */
    assert_int_equal(map[15], 15);
    assert_int_equal(map[16], 16);
    assert_int_equal(map[17], 17);
    assert_int_equal(map[out_len], len);
    free(map);

    /* A doubled tone makes the output shorter; later offsets still point at the original. */
    const char *in2 = KO MAIEK MAIEK "x";
    len = strlen(in2);
    map = malloc((len + 1) * sizeof *map);
    buf_reset(&b);
    assert_int_equal(thai_normalize_mapped(in2, len, &b, map), ERR_OK);
    assert_string_equal(buf_str(&b), KO MAIEK "x");
    assert_int_equal(map[6], 9); /* "x" */
    assert_int_equal(map[7], len);
    free(map);
    buf_release(&b);
}

/*
 * Normalising cluster by cluster agrees with th_normalize run over a whole Thai string (the design
 * relies on it): pseudo-random strings of consonants, vowels and marks (without SARA AM, where we
 * deliberately do more than libthai) are compared both ways.
 */
static void test_agrees_with_libthai(void **state)
{
    (void)state;
    static const unsigned char alphabet[] = {
        0xA1, 0xB7, 0xB9, 0xCA, 0xA7, /* ก ท น ส ง */
        0xD1, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, /* marks */
        0xD2, 0xE0, 0xE1, 0xD0, 0xC2, /* า เ แ ะ ย */
    };
    uint32_t seed = 12345;
    struct buf mine, text;
    buf_init(&mine, 4096);
    buf_init(&text, 4096);
    for (int round = 0; round < 5000; round++) {
        unsigned char tis[16], expect[32];
        size_t n = 1 + round % 12;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            tis[i] = alphabet[(seed >> 16) % sizeof alphabet];
        }
        tis[n] = 0;
        size_t m = th_normalize(expect, tis, sizeof expect);
        buf_reset(&text);
        for (size_t i = 0; i < n; i++) {
            unsigned cp = 0x0E00 + tis[i] - 0xA0;
            char u[3] = {(char)(0xE0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3F)),
                         (char)(0x80 | (cp & 0x3F))};
            assert_int_equal(buf_append(&text, u, 3), ERR_OK);
        }
        buf_reset(&mine);
        assert_int_equal(thai_normalize(text.data, text.len, &mine), ERR_OK);
        assert_int_equal(mine.len, 3 * m);
        for (size_t i = 0; i < m; i++) {
            unsigned cp = 0x0E00 + expect[i] - 0xA0;
            const unsigned char *u = (const unsigned char *)mine.data + 3 * i;
            unsigned got = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
            if (got != cp)
                fail_msg("round %d: character %zu is U+%04X, libthai says U+%04X", round, i, got, cp);
        }
    }
    buf_release(&mine);
    buf_release(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_order_variants),
        cmocka_unit_test(test_white_space),
        cmocka_unit_test(test_other_text_unchanged),
        cmocka_unit_test(test_idempotent_and_not_longer),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_mapped),
        cmocka_unit_test(test_agrees_with_libthai),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
