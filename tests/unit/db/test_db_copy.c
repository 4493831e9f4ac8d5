/*
 * Unit tests for bulk loading (db_copy_*) on every store: SQLite always, PostgreSQL (COPY FROM STDIN)
 * when TAMBON_TEST_PG holds a URL. Values that COPY's text format must escape (tab, newline,
 * carriage return, backslash, a literal "\N") and Thai text arrive byte for byte; NULL stays NULL and
 * empty text stays empty; 100,000 rows load and read back; a row with the wrong number of values, a
 * missing table or column, and a constraint violation are errors that leave nothing behind after the
 * rollback.
 *
 * PostgreSQL tests share one database with other tests: each test works in its own schema.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "db/db.h"
#include "testutil.h"

#define DBFIX_PREFIX "test_copy"
#include "dbfix.h"

static int64_t query_count(struct db *db, const char *sql)
{
    int64_t n = -1;
    assert_ok(db, db_query_int64(db, &n, sql, ""));
    return n;
}

/* A text of len bytes: Thai words with a value COPY must escape every few bytes, a run of plain
 * bytes, then the cycle again; the escapes fall on every offset relative to the 256 KiB chunk. */
static char *long_text(size_t len)
{
    static const char *const pieces[] = {"ข้าราชการ", "\t", "ท้องถิ่น", "\\", "\n", "abc", "\r", "๑๒๓"};
    char *s = malloc(len + 1);
    assert_non_null(s);
    size_t n = 0;
    for (size_t k = 0; n < len; k++) {
        const char *p = pieces[k % 8];
        size_t plen = strlen(p);
        if (n + plen > len) {
            memset(s + n, 'x', len - n);
            n = len;
            break;
        }
        memcpy(s + n, p, plen);
        n += plen;
    }
    s[len] = '\0';
    return s;
}

/* Values COPY's text format must escape, Thai text, NULL and empty text, int64 and double extremes. */
static void test_copy_special_values(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db,
              db_exec(db, "CREATE TABLE cp (id BIGINT PRIMARY KEY, s TEXT, n BIGINT, d DOUBLE PRECISION)"));
    char *big = long_text(600 * 1024 + 7); /* spans three chunks of COPY data */
    const struct {
        const char *s; /* NULL: SQL NULL */
        bool null_n, null_d;
        int64_t n;
        double d;
    } rows[] = {
        {"สมชาย ใจดี", false, false, 1, 1.5},
        {"แท็บ\tกลาง", false, false, -1, -0.1},
        {"บรรทัด\nใหม่", false, false, 0, 0.0},
        {"ขึ้น\r\nบรรทัดแบบวินโดวส์", false, false, INT64_MAX, DBL_MAX},
        {"แบ็กสแลช\\ตรงกลาง", false, false, INT64_MIN, -DBL_MAX},
        {"\\", false, false, 2, DBL_MIN},
        {"ลงท้ายด้วย\\", false, false, 3, 4.9406564584124654e-324},
        {"\\N", false, false, 4, 1.0 / 3.0},  /* the text "\N", not NULL */
        {"\\.", false, false, 5, 1e15 + 0.3}, /* the old end-of-data marker, as text */
        {"\\t\\n not escapes", false, false, 6, 2.5},
        {"", false, false, 7, 100.25}, /* empty, not NULL */
        {NULL, true, true, 0, 0.0},
        {"ที่ดิน น้ำ ๐๑๒ ฯลฯ 👍", true, false, 0, 9.75},
        {"\t\n\r\\", false, true, 8, 0.0},
        {big, false, false, 9, 3.141592653589793},
    };
    size_t nrows = sizeof rows / sizeof rows[0];
    const char *cols[] = {"id", "s", "n", "d"};
    assert_ok(db, db_begin(db));
    struct db_copy *c;
    assert_ok(db, db_copy_begin(db, "cp", cols, 4, &c));
    for (size_t i = 0; i < nrows; i++) {
        assert_ok(db, db_copy_int64(c, (int64_t)i));
        assert_ok(db, db_copy_text(c, rows[i].s));
        assert_ok(db, rows[i].null_n ? db_copy_null(c) : db_copy_int64(c, rows[i].n));
        assert_ok(db, rows[i].null_d ? db_copy_text(c, NULL) : db_copy_double(c, rows[i].d));
        assert_ok(db, db_copy_end_row(c));
    }
    assert_ok(db, db_copy_finish(c));
    assert_ok(db, db_commit(db));

    assert_int_equal(query_count(db, "SELECT count(*) FROM cp"), (int64_t)nrows);
    struct db_stmt *st;
    assert_ok(db, db_prepare(db, "SELECT s, n, d FROM cp WHERE id = $1", &st));
    for (size_t i = 0; i < nrows; i++) {
        assert_ok(db, db_bind_int64(st, 1, (int64_t)i));
        assert_db(db, db_step(st), DB_ROW);
        const char *s = db_column_text(st, 0);
        if (rows[i].s) {
            assert_non_null(s);
            assert_int_equal(strlen(s), strlen(rows[i].s));
            assert_memory_equal(s, rows[i].s, strlen(rows[i].s));
        } else {
            assert_null(s);
        }
        assert_int_equal(db_column_is_null(st, 1), rows[i].null_n);
        assert_int_equal(db_column_is_null(st, 2), rows[i].null_d);
        assert_int_equal(db_column_int64(st, 1), rows[i].n);
        double d = db_column_double(st, 2);
        if (d != rows[i].d)
            print_error("row %zu: double %.17g, want %.17g\n", i, d, rows[i].d);
        assert_true(d == rows[i].d);
        assert_db(db, db_step(st), ERR_OK);
        assert_ok(db, db_reset(st));
    }
    db_finalize(st);
    free(big);
}

/* Names that need quoting: Thai, a space, a double quote. */
static void test_copy_quoted_names(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE \"ตาราง ทดสอบ\" (\"ชื่อ\" TEXT, \"say \"\"hi\"\"\" BIGINT)"));
    const char *cols[] = {"ชื่อ", "say \"hi\""};
    assert_ok(db, db_begin(db));
    struct db_copy *c;
    assert_ok(db, db_copy_begin(db, "ตาราง ทดสอบ", cols, 2, &c));
    for (int64_t i = 0; i < 3; i++) {
        assert_ok(db, db_copy_text(c, "ชื่อไทย"));
        assert_ok(db, db_copy_int64(c, i));
        assert_ok(db, db_copy_end_row(c));
    }
    assert_ok(db, db_copy_finish(c));
    assert_ok(db, db_commit(db));
    assert_int_equal(
        query_count(db, "SELECT sum(\"say \"\"hi\"\"\") FROM \"ตาราง ทดสอบ\" WHERE \"ชื่อ\" = 'ชื่อไทย'"), 3);
}

#define BULK_ROWS 100000

static const char *const first_names[] = {"สมชาย", "สมหญิง", "กมล", "กิตติ", "เก่ง", "แก้ว", "ขวัญ", "ประเสริฐ"};
static const char *const last_names[] = {"ใจดี", "รักไทย", "มั่นคง", "ศรีสุข", "บุญมา", "ทองคำ", "แสงอรุณ"};

/* The expected values of bulk row i (name written into buf). */
static const char *bulk_name(int64_t i, char *buf, size_t size)
{
    snprintf(buf, size, "%s %s %" PRId64, first_names[i % 8], last_names[(i / 8) % 7], i);
    return buf;
}

static const char *bulk_note(int64_t i, char *buf, size_t size)
{
    switch (i % 10) {
    case 0:
        return NULL;
    case 1:
        return "แท็บ\tขึ้นบรรทัด\nแบ็กสแลช\\จบ\r";
    case 2:
        return "";
    case 3:
        return "\\N";
    default:
        snprintf(buf, size, "หมายเหตุที่ %" PRId64, i);
        return buf;
    }
}

static double bulk_amount(int64_t i)
{
    return (double)i * 0.25 - 1000.5;
}

static int64_t bulk_big(int64_t i)
{
    return i % 2 ? INT64_MAX - i : INT64_MIN + i;
}

/* Reads back row id and compares every column with the generator. */
static void check_bulk_row(struct db *db, struct db_stmt *st, int64_t id)
{
    char nbuf[128], tbuf[128];
    assert_ok(db, db_bind_int64(st, 1, id));
    assert_db(db, db_step(st), DB_ROW);
    assert_string_equal(db_column_text(st, 0), bulk_name(id, nbuf, sizeof nbuf));
    const char *note = bulk_note(id, tbuf, sizeof tbuf);
    if (note)
        assert_string_equal(db_column_text(st, 1), note);
    else
        assert_true(db_column_is_null(st, 1));
    assert_true(db_column_double(st, 2) == bulk_amount(id));
    assert_int_equal(db_column_int64(st, 3), bulk_big(id));
    assert_db(db, db_step(st), ERR_OK);
    assert_ok(db, db_reset(st));
}

static void test_copy_100k_rows(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE bulk (id BIGINT PRIMARY KEY, name TEXT NOT NULL, note TEXT,"
                              " amount DOUBLE PRECISION, big BIGINT)"));
    const char *cols[] = {"id", "name", "note", "amount", "big"};
    assert_ok(db, db_begin(db));
    struct db_copy *c;
    assert_ok(db, db_copy_begin(db, "bulk", cols, 5, &c));
    char nbuf[128], tbuf[128];
    for (int64_t i = 0; i < BULK_ROWS; i++) {
        int rc = db_copy_int64(c, i);
        if (rc == ERR_OK)
            rc = db_copy_text(c, bulk_name(i, nbuf, sizeof nbuf));
        if (rc == ERR_OK)
            rc = db_copy_text(c, bulk_note(i, tbuf, sizeof tbuf));
        if (rc == ERR_OK)
            rc = db_copy_double(c, bulk_amount(i));
        if (rc == ERR_OK)
            rc = db_copy_int64(c, bulk_big(i));
        if (rc == ERR_OK)
            rc = db_copy_end_row(c);
        if (rc != ERR_OK)
            print_error("row %" PRId64 "\n", i);
        assert_ok(db, rc);
    }
    assert_ok(db, db_copy_finish(c));
    assert_ok(db, db_commit(db));

    assert_int_equal(query_count(db, "SELECT count(*) FROM bulk"), BULK_ROWS);
    assert_int_equal(query_count(db, "SELECT sum(id) FROM bulk"), (int64_t)BULK_ROWS * (BULK_ROWS - 1) / 2);
    assert_int_equal(query_count(db, "SELECT count(*) FROM bulk WHERE note IS NULL"), BULK_ROWS / 10);
    assert_int_equal(query_count(db, "SELECT count(*) FROM bulk WHERE note = ''"), BULK_ROWS / 10);
    assert_int_equal(query_count(db, "SELECT count(*) FROM bulk WHERE note LIKE 'แท็บ%'"), BULK_ROWS / 10);
    assert_int_equal(query_count(db, "SELECT count(*) FROM bulk WHERE big < 0"), BULK_ROWS / 2);
    assert_int_equal(query_count(db, "SELECT count(*) FROM bulk WHERE name LIKE 'กมล %'"), BULK_ROWS / 8);

    struct db_stmt *st;
    assert_ok(db, db_prepare(db, "SELECT name, note, amount, big FROM bulk WHERE id = $1", &st));
    static const int64_t edges[] = {
        0, 1, 2, 3, 4, 9, 10, 11, 8191, 8192, 65535, 65536, BULK_ROWS - 2, BULK_ROWS - 1};
    for (size_t k = 0; k < sizeof edges / sizeof edges[0]; k++)
        check_bulk_row(db, st, edges[k]);
    for (int64_t id = 5; id < BULK_ROWS; id += 997)
        check_bulk_row(db, st, id);
    assert_ok(db, db_bind_int64(st, 1, BULK_ROWS));
    assert_db(db, db_step(st), ERR_OK);
    db_finalize(st);
}

/* Which call goes wrong in a copy of two columns, and what the error says. */
enum bad_kind { TOO_MANY, TOO_FEW, UNFINISHED };

static void test_copy_wrong_column_count(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE wc (a TEXT, b BIGINT)"));
    const char *cols[] = {"a", "b"};
    static const struct {
        enum bad_kind kind;
        int good_rows_before; /* complete rows sent before the bad one */
        const char *in_message;
    } cases[] = {
        {TOO_MANY, 0, "more values"},   {TOO_MANY, 3, "more values"},  {TOO_FEW, 0, "1 values for 2"},
        {TOO_FEW, 5, "1 values for 2"}, {UNFINISHED, 0, "incomplete"}, {UNFINISHED, 2, "incomplete"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_ok(db, db_begin(db));
        struct db_copy *c;
        assert_ok(db, db_copy_begin(db, "wc", cols, 2, &c));
        for (int r = 0; r < cases[i].good_rows_before; r++) {
            assert_ok(db, db_copy_text(c, "ดี"));
            assert_ok(db, db_copy_int64(c, r));
            assert_ok(db, db_copy_end_row(c));
        }
        int rc;
        switch (cases[i].kind) {
        case TOO_MANY:
            assert_ok(db, db_copy_text(c, "ก"));
            assert_ok(db, db_copy_int64(c, 1));
            rc = db_copy_text(c, "เกิน");
            assert_db(db, rc, ERR_INTERNAL);
            assert_non_null(strstr(db_errmsg(db), cases[i].in_message));
            assert_int_not_equal(db_copy_finish(c), ERR_OK);
            break;
        case TOO_FEW:
            assert_ok(db, db_copy_text(c, "ขาด"));
            rc = db_copy_end_row(c);
            assert_db(db, rc, ERR_INTERNAL);
            assert_non_null(strstr(db_errmsg(db), cases[i].in_message));
            assert_int_not_equal(db_copy_finish(c), ERR_OK);
            break;
        case UNFINISHED:
            assert_ok(db, db_copy_text(c, "ค้าง"));
            rc = db_copy_finish(c);
            assert_db(db, rc, ERR_INTERNAL);
            assert_non_null(strstr(db_errmsg(db), cases[i].in_message));
            break;
        }
        (void)db_rollback(db);
        assert_int_equal(query_count(db, "SELECT count(*) FROM wc"), 0);
    }
    /* The connection is fine afterwards: a correct copy works. */
    assert_ok(db, db_begin(db));
    struct db_copy *c;
    assert_ok(db, db_copy_begin(db, "wc", cols, 2, &c));
    assert_ok(db, db_copy_text(c, "ถูก"));
    assert_ok(db, db_copy_int64(c, 1));
    assert_ok(db, db_copy_end_row(c));
    assert_ok(db, db_copy_finish(c));
    assert_ok(db, db_commit(db));
    assert_int_equal(query_count(db, "SELECT count(*) FROM wc"), 1);
}

/* Missing table or column, no columns, and constraint violations in the data. */
static void test_copy_errors(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE ce (id BIGINT PRIMARY KEY, name TEXT NOT NULL)"));
    static const struct {
        const char *table;
        const char *cols[2];
        int ncols;
        int code;
        const char *in_message;
    } begin_cases[] = {
        {"no_such_table", {"id", "name"}, 2, ERR_DB, "no_such_table"},
        {"ce", {"id", "no_such_col"}, 2, ERR_DB, "no_such_col"},
        {"ce", {"id"}, 0, ERR_INVAL, "no columns"},
    };
    for (size_t i = 0; i < sizeof begin_cases / sizeof begin_cases[0]; i++) {
        assert_ok(db, db_begin(db));
        struct db_copy *c = NULL;
        int rc = db_copy_begin(db, begin_cases[i].table, begin_cases[i].cols, begin_cases[i].ncols, &c);
        if (rc != begin_cases[i].code || !strstr(db_errmsg(db), begin_cases[i].in_message))
            print_error("case %zu: rc %d, '%s'\n", i, rc, db_errmsg(db));
        assert_int_equal(rc, begin_cases[i].code);
        assert_non_null(strstr(db_errmsg(db), begin_cases[i].in_message));
        assert_null(c);
        (void)db_rollback(db);
    }

    /* Violations are found at end_row (SQLite) or at finish (PostgreSQL): the first error counts. */
    static const struct {
        int64_t ids[3];
        const char *names[3];
        const char *in_message;
    } data_cases[] = {
        {{1, 2, 1}, {"ก", "ข", "ค"}, "ce"},    /* duplicate primary key */
        {{1, 2, 3}, {"ก", NULL, "ค"}, "name"}, /* NULL into NOT NULL */
    };
    const char *cols[] = {"id", "name"};
    for (size_t i = 0; i < sizeof data_cases / sizeof data_cases[0]; i++) {
        assert_ok(db, db_begin(db));
        struct db_copy *c;
        assert_ok(db, db_copy_begin(db, "ce", cols, 2, &c));
        int first = ERR_OK;
        for (int r = 0; r < 3 && first == ERR_OK; r++) {
            first = db_copy_int64(c, data_cases[i].ids[r]);
            if (first == ERR_OK)
                first = db_copy_text(c, data_cases[i].names[r]);
            if (first == ERR_OK)
                first = db_copy_end_row(c);
        }
        /* After a failed row, finish only has to free the copy; the rollback undoes the rest. */
        int fin = db_copy_finish(c);
        if (first == ERR_OK)
            first = fin;
        assert_db(db, first, ERR_CONSTRAINT);
        assert_non_null(strstr(db_errmsg(db), data_cases[i].in_message));
        (void)db_rollback(db);
        assert_int_equal(query_count(db, "SELECT count(*) FROM ce"), 0);
    }
}

#define STORE_TESTS(store)                                                                                   \
    cmocka_unit_test_prestate_setup_teardown(test_copy_special_values, setup, teardown, (void *)&store),     \
        cmocka_unit_test_prestate_setup_teardown(test_copy_quoted_names, setup, teardown, (void *)&store),   \
        cmocka_unit_test_prestate_setup_teardown(test_copy_100k_rows, setup, teardown, (void *)&store),      \
        cmocka_unit_test_prestate_setup_teardown(test_copy_wrong_column_count, setup, teardown,              \
                                                 (void *)&store),                                            \
        cmocka_unit_test_prestate_setup_teardown(test_copy_errors, setup, teardown, (void *)&store)

int main(void)
{
    const struct CMUnitTest sqlite_tests[] = {STORE_TESTS(sqlite_store)};
    const struct CMUnitTest pg_tests[] = {STORE_TESTS(pg_store)};
    int failed = cmocka_run_group_tests_name("db copy on sqlite", sqlite_tests, NULL, NULL);
    if (testutil_pg_url())
        failed += cmocka_run_group_tests_name("db copy on postgres", pg_tests, NULL, NULL);
    else
        printf("db copy on postgres: skipped (set TAMBON_TEST_PG to a throwaway database URL)\n");
    return failed ? 1 : 0;
}
