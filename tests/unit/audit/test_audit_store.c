/*
 * Tests of the audit trail's storage (src/modules/audit/audit_store.c) on SQLite and, with
 * TAMBON_TEST_PG, PostgreSQL, over the real migrations: entries commit and roll back with the caller's
 * transaction; a long chain verifies; editing any column of any row, removing rows and slipping in
 * forged rows are each found and the row named; removing the last rows needs the recorded head;
 * writers on two connections (taking turns, and two threads at once) make one valid chain; on
 * PostgreSQL a second writer waits for the first one's commit.
 */
#include "modules/modfix.h"

#include <inttypes.h>
#include <pthread.h>
#include <time.h>

#include "base/arena.h"
#include "base/jsonx.h"
#include "modules/audit/audit.h"

static const struct modfix_store sqlite_store = {"sqlite", false, false};
static const struct modfix_store pg_store = {"postgres", true, false};

/* ---- helpers ---- */

/* Records one entry of the actor in its own transaction. */
static int record_tx(struct db *db, const struct audit_entry *e)
{
    int rc = db_begin(db);
    if (rc != ERR_OK)
        return rc;
    rc = audit_record(db, e);
    if (rc == ERR_OK)
        rc = db_commit(db);
    else
        db_rollback(db);
    return rc;
}

/* A simple "create" by actor of record number i, in the caller's transaction. */
static int record_simple(struct db *db, const char *actor, int i)
{
    json_t *after = json_pack("{s:i,s:s}", "n", i, "name", "ทดสอบ");
    char id[24];
    snprintf(id, sizeof id, "%d", i);
    struct audit_entry e = {
        .actor = actor, .entity = "person", .entity_id = id, .action = "create", .after = after};
    int rc = audit_record(db, &e);
    json_decref(after);
    return rc;
}

static int64_t count_log(struct db *db)
{
    return modfix_int(db, "SELECT count(*) FROM audit_log");
}

/* The stored text of one column of row id (malloc'd; NULL for SQL NULL). */
static char *column_of(struct db *db, const char *column_select_sql, int64_t id)
{
    struct db_stmt *st;
    assert_ok(db, db_prepare(db, column_select_sql, &st));
    db_bind_int64(st, 1, id);
    assert_db(db, db_step(st), DB_ROW);
    const char *t = db_column_text(st, 0);
    char *copy = t ? strdup(t) : NULL;
    db_finalize(st);
    return copy;
}

static char *hash_of(struct db *db, int64_t id)
{
    return column_of(db, "SELECT hash FROM audit_log WHERE id = $1", id);
}

/* A new connection to the fixture's database (its schema on PostgreSQL). */
static struct db *second_connection(const struct modfix *fx)
{
    struct db *db = NULL;
    char err[512] = "", path[4096];
    if (fx->store->pg) {
        assert_int_equal(db_open(testutil_pg_url(), &db, err, sizeof err), ERR_OK);
        char sql[128];
        snprintf(sql, sizeof sql, "SET search_path TO %s", fx->schema);
        assert_ok(db, db_exec(db, sql));
    } else {
        snprintf(path, sizeof path, "%s/test.db", fx->dir);
        assert_int_equal(db_open(path, &db, err, sizeof err), ERR_OK);
    }
    return db;
}

/* Removes the append-only triggers inside the open transaction, as someone tampering would. */
static void drop_triggers(struct db *db)
{
    if (db_dialect(db) == DB_POSTGRES)
        assert_ok(db, db_exec(db, "DROP TRIGGER audit_log_no_change ON audit_log"));
    else
        assert_ok(db, db_exec(db, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete"));
}

static void verify_ok(struct db *db, int64_t want_rows)
{
    struct audit_report rep;
    assert_ok(db, audit_verify(db, &rep));
    if (rep.problem != AUDIT_INTACT)
        print_error("verify: %s at row %" PRId64 "\n", audit_problem_text(rep.problem), rep.bad_id);
    assert_int_equal(rep.problem, AUDIT_INTACT);
    assert_int_equal(rep.problems, 0);
    assert_int_equal(rep.bad_id, 0);
    assert_int_equal(rep.checked, want_rows);
}

/*
 * The seven-row chain of the tampering tests. Row 3 has every optional column NULL; row 4 has every
 * column set. Rows 1..7 are written in three transactions.
 */
static void seven_rows(struct db *db)
{
    json_t *before = json_pack("{s:s,s:i}", "name", "สมชาย", "salary", 15000);
    json_t *after = json_pack("{s:s,s:i}", "name", "สมชาย", "salary", 16500);
    struct audit_entry e4 = {5, "somchai", 3, "person", "1001", "update", before, after, "req-4"};
    struct audit_entry e3 = {.actor = "system", .entity = "session", .action = "login"};
    assert_ok(db, db_begin(db));
    assert_ok(db, record_simple(db, "a", 1));
    assert_ok(db, record_simple(db, "a", 2));
    assert_ok(db, audit_record(db, &e3));
    assert_ok(db, db_commit(db));
    assert_ok(db, record_tx(db, &e4));
    assert_ok(db, db_begin(db));
    for (int i = 5; i <= 7; i++)
        assert_ok(db, record_simple(db, "b", i));
    assert_ok(db, db_commit(db));
    json_decref(before);
    json_decref(after);
    verify_ok(db, 7);
}

/* ---- recording ---- */

static void test_record_needs_transaction(void **state)
{
    struct modfix *fx = *state;
    assert_db(fx->db, record_simple(fx->db, "a", 1), ERR_INTERNAL);
    assert_int_equal(count_log(fx->db), 0);
    struct audit_head h;
    assert_db(fx->db, audit_head_get(fx->db, &h), ERR_NOTFOUND);
    verify_ok(fx->db, 0);
}

/* Every column is stored as given; the stored row hashes to its hash; the first links to 64 zeros. */
static void test_entry_stored_as_given(void **state)
{
    struct modfix *fx = *state;
    json_t *before = json_pack("{s:s,s:I}", "z", "สมชาย", "a", (json_int_t)1);
    json_t *after = json_pack("{s:s,s:I}", "z", "สมหญิง", "a", (json_int_t)2);
    struct audit_entry e = {77, "สมชาย ใจดี", 12, "person", "1001", "update", before, after, "req-abc"};
    assert_ok(fx->db, db_begin(fx->db));
    assert_ok(fx->db, audit_record(fx->db, &e));
    assert_ok(fx->db, db_commit(fx->db));

    struct arena a;
    arena_init(&a, 0);
    struct audit_row *rows;
    size_t n;
    struct audit_filter f = {.limit = 10};
    assert_ok(fx->db, audit_list(fx->db, &f, &a, &rows, &n));
    assert_int_equal(n, 1);
    struct audit_row *r = &rows[0];
    assert_string_equal(r->id, "1");
    assert_int_equal(strlen(r->at), AUDIT_AT_LEN);
    assert_int_equal(r->at[10], 'T');
    assert_int_equal(r->at[26], 'Z');
    assert_string_equal(r->actor_user_id, "77");
    assert_string_equal(r->actor, "สมชาย ใจดี");
    assert_string_equal(r->lao_id, "12");
    assert_string_equal(r->entity, "person");
    assert_string_equal(r->entity_id, "1001");
    assert_string_equal(r->action, "update");
    assert_string_equal(r->before, "{\"a\":1,\"z\":\"สมชาย\"}");
    assert_string_equal(r->after, "{\"a\":2,\"z\":\"สมหญิง\"}");
    assert_string_equal(r->request_id, "req-abc");
    assert_string_equal(r->prev_hash, AUDIT_GENESIS_HASH);
    char h[AUDIT_HASH_HEX + 1];
    audit_hash(r, h);
    assert_string_equal(r->hash, h);

    struct audit_head head;
    assert_ok(fx->db, audit_head_get(fx->db, &head));
    assert_int_equal(head.id, 1);
    assert_string_equal(head.hash, h);

    /* Optional columns stay NULL (not "" and not 0). */
    struct audit_entry e2 = {.actor = "system", .entity = "session", .action = "login"};
    assert_ok(fx->db, record_tx(fx->db, &e2));
    assert_ok(fx->db, audit_list(fx->db, &f, &a, &rows, &n));
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].id, "2");
    assert_null(rows[0].actor_user_id);
    assert_null(rows[0].lao_id);
    assert_null(rows[0].entity_id);
    assert_null(rows[0].before);
    assert_null(rows[0].after);
    assert_null(rows[0].request_id);
    assert_string_equal(rows[0].prev_hash, h);
    verify_ok(fx->db, 2);
    arena_release(&a);
    json_decref(before);
    json_decref(after);
}

/* A refused entry writes nothing and leaves the caller's transaction usable. */
static void test_refused_entry_writes_nothing(void **state)
{
    struct modfix *fx = *state;
    json_t *after = json_pack("{s:i}", "n", 1);
    static const struct audit_entry bad[] = {
        {.actor = "", .entity = "person", .action = "note"},
        {.actor = "a", .entity = "Person", .action = "note"},
        {.actor = "a", .entity = "person", .action = "update"}, /* update without before/after */
        {.actor = "a", .entity = "person", .action = "note", .lao_id = -1},
    };
    assert_ok(fx->db, db_begin(fx->db));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_db(fx->db, audit_record(fx->db, &bad[i]), ERR_INVAL);
    assert_true(db_in_transaction(fx->db));
    assert_ok(fx->db, record_simple(fx->db, "a", 1));
    assert_ok(fx->db, db_commit(fx->db));
    assert_int_equal(count_log(fx->db), 1);

    /* Too large a record: ERR_TOOBIG, nothing written. */
    char *big = malloc(AUDIT_JSON_MAX + 1);
    assert_non_null(big);
    memset(big, 'x', AUDIT_JSON_MAX);
    big[AUDIT_JSON_MAX] = '\0';
    json_t *huge = json_pack("{s:s}", "k", big);
    struct audit_entry e = {
        .actor = "a", .entity = "person", .entity_id = "1", .action = "create", .after = huge};
    assert_ok(fx->db, db_begin(fx->db));
    assert_db(fx->db, audit_record(fx->db, &e), ERR_TOOBIG);
    assert_ok(fx->db, db_commit(fx->db));
    assert_int_equal(count_log(fx->db), 1);
    verify_ok(fx->db, 1);
    json_decref(huge);
    json_decref(after);
    free(big);
}

/* The change and its entry roll back together; the next entry continues the committed chain. */
static void test_rollback_leaves_no_entry(void **state)
{
    struct modfix *fx = *state;
    assert_ok(fx->db, db_begin(fx->db));
    assert_ok(fx->db,
              db_exec(fx->db, "INSERT INTO region (id, name_th, name_en) VALUES (9, 'ภาคทดสอบ', 'Test')"));
    for (int i = 1; i <= 3; i++)
        assert_ok(fx->db, record_simple(fx->db, "a", i));
    assert_int_equal(count_log(fx->db), 3);
    db_rollback(fx->db);
    assert_int_equal(count_log(fx->db), 0);
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM region WHERE id = 9"), 0);

    assert_ok(fx->db, db_begin(fx->db));
    assert_ok(fx->db, record_simple(fx->db, "a", 4));
    assert_ok(fx->db, db_commit(fx->db));
    assert_ok(fx->db, db_begin(fx->db));
    assert_ok(fx->db, record_simple(fx->db, "a", 5));
    db_rollback(fx->db);
    assert_ok(fx->db,
              record_tx(fx->db, &(struct audit_entry){.actor = "a", .entity = "x", .action = "note"}));
    char *prev = column_of(fx->db, "SELECT prev_hash FROM audit_log WHERE id = $1", 1);
    assert_string_equal(prev, AUDIT_GENESIS_HASH);
    free(prev);
    assert_int_equal(modfix_int(fx->db, "SELECT max(id) FROM audit_log"), 2);
    verify_ok(fx->db, 2);
}

/* Thousands of entries (more than one page of verification) make one intact chain. */
static void test_long_chain_verifies(void **state)
{
    struct modfix *fx = *state;
    const int per_tx = 150, txs = 15; /* 2250 entries: three pages */
    for (int t = 0; t < txs; t++) {
        assert_ok(fx->db, db_begin(fx->db));
        for (int i = 0; i < per_tx; i++)
            assert_ok(fx->db, record_simple(fx->db, t % 2 ? "odd" : "even", t * per_tx + i));
        assert_ok(fx->db, db_commit(fx->db));
    }
    int64_t n = (int64_t)per_tx * txs;
    verify_ok(fx->db, n);
    /* Checked independently of audit_verify: ids 1..n, each row links to the one before. */
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM audit_log a JOIN audit_log b"
                                        " ON b.id = a.id + 1 AND b.prev_hash = a.hash"),
                     n - 1);
    assert_int_equal(modfix_int(fx->db, "SELECT min(id) FROM audit_log"), 1);
    assert_int_equal(modfix_int(fx->db, "SELECT max(id) FROM audit_log"), n);

    struct audit_report rep;
    assert_ok(fx->db, audit_verify(fx->db, &rep));
    struct audit_head head;
    assert_ok(fx->db, audit_head_get(fx->db, &head));
    assert_int_equal(head.id, n);
    assert_int_equal(rep.head.id, n);
    assert_string_equal(rep.head.hash, head.hash);
    char *h = hash_of(fx->db, n);
    assert_string_equal(head.hash, h);
    free(h);
}

static void test_log_is_append_only(void **state)
{
    struct modfix *fx = *state;
    seven_rows(fx->db);
    assert_int_equal(modfix_try(fx->db, "UPDATE audit_log SET actor = 'x' WHERE id = 2"), ERR_CONSTRAINT);
    assert_int_equal(modfix_try(fx->db, "DELETE FROM audit_log WHERE id = 7"), ERR_CONSTRAINT);
    if (fx->store->pg)
        assert_int_equal(modfix_try(fx->db, "TRUNCATE audit_log"), ERR_CONSTRAINT);
    verify_ok(fx->db, 7);
}

/* ---- tampering ---- */

#define FF64 "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
#define EE64 "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"

/* Each edit, made with SQL in a transaction that is rolled back afterwards, is found and named. */
static void test_edit_of_any_column_is_found(void **state)
{
    struct modfix *fx = *state;
    seven_rows(fx->db);
    static const struct {
        const char *sql;
        int64_t bad_id;
        enum audit_problem problem;
        int64_t problems;
    } cases[] = {
        {"UPDATE audit_log SET at = '2020-01-01T00:00:00.000000Z' WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET actor_user_id = 6 WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET actor_user_id = NULL WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET actor_user_id = 1 WHERE id = 3", 3, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET actor = 'somsak' WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET lao_id = 2 WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET lao_id = NULL WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET lao_id = 1 WHERE id = 3", 3, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET entity = 'employment' WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET entity_id = '1002' WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET entity_id = NULL WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET entity_id = '1' WHERE id = 3", 3, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET action = 'create' WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET before = '{\"name\":\"สมชาย\",\"salary\":99999}' WHERE id = 4", 4,
         AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET before = NULL WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET before = '{}' WHERE id = 3", 3, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET after = after || ' ' WHERE id = 4", 4, AUDIT_CONTENT, 1}, /* same JSON */
        {"UPDATE audit_log SET after = NULL WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET request_id = 'req-5' WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET request_id = NULL WHERE id = 4", 4, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET request_id = 'r' WHERE id = 3", 3, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET prev_hash = '" FF64 "' WHERE id = 4", 4, AUDIT_CONTENT, 1},
        /* A rewritten hash no longer matches the content, and the next row no longer links to it. */
        {"UPDATE audit_log SET hash = '" EE64 "' WHERE id = 4", 4, AUDIT_CONTENT, 2},
        /* A renumbered row leaves its successor without its predecessor. */
        {"UPDATE audit_log SET id = 100 WHERE id = 4", 5, AUDIT_LINK, 2},
        /* The first and the last rows are covered too. */
        {"UPDATE audit_log SET actor = 'z' WHERE id = 1", 1, AUDIT_CONTENT, 1},
        {"UPDATE audit_log SET actor = 'z' WHERE id = 7", 7, AUDIT_CONTENT, 1},
        /* Two edits: the first is named, both are counted. */
        {"UPDATE audit_log SET actor = 'z' WHERE id IN (2, 6)", 2, AUDIT_CONTENT, 2},
    };
    char *stored4 = hash_of(fx->db, 4);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_ok(fx->db, db_begin(fx->db));
        drop_triggers(fx->db);
        assert_ok(fx->db, db_exec(fx->db, cases[i].sql));
        assert_int_equal(db_changes(fx->db) >= 1, 1);
        struct audit_report rep;
        assert_ok(fx->db, audit_verify(fx->db, &rep));
        if (rep.problem != cases[i].problem || rep.bad_id != cases[i].bad_id ||
            rep.problems != cases[i].problems)
            print_error("case %zu (%s): got problem %d at %" PRId64 " (%" PRId64 " problems)\n", i,
                        cases[i].sql, (int)rep.problem, rep.bad_id, rep.problems);
        assert_int_equal(rep.problem, cases[i].problem);
        assert_int_equal(rep.bad_id, cases[i].bad_id);
        assert_int_equal(rep.problems, cases[i].problems);
        assert_int_equal(rep.checked, 7);
        if (cases[i].bad_id == 4 && strstr(cases[i].sql, "SET hash") == NULL) {
            /* What the row holds is its original hash; what its content gives now differs. */
            assert_string_equal(rep.found, stored4);
            assert_string_not_equal(rep.expected, stored4);
            assert_true(audit_hash_wellformed(rep.expected));
        }
        db_rollback(fx->db);
    }
    free(stored4);
    verify_ok(fx->db, 7); /* the rollbacks restored everything, triggers included */
    assert_int_equal(modfix_try(fx->db, "DELETE FROM audit_log WHERE id = 7"), ERR_CONSTRAINT);
}

static void test_removed_rows_are_found(void **state)
{
    struct modfix *fx = *state;
    seven_rows(fx->db);
    static const struct {
        const char *sql;
        int64_t bad_id;
        int64_t prev_id; /* the row whose hash the broken link expected (0: the genesis hash) */
        int64_t checked;
    } cases[] = {
        {"DELETE FROM audit_log WHERE id = 4", 5, 3, 6},
        {"DELETE FROM audit_log WHERE id IN (3, 4, 5)", 6, 2, 4},
        {"DELETE FROM audit_log WHERE id = 1", 2, 0, 6},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *want_expected =
            cases[i].prev_id ? hash_of(fx->db, cases[i].prev_id) : strdup(AUDIT_GENESIS_HASH);
        assert_ok(fx->db, db_begin(fx->db));
        drop_triggers(fx->db);
        assert_ok(fx->db, db_exec(fx->db, cases[i].sql));
        struct audit_report rep;
        assert_ok(fx->db, audit_verify(fx->db, &rep));
        assert_int_equal(rep.problem, AUDIT_LINK);
        assert_int_equal(rep.bad_id, cases[i].bad_id);
        assert_int_equal(rep.problems, 1);
        assert_int_equal(rep.checked, cases[i].checked);
        assert_string_equal(rep.expected, want_expected);
        db_rollback(fx->db);
        free(want_expected);
    }
    verify_ok(fx->db, 7);
}

/* Inserts a row with the given columns; hash NULL computes the right hash of the content. */
static void insert_row(struct db *db, int64_t id, const char *actor, const char *prev_hash, const char *hash)
{
    char idtext[24], h[AUDIT_HASH_HEX + 1];
    snprintf(idtext, sizeof idtext, "%" PRId64, id);
    struct audit_row r = {.id = idtext,
                          .at = "2025-06-01T00:00:00.000000Z",
                          .actor = actor,
                          .entity = "person",
                          .entity_id = "1001",
                          .action = "delete",
                          .before = "{}",
                          .prev_hash = prev_hash};
    audit_hash(&r, h);
    assert_ok(
        db,
        db_execf(db,
                 "INSERT INTO audit_log (id, at, actor, entity, entity_id, action, before, prev_hash, hash)"
                 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                 "itttttttt", id, r.at, r.actor, r.entity, r.entity_id, r.action, r.before, r.prev_hash,
                 hash ? hash : h));
}

static void test_forged_rows_are_found(void **state)
{
    struct modfix *fx = *state;
    seven_rows(fx->db);
    char *h3 = hash_of(fx->db, 3), *h6 = hash_of(fx->db, 6), *h7 = hash_of(fx->db, 7);
    struct audit_report rep;

    /* Row 4 replaced by a forgery that is consistent in itself and links to row 3: row 5 shows it. */
    assert_ok(fx->db, db_begin(fx->db));
    drop_triggers(fx->db);
    assert_ok(fx->db, db_exec(fx->db, "DELETE FROM audit_log WHERE id = 4"));
    insert_row(fx->db, 4, "forger", h3, NULL);
    assert_ok(fx->db, audit_verify(fx->db, &rep));
    assert_int_equal(rep.problem, AUDIT_LINK);
    assert_int_equal(rep.bad_id, 5);
    assert_int_equal(rep.problems, 1);
    db_rollback(fx->db);

    /* Appended with a made-up hash: its content does not give it. */
    assert_ok(fx->db, db_begin(fx->db));
    insert_row(fx->db, 8, "forger", h7, EE64);
    assert_ok(fx->db, audit_verify(fx->db, &rep));
    assert_int_equal(rep.problem, AUDIT_CONTENT);
    assert_int_equal(rep.bad_id, 8);
    assert_int_equal(rep.checked, 8);
    db_rollback(fx->db);

    /* Appended with a right hash but linked elsewhere. */
    assert_ok(fx->db, db_begin(fx->db));
    insert_row(fx->db, 8, "forger", FF64, NULL);
    assert_ok(fx->db, audit_verify(fx->db, &rep));
    assert_int_equal(rep.problem, AUDIT_LINK);
    assert_int_equal(rep.bad_id, 8);
    assert_string_equal(rep.expected, h7);
    assert_string_equal(rep.found, FF64);
    db_rollback(fx->db);

    /* Slipped in before the first row (id 0): it does not start from the genesis hash, and row 1 no
     * longer links to its predecessor. */
    assert_ok(fx->db, db_begin(fx->db));
    insert_row(fx->db, 0, "forger", FF64, NULL);
    assert_ok(fx->db, audit_verify(fx->db, &rep));
    assert_int_equal(rep.problem, AUDIT_LINK);
    assert_int_equal(rep.bad_id, 0);
    assert_int_equal(rep.problems, 2);
    assert_int_equal(rep.checked, 8);
    db_rollback(fx->db);

    /* Slipped in between rows 6 and 7 after renumbering row 7: row 7 no longer links to row 6. */
    assert_ok(fx->db, db_begin(fx->db));
    drop_triggers(fx->db);
    assert_ok(fx->db, db_exec(fx->db, "UPDATE audit_log SET id = 70 WHERE id = 7"));
    insert_row(fx->db, 7, "forger", FF64, NULL); /* 7 now sits between 6 and 70 */
    assert_ok(fx->db, audit_verify(fx->db, &rep));
    assert_int_equal(rep.problem, AUDIT_LINK);
    assert_int_equal(rep.bad_id, 7);
    assert_string_equal(rep.expected, h6);
    db_rollback(fx->db);

    verify_ok(fx->db, 7);
    free(h3);
    free(h6);
    free(h7);
}

/*
 * Removing the last rows, or rewriting them with recomputed hashes, leaves a valid shorter chain: only a
 * head recorded elsewhere shows it.
 */
static void test_truncation_needs_recorded_head(void **state)
{
    struct modfix *fx = *state;
    struct audit_report rep;
    assert_ok(fx->db, audit_verify_expect(fx->db, AUDIT_GENESIS_HASH, &rep));
    assert_int_equal(rep.problem, AUDIT_HEAD_MISSING); /* empty log: nothing recorded is there */

    seven_rows(fx->db);
    struct audit_head head;
    assert_ok(fx->db, audit_head_get(fx->db, &head));
    assert_int_equal(head.id, 7);
    char *h5 = hash_of(fx->db, 5), *h6 = hash_of(fx->db, 6);

    assert_ok(fx->db, audit_verify_expect(fx->db, head.hash, &rep));
    assert_int_equal(rep.problem, AUDIT_INTACT);
    assert_ok(fx->db, audit_verify_expect(fx->db, h5, &rep)); /* the log grew since row 5: fine */
    assert_int_equal(rep.problem, AUDIT_INTACT);
    assert_int_equal(rep.problems, 0);
    assert_db(fx->db, audit_verify_expect(fx->db, "abc", &rep), ERR_INVAL);
    assert_db(fx->db, audit_verify_expect(fx->db, "", &rep), ERR_INVAL);

    assert_ok(fx->db, db_begin(fx->db));
    drop_triggers(fx->db);
    assert_ok(fx->db, db_exec(fx->db, "DELETE FROM audit_log WHERE id >= 6"));
    assert_ok(fx->db, audit_verify(fx->db, &rep));
    assert_int_equal(rep.problem, AUDIT_INTACT); /* the limitation */
    assert_int_equal(rep.checked, 5);
    assert_ok(fx->db, audit_verify_expect(fx->db, head.hash, &rep));
    assert_int_equal(rep.problem, AUDIT_HEAD_MISSING);
    assert_int_equal(rep.bad_id, 0);
    assert_int_equal(rep.problems, 1);
    assert_string_equal(rep.expected, head.hash);
    assert_int_equal(rep.head.id, 5);
    assert_string_equal(rep.head.hash, h5);
    assert_ok(fx->db, audit_verify_expect(fx->db, h5, &rep));
    assert_int_equal(rep.problem, AUDIT_INTACT);
    db_rollback(fx->db);

    /* The last row rewritten with a right hash and link: still a valid chain, but not the recorded head. */
    assert_ok(fx->db, db_begin(fx->db));
    drop_triggers(fx->db);
    assert_ok(fx->db, db_exec(fx->db, "DELETE FROM audit_log WHERE id = 7"));
    insert_row(fx->db, 7, "forger", h6, NULL);
    assert_ok(fx->db, audit_verify(fx->db, &rep));
    assert_int_equal(rep.problem, AUDIT_INTACT);
    assert_ok(fx->db, audit_verify_expect(fx->db, head.hash, &rep));
    assert_int_equal(rep.problem, AUDIT_HEAD_MISSING);
    db_rollback(fx->db);

    /* A broken link before the recorded head is reported first. */
    assert_ok(fx->db, db_begin(fx->db));
    drop_triggers(fx->db);
    assert_ok(fx->db, db_exec(fx->db, "DELETE FROM audit_log WHERE id = 2"));
    assert_ok(fx->db, audit_verify_expect(fx->db, head.hash, &rep));
    assert_int_equal(rep.problem, AUDIT_LINK);
    assert_int_equal(rep.bad_id, 3);
    db_rollback(fx->db);
    free(h5);
    free(h6);
}

/* ---- several writers ---- */

/* Two connections taking turns: each one's entry links to the other's. */
static void test_two_connections_take_turns(void **state)
{
    struct modfix *fx = *state;
    struct db *other = second_connection(fx);
    for (int i = 0; i < 20; i++) {
        struct db *db = i % 2 ? other : fx->db;
        assert_ok(db, db_begin(db));
        assert_ok(db, record_simple(db, i % 2 ? "other" : "first", i));
        assert_ok(db, db_commit(db));
    }
    verify_ok(fx->db, 20);
    verify_ok(other, 20);
    char *actor = column_of(fx->db, "SELECT actor FROM audit_log WHERE id = $1", 20);
    assert_string_equal(actor, "other");
    free(actor);
    db_close(other);
}

struct writer {
    const struct modfix *fx;
    const char *actor;
    int n;
    struct db *db;
    int rc;
    char err[256];
};

static void *writer_run(void *arg)
{
    struct writer *w = arg;
    for (int i = 0; i < w->n && w->rc == ERR_OK; i++) {
        w->rc = db_begin(w->db);
        if (w->rc == ERR_OK)
            w->rc = record_simple(w->db, w->actor, i);
        if (w->rc == ERR_OK)
            w->rc = db_commit(w->db);
        if (w->rc != ERR_OK) {
            snprintf(w->err, sizeof w->err, "%s", db_errmsg(w->db));
            if (db_in_transaction(w->db))
                db_rollback(w->db);
        }
    }
    return NULL;
}

/* Two threads, each on its own connection, writing at once: one chain with every entry. */
static void test_two_threads_make_one_chain(void **state)
{
    struct modfix *fx = *state;
    struct writer w[2] = {{fx, "thread-a", 150, NULL, ERR_OK, ""}, {fx, "thread-b", 150, NULL, ERR_OK, ""}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        w[i].db = second_connection(fx);
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, writer_run, &w[i]), 0);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(pthread_join(t[i], NULL), 0);
        if (w[i].rc != ERR_OK)
            print_error("%s: %s: %s\n", w[i].actor, err_name(w[i].rc), w[i].err);
        assert_int_equal(w[i].rc, ERR_OK);
        db_close(w[i].db);
    }
    verify_ok(fx->db, 300);
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM audit_log WHERE actor = 'thread-a'"), 150);
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM audit_log WHERE actor = 'thread-b'"), 150);
}

struct blocked {
    struct db *db;
    int rc;
    char err[256];
};

static void *blocked_run(void *arg)
{
    struct blocked *b = arg;
    b->rc = db_begin(b->db);
    if (b->rc == ERR_OK)
        b->rc = record_simple(b->db, "second", 2);
    if (b->rc == ERR_OK)
        b->rc = db_commit(b->db);
    if (b->rc != ERR_OK) {
        snprintf(b->err, sizeof b->err, "%s", db_errmsg(b->db));
        db_rollback(b->db);
    }
    return NULL;
}

/*
 * PostgreSQL: the first writer holds the chain's advisory lock until it commits; a second writer waits
 * for it (seen in pg_locks, not by timing) and then links to the first one's entry.
 */
static void test_pg_second_writer_waits(void **state)
{
    struct modfix *fx = *state;
    struct blocked b = {second_connection(fx), ERR_OK, ""};
    int64_t pid = 0;
    assert_ok(b.db, db_query_int64(b.db, &pid, "SELECT pg_backend_pid()", ""));

    assert_ok(fx->db, db_begin(fx->db));
    assert_ok(fx->db, record_simple(fx->db, "first", 1));
    /* The lock "audit" (0x61 << 32 | 0x75646974) is held by this transaction. */
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid()"
                                        " AND locktype = 'advisory' AND granted AND classid = 97"
                                        " AND objid = 1969514868 AND objsubid = 1"),
                     1);

    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, blocked_run, &b), 0);
    int64_t waiting = 0;
    for (int i = 0; i < 6000 && waiting == 0; i++) {
        assert_ok(fx->db,
                  db_query_int64(fx->db, &waiting,
                                 "SELECT count(*) FROM pg_locks WHERE pid = $1 AND locktype = 'advisory'"
                                 " AND NOT granted",
                                 "i", pid));
        if (!waiting)
            nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    }
    assert_int_equal(waiting, 1);
    assert_int_equal(count_log(fx->db), 1);
    assert_ok(fx->db, db_commit(fx->db));
    assert_int_equal(pthread_join(t, NULL), 0);
    if (b.rc != ERR_OK)
        print_error("second writer: %s: %s\n", err_name(b.rc), b.err);
    assert_int_equal(b.rc, ERR_OK);

    verify_ok(fx->db, 2);
    char *actor = column_of(fx->db, "SELECT actor FROM audit_log WHERE id = $1", 2);
    assert_string_equal(actor, "second");
    free(actor);
    db_close(b.db);
}

/* ---- listing ---- */

static void test_list_filters(void **state)
{
    struct modfix *fx = *state;
    json_t *obj = json_pack("{s:i}", "n", 1);
    static const struct {
        const char *entity, *entity_id;
        int64_t lao_id;
    } rows[] = {
        {"person", "1", 1}, {"person", "2", 1},   {"lao", "1", 1},    {"person", "1", 2},
        {"person", "1", 0}, {"session", NULL, 0}, {"person", "2", 2},
    };
    assert_ok(fx->db, db_begin(fx->db));
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct audit_entry e = {0,   "a", rows[i].lao_id, rows[i].entity, rows[i].entity_id, "note", NULL,
                                obj, NULL};
        assert_ok(fx->db, audit_record(fx->db, &e));
    }
    assert_ok(fx->db, db_commit(fx->db));

    static const struct {
        struct audit_filter f;
        const char *want; /* ids, newest first */
    } cases[] = {
        {{.limit = 100}, "7 6 5 4 3 2 1"},
        {{.limit = 3}, "7 6 5"},
        {{.limit = 1}, "7"},
        {{.before_id = 5, .limit = 2}, "4 3"},
        {{.before_id = 1, .limit = 2}, ""},
        {{.entity = "person", .limit = 100}, "7 5 4 2 1"},
        {{.entity = "person", .entity_id = "1", .limit = 100}, "5 4 1"},
        {{.entity = "person", .entity_id = "1", .lao_id = 1, .limit = 100}, "1"},
        {{.lao_id = 1, .limit = 100}, "3 2 1"},
        {{.lao_id = 2, .before_id = 7, .limit = 100}, "4"},
        {{.entity = "nothing", .limit = 100}, ""},
        {{.limit = AUDIT_LIST_MAX}, "7 6 5 4 3 2 1"},
    };
    struct arena a;
    arena_init(&a, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct audit_row *r;
        size_t n;
        assert_ok(fx->db, audit_list(fx->db, &cases[i].f, &a, &r, &n));
        char got[128] = "";
        size_t len = 0;
        for (size_t k = 0; k < n; k++)
            len += (size_t)snprintf(got + len, sizeof got - len, "%s%s", k ? " " : "", r[k].id);
        if (strcmp(got, cases[i].want) != 0)
            print_error("case %zu: got '%s', want '%s'\n", i, got, cases[i].want);
        assert_string_equal(got, cases[i].want);
    }
    static const struct audit_filter bad[] = {
        {.limit = 0},
        {.limit = -1},
        {.limit = AUDIT_LIST_MAX + 1},
        {.entity_id = "1", .limit = 10}, /* a record id means nothing without its kind */
        {.lao_id = -1, .limit = 10},
        {.before_id = -1, .limit = 10},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct audit_row *r = (struct audit_row *)&a;
        size_t n = 99;
        assert_db(fx->db, audit_list(fx->db, &bad[i], &a, &r, &n), ERR_INVAL);
        assert_null(r);
        assert_int_equal(n, 0);
    }
    arena_release(&a);
    json_decref(obj);
}

#define MODFIX_TEST(fn, store)                                                                               \
    cmocka_unit_test_prestate_setup_teardown(fn, modfix_setup, modfix_teardown, (void *)&store)

int main(void)
{
    const struct CMUnitTest sqlite_tests[] = {
        MODFIX_TEST(test_record_needs_transaction, sqlite_store),
        MODFIX_TEST(test_entry_stored_as_given, sqlite_store),
        MODFIX_TEST(test_refused_entry_writes_nothing, sqlite_store),
        MODFIX_TEST(test_rollback_leaves_no_entry, sqlite_store),
        MODFIX_TEST(test_long_chain_verifies, sqlite_store),
        MODFIX_TEST(test_log_is_append_only, sqlite_store),
        MODFIX_TEST(test_edit_of_any_column_is_found, sqlite_store),
        MODFIX_TEST(test_removed_rows_are_found, sqlite_store),
        MODFIX_TEST(test_forged_rows_are_found, sqlite_store),
        MODFIX_TEST(test_truncation_needs_recorded_head, sqlite_store),
        MODFIX_TEST(test_two_connections_take_turns, sqlite_store),
        MODFIX_TEST(test_two_threads_make_one_chain, sqlite_store),
        MODFIX_TEST(test_list_filters, sqlite_store),
    };
    const struct CMUnitTest pg_tests[] = {
        MODFIX_TEST(test_record_needs_transaction, pg_store),
        MODFIX_TEST(test_entry_stored_as_given, pg_store),
        MODFIX_TEST(test_refused_entry_writes_nothing, pg_store),
        MODFIX_TEST(test_rollback_leaves_no_entry, pg_store),
        MODFIX_TEST(test_long_chain_verifies, pg_store),
        MODFIX_TEST(test_log_is_append_only, pg_store),
        MODFIX_TEST(test_edit_of_any_column_is_found, pg_store),
        MODFIX_TEST(test_removed_rows_are_found, pg_store),
        MODFIX_TEST(test_forged_rows_are_found, pg_store),
        MODFIX_TEST(test_truncation_needs_recorded_head, pg_store),
        MODFIX_TEST(test_two_connections_take_turns, pg_store),
        MODFIX_TEST(test_two_threads_make_one_chain, pg_store),
        MODFIX_TEST(test_pg_second_writer_waits, pg_store),
        MODFIX_TEST(test_list_filters, pg_store),
    };
    int failed = cmocka_run_group_tests_name("audit store on sqlite", sqlite_tests, NULL, NULL);
    if (testutil_pg_url())
        failed += cmocka_run_group_tests_name("audit store on postgres", pg_tests, NULL, NULL);
    else
        printf("audit store on postgres: skipped (set TAMBON_TEST_PG to a throwaway database URL)\n");
    return failed ? 1 : 0;
}
