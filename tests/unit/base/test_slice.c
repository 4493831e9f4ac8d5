/*
 * Unit tests for base/slice: comparison, prefix test, trimming and field splitting, always within the
 * slice's length (slices are not NUL-terminated, so several cases cut a longer string short).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/slice.h"

static void test_from_and_make(void **state)
{
    (void)state;
    struct slice s = slice_from("hello");
    assert_int_equal(s.len, 5);
    assert_memory_equal(s.ptr, "hello", 5);
    s = slice_from("");
    assert_int_equal(s.len, 0);
    s = slice_from("ไทย"); /* length in bytes, not characters */
    assert_int_equal(s.len, 9);
    const char *text = "abcdef";
    s = slice_make(text + 1, 3);
    assert_ptr_equal(s.ptr, text + 1);
    assert_int_equal(s.len, 3);
    s = SLICE_LIT("lit");
    assert_int_equal(s.len, 3);
    assert_true(slice_eq_str(s, "lit"));
}

static void test_eq(void **state)
{
    (void)state;
    static const struct {
        const char *a;
        size_t alen;
        const char *b;
        size_t blen;
        bool want;
    } cases[] = {
        {"abc", 3, "abc", 3, true},
        {"abc", 3, "abd", 3, false},
        {"abc", 3, "ab", 2, false},
        {"ab", 2, "abc", 3, false},
        {"abc", 2, "abx", 2, true}, /* only the first len bytes count */
        {"", 0, "", 0, true},
        {NULL, 0, "", 0, true}, /* an empty slice may have no pointer */
        {NULL, 0, NULL, 0, true},
        {"a", 1, "", 0, false},
        {"a\0b", 3, "a\0c", 3, false},
        {"a\0b", 3, "a\0b", 3, true},
        {"ABC", 3, "abc", 3, false}, /* case matters */
        {"สมชาย", 15, "สมชาย", 15, true},
        {"สมชาย", 15, "สมหญิง", 18, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct slice a = slice_make(cases[i].a, cases[i].alen);
        struct slice b = slice_make(cases[i].b, cases[i].blen);
        assert_int_equal(slice_eq(a, b), cases[i].want);
        assert_int_equal(slice_eq(b, a), cases[i].want);
    }
}

static void test_eq_str(void **state)
{
    (void)state;
    const char *text = "2024-02-29,rest";
    static const struct {
        size_t len;
        const char *s;
        bool want;
    } cases[] = {
        {10, "2024-02-29", true},
        {10, "2024-02-29,", false},
        {10, "2024-02-2", false},
        {15, "2024-02-29,rest", true},
        {0, "", true},
        {0, "2", false},
        {4, "2024", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(slice_eq_str(slice_make(text, cases[i].len), cases[i].s), cases[i].want);
}

static void test_starts_with(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t len;
        const char *prefix;
        bool want;
    } cases[] = {
        {"abc", 3, "", true},
        {"abc", 3, "a", true},
        {"abc", 3, "ab", true},
        {"abc", 3, "abc", true},
        {"abc", 3, "abcd", false},
        {"abc", 3, "b", false},
        {"abc", 3, "A", false},
        {"", 0, "", true},
        {"", 0, "a", false},
        {NULL, 0, "", true},
        {NULL, 0, "x", false},
        {"abcdef", 2, "abc", false}, /* the prefix is longer than the slice, though the text goes on */
        {"abcdef", 3, "abc", true},
        {"/api/v1/people", 14, "/api/", true},
        {"นาย สมชาย", 9, "นาย", true},
        {"นาง สมหญิง", 9, "นาย", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(slice_starts_with(slice_make(cases[i].s, cases[i].len), cases[i].prefix),
                         cases[i].want);
}

static void test_trim(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *want;
    } cases[] = {
        {"", ""},
        {" ", ""},
        {" \t\r\n\f\v", ""},
        {"a", "a"},
        {"  a", "a"},
        {"a  ", "a"},
        {"  a b  ", "a b"}, /* inner space stays */
        {"\t\r\nx\r\n", "x"},
        {"สมชาย ใจดี\n", "สมชาย ใจดี"},
        {"\xc2\xa0x\xc2\xa0", "\xc2\xa0x\xc2\xa0"}, /* no-break space is not ASCII white space */
        {"\x01x\x01", "\x01x\x01"},                 /* control characters other than white space stay */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct slice in = slice_from(cases[i].in);
        struct slice t = slice_trim(in);
        assert_true(slice_eq_str(t, cases[i].want));
        /* The result points into the input. */
        assert_true(t.ptr >= in.ptr && t.ptr + t.len <= in.ptr + in.len);
    }
    /* Trimming stops at the slice's end, not at the string's. */
    struct slice t = slice_trim(slice_make("  ab  cd", 5));
    assert_true(slice_eq_str(t, "ab"));
    t = slice_trim(slice_make(NULL, 0));
    assert_int_equal(t.len, 0);
}

/* Splits in with delim and compares with want (a NULL-terminated list of expected fields). */
static void check_fields(struct slice in, char delim, const char *const *want)
{
    struct slice rest = in, field;
    size_t n = 0;
    while (slice_next_field(&rest, delim, &field)) {
        assert_non_null(want[n]);
        if (!slice_eq_str(field, want[n]))
            fail_msg("field %zu: got \"%.*s\", want \"%s\"", n, (int)field.len, field.ptr, want[n]);
        /* Every field lies within the input. */
        assert_true(field.len == 0 || (field.ptr >= in.ptr && field.ptr + field.len <= in.ptr + in.len));
        n++;
    }
    assert_null(want[n]);
    /* Once exhausted, the rest stays exhausted. */
    assert_false(slice_next_field(&rest, delim, &field));
}

static void test_next_field(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        char delim;
        const char *want[6];
    } cases[] = {
        {"a,b,c", ',', {"a", "b", "c", NULL}},
        {"abc", ',', {"abc", NULL}}, /* no delimiter: the whole input */
        {"", ',', {"", NULL}},       /* empty input: one empty field */
        {",", ',', {"", "", NULL}},
        {",,", ',', {"", "", "", NULL}},
        {"a,,b", ',', {"a", "", "b", NULL}},    /* empty field in the middle */
        {",a", ',', {"", "a", NULL}},           /* leading delimiter */
        {"a,b,", ',', {"a", "b", "", NULL}},    /* trailing delimiter: a final empty field */
        {" a , b ", ',', {" a ", " b ", NULL}}, /* no trimming */
        {"a,b", ';', {"a,b", NULL}},            /* other delimiters are plain text */
        {"ก|ข|ค", '|', {"ก", "ข", "ค", NULL}},
        {"x\ty", '\t', {"x", "y", NULL}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_fields(slice_from(cases[i].in), cases[i].delim, cases[i].want);
}

static void test_next_field_within_length(void **state)
{
    (void)state;
    /* The slice ends before the text does: fields never reach past the end. */
    const char *text = "a,b,c,d";
    static const char *const want3[] = {"a", "b", NULL};
    check_fields(slice_make(text, 3), ',', want3);
    static const char *const want4[] = {"a", "b", "", NULL};
    check_fields(slice_make(text, 4), ',', want4);
    static const char *const want0[] = {"", NULL};
    check_fields(slice_make(text, 0), ',', want0);
    /* A slice with no text at all has no fields. */
    struct slice rest = slice_make(NULL, 0), field = {"unchanged", 9};
    assert_false(slice_next_field(&rest, ',', &field));
    assert_true(slice_eq_str(field, "unchanged"));
}

static void test_next_field_advances_rest(void **state)
{
    (void)state;
    struct slice rest = slice_from("id,name,,"), field;
    assert_true(slice_next_field(&rest, ',', &field));
    assert_true(slice_eq_str(field, "id"));
    assert_true(slice_eq_str(rest, "name,,"));
    assert_true(slice_next_field(&rest, ',', &field));
    assert_true(slice_eq_str(field, "name"));
    assert_true(slice_eq_str(rest, ","));
    assert_true(slice_next_field(&rest, ',', &field));
    assert_true(slice_eq_str(field, ""));
    assert_true(slice_eq_str(rest, ""));
    assert_true(slice_next_field(&rest, ',', &field));
    assert_true(slice_eq_str(field, ""));
    assert_false(slice_next_field(&rest, ',', &field));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_from_and_make),
        cmocka_unit_test(test_eq),
        cmocka_unit_test(test_eq_str),
        cmocka_unit_test(test_starts_with),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_next_field),
        cmocka_unit_test(test_next_field_within_length),
        cmocka_unit_test(test_next_field_advances_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
