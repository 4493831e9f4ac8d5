/*
 * Unit tests for base/err: every status code has an English sentence, a Thai sentence and a unique
 * stable name (APIs and logs depend on the names), and codes outside the enum are handled.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "base/err.h"

/* True when s holds at least one character of the Thai block (U+0E00..U+0E7F: E0 B8 xx / E0 B9 xx). */
static int has_thai(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p[0] && p[1] && p[2]; p++)
        if (p[0] == 0xE0 && (p[1] == 0xB8 || p[1] == 0xB9))
            return 1;
    return 0;
}

/* True when s is valid UTF-8 (no overlong forms, no surrogates, at most U+10FFFF). */
static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0 || c == 0xC0 || c == 0xC1 || c > 0xF4)
            return 0;
        unsigned cp = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
        for (int i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (p[i] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || (cp >= 0xD800 && cp <= 0xDFFF) ||
            cp > 0x10FFFF)
            return 0;
        p += n + 1;
    }
    return 1;
}

/* Stable names are lower-case ASCII words joined by '_'. */
static int is_identifier(const char *s)
{
    if (!*s || *s == '_')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
            return 0;
    return 1;
}

static void test_every_code_has_messages(void **state)
{
    (void)state;
    for (int code = 0; code < ERR__COUNT; code++) {
        const char *en = err_message(code), *th = err_message_th(code), *name = err_name(code);
        assert_non_null(en);
        assert_non_null(th);
        assert_non_null(name);
        if (!*en || !*th || !*name)
            fail_msg("code %d has an empty message or name", code);
        if (has_thai(en))
            fail_msg("code %d: English message \"%s\" contains Thai", code, en);
        if (!has_thai(th))
            fail_msg("code %d: Thai message \"%s\" has no Thai", code, th);
        assert_true(valid_utf8(th));
        if (!is_identifier(name))
            fail_msg("code %d: name \"%s\" is not a lower-case identifier", code, name);
        /* A real code never reads as the unknown one. */
        assert_string_not_equal(en, err_message(-1));
        assert_string_not_equal(th, err_message_th(-1));
        assert_string_not_equal(name, err_name(-1));
    }
}

static void test_names_and_messages_unique(void **state)
{
    (void)state;
    for (int a = 0; a < ERR__COUNT; a++)
        for (int b = a + 1; b < ERR__COUNT; b++) {
            if (strcmp(err_name(a), err_name(b)) == 0)
                fail_msg("codes %d and %d share the name \"%s\"", a, b, err_name(a));
            if (strcmp(err_message(a), err_message(b)) == 0)
                fail_msg("codes %d and %d share the message \"%s\"", a, b, err_message(a));
            if (strcmp(err_message_th(a), err_message_th(b)) == 0)
                fail_msg("codes %d and %d share the Thai message \"%s\"", a, b, err_message_th(a));
        }
}

static void test_stable_names(void **state)
{
    (void)state;
    /* Names appear in API responses and logs: they must not change. */
    static const struct {
        int code;
        const char *name;
    } cases[] = {
        {ERR_OK, "ok"},
        {ERR_NOMEM, "no_memory"},
        {ERR_INVAL, "invalid"},
        {ERR_RANGE, "out_of_range"},
        {ERR_NOTFOUND, "not_found"},
        {ERR_EXISTS, "exists"},
        {ERR_TOOBIG, "too_big"},
        {ERR_IO, "io"},
        {ERR_DB, "database"},
        {ERR_CONSTRAINT, "constraint"},
        {ERR_BUSY, "busy"},
        {ERR_PERM, "forbidden"},
        {ERR_UNSUPPORTED, "unsupported"},
        {ERR_INTERNAL, "internal"},
    };
    /* The table covers the whole enum, so a new code must be added here (and named) on purpose. */
    assert_int_equal(sizeof cases / sizeof cases[0], ERR__COUNT);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(err_name(cases[i].code), cases[i].name);
    assert_int_equal(ERR_OK, 0); /* 0 is success everywhere */
}

static void test_unknown_codes(void **state)
{
    (void)state;
    static const int codes[] = {-1, -2, ERR__COUNT, ERR__COUNT + 1, 1000, INT_MAX, INT_MIN};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        assert_string_equal(err_message(codes[i]), "unknown error");
        assert_string_equal(err_name(codes[i]), "unknown");
        const char *th = err_message_th(codes[i]);
        assert_non_null(th);
        assert_true(has_thai(th));
        assert_true(valid_utf8(th));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_code_has_messages),
        cmocka_unit_test(test_names_and_messages_unique),
        cmocka_unit_test(test_stable_names),
        cmocka_unit_test(test_unknown_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
