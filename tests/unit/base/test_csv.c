/*
 * Unit tests for base/csv: the RFC 4180 reader (quoting, line endings, BOM, empty lines, positions in
 * error messages, limits) and the writer (quoting only when needed, round trips through the reader).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/err.h"

#define MAXREC 4
#define MAXF 5

struct want_record {
    int n; /* fields */
    const char *f[MAXF];
    size_t line; /* line the record starts on */
};

struct read_case {
    const char *name;
    const char *in;
    int nrec; /* records before the end or the error */
    struct want_record rec[MAXREC];
    int rc;          /* final status: ERR_OK, ERR_INVAL, ERR_TOOBIG */
    const char *err; /* expected csv_error() text when rc != ERR_OK */
};

static const struct read_case read_cases[] = {
    {"simple", "a,b,c\n1,2,3\n", 2, {{3, {"a", "b", "c"}, 1}, {3, {"1", "2", "3"}, 2}}, ERR_OK, ""},
    {"crlf", "a,b\r\nc,d\r\n", 2, {{2, {"a", "b"}, 1}, {2, {"c", "d"}, 2}}, ERR_OK, ""},
    {"lone cr", "a\rb\r", 2, {{1, {"a"}, 1}, {1, {"b"}, 2}}, ERR_OK, ""},
    {"no final newline", "a,b\nc", 2, {{2, {"a", "b"}, 1}, {1, {"c"}, 2}}, ERR_OK, ""},
    {"empty input", "", 0, {{0}}, ERR_OK, ""},
    {"only newlines", "\n\r\n\r\n", 0, {{0}}, ERR_OK, ""},
    {"empty lines skipped", "\na\n\n\nb\n", 2, {{1, {"a"}, 2}, {1, {"b"}, 5}}, ERR_OK, ""},
    {"empty fields", ",,\n", 1, {{3, {"", "", ""}, 1}}, ERR_OK, ""},
    {"trailing delimiter", "a,b,\n", 1, {{3, {"a", "b", ""}, 1}}, ERR_OK, ""},
    {"quoted", "\"a\",\"b c\"\n", 1, {{2, {"a", "b c"}, 1}}, ERR_OK, ""},
    {"quoted empty", "\"\"\n", 1, {{1, {""}, 1}}, ERR_OK, ""},
    {"quoted delimiter", "\"a,b\",c\n", 1, {{2, {"a,b", "c"}, 1}}, ERR_OK, ""},
    {"doubled quotes", "\"say \"\"hi\"\"\",x\n", 1, {{2, {"say \"hi\"", "x"}, 1}}, ERR_OK, ""},
    {"only a doubled quote", "\"\"\"\"\n", 1, {{1, {"\""}, 1}}, ERR_OK, ""},
    {"newline in quotes",
     "\"line1\nline2\",b\nc\n",
     2,
     {{2, {"line1\nline2", "b"}, 1}, {1, {"c"}, 3}},
     ERR_OK,
     ""},
    {"crlf in quotes", "\"x\r\ny\"\r\nz\r\n", 2, {{1, {"x\r\ny"}, 1}, {1, {"z"}, 3}}, ERR_OK, ""},
    {"quoted at end without newline", "a,\"b\"", 1, {{2, {"a", "b"}, 1}}, ERR_OK, ""},
    {"bom skipped",
     "\xEF\xBB\xBFid,name\n1,x\n",
     2,
     {{2, {"id", "name"}, 1}, {2, {"1", "x"}, 2}},
     ERR_OK,
     ""},
    {"bom only", "\xEF\xBB\xBF", 0, {{0}}, ERR_OK, ""},
    {"bom not at start is data",
     "a\n\xEF\xBB\xBF"
     "b\n",
     2,
     {{1, {"a"}, 1},
      {1,
       {"\xEF\xBB\xBF"
        "b"},
       2}},
     ERR_OK,
     ""},
    {"thai text", "10,กรุงเทพมหานคร,Bangkok\n", 1, {{3, {"10", "กรุงเทพมหานคร", "Bangkok"}, 1}}, ERR_OK, ""},
    {"spaces kept", " a , b \n", 1, {{2, {" a ", " b "}, 1}}, ERR_OK, ""},
    {"unterminated quote",
     "a,\"bc\nd\n",
     0,
     {{0}},
     ERR_INVAL,
     "line 1, column 3: quoted field is not closed"},
    {"unterminated after records",
     "x\ny\n\"abc",
     2,
     {{1, {"x"}, 1}, {1, {"y"}, 2}},
     ERR_INVAL,
     "line 3, column 1: quoted field is not closed"},
    {"quote in unquoted field",
     "ab\"c\n",
     0,
     {{0}},
     ERR_INVAL,
     "line 1, column 3: quote inside an unquoted field"},
    {"quote after leading space",
     "a, \"b\"\n",
     0,
     {{0}},
     ERR_INVAL,
     "line 1, column 4: quote inside an unquoted field"},
    {"text after closing quote",
     "\"ab\"c,d\n",
     0,
     {{0}},
     ERR_INVAL,
     "line 1, column 5: text after the closing quote of a field"},
    {"error column counts characters",
     "ชื่อ,\"ก\"ข\n",
     0,
     {{0}},
     ERR_INVAL,
     "line 1, column 9: text after the closing quote of a field"},
    {"error line after quoted newline",
     "\"a\nb\",c\nd\"e\n",
     1,
     {{2, {"a\nb", "c"}, 1}},
     ERR_INVAL,
     "line 3, column 2: quote inside an unquoted field"},
};

static void check_field(const struct slice *got, const char *want, size_t want_len)
{
    assert_int_equal(got->len, want_len);
    assert_memory_equal(got->ptr, want, want_len);
    assert_int_equal(got->ptr[got->len], '\0');
}

static void test_read_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof read_cases / sizeof read_cases[0]; i++) {
        const struct read_case *c = &read_cases[i];
        print_message("case: %s\n", c->name);
        size_t len = strlen(c->in);
        /* A copy of exactly len bytes, so ASan catches any read past the input. */
        char *in = malloc(len ? len : 1);
        memcpy(in, c->in, len);
        struct csv_reader r;
        struct csv_record rec;
        csv_reader_init(&r, in, len);
        int n = 0, rc;
        while ((rc = csv_next(&r, &rec)) == CSV_RECORD) {
            assert_true(n < c->nrec);
            const struct want_record *w = &c->rec[n];
            assert_int_equal(rec.count, w->n);
            assert_int_equal(rec.line, w->line);
            for (int f = 0; f < w->n; f++) {
                check_field(&rec.fields[f], w->f[f], strlen(w->f[f]));
            }
            n++;
        }
        assert_int_equal(n, c->nrec);
        assert_int_equal(rc, c->rc);
        assert_string_equal(csv_error(&r), c->err);
        /* Errors are sticky: the reader does not resynchronise on garbage. */
        if (rc != ERR_OK)
            assert_int_equal(csv_next(&r, &rec), c->rc);
        else
            assert_int_equal(csv_next(&r, &rec), ERR_OK);
        csv_reader_release(&r);
        free(in);
    }
}

/* A NUL byte is data like any other: the slice length, not the C string, is authoritative. */
static void test_embedded_nul(void **state)
{
    (void)state;
    static const char in[] = {'a', '\0', 'b', ',', 'c', '\n'};
    struct csv_reader r;
    struct csv_record rec;
    csv_reader_init(&r, in, sizeof in);
    assert_int_equal(csv_next(&r, &rec), CSV_RECORD);
    assert_int_equal(rec.count, 2);
    check_field(&rec.fields[0], "a\0b", 3);
    check_field(&rec.fields[1], "c", 1);
    assert_int_equal(csv_next(&r, &rec), ERR_OK);
    csv_reader_release(&r);
}

/* Every prefix of a valid document must be read without going past its end (ASan checks it). */
static void test_every_prefix_is_safe(void **state)
{
    (void)state;
    const char *doc = "\xEF\xBB\xBFid,\"na\"\"me\"\r\n1,\"a,\nb\"\r\n2,ก\r\n";
    size_t full = strlen(doc);
    for (size_t len = 0; len <= full; len++) {
        char *in = malloc(len ? len : 1);
        memcpy(in, doc, len);
        struct csv_reader r;
        struct csv_record rec;
        csv_reader_init(&r, in, len);
        int rc, guard = 0;
        while ((rc = csv_next(&r, &rec)) == CSV_RECORD)
            assert_true(++guard < 10);
        assert_true(rc == ERR_OK || rc == ERR_INVAL);
        csv_reader_release(&r);
        free(in);
    }
}

static void test_limits(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t max_fields, max_field, max_record;
        int rc;
        const char *err;
    } cases[] = {
        {"a,b,c\n", 3, 100, 100, ERR_OK, ""},
        {"a,b,c,d\n", 3, 100, 100, ERR_TOOBIG, "line 1, column 7: more than 3 fields in a record"},
        {"a,b,c,\n", 3, 100, 100, ERR_TOOBIG, "line 1, column 7: more than 3 fields in a record"},
        {"abcd,x\n", 10, 4, 100, ERR_OK, ""},
        {"abcde,x\n", 10, 4, 100, ERR_TOOBIG, "line 1, column 1: field longer than 4 bytes"},
        {"\"ab\"\"c\",x\n", 10, 4, 100, ERR_OK, ""}, /* 4 bytes after unquoting */
        {"\"ab\"\"cd\",x\n", 10, 4, 100, ERR_TOOBIG, "line 1, column 6: field longer than 4 bytes"},
        {"ab,cd,ef\n", 10, 4, 6, ERR_OK, ""},
        {"ab,cd,efg\n", 10, 4, 6, ERR_TOOBIG, "line 1, column 7: record longer than 6 bytes"},
        {"ab,cd\nef,gh\n", 10, 4, 4, ERR_OK, ""}, /* the limit is per record */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct csv_reader r;
        struct csv_record rec;
        csv_reader_init(&r, cases[i].in, strlen(cases[i].in));
        r.max_fields = cases[i].max_fields;
        r.max_field = cases[i].max_field;
        r.max_record = cases[i].max_record;
        int rc;
        while ((rc = csv_next(&r, &rec)) == CSV_RECORD)
            ;
        assert_int_equal(rc, cases[i].rc);
        assert_string_equal(csv_error(&r), cases[i].err);
        csv_reader_release(&r);
    }
}

static void test_many_fields_grow(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 1 << 20);
    for (int i = 0; i < CSV_MAX_FIELDS; i++)
        assert_int_equal(buf_printf(&b, i ? ",%d" : "%d", i), ERR_OK);
    struct csv_reader r;
    struct csv_record rec;
    csv_reader_init(&r, b.data, b.len);
    assert_int_equal(csv_next(&r, &rec), CSV_RECORD);
    assert_int_equal(rec.count, CSV_MAX_FIELDS);
    assert_string_equal(rec.fields[0].ptr, "0");
    assert_string_equal(rec.fields[CSV_MAX_FIELDS - 1].ptr, "511");
    assert_int_equal(csv_next(&r, &rec), ERR_OK);
    csv_reader_release(&r);
    /* One more field is refused. */
    assert_int_equal(buf_appends(&b, ",x"), ERR_OK);
    csv_reader_init(&r, b.data, b.len);
    assert_int_equal(csv_next(&r, &rec), ERR_TOOBIG);
    csv_reader_release(&r);
    buf_release(&b);
}

static void test_field_index(void **state)
{
    (void)state;
    const char *in = "id,name_th,name_en\n";
    struct csv_reader r;
    struct csv_record rec;
    csv_reader_init(&r, in, strlen(in));
    assert_int_equal(csv_next(&r, &rec), CSV_RECORD);
    assert_int_equal(csv_field_index(&rec, "id"), 0);
    assert_int_equal(csv_field_index(&rec, "name_en"), 2);
    assert_int_equal(csv_field_index(&rec, "name"), -1);
    assert_int_equal(csv_field_index(&rec, ""), -1);
    csv_reader_release(&r);
}

static void test_write_quoting(void **state)
{
    (void)state;
    static const struct {
        const char *fields[4];
        int n;
        const char *want;
    } cases[] = {
        {{"a", "b"}, 2, "a,b\r\n"},
        {{"a,b", "c"}, 2, "\"a,b\",c\r\n"},
        {{"say \"hi\""}, 1, "\"say \"\"hi\"\"\"\r\n"},
        {{"\""}, 1, "\"\"\"\"\r\n"},
        {{"two\nlines", "x"}, 2, "\"two\nlines\",x\r\n"},
        {{"cr\r"}, 1, "\"cr\r\"\r\n"},
        {{""}, 1, "\"\"\r\n"}, /* a lone empty field must not become an empty line */
        {{"", ""}, 2, ",\r\n"},
        {{"a", ""}, 2, "a,\r\n"},
        {{NULL}, 0, "\"\"\r\n"},
        {{" spaced "}, 1, " spaced \r\n"},
        {{"นายสมชาย", "ใจดี"}, 2, "นายสมชาย,ใจดี\r\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b;
        buf_init(&b, 1024);
        struct csv_writer w;
        csv_writer_init(&w, &b);
        for (int f = 0; f < cases[i].n; f++)
            assert_int_equal(csv_write_str(&w, cases[i].fields[f]), ERR_OK);
        assert_int_equal(csv_end_record(&w), ERR_OK);
        assert_string_equal(buf_str(&b), cases[i].want);
        buf_release(&b);
    }
}

static void test_write_bom_int_and_limit(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 16);
    struct csv_writer w;
    csv_writer_init(&w, &b);
    assert_int_equal(csv_write_bom(&w), ERR_OK);
    assert_int_equal(csv_write_int(&w, -42), ERR_OK);
    assert_int_equal(csv_write_str(&w, NULL), ERR_OK);
    assert_int_equal(csv_end_record(&w), ERR_OK);
    assert_string_equal(buf_str(&b), "\xEF\xBB\xBF-42,\r\n");
    /* A field that does not fit leaves the buffer as it was. */
    size_t before = b.len;
    assert_int_equal(csv_write_str(&w, "a \"quoted\" long field"), ERR_TOOBIG);
    assert_int_equal(b.len, before);
    assert_int_equal(csv_write_str(&w, "ok"), ERR_OK);
    assert_int_equal(csv_end_record(&w), ERR_OK);
    assert_string_equal(buf_str(&b), "\xEF\xBB\xBF-42,\r\nok\r\n");
    buf_release(&b);
}

/* What the writer writes, the reader reads back field for field. */
static void test_round_trip(void **state)
{
    (void)state;
    static const char *const rows[][3] = {
        {"id", "name", "note"},       {"1", "a,b", "say \"x\""}, {"", "", ""},
        {"2", "multi\r\nline", "\""}, {"3", "เทศบาลตำบล", " "},
    };
    size_t nrows = sizeof rows / sizeof rows[0];
    struct buf b;
    buf_init(&b, 4096);
    struct csv_writer w;
    csv_writer_init(&w, &b);
    assert_int_equal(csv_write_bom(&w), ERR_OK);
    for (size_t i = 0; i < nrows; i++) {
        for (int f = 0; f < 3; f++)
            assert_int_equal(csv_write_str(&w, rows[i][f]), ERR_OK);
        assert_int_equal(csv_end_record(&w), ERR_OK);
    }
    struct csv_reader r;
    struct csv_record rec;
    csv_reader_init(&r, b.data, b.len);
    for (size_t i = 0; i < nrows; i++) {
        assert_int_equal(csv_next(&r, &rec), CSV_RECORD);
        assert_int_equal(rec.count, 3);
        for (int f = 0; f < 3; f++)
            assert_string_equal(rec.fields[f].ptr, rows[i][f]);
    }
    assert_int_equal(csv_next(&r, &rec), ERR_OK);
    csv_reader_release(&r);
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_table),           cmocka_unit_test(test_embedded_nul),
        cmocka_unit_test(test_every_prefix_is_safe), cmocka_unit_test(test_limits),
        cmocka_unit_test(test_many_fields_grow),     cmocka_unit_test(test_field_index),
        cmocka_unit_test(test_write_quoting),        cmocka_unit_test(test_write_bom_int_and_limit),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
