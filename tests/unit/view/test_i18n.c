/*
 * Unit tests for view/i18n: the embedded Thai and English catalogs (same keys, no empty texts, Thai
 * really Thai and English free of Thai, every {{t.key}} used by a template present), look-ups, and the
 * choice of a request's language from the cookie and Accept-Language.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/embedded.h"
#include "base/err.h"
#include "view/i18n.h"

/* Keys whose text is deliberately in the other language: the language switch names the language it
 * switches to, in that language ("English" on Thai pages, "ภาษาไทย" on English ones). */
static bool key_is_other_language(const char *key)
{
    return strcmp(key, "lang_switch") == 0;
}

/* True when s holds a character of the Thai block U+0E00..U+0E7F (UTF-8 E0 B8 xx or E0 B9 xx). */
static bool has_thai(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (p[0] == 0xE0 && (p[1] == 0xB8 || p[1] == 0xB9))
            return true;
    return false;
}

static void test_init(void **state)
{
    (void)state;
    struct buf err;
    buf_init(&err, 1024);
    assert_int_equal(i18n_init(&err), ERR_OK);
    assert_string_equal(buf_str(&err), "");
    /* A second call answers the same without parsing again. */
    assert_int_equal(i18n_init(NULL), ERR_OK);
    assert_true(i18n_count() > 100);
    buf_release(&err);
}

static void test_same_keys_no_empty_texts(void **state)
{
    (void)state;
    const json_t *th = i18n_catalog(I18N_TH), *en = i18n_catalog(I18N_EN);
    assert_non_null(th);
    assert_non_null(en);
    assert_ptr_not_equal(th, en);
    assert_int_equal(json_object_size(th), json_object_size(en));
    assert_int_equal(json_object_size(th), i18n_count());
    const json_t *cats[2] = {th, en};
    for (int c = 0; c < 2; c++) {
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)cats[c], key, v)
        {
            assert_true(json_is_string(v));
            if (json_string_length(v) == 0)
                fail_msg("%s: empty text for %s", c ? "en" : "th", key);
            if (!json_object_get(cats[1 - c], key))
                fail_msg("key %s only in %s", key, c ? "en" : "th");
            /* Mustache reads a dot as a path, so keys are [a-z0-9_]. */
            for (const char *p = key; *p; p++)
                assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_');
            /* No surrounding white space: templates add their own spacing. */
            const char *s = json_string_value(v);
            size_t n = strlen(s);
            assert_true(s[0] != ' ' && s[n - 1] != ' ' && s[n - 1] != '\n');
        }
    }
}

static void test_thai_is_thai_english_is_not(void **state)
{
    (void)state;
    const char *key;
    json_t *v;
    size_t n = 0;
    json_object_foreach((json_t *)i18n_catalog(I18N_TH), key, v)
    {
        const char *en = i18n_text(I18N_EN, key);
        assert_non_null(en);
        if (key_is_other_language(key)) {
            assert_false(has_thai(json_string_value(v)));
            assert_true(has_thai(en));
            continue;
        }
        if (!has_thai(json_string_value(v)))
            fail_msg("th.json: %s is not Thai: \"%s\"", key, json_string_value(v));
        if (has_thai(en))
            fail_msg("en.json: %s holds Thai: \"%s\"", key, en);
        n++;
    }
    assert_true(n + 1 == i18n_count());
    /* The header's Thai name, as the project names itself. */
    assert_string_equal(i18n_text(I18N_TH, "app_name"), "ระบบสารสนเทศบุคลากรท้องถิ่น");
}

/* Appends to keys (a JSON array) every name after "t." in a Mustache tag of src. */
static void collect_t_keys(const char *src, json_t *keys)
{
    const char *p = src;
    while ((p = strstr(p, "{{")) != NULL) {
        p += 2;
        while (*p == '{' || *p == '#' || *p == '^' || *p == '/' || *p == '&' || *p == ' ')
            p++;
        if (p[0] != 't' || p[1] != '.')
            continue;
        p += 2;
        const char *start = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.')
            p++;
        json_array_append_new(keys, json_stringn(start, (size_t)(p - start)));
    }
}

static void test_every_template_key_exists(void **state)
{
    (void)state;
    size_t templates = 0;
    json_t *keys = json_array();
    for (size_t i = 0; i < data_count; i++) {
        const char *name = data_files[i].name;
        if (strncmp(name, "templates/", 10) != 0)
            continue;
        templates++;
        size_t before = json_array_size(keys);
        collect_t_keys((const char *)data_files[i].data, keys);
        for (size_t k = before; k < json_array_size(keys); k++) {
            const char *key = json_string_value(json_array_get(keys, k));
            if (!i18n_text(I18N_TH, key) || !i18n_text(I18N_EN, key))
                fail_msg("%s uses {{t.%s}}, which is not in the catalogs", name, key);
        }
    }
    /* layout, 8 pages and their partials are embedded; the pages use many keys. */
    assert_true(templates >= 9);
    assert_true(json_array_size(keys) > 80);
    json_decref(keys);
}

/* The scanner itself: a template key in every tag form is found, other names are not. */
static void test_key_scanner(void **state)
{
    (void)state;
    json_t *keys = json_array();
    collect_t_keys("{{t.a}} {{#t.b}}x{{/t.b}} {{^t.c}} {{{t.d_html}}} {{& t.e}} {{ t.f }} {{m.t.g}} {{tx.h}} "
                   "{{t}} {{#m}}{{t.i_2}}{{/m}}",
                   keys);
    static const char *const want[] = {"a", "b", "b", "c", "d_html", "e", "f", "i_2"};
    assert_int_equal(json_array_size(keys), sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_string_equal(json_string_value(json_array_get(keys, i)), want[i]);
    json_decref(keys);
}

static void test_text(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *key, *want; /* want NULL: not found */
    } cases[] = {
        {"th", "action_signin", "เข้าสู่ระบบ"}, {"en", "action_signin", "Sign in"},
        {"th", "lang_switch", "English"},    {"en", "lang_switch", "ภาษาไทย"},
        {"xx", "action_signin", "เข้าสู่ระบบ"},                                      /* unknown language: Thai */
        {NULL, "action_signin", "เข้าสู่ระบบ"}, {"EN", "action_signin", "เข้าสู่ระบบ"}, /* exact codes only */
        {"en", "no_such_key", NULL},         {"th", "", NULL},
        {"th", "Action_signin", NULL},       {"th", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = i18n_text(cases[i].lang, cases[i].key);
        if (cases[i].want)
            assert_string_equal(got, cases[i].want);
        else
            assert_null(got);
    }
    assert_ptr_equal(i18n_catalog("xx"), i18n_catalog(I18N_TH));
    assert_ptr_equal(i18n_catalog(NULL), i18n_catalog(I18N_TH));
    assert_string_equal(json_string_value(json_object_get(i18n_catalog("en"), "nav_home")), "Home");
}

static void test_lang_valid_other(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool valid;
        const char *other;
    } cases[] = {
        {"th", true, "en"}, {"en", true, "th"},  {"TH", false, "th"},  {"en-US", false, "th"},
        {"", false, "th"},  {NULL, false, "th"}, {"thx", false, "th"}, {"e", false, "th"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(i18n_lang_valid(cases[i].s), cases[i].valid);
        assert_string_equal(i18n_other(cases[i].s), cases[i].other);
    }
}

static void test_choose(void **state)
{
    (void)state;
    static const struct {
        const char *cookie, *accept, *want;
    } cases[] = {
        /* nothing known: Thai */
        {NULL, NULL, "th"},
        {NULL, "", "th"},
        {NULL, "fr-FR,fr;q=0.9", "th"},
        {NULL, "*", "th"},
        {NULL, "ja, *;q=0.5", "th"},
        /* a cookie holding a valid choice wins over the header */
        {"en", "th-TH,th;q=0.9", "en"},
        {"th", "en-US,en;q=0.9", "th"},
        /* an invalid cookie is ignored */
        {"fr", "en-US", "en"},
        {"EN", NULL, "th"},
        {"", "en", "en"},
        /* the header: highest q among Thai and English; first on a tie */
        {NULL, "en-US,en;q=0.9", "en"},
        {NULL, "th-TH,th;q=0.9,en-US;q=0.8,en;q=0.7", "th"},
        {NULL, "en-GB,th;q=0.9", "en"},
        {NULL, "fr, en;q=0.5, th;q=0.4", "en"},
        {NULL, "fr, th;q=0.5, en;q=0.4", "th"},
        {NULL, "en, th", "en"},
        {NULL, "th, en", "th"},
        {NULL, "en;q=0.8, th;q=0.8", "en"},
        {NULL, "en;q=0.5, th", "th"},
        {NULL, "EN-us", "en"},
        {NULL, "  en  ;  q = 0.7 ", "en"},
        {NULL, "en;q=1.000", "en"},
        {NULL, "en;q=0.001", "en"},
        {NULL, "en;level=1;q=0.9", "en"},
        /* q=0 means "not acceptable" */
        {NULL, "en;q=0", "th"},
        {NULL, "en;q=0.000, fr", "th"},
        /* malformed q-values: the entry is ignored */
        {NULL, "en;q=2", "th"},
        {NULL, "en;q=1.5", "th"},
        {NULL, "en;q=0.0001", "th"},
        {NULL, "en;q=abc", "th"},
        {NULL, "en;q=", "th"},
        {NULL, "en;q=-1", "th"},
        {NULL, "en;q=0.5x", "th"},
        /* not English or Thai although they start alike */
        {NULL, "eng", "th"},
        {NULL, "thai", "th"},
        {NULL, "e", "th"},
        {NULL, "enx-US", "th"},
        /* empty pieces and junk are skipped */
        {NULL, ",,,en,,", "en"},
        {NULL, ";q=1,en", "en"},
        {NULL, "\xe0\xb9\x84\xe0\xb8\x97\xe0\xb8\xa2, en", "en"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = i18n_choose(cases[i].cookie, cases[i].accept);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("cookie %s, Accept-Language \"%s\": got %s, want %s",
                     cases[i].cookie ? cases[i].cookie : "(none)",
                     cases[i].accept ? cases[i].accept : "(none)", got, cases[i].want);
    }
}

/* Only the first 64 entries and 4096 bytes are read: a preference after them does not count. */
static void test_choose_limits(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 16384);
    for (int i = 0; i < 64; i++)
        assert_int_equal(buf_appends(&b, "fr,"), ERR_OK);
    assert_int_equal(buf_appends(&b, "en"), ERR_OK);
    assert_string_equal(i18n_choose(NULL, buf_str(&b)), "th");
    buf_reset(&b);
    for (int i = 0; i < 63; i++)
        assert_int_equal(buf_appends(&b, "fr,"), ERR_OK);
    assert_int_equal(buf_appends(&b, "en"), ERR_OK);
    assert_string_equal(i18n_choose(NULL, buf_str(&b)), "en");
    buf_reset(&b);
    assert_int_equal(buf_printf(&b, "%*s,en", 4100, "x"), ERR_OK);
    assert_string_equal(i18n_choose(NULL, buf_str(&b)), "th");
    buf_reset(&b);
    assert_int_equal(buf_printf(&b, "%*s,en", 4000, "x"), ERR_OK);
    assert_string_equal(i18n_choose(NULL, buf_str(&b)), "en");
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init),
        cmocka_unit_test(test_same_keys_no_empty_texts),
        cmocka_unit_test(test_thai_is_thai_english_is_not),
        cmocka_unit_test(test_key_scanner),
        cmocka_unit_test(test_every_template_key_exists),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_lang_valid_other),
        cmocka_unit_test(test_choose),
        cmocka_unit_test(test_choose_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
