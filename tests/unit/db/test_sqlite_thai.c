/*
 * Unit tests for db/sqlite_thai on a plain in-memory SQLite connection: ORDER BY ... COLLATE thai
 * gives Thai dictionary order (also through an index); the FTS5 "thai" tokenizer finds whole Thai
 * words inside unspaced text, refuses the fragments the default unicode61 tokenizer matches, makes
 * typed-order variants match each other, folds ASCII case and Thai digits, keeps offsets into the
 * original text for highlight(), supports prefix queries, accepts ill-formed UTF-8, and rejects
 * tokenizer options.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "db/sqlite_thai.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int setup(void **state)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        return -1;
    if (db_sqlite_register_thai(db) != ERR_OK) {
        sqlite3_close(db);
        return -1;
    }
    *state = db;
    return 0;
}

static int teardown(void **state)
{
    return sqlite3_close(*state) == SQLITE_OK ? 0 : -1;
}

static void exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fail_msg("%s: %s", sql, err ? err : "?");
    }
}

/* Runs a one-parameter query and returns the first column of all rows joined with '|'. */
static void query(sqlite3 *db, const char *sql, const char *param, struct buf *out)
{
    sqlite3_stmt *st = NULL;
    buf_reset(out);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (param)
        assert_int_equal(sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC), SQLITE_OK);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (out->len)
            assert_int_equal(buf_putc(out, '|'), ERR_OK);
        assert_int_equal(buf_appends(out, v ? v : "NULL"), ERR_OK);
    }
    if (rc != SQLITE_DONE)
        fail_msg("%s (%s): %s", sql, param ? param : "", sqlite3_errmsg(db));
    sqlite3_finalize(st);
}

static void insert_all(sqlite3 *db, const char *sql, const char *const *values, size_t n)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(sqlite3_bind_text(st, 1, values[i], -1, SQLITE_STATIC), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
}

static void test_order_by_collate_thai(void **state)
{
    sqlite3 *db = *state;
    static const char *const shuffled[] = {"ขวัญ", "กิตติ", "แก้ว", "กมล", "เก่ง", "ก้อง", "กอง"};
    const char *want = "กมล|กอง|ก้อง|กิตติ|เก่ง|แก้ว|ขวัญ";
    struct buf b;
    buf_init(&b, 4096);

    exec(db, "CREATE TABLE people(name TEXT)");
    insert_all(db, "INSERT INTO people(name) VALUES ($1)", shuffled, N(shuffled));
    query(db, "SELECT name FROM people ORDER BY name COLLATE thai", NULL, &b);
    assert_string_equal(buf_str(&b), want);
    query(db, "SELECT name FROM people ORDER BY name COLLATE thai DESC LIMIT 2", NULL, &b);
    assert_string_equal(buf_str(&b), "ขวัญ|แก้ว");
    /* Byte order, for contrast, is different (เ and แ sort after every consonant). */
    query(db, "SELECT name FROM people ORDER BY name", NULL, &b);
    assert_string_not_equal(buf_str(&b), want);

    /* A column declared with the collation, read through an index. */
    exec(db, "CREATE TABLE names(name TEXT COLLATE thai)");
    exec(db, "CREATE INDEX names_name ON names(name)");
    insert_all(db, "INSERT INTO names(name) VALUES ($1)", shuffled, N(shuffled));
    query(db, "SELECT name FROM names ORDER BY name", NULL, &b);
    assert_string_equal(buf_str(&b), want);
    query(db, "SELECT name FROM names WHERE name > $1 ORDER BY name", "กิตติ", &b);
    assert_string_equal(buf_str(&b), "เก่ง|แก้ว|ขวัญ");
    query(db, "SELECT count(*) FROM names WHERE name = $1", "ก้อง", &b);
    assert_string_equal(buf_str(&b), "1");
    buf_release(&b);
}

static void test_fts_finds_words(void **state)
{
    sqlite3 *db = *state;
    static const char *const docs[] = {
        "นายสมชายใจดีมาก",
        "ผู้ใหญ่บ้านกินข้าว",
        "John Smith ทำงานที่เทศบาล ๑๒๓",
    };
    struct buf b;
    buf_init(&b, 4096);
    exec(db, "CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='thai')");
    exec(db, "CREATE VIRTUAL TABLE docs61 USING fts5(body)"); /* the default unicode61, for contrast */
    insert_all(db, "INSERT INTO docs(body) VALUES ($1)", docs, N(docs));
    insert_all(db, "INSERT INTO docs61(body) VALUES ($1)", docs, N(docs));

    static const struct {
        const char *match;
        const char *want; /* rowids */
    } cases[] = {
        {"ใจดี", "1"},
        {"สมชาย", "1"},
        {"นาย", "1"},
        {"สมชาย ใจดี", "1"},     /* both words */
        {"\"สมชาย ใจดี\"", "1"}, /* as a phrase: adjacent words */
        {"สมชายใจดี", "1"},      /* typed without a space: segmented into the same phrase */
        {"ใจดีสมชาย", ""},       /* the same words in another order are not that phrase */
        {"ผู้ใหญ่", "2"},
        {"ข้าว", "2"},
        {"เทศบาล", "3"},
        {"john", "3"}, /* ASCII case folded */
        {"SMITH", "3"},
        {"123", "3"}, /* Thai digits folded */
        {"๑๒๓", "3"},
        {"สม*", "1"}, /* prefix query */
        {"ใจดี OR ข้าว", "1|2"},
        /* fragments that are not words */
        {"ชาย", ""},
        {"ดี", ""},
        {"ใจ", ""},
        {"นข", ""},
        {"ใหญ", ""},
        {"บ", ""},
    };
    for (size_t i = 0; i < N(cases); i++) {
        query(db, "SELECT rowid FROM docs WHERE docs MATCH $1 ORDER BY rowid", cases[i].match, &b);
        if (strcmp(buf_str(&b), cases[i].want) != 0)
            fail_msg("MATCH %s: rows \"%s\", want \"%s\"", cases[i].match, buf_str(&b), cases[i].want);
    }
    /* unicode61 cuts Thai at vowels and tone marks: it matches the fragment นข (from กิน|ข้าว) and ใหญ
     * (ใหญ่ without its tone) and misses the word ใจดี. The thai tokenizer does the opposite. */
    query(db, "SELECT rowid FROM docs61 WHERE docs61 MATCH $1", "นข", &b);
    assert_string_equal(buf_str(&b), "2");
    query(db, "SELECT rowid FROM docs61 WHERE docs61 MATCH $1", "ใหญ", &b);
    assert_string_equal(buf_str(&b), "2");
    query(db, "SELECT rowid FROM docs61 WHERE docs61 MATCH $1", "ใจดี", &b);
    assert_string_equal(buf_str(&b), "");
    buf_release(&b);
}

static void test_fts_typed_order_variants(void **state)
{
    sqlite3 *db = *state;
    /* ที่ typed canonically (ท ี ่) and misordered (ท ่ ี), with a doubled tone, น้ำ with the tone after ำ. */
    static const char *const docs[] = {
        "บ้าน\u0e17\u0e35\u0e48ดี",
        "บ้าน\u0e17\u0e48\u0e35ดี",
        "บ้าน\u0e17\u0e35\u0e48\u0e48ดี",
        "\u0e19\u0e33\u0e49ใส",
    };
    struct buf b;
    buf_init(&b, 4096);
    exec(db, "CREATE VIRTUAL TABLE notes USING fts5(body, tokenize='thai')");
    insert_all(db, "INSERT INTO notes(body) VALUES ($1)", docs, N(docs));
    static const struct {
        const char *match, *want;
    } cases[] = {
        {"\u0e17\u0e35\u0e48", "1|2|3"}, {"\u0e17\u0e48\u0e35", "1|2|3"}, {"บ้าน", "1|2|3"}, {"ดี", "1|2|3"},
        {"\u0e19\u0e49\u0e33", "4"},     {"\u0e19\u0e33\u0e49", "4"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        query(db, "SELECT rowid FROM notes WHERE notes MATCH $1 ORDER BY rowid", cases[i].match, &b);
        if (strcmp(buf_str(&b), cases[i].want) != 0)
            fail_msg("MATCH %s: rows \"%s\", want \"%s\"", cases[i].match, buf_str(&b), cases[i].want);
    }
    /* highlight() marks the original bytes, misordered marks included. */
    query(db, "SELECT highlight(notes, 0, '[', ']') FROM notes WHERE notes MATCH $1 ORDER BY rowid",
          "\u0e17\u0e35\u0e48", &b);
    assert_string_equal(buf_str(&b), "บ้าน[\u0e17\u0e35\u0e48]ดี|บ้าน[\u0e17\u0e48\u0e35]ดี|"
                                     "บ้าน[\u0e17\u0e35\u0e48\u0e48]ดี");
    query(db, "SELECT highlight(notes, 0, '<', '>') FROM notes WHERE notes MATCH $1", "john OR ใส", &b);
    assert_string_equal(buf_str(&b), "\u0e19\u0e33\u0e49<ใส>");
    buf_release(&b);
}

static void test_fts_odd_input(void **state)
{
    sqlite3 *db = *state;
    struct buf b;
    buf_init(&b, 4096);
    exec(db, "CREATE VIRTUAL TABLE odd USING fts5(body, tokenize='thai')");
    /* Ill-formed UTF-8 in a row is indexed as it is instead of failing the insert. */
    static const char *const docs[] = {"สมชาย\xff ใจดี", "", "   ...   ", "Hello"};
    insert_all(db, "INSERT INTO odd(body) VALUES ($1)", docs, N(docs));
    query(db, "SELECT rowid FROM odd WHERE odd MATCH $1 ORDER BY rowid", "ใจดี", &b);
    assert_string_equal(buf_str(&b), "1");
    query(db, "SELECT rowid FROM odd WHERE odd MATCH $1 ORDER BY rowid", "hello", &b);
    assert_string_equal(buf_str(&b), "4");
    /* Options are refused. */
    char *err = NULL;
    assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE bad USING fts5(body, tokenize='thai extra')",
                                      NULL, NULL, &err),
                         SQLITE_OK);
    sqlite3_free(err);
    /* Registering again on the same connection is harmless. */
    assert_int_equal(db_sqlite_register_thai(db), ERR_OK);
    query(db, "SELECT rowid FROM odd WHERE odd MATCH $1", "hello", &b);
    assert_string_equal(buf_str(&b), "4");
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_order_by_collate_thai, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fts_finds_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fts_typed_order_variants, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fts_odd_input, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
