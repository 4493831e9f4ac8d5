/*
 * Unit tests for the db layer (db.h) against every store: SQLite always, PostgreSQL when
 * TAMBON_TEST_PG holds a URL. The same table of cases runs on each store, so a caller can rely on
 * the same behaviour from both: $n parameters in any order, every bind type and NULL, Thai text byte
 * for byte, int64 extremes, doubles that round-trip, changes(), RETURNING, reset and re-run,
 * transactions, and errors mapped to the same codes with the database's own message.
 *
 * PostgreSQL tests share one database with other tests: each test works in its own schema (created
 * in setup, dropped with everything in it in teardown) reached through search_path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "db/db.h"
#include "testutil.h"

#define DBFIX_PREFIX "test_db"
#include "dbfix.h"

/* Runs a query whose single row's first column is text and returns a malloc'd copy (NULL for NULL). */
static char *query_text1(struct db *db, const char *sql, const char *param)
{
    struct db_stmt *st;
    assert_ok(db, db_prepare(db, sql, &st));
    if (param)
        assert_ok(db, db_bind_text(st, 1, param));
    assert_db(db, db_step(st), DB_ROW);
    const char *t = db_column_text(st, 0);
    char *copy = t ? strdup(t) : NULL;
    assert_db(db, db_step(st), ERR_OK);
    db_finalize(st);
    return copy;
}

static int64_t count_rows(struct db *db, const char *table_sql)
{
    int64_t n = -1;
    assert_ok(db, db_query_int64(db, &n, table_sql, ""));
    return n;
}

/* ---- opening ---- */

static void test_open_errors(void **state)
{
    (void)state;
    char *dir = testutil_tmpdir();
    char missing[4096];
    snprintf(missing, sizeof missing, "%s/no/such/dir/x.db", dir);
    static const struct {
        const char *target; /* NULL: use the missing-directory path */
        int code;
        const char *in_message; /* must appear in the error message */
        const char *not_in_message;
    } cases[] = {
        {"", ERR_INVAL, "no database", NULL},
        {NULL, ERR_IO, "no/such/dir/x.db", NULL},
        /* Nothing listens on port 1; the message names the server, never the password. */
        {"postgres://someone:s3cretpw@127.0.0.1:1/nodb", ERR_IO, "cannot connect to PostgreSQL", "s3cretpw"},
        {"postgresql://127.0.0.1:1/nodb", ERR_IO, "port 1", NULL},
        {"postgres://[::1/nodb", ERR_IO, "cannot connect to PostgreSQL", NULL},
        {"postgres://127.0.0.1:1/nodb?bogus_option=1", ERR_IO, "bogus_option", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *target = cases[i].target ? cases[i].target : missing;
        struct db *db = (struct db *)&cases; /* must be reset to NULL */
        char err[512] = "";
        int rc = db_open(target, &db, err, sizeof err);
        if (rc != cases[i].code || !strstr(err, cases[i].in_message))
            print_error("case %zu (%s): rc %d, message '%s'\n", i, target, rc, err);
        assert_int_equal(rc, cases[i].code);
        assert_null(db);
        assert_non_null(strstr(err, cases[i].in_message));
        if (cases[i].not_in_message)
            assert_null(strstr(err, cases[i].not_in_message));
        assert_null(strchr(err, '\n'));
        /* errbuf may be NULL. */
        assert_int_equal(db_open(target, &db, NULL, 0), cases[i].code);
        assert_null(db);
    }
    testutil_rmtree(dir);
}

static void test_dialect(void **state)
{
    struct fx *fx = *state;
    assert_int_equal(db_dialect(fx->db), fx->store->pg ? DB_POSTGRES : DB_SQLITE);
    assert_string_equal(db_dialect_name(db_dialect(fx->db)), fx->store->name);
    assert_string_equal(db_errmsg(fx->db), "");
}

/* ---- exec, prepare, bind ---- */

static void test_exec_multiple_statements(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE a (x BIGINT);"
                              "CREATE TABLE b (y TEXT);"
                              "INSERT INTO a VALUES (1);"
                              "INSERT INTO a VALUES (2);"
                              "INSERT INTO b VALUES ('หนึ่ง');"));
    assert_int_equal(count_rows(db, "SELECT count(*) FROM a"), 2);
    assert_int_equal(count_rows(db, "SELECT sum(x) FROM a"), 3);
    assert_int_equal(count_rows(db, "SELECT count(*) FROM b"), 1);
    /* An error in the middle stops there: the statement before it ran, the one after did not. */
    assert_db(
        db, db_exec(db, "INSERT INTO a VALUES (10); INSERT INTO nope VALUES (1); INSERT INTO a VALUES (20)"),
        ERR_DB);
    assert_non_null(strstr(db_errmsg(db), "nope"));
    int64_t with_ten = count_rows(db, "SELECT count(*) FROM a WHERE x = 10");
    /* PostgreSQL runs a multi-statement string as one transaction; SQLite statement by statement. */
    assert_int_equal(with_ten, fx->store->pg ? 0 : 1);
    assert_int_equal(count_rows(db, "SELECT count(*) FROM a WHERE x = 20"), 0);
}

/* Parameters written $1..$n in any order, some used twice. */
static void test_parameters_any_order(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    static const struct {
        const char *sql;
        int nbind;
        const char *binds[4];
        const char *want;
    } cases[] = {
        {"SELECT CAST($1 AS TEXT)", 1, {"a"}, "a"},
        {"SELECT CAST($1 AS TEXT) || CAST($2 AS TEXT)", 2, {"a", "b"}, "ab"},
        {"SELECT CAST($2 AS TEXT) || CAST($1 AS TEXT)", 2, {"a", "b"}, "ba"},
        {"SELECT CAST($1 AS TEXT) || '-' || CAST($1 AS TEXT)", 1, {"x"}, "x-x"},
        {"SELECT CAST($2 AS TEXT) || '-' || CAST($1 AS TEXT) || '-' || CAST($2 AS TEXT)",
         2,
         {"a", "b"},
         "b-a-b"},
        {"SELECT CAST($3 AS TEXT) || CAST($1 AS TEXT) || CAST($4 AS TEXT) || CAST($2 AS TEXT) || CAST($3 AS "
         "TEXT)",
         4,
         {"1", "2", "3", "4"},
         "31423"},
        {"SELECT CAST($2 AS TEXT) || 'ไทย' || CAST($1 AS TEXT)", 2, {"ก", "ข"}, "ขไทยก"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct db_stmt *st;
        assert_ok(db, db_prepare(db, cases[i].sql, &st));
        for (int b = 0; b < cases[i].nbind; b++)
            assert_ok(db, db_bind_text(st, b + 1, cases[i].binds[b]));
        assert_db(db, db_step(st), DB_ROW);
        if (strcmp(db_column_text(st, 0), cases[i].want) != 0)
            print_error("case %zu: got '%s'\n", i, db_column_text(st, 0));
        assert_string_equal(db_column_text(st, 0), cases[i].want);
        assert_db(db, db_step(st), ERR_OK);
        /* Parameters the statement does not have are refused. */
        assert_db(db, db_bind_text(st, 0, "z"), ERR_RANGE);
        assert_db(db, db_bind_text(st, cases[i].nbind + 1, "z"), ERR_RANGE);
        assert_db(db, db_bind_int64(st, -1, 1), ERR_RANGE);
        assert_non_null(strstr(db_errmsg(db), "parameter"));
        db_finalize(st);
    }
    /* A parameter used in a WHERE clause twice, in the order $2, $1. */
    assert_ok(db, db_exec(db, "CREATE TABLE p (a BIGINT, b BIGINT)"));
    assert_ok(db, db_execf(db, "INSERT INTO p VALUES ($2, $1)", "ii", (int64_t)1, (int64_t)2));
    int64_t n = -1;
    assert_ok(db, db_query_int64(db, &n, "SELECT count(*) FROM p WHERE a = $2 AND b = $1 AND a + b = $2 + $1",
                                 "ii", (int64_t)1, (int64_t)2));
    assert_int_equal(n, 1);
    assert_ok(db, db_query_int64(db, &n, "SELECT b FROM p WHERE a = $1", "i", (int64_t)2));
    assert_int_equal(n, 1);
}

/* Every bind type and NULL, written to typed columns and read back with every accessor. */
static void test_bind_types_and_nulls(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db,
              db_exec(db, "CREATE TABLE v (id BIGINT PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, s TEXT)"));
    struct db_stmt *ins;
    assert_ok(db, db_prepare(db, "INSERT INTO v (id, i, d, s) VALUES ($1, $2, $3, $4)", &ins));
    /* Row 1: every value; row 2: every value NULL, bound three ways; row 3: text via textn. */
    assert_ok(db, db_bind_int64(ins, 1, 1));
    assert_ok(db, db_bind_int64(ins, 2, 42));
    assert_ok(db, db_bind_double(ins, 3, 2.5));
    assert_ok(db, db_bind_text(ins, 4, "สวัสดี"));
    assert_db(db, db_step(ins), ERR_OK);
    assert_ok(db, db_reset(ins));
    assert_ok(db, db_bind_int64(ins, 1, 2));
    assert_ok(db, db_bind_null(ins, 2));
    assert_ok(db, db_bind_null(ins, 3));
    assert_ok(db, db_bind_text(ins, 4, NULL));
    assert_db(db, db_step(ins), ERR_OK);
    assert_ok(db, db_reset(ins));
    assert_ok(db, db_bind_int64(ins, 1, 3));
    assert_ok(db, db_bind_int64(ins, 2, -7));
    assert_ok(db, db_bind_double(ins, 3, -0.125));
    assert_ok(db, db_bind_textn(ins, 4, "abcdef", 3)); /* only "abc" */
    assert_db(db, db_step(ins), ERR_OK);
    assert_ok(db, db_reset(ins));
    assert_ok(db, db_bind_int64(ins, 1, 4));
    assert_ok(db, db_bind_textn(ins, 4, NULL, 5)); /* NULL pointer is SQL NULL whatever the length */
    assert_ok(db, db_bind_textn(ins, 2, "", 0));   /* (rebound below) */
    assert_ok(db, db_bind_int64(ins, 2, 0));
    assert_ok(db, db_bind_double(ins, 3, 0.0));
    assert_db(db, db_step(ins), ERR_OK);
    db_finalize(ins);

    static const struct {
        int64_t id;
        bool null_i, null_d, null_s;
        int64_t i;
        double d;
        const char *s;
    } want[] = {
        {1, false, false, false, 42, 2.5, "สวัสดี"},
        {2, true, true, true, 0, 0.0, NULL},
        {3, false, false, false, -7, -0.125, "abc"},
        {4, false, false, true, 0, 0.0, NULL},
    };
    struct db_stmt *sel;
    assert_ok(db, db_prepare(db, "SELECT i, d, s FROM v WHERE id = $1", &sel));
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        assert_ok(db, db_bind_int64(sel, 1, want[k].id));
        assert_db(db, db_step(sel), DB_ROW);
        assert_int_equal(db_column_is_null(sel, 0), want[k].null_i);
        assert_int_equal(db_column_is_null(sel, 1), want[k].null_d);
        assert_int_equal(db_column_is_null(sel, 2), want[k].null_s);
        assert_int_equal(db_column_int64(sel, 0), want[k].i);
        assert_true(db_column_double(sel, 1) == want[k].d);
        if (want[k].null_i)
            assert_null(db_column_text(sel, 0));
        if (want[k].s)
            assert_string_equal(db_column_text(sel, 2), want[k].s);
        else
            assert_null(db_column_text(sel, 2));
        /* NULL reads as 0 through the numeric accessors. */
        if (want[k].null_s) {
            assert_int_equal(db_column_int64(sel, 2), 0);
            assert_true(db_column_double(sel, 2) == 0.0);
        }
        assert_db(db, db_step(sel), ERR_OK);
        assert_ok(db, db_reset(sel));
    }
    db_finalize(sel);
}

/* Integers and doubles as text, booleans and fractions read through the numeric accessors. */
static void test_column_conversions(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    static const struct {
        const char *sql;
        int64_t i;
        double d;
        const char *text; /* NULL: not compared (the two stores spell it differently) */
    } cases[] = {
        {"SELECT 1 = 1", 1, 1.0, NULL},
        {"SELECT 1 = 2", 0, 0.0, NULL},
        {"SELECT CAST(12.75 AS DOUBLE PRECISION)", 12, 12.75, "12.75"},
        {"SELECT CAST(-12.75 AS DOUBLE PRECISION)", -12, -12.75, "-12.75"},
        {"SELECT CAST(9223372036854775807 AS BIGINT)", INT64_MAX, 9223372036854775807.0,
         "9223372036854775807"},
        {"SELECT 'abc'", 0, 0.0, "abc"},
        {"SELECT ''", 0, 0.0, ""},
        {"SELECT CAST(NULL AS TEXT)", 0, 0.0, NULL},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct db_stmt *st;
        assert_ok(db, db_prepare(db, cases[k].sql, &st));
        assert_db(db, db_step(st), DB_ROW);
        if (db_column_int64(st, 0) != cases[k].i || db_column_double(st, 0) != cases[k].d)
            print_error("case %zu (%s): text '%s'\n", k, cases[k].sql, db_column_text(st, 0));
        assert_int_equal(db_column_int64(st, 0), cases[k].i);
        assert_true(db_column_double(st, 0) == cases[k].d);
        if (cases[k].text)
            assert_string_equal(db_column_text(st, 0), cases[k].text);
        db_finalize(st);
    }
}

/* Thai text (with tone marks, Thai digits, and 4-byte UTF-8) comes back byte for byte. */
static void test_thai_text_round_trip(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE t (id BIGINT PRIMARY KEY, s TEXT)"));
    /* A long value: 5,000 repetitions of a 30-byte Thai word pair. */
    size_t long_len = 5000 * strlen("สมชาย ใจดี ");
    char *long_text = malloc(long_len + 1);
    assert_non_null(long_text);
    for (size_t i = 0; i < 5000; i++)
        memcpy(long_text + i * strlen("สมชาย ใจดี "), "สมชาย ใจดี ", strlen("สมชาย ใจดี "));
    long_text[long_len] = '\0';
    const char *values[] = {
        "สมชาย ใจดี",
        "ที่", /* tone mark after a vowel sign */
        "ที่ดิน น้ำ ผู้ใหญ่บ้าน",
        "องค์การบริหารส่วนตำบลบางพลีใหญ่",
        "๐๑๒๓๔๕๖๗๘๙ พ.ศ. ๒๕๖๙",
        "ฤๅษี ฦๅ ฯลฯ ๆ",
        "เก่ง\tแก้ว\nขวัญ\r\\กมล",
        "'quoted' \"double\" $1 ; --",
        "ผสม mixed 👍 𝕏",
        "",
        long_text,
    };
    size_t n = sizeof values / sizeof values[0];
    struct db_stmt *ins;
    assert_ok(db, db_prepare(db, "INSERT INTO t (id, s) VALUES ($1, $2)", &ins));
    for (size_t i = 0; i < n; i++) {
        assert_ok(db, db_bind_int64(ins, 1, (int64_t)i));
        /* Bound by length from a slice that is not NUL-terminated where it ends. */
        char *copy = malloc(strlen(values[i]) + 3);
        memcpy(copy, values[i], strlen(values[i]));
        memcpy(copy + strlen(values[i]), "XY", 3);
        assert_ok(db, db_bind_textn(ins, 2, copy, strlen(values[i])));
        free(copy);
        assert_db(db, db_step(ins), ERR_OK);
        assert_ok(db, db_reset(ins));
    }
    db_finalize(ins);

    struct db_stmt *sel;
    assert_ok(db, db_prepare(db, "SELECT s, id FROM t WHERE s = $1", &sel));
    for (size_t i = 0; i < n; i++) {
        assert_ok(db, db_bind_text(sel, 1, values[i]));
        assert_db(db, db_step(sel), DB_ROW);
        const char *got = db_column_text(sel, 0);
        assert_non_null(got);
        assert_int_equal(strlen(got), strlen(values[i]));
        assert_memory_equal(got, values[i], strlen(values[i]));
        assert_int_equal(db_column_int64(sel, 1), (int64_t)i);
        assert_db(db, db_step(sel), ERR_OK);
        assert_ok(db, db_reset(sel));
    }
    db_finalize(sel);
    /* Empty text is not NULL. */
    assert_int_equal(count_rows(db, "SELECT count(*) FROM t WHERE s IS NULL"), 0);
    int64_t len = 0;
    assert_ok(db, db_query_int64(db, &len, "SELECT length(s) FROM t WHERE id = $1", "i", (int64_t)1));
    assert_int_equal(len, 3); /* characters, not bytes: the store sees UTF-8 */
    free(long_text);
}

static void test_int64_extremes(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    static const struct {
        int64_t v;
        const char *text;
    } cases[] = {
        {INT64_MIN, "-9223372036854775808"},
        {INT64_MIN + 1, "-9223372036854775807"},
        {-4294967296, "-4294967296"},
        {-1, "-1"},
        {0, "0"},
        {1, "1"},
        {2147483647, "2147483647"},
        {2147483648, "2147483648"},
        {9007199254740993, "9007199254740993"}, /* 2^53 + 1: not a double */
        {INT64_MAX - 1, "9223372036854775806"},
        {INT64_MAX, "9223372036854775807"},
    };
    assert_ok(db, db_exec(db, "CREATE TABLE n (k BIGINT PRIMARY KEY, v BIGINT)"));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_ok(db, db_execf(db, "INSERT INTO n (k, v) VALUES ($1, $2)", "ii", (int64_t)i, cases[i].v));
    struct db_stmt *st;
    assert_ok(db, db_prepare(db, "SELECT v, k FROM n ORDER BY v", &st));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_db(db, db_step(st), DB_ROW);
        assert_int_equal(db_column_int64(st, 0), cases[i].v);
        assert_string_equal(db_column_text(st, 0), cases[i].text);
        assert_int_equal(db_column_int64(st, 1), (int64_t)i);
    }
    assert_db(db, db_step(st), ERR_OK);
    db_finalize(st);
    /* Extremes also work as parameters in comparisons. */
    int64_t got = 0;
    assert_ok(db, db_query_int64(db, &got, "SELECT k FROM n WHERE v = $1", "i", INT64_MIN));
    assert_int_equal(got, 0);
    assert_ok(db, db_query_int64(db, &got, "SELECT count(*) FROM n WHERE v > $1 AND v < $2", "ii", INT64_MIN,
                                 INT64_MAX));
    assert_int_equal(got, (int64_t)(sizeof cases / sizeof cases[0]) - 2);
}

static void test_doubles_round_trip(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    const double cases[] = {
        0.0,
        0.1,
        -0.1,
        0.5,
        1.0 / 3.0,
        3.141592653589793,
        2.718281828459045,
        1e-300,
        1e300,
        DBL_MAX,
        -DBL_MAX,
        DBL_MIN,
        4.9406564584124654e-324, /* smallest */
        1e15 + 0.3,
        123456789.125,
        -98765.4321,
        9007199254740993.0,
        HUGE_VAL,
        -HUGE_VAL,
    };
    size_t n = sizeof cases / sizeof cases[0];
    assert_ok(db, db_exec(db, "CREATE TABLE f (k BIGINT PRIMARY KEY, v DOUBLE PRECISION)"));
    for (size_t i = 0; i < n; i++)
        assert_ok(db, db_execf(db, "INSERT INTO f (k, v) VALUES ($1, $2)", "id", (int64_t)i, cases[i]));
    struct db_stmt *st;
    assert_ok(db, db_prepare(db, "SELECT v FROM f WHERE k = $1", &st));
    for (size_t i = 0; i < n; i++) {
        assert_ok(db, db_bind_int64(st, 1, (int64_t)i));
        assert_db(db, db_step(st), DB_ROW);
        double got = db_column_double(st, 0);
        if (memcmp(&got, &cases[i], sizeof got) != 0)
            print_error("case %zu: stored %.17g, read %.17g (text '%s')\n", i, cases[i], got,
                        db_column_text(st, 0));
        assert_memory_equal(&got, &cases[i], sizeof got);
        assert_ok(db, db_reset(st));
    }
    db_finalize(st);
    /* A double parameter compares exactly with the stored value. */
    int64_t k = -1;
    assert_ok(db, db_query_int64(db, &k, "SELECT k FROM f WHERE v = $1", "d", 1.0 / 3.0));
    assert_int_equal(k, 4);
}

static void test_column_names(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE c (id BIGINT, ชื่อ TEXT, \"Mixed Case\" TEXT)"));
    assert_ok(db, db_exec(db, "INSERT INTO c VALUES (1, 'ก', 'x')"));
    static const struct {
        const char *sql;
        int count;
        const char *names[4];
    } cases[] = {
        {"SELECT id, ชื่อ, \"Mixed Case\" FROM c", 3, {"id", "ชื่อ", "Mixed Case"}},
        {"SELECT 1 AS one, 'x' AS \"สอง\", id AS three FROM c", 3, {"one", "สอง", "three"}},
        {"SELECT count(*) AS n FROM c", 1, {"n"}},
        {"INSERT INTO c (id) VALUES (2)", 0, {NULL}},
        {"INSERT INTO c (id) VALUES (3) RETURNING id AS new_id", 1, {"new_id"}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct db_stmt *st;
        assert_ok(db, db_prepare(db, cases[i].sql, &st));
        /* Known before the first step, and the same after it. */
        for (int pass = 0; pass < 2; pass++) {
            assert_int_equal(db_column_count(st), cases[i].count);
            for (int col = 0; col < cases[i].count; col++)
                assert_string_equal(db_column_name(st, col), cases[i].names[col]);
            assert_null(db_column_name(st, cases[i].count));
            int rc = db_step(st);
            if (pass == 0)
                assert_true(rc == DB_ROW || rc == ERR_OK);
        }
        db_finalize(st);
    }
}

static void test_changes(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE ch (id BIGINT PRIMARY KEY, g TEXT)"));
    static const struct {
        const char *sql;
        int64_t changes;
    } cases[] = {
        {"INSERT INTO ch VALUES (1, 'a'), (2, 'a'), (3, 'b')", 3},
        {"UPDATE ch SET g = 'c' WHERE g = 'a'", 2},
        {"UPDATE ch SET g = 'c' WHERE g = 'none'", 0},
        {"INSERT INTO ch VALUES (4, 'd')", 1},
        {"DELETE FROM ch WHERE id >= 3", 2},
        {"DELETE FROM ch", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* Through db_exec, then (after undoing by a rollback) through a prepared statement. */
        assert_ok(db, db_begin(db));
        assert_ok(db, db_exec(db, cases[i].sql));
        assert_int_equal(db_changes(db), cases[i].changes);
        assert_ok(db, db_rollback(db));
        struct db_stmt *st;
        assert_ok(db, db_prepare(db, cases[i].sql, &st));
        assert_db(db, db_step(st), ERR_OK);
        assert_int_equal(db_changes(db), cases[i].changes);
        db_finalize(st);
        /* A query afterwards leaves the count alone. */
        (void)count_rows(db, "SELECT count(*) FROM ch");
        assert_int_equal(db_changes(db), cases[i].changes);
    }
}

static void test_returning(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, fx->store->pg
                                  ? "CREATE TABLE r (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                                    " name TEXT NOT NULL, n BIGINT)"
                                  : "CREATE TABLE r (id INTEGER PRIMARY KEY, name TEXT NOT NULL, n BIGINT)"));
    struct db_stmt *st;
    assert_ok(db, db_prepare(db, "INSERT INTO r (name, n) VALUES ($1, $2) RETURNING id, name", &st));
    const char *names[] = {"อบต.บางพลี", "เทศบาลนครขอนแก่น", "อบจ.เชียงใหม่"};
    for (int i = 0; i < 3; i++) {
        assert_ok(db, db_bind_text(st, 1, names[i]));
        assert_ok(db, db_bind_int64(st, 2, i * 10));
        assert_db(db, db_step(st), DB_ROW);
        assert_int_equal(db_column_int64(st, 0), i + 1);
        assert_string_equal(db_column_text(st, 1), names[i]);
        assert_db(db, db_step(st), ERR_OK);
        assert_int_equal(db_changes(db), 1);
        assert_ok(db, db_reset(st));
    }
    db_finalize(st);
    /* Several rows back from one UPDATE. */
    assert_ok(db, db_prepare(db, "UPDATE r SET n = n + 1 WHERE n >= $1 RETURNING id, n", &st));
    assert_ok(db, db_bind_int64(st, 1, 10));
    int64_t sum_ids = 0, sum_n = 0;
    int rows = 0, rc;
    while ((rc = db_step(st)) == DB_ROW) {
        sum_ids += db_column_int64(st, 0);
        sum_n += db_column_int64(st, 1);
        rows++;
    }
    assert_db(db, rc, ERR_OK);
    db_finalize(st);
    assert_int_equal(rows, 2);
    assert_int_equal(sum_ids, 5);
    assert_int_equal(sum_n, 32);
    assert_int_equal(db_changes(db), 2);
    /* A failing RETURNING insert reports the constraint and returns no row. */
    assert_ok(db, db_prepare(db, "INSERT INTO r (name) VALUES ($1) RETURNING id", &st));
    assert_ok(db, db_bind_null(st, 1));
    assert_db(db, db_step(st), ERR_CONSTRAINT);
    db_finalize(st);
}

/* reset keeps bindings; new bindings take effect; reset in the middle of rows starts over. */
static void test_reset_and_rerun(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE rr (id BIGINT PRIMARY KEY, g TEXT)"));
    struct db_stmt *ins;
    assert_ok(db, db_prepare(db, "INSERT INTO rr (id, g) VALUES ($1, $2)", &ins));
    for (int64_t id = 1; id <= 6; id++) {
        assert_ok(db, db_bind_int64(ins, 1, id));
        if (id <= 4)
            assert_ok(db, db_bind_text(ins, 2, id % 2 ? "คี่" : "คู่"));
        else
            assert_ok(db, db_bind_null(ins, 2)); /* a value bound before is replaced by NULL */
        assert_db(db, db_step(ins), ERR_OK);
        /* Stepping past the end does not run the statement again. */
        assert_db(db, db_step(ins), ERR_OK);
        assert_ok(db, db_reset(ins));
    }
    /* After reset the old bindings are still there: id 6 again violates the primary key. */
    assert_db(db, db_step(ins), ERR_CONSTRAINT);
    assert_ok(db, db_reset(ins));
    db_finalize(ins);
    assert_int_equal(count_rows(db, "SELECT count(*) FROM rr"), 6);
    assert_int_equal(count_rows(db, "SELECT count(*) FROM rr WHERE g IS NULL"), 2);

    struct db_stmt *sel;
    assert_ok(db, db_prepare(db, "SELECT id FROM rr WHERE g = $1 ORDER BY id", &sel));
    static const struct {
        const char *g;
        int n;
        int64_t ids[3];
    } runs[] = {
        {"คี่", 2, {1, 3}}, {"คู่", 2, {2, 4}}, {"ไม่มี", 0, {0}}, {NULL, 0, {0}}, {"คี่", 2, {1, 3}},
    };
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
        assert_ok(db, db_bind_text(sel, 1, runs[r].g));
        for (int pass = 0; pass < 2; pass++) { /* the second pass re-runs with the same bindings */
            for (int k = 0; k < runs[r].n; k++) {
                assert_db(db, db_step(sel), DB_ROW);
                assert_int_equal(db_column_int64(sel, 0), runs[r].ids[k]);
            }
            assert_db(db, db_step(sel), ERR_OK);
            assert_ok(db, db_reset(sel));
        }
    }
    /* Reset after the first of several rows: the next step starts from the first row again. */
    assert_ok(db, db_bind_text(sel, 1, "คู่"));
    assert_db(db, db_step(sel), DB_ROW);
    assert_int_equal(db_column_int64(sel, 0), 2);
    assert_ok(db, db_reset(sel));
    assert_db(db, db_step(sel), DB_ROW);
    assert_int_equal(db_column_int64(sel, 0), 2);
    assert_db(db, db_step(sel), DB_ROW);
    assert_int_equal(db_column_int64(sel, 0), 4);
    db_finalize(sel); /* finalize in the middle of rows is fine */
}

static void test_transactions(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE tx (id BIGINT PRIMARY KEY)"));
    assert_false(db_in_transaction(db));

    /* Commit keeps. */
    assert_ok(db, db_begin(db));
    assert_true(db_in_transaction(db));
    assert_ok(db, db_execf(db, "INSERT INTO tx VALUES ($1)", "i", (int64_t)1));
    assert_ok(db, db_commit(db));
    assert_false(db_in_transaction(db));
    assert_int_equal(count_rows(db, "SELECT count(*) FROM tx"), 1);

    /* Rollback undoes inserts, updates and deletes. */
    assert_ok(db, db_begin(db));
    assert_ok(db, db_execf(db, "INSERT INTO tx VALUES ($1)", "i", (int64_t)2));
    assert_ok(db, db_exec(db, "UPDATE tx SET id = 10 WHERE id = 1"));
    assert_int_equal(count_rows(db, "SELECT count(*) FROM tx"), 2);
    assert_ok(db, db_rollback(db));
    assert_false(db_in_transaction(db));
    assert_int_equal(count_rows(db, "SELECT count(*) FROM tx"), 1);
    assert_int_equal(count_rows(db, "SELECT id FROM tx"), 1);

    /* Nested begin is refused and leaves the open transaction alone. */
    assert_ok(db, db_begin(db));
    assert_ok(db, db_execf(db, "INSERT INTO tx VALUES ($1)", "i", (int64_t)3));
    assert_db(db, db_begin(db), ERR_INTERNAL);
    assert_non_null(strstr(db_errmsg(db), "already"));
    assert_true(db_in_transaction(db));
    assert_ok(db, db_commit(db));
    assert_int_equal(count_rows(db, "SELECT count(*) FROM tx"), 2);

    /* After a failed statement, rollback keeps the first error's message and the connection works. */
    assert_ok(db, db_begin(db));
    assert_ok(db, db_execf(db, "INSERT INTO tx VALUES ($1)", "i", (int64_t)4));
    assert_db(db, db_execf(db, "INSERT INTO tx VALUES ($1)", "i", (int64_t)1), ERR_CONSTRAINT);
    char first[512];
    snprintf(first, sizeof first, "%s", db_errmsg(db));
    (void)db_rollback(db);
    assert_string_equal(db_errmsg(db), first);
    assert_false(db_in_transaction(db));
    assert_int_equal(count_rows(db, "SELECT count(*) FROM tx"), 2);
    assert_ok(db, db_execf(db, "INSERT INTO tx VALUES ($1)", "i", (int64_t)5));
    assert_int_equal(count_rows(db, "SELECT count(*) FROM tx"), 3);
}

/* Constraint violations: ERR_CONSTRAINT with a message naming the constraint or its column. */
static void test_constraint_violations(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE lao (code TEXT PRIMARY KEY);"
                              "CREATE TABLE person ("
                              " id BIGINT PRIMARY KEY,"
                              " national_id TEXT NOT NULL CONSTRAINT person_national_id_uq UNIQUE,"
                              " salary BIGINT CONSTRAINT person_salary_positive CHECK (salary > 0),"
                              " lao TEXT CONSTRAINT person_lao_fk REFERENCES lao (code));"
                              "INSERT INTO lao VALUES ('6110101');"
                              "INSERT INTO person VALUES (1, '1101700203451', 15000, '6110101');"));
    static const struct {
        const char *what;
        const char *sql;
        const char *fmt;
        int64_t id;
        const char *nid;
        int64_t salary;
        const char *lao;
        const char *sqlite_msg, *pg_msg; /* must appear in the message */
    } cases[] = {
        {"primary key", NULL, "itit", 1, "3101700203452", 100, NULL, "person.id", "person_pkey"},
        {"unique", NULL, "itit", 2, "1101700203451", 100, NULL, "person.national_id",
         "person_national_id_uq"},
        {"not null", NULL, "itit", 3, NULL, 100, NULL, "person.national_id", "national_id"},
        {"check", NULL, "itit", 4, "3101700203453", 0, NULL, "person_salary_positive",
         "person_salary_positive"},
        {"check below", NULL, "itit", 5, "3101700203454", -1, NULL, "person_salary_positive",
         "person_salary_positive"},
        {"foreign key", NULL, "itit", 6, "3101700203455", 100, "9999999", "FOREIGN KEY", "person_lao_fk"},
        {"delete referenced", "DELETE FROM lao", "", 0, NULL, 0, NULL, "FOREIGN KEY", "person_lao_fk"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc;
        if (cases[i].sql)
            rc = db_execf(db, cases[i].sql, cases[i].fmt);
        else
            rc = db_execf(db, "INSERT INTO person VALUES ($1, $2, $3, $4)", cases[i].fmt, cases[i].id,
                          cases[i].nid, cases[i].salary, cases[i].lao);
        const char *want = fx->store->pg ? cases[i].pg_msg : cases[i].sqlite_msg;
        if (rc != ERR_CONSTRAINT || !strstr(db_errmsg(db), want))
            print_error("%s: rc %d, message '%s'\n", cases[i].what, rc, db_errmsg(db));
        assert_int_equal(rc, ERR_CONSTRAINT);
        assert_non_null(strstr(db_errmsg(db), want));
    }
    /* The same violation through db_exec (no parameters). */
    assert_db(db, db_exec(db, "INSERT INTO person VALUES (1, '3101700203456', 1, NULL)"), ERR_CONSTRAINT);
    assert_non_null(strstr(db_errmsg(db), fx->store->pg ? "person_pkey" : "person.id"));
    /* Nothing was stored by the failures; a valid row still goes in. */
    assert_int_equal(count_rows(db, "SELECT count(*) FROM person"), 1);
    assert_ok(db, db_execf(db, "INSERT INTO person VALUES ($1, $2, $3, $4)", "itit", (int64_t)7,
                           "3101700203457", (int64_t)1, "6110101"));
    assert_int_equal(count_rows(db, "SELECT count(*) FROM person"), 2);
}

/* Errors that are not constraints: ERR_DB with the database's own words. */
static void test_sql_errors(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE e (x BIGINT)"));
    static const struct {
        const char *sql;
        const char *in_message[2]; /* both must appear */
    } cases[] = {
        {"SELEC 1", {"syntax error", "SELEC"}},
        {"SELECT * FROM e WHERE WHERE x = 1", {"syntax error", "WHERE"}},
        {"SELECT * FROM no_such_table", {"no_such_table", ""}},
        {"SELECT no_such_column FROM e", {"no_such_column", ""}},
        {"INSERT INTO e (x, no_col) VALUES (1, 2)", {"no_col", ""}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* At prepare time ... */
        struct db_stmt *st = (struct db_stmt *)&cases;
        int rc = db_prepare(db, cases[i].sql, &st);
        if (rc != ERR_DB)
            print_error("prepare '%s': rc %d, '%s'\n", cases[i].sql, rc, db_errmsg(db));
        assert_int_equal(rc, ERR_DB);
        for (int k = 0; k < 2; k++)
            assert_non_null(strstr(db_errmsg(db), cases[i].in_message[k]));
        /* ... and through db_exec. */
        assert_db(db, db_exec(db, cases[i].sql), ERR_DB);
        for (int k = 0; k < 2; k++)
            assert_non_null(strstr(db_errmsg(db), cases[i].in_message[k]));
        assert_null(strchr(db_errmsg(db), '\n'));
    }
    /* The connection still works, and a success does not need the old message. */
    assert_int_equal(count_rows(db, "SELECT count(*) FROM e"), 0);
}

static void test_execf_and_query_int64(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db,
              db_exec(db, "CREATE TABLE q (id BIGINT PRIMARY KEY, s TEXT, d DOUBLE PRECISION, z BIGINT)"));
    assert_ok(db, db_execf(db, "INSERT INTO q VALUES ($1, $2, $3, $4)", "itdn", (int64_t)1, "ก", 1.5));
    assert_ok(db, db_execf(db, "INSERT INTO q VALUES ($1, $2, $3, $4)", "itdi", (int64_t)2,
                           (const char *)NULL, -2.25, (int64_t)77));
    assert_ok(db, db_execf(db, "INSERT INTO q (id) VALUES (3)", ""));
    assert_ok(db, db_execf(db, "INSERT INTO q (id) VALUES (4)", NULL));
    static const struct {
        const char *sql;
        const char *fmt;
        int64_t arg;
        int rc;
        int64_t want;
    } cases[] = {
        {"SELECT count(*) FROM q", "", 0, ERR_OK, 4},
        {"SELECT z FROM q WHERE id = $1", "i", 2, ERR_OK, 77},
        {"SELECT z FROM q WHERE id = $1", "i", 1, ERR_OK, 0}, /* NULL reads as 0 */
        {"SELECT id FROM q WHERE id = $1", "i", 99, ERR_NOTFOUND, -5},
        {"SELECT id FROM q WHERE id > $1 ORDER BY id", "i", 1, ERR_OK, 2}, /* first row */
        {"SELECT count(*) FROM q WHERE s IS NULL AND id < $1", "i", 3, ERR_OK, 1},
        {"SELECT CAST(d * 4 AS BIGINT) FROM q WHERE id = $1", "i", 2, ERR_OK, -9},
        {"SELECT id FROM q WHERE id = $1", "x", 1, ERR_INTERNAL, -5}, /* bad format letter */
        {"SELECT id FROM nowhere WHERE id = $1", "i", 1, ERR_DB, -5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t got = -5; /* left alone unless a row was found */
        int rc = db_query_int64(db, &got, cases[i].sql, cases[i].fmt, cases[i].arg);
        if (rc != cases[i].rc || got != cases[i].want)
            print_error("case %zu: rc %d got %" PRId64 " (%s)\n", i, rc, got, db_errmsg(db));
        assert_int_equal(rc, cases[i].rc);
        assert_int_equal(got, cases[i].want);
    }
    int64_t n;
    assert_ok(db, db_query_int64(db, &n, "SELECT count(*) FROM q WHERE d = $1 AND s = $2", "dt", 1.5, "ก"));
    assert_int_equal(n, 1);
    assert_db(db, db_execf(db, "DELETE FROM q WHERE id = $1", "i", (int64_t)99), ERR_OK);
    assert_int_equal(db_changes(db), 0);
    char *s = query_text1(db, "SELECT s FROM q WHERE id = 1", NULL);
    assert_string_equal(s, "ก");
    free(s);
}

/* ---- PostgreSQL only ---- */

/* COMMIT after a failed statement: PostgreSQL rolls back, and the caller must hear it. */
static void test_pg_commit_after_error(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE ce (id BIGINT PRIMARY KEY)"));
    assert_ok(db, db_begin(db));
    assert_ok(db, db_execf(db, "INSERT INTO ce VALUES ($1)", "i", (int64_t)1));
    assert_db(db, db_execf(db, "INSERT INTO ce VALUES ($1)", "i", (int64_t)1), ERR_CONSTRAINT);
    /* Every statement is refused until the transaction ends. */
    assert_db(db, db_execf(db, "INSERT INTO ce VALUES ($1)", "i", (int64_t)2), ERR_DB);
    assert_non_null(strstr(db_errmsg(db), "aborted"));
    assert_db(db, db_commit(db), ERR_DB);
    assert_non_null(strstr(db_errmsg(db), "rolled back"));
    (void)db_rollback(db);
    assert_false(db_in_transaction(db));
    assert_int_equal(count_rows(db, "SELECT count(*) FROM ce"), 0);
}

/* Statements finalized inside an aborted transaction are deallocated once it ends: no leak. */
static void test_pg_statements_deallocated(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE sd (id BIGINT PRIMARY KEY)"));
    const char *count_sql = "SELECT count(*) FROM pg_prepared_statements";
    int64_t before = count_rows(db, count_sql);
    for (int round = 0; round < 3; round++) {
        struct db_stmt *st;
        assert_ok(db, db_prepare(db, "SELECT id FROM sd", &st));
        db_finalize(st);
        assert_ok(db, db_begin(db));
        assert_ok(db, db_prepare(db, "INSERT INTO sd VALUES ($1)", &st));
        assert_ok(db, db_bind_int64(st, 1, 1));
        assert_db(db, db_step(st), ERR_OK);
        assert_ok(db, db_reset(st));
        assert_db(db, db_step(st), ERR_CONSTRAINT);
        db_finalize(st); /* the transaction is aborted: DEALLOCATE must wait */
        (void)db_rollback(db);
        assert_int_equal(count_rows(db, count_sql), before);
    }
}

/* SQLSTATE 55P03 (lock not available) is ERR_BUSY: the caller may try again. */
static void test_pg_lock_busy(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE lk (id BIGINT PRIMARY KEY); INSERT INTO lk VALUES (1)"));
    struct db *other;
    char err[256];
    assert_int_equal(db_open(testutil_pg_url(), &other, err, sizeof err), ERR_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "SET search_path TO %s", fx->schema);
    assert_ok(other, db_exec(other, sql));
    assert_ok(db, db_begin(db));
    assert_ok(db, db_exec(db, "SELECT id FROM lk WHERE id = 1 FOR UPDATE"));
    assert_ok(other, db_begin(other));
    assert_db(other, db_exec(other, "SELECT id FROM lk WHERE id = 1 FOR UPDATE NOWAIT"), ERR_BUSY);
    assert_non_null(strstr(db_errmsg(other), "lock"));
    (void)db_rollback(other);
    assert_ok(db, db_commit(db));
    /* Once the lock is gone the other connection gets it. */
    assert_ok(other, db_exec(other, "SELECT id FROM lk WHERE id = 1 FOR UPDATE NOWAIT"));
    db_close(other);
}

/* The session is UTF-8, ISO dates, UTC, and the Thai ICU collation exists and orders Thai. */
static void test_pg_session_settings(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    static const struct {
        const char *sql;
        const char *want;
    } cases[] = {
        {"SHOW client_encoding", "UTF8"},
        {"SHOW DateStyle", "ISO, MDY"},
        {"SHOW TimeZone", "UTC"},
        {"SHOW standard_conforming_strings", "on"},
        {"SELECT CAST(DATE '2026-01-10' AS TEXT)", "2026-01-10"},
        {"SELECT CAST(TIMESTAMPTZ '2026-01-10 07:00:00+07' AS TEXT)", "2026-01-10 00:00:00+00"},
        {"SELECT 'a\\b'", "a\\b"},
        {"SELECT string_agg(x, ' ' ORDER BY x COLLATE \"th-TH-x-icu\") FROM "
         "unnest(ARRAY['ขวัญ', 'แก้ว', 'เก่ง', 'กิตติ', 'กมล']) AS x",
         "กมล กิตติ เก่ง แก้ว ขวัญ"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = query_text1(db, cases[i].sql, NULL);
        assert_non_null(got);
        if (strcmp(got, cases[i].want) != 0)
            print_error("%s: got '%s'\n", cases[i].sql, got);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
    /* Text with a NUL byte cannot be stored in PostgreSQL: refused at bind time. */
    struct db_stmt *st;
    assert_ok(db, db_prepare(db, "SELECT CAST($1 AS TEXT)", &st));
    assert_db(db, db_bind_textn(st, 1, "a\0b", 3), ERR_INVAL);
    db_finalize(st);
}

/* COPY belongs to db_copy_*: db_exec refuses it and the connection stays usable. */
static void test_pg_exec_refuses_copy(void **state)
{
    struct fx *fx = *state;
    struct db *db = fx->db;
    assert_ok(db, db_exec(db, "CREATE TABLE cx (id BIGINT); INSERT INTO cx VALUES (1), (2)"));
    static const char *const cases[] = {
        "COPY cx FROM STDIN",
        "COPY cx TO STDOUT",
        "COPY (SELECT id FROM cx) TO STDOUT",
        /* The cancelled COPY fails the string's implicit transaction: what follows does not run. */
        "COPY cx FROM STDIN; INSERT INTO cx VALUES (3)",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_db(db, db_exec(db, cases[i]), ERR_INVAL);
        assert_non_null(strstr(db_errmsg(db), "db_copy_begin"));
        assert_int_equal(count_rows(db, "SELECT count(*) FROM cx"), 2);
    }
}

#define STORE_TESTS(store)                                                                                   \
    cmocka_unit_test_prestate_setup_teardown(test_dialect, setup, teardown, (void *)&store),                 \
        cmocka_unit_test_prestate_setup_teardown(test_exec_multiple_statements, setup, teardown,             \
                                                 (void *)&store),                                            \
        cmocka_unit_test_prestate_setup_teardown(test_parameters_any_order, setup, teardown,                 \
                                                 (void *)&store),                                            \
        cmocka_unit_test_prestate_setup_teardown(test_bind_types_and_nulls, setup, teardown,                 \
                                                 (void *)&store),                                            \
        cmocka_unit_test_prestate_setup_teardown(test_column_conversions, setup, teardown, (void *)&store),  \
        cmocka_unit_test_prestate_setup_teardown(test_thai_text_round_trip, setup, teardown,                 \
                                                 (void *)&store),                                            \
        cmocka_unit_test_prestate_setup_teardown(test_int64_extremes, setup, teardown, (void *)&store),      \
        cmocka_unit_test_prestate_setup_teardown(test_doubles_round_trip, setup, teardown, (void *)&store),  \
        cmocka_unit_test_prestate_setup_teardown(test_column_names, setup, teardown, (void *)&store),        \
        cmocka_unit_test_prestate_setup_teardown(test_changes, setup, teardown, (void *)&store),             \
        cmocka_unit_test_prestate_setup_teardown(test_returning, setup, teardown, (void *)&store),           \
        cmocka_unit_test_prestate_setup_teardown(test_reset_and_rerun, setup, teardown, (void *)&store),     \
        cmocka_unit_test_prestate_setup_teardown(test_transactions, setup, teardown, (void *)&store),        \
        cmocka_unit_test_prestate_setup_teardown(test_constraint_violations, setup, teardown,                \
                                                 (void *)&store),                                            \
        cmocka_unit_test_prestate_setup_teardown(test_sql_errors, setup, teardown, (void *)&store),          \
        cmocka_unit_test_prestate_setup_teardown(test_execf_and_query_int64, setup, teardown,                \
                                                 (void *)&store)

int main(void)
{
    const struct CMUnitTest common_tests[] = {
        cmocka_unit_test(test_open_errors),
    };
    const struct CMUnitTest sqlite_tests[] = {STORE_TESTS(sqlite_store)};
    const struct CMUnitTest pg_tests[] = {
        STORE_TESTS(pg_store),
        cmocka_unit_test_prestate_setup_teardown(test_pg_commit_after_error, setup, teardown,
                                                 (void *)&pg_store),
        cmocka_unit_test_prestate_setup_teardown(test_pg_statements_deallocated, setup, teardown,
                                                 (void *)&pg_store),
        cmocka_unit_test_prestate_setup_teardown(test_pg_lock_busy, setup, teardown, (void *)&pg_store),
        cmocka_unit_test_prestate_setup_teardown(test_pg_exec_refuses_copy, setup, teardown,
                                                 (void *)&pg_store),
        cmocka_unit_test_prestate_setup_teardown(test_pg_session_settings, setup, teardown,
                                                 (void *)&pg_store),
    };
    int failed = cmocka_run_group_tests_name("db (no store)", common_tests, NULL, NULL);
    failed += cmocka_run_group_tests_name("db on sqlite", sqlite_tests, NULL, NULL);
    if (testutil_pg_url())
        failed += cmocka_run_group_tests_name("db on postgres", pg_tests, NULL, NULL);
    else
        printf("db on postgres: skipped (set TAMBON_TEST_PG to a throwaway database URL)\n");
    return failed ? 1 : 0;
}
