/*
 * Tests of the migration runner with the real embedded migrations, on SQLite and (when
 * TAMBON_TEST_PG is set) PostgreSQL.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "db/db.h"
#include "db/migrate.h"
#include "testutil.h"

/* Every migration exists for both dialects and no version number is taken twice. */
static void test_embedded_set_is_consistent(void **state)
{
    (void)state;
    struct buf problems;
    buf_init(&problems, 1 << 16);
    int rc = migrate_check(&problems);
    if (rc != ERR_OK)
        fprintf(stderr, "%s", buf_str(&problems));
    assert_int_equal(rc, ERR_OK);
    assert_int_equal(migrate_count(DB_SQLITE), migrate_count(DB_POSTGRES));
    buf_release(&problems);
}

/* Applying twice: the first run applies everything, the second nothing; the record matches. */
static void check_up_twice(struct db *db)
{
    int applied = -1;
    int rc = migrate_up(db, &applied);
    if (rc != ERR_OK)
        fprintf(stderr, "migrate_up: %s\n", db_errmsg(db));
    assert_int_equal(rc, ERR_OK);
    assert_int_equal(applied, migrate_count(db_dialect(db)));
    int64_t recorded = -1;
    assert_int_equal(migrate_applied_count(db, &recorded), ERR_OK);
    assert_int_equal(recorded, applied);

    assert_int_equal(migrate_up(db, &applied), ERR_OK);
    assert_int_equal(applied, 0);
    assert_int_equal(migrate_applied_count(db, &recorded), ERR_OK);
    assert_int_equal(recorded, migrate_count(db_dialect(db)));
}

static void test_sqlite_up_twice(void **state)
{
    (void)state;
    char *dir = testutil_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/m.db", dir);
    struct db *db;
    char err[256];
    assert_int_equal(db_open(path, &db, err, sizeof err), ERR_OK);
    check_up_twice(db);
    db_close(db);
    /* A second connection sees the same state: nothing left to apply. */
    assert_int_equal(db_open(path, &db, err, sizeof err), ERR_OK);
    int applied = -1;
    assert_int_equal(migrate_up(db, &applied), ERR_OK);
    assert_int_equal(applied, 0);
    db_close(db);
    testutil_rmtree(dir);
}

/* PostgreSQL: migrations run in a schema of their own so the shared test database stays clean. */
static void test_pg_up_twice(void **state)
{
    (void)state;
    const char *url = testutil_pg_url();
    if (!url) {
        skip();
        return;
    }
    struct db *db;
    char err[256];
    assert_int_equal(db_open(url, &db, err, sizeof err), ERR_OK);
    assert_int_equal(db_exec(db, "DROP SCHEMA IF EXISTS test_migrate CASCADE; CREATE SCHEMA test_migrate;"
                                 "SET search_path TO test_migrate, public"),
                     ERR_OK);
    check_up_twice(db);
    assert_int_equal(db_exec(db, "SET search_path TO public; DROP SCHEMA test_migrate CASCADE"), ERR_OK);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_embedded_set_is_consistent),
        cmocka_unit_test(test_sqlite_up_twice),
        cmocka_unit_test(test_pg_up_twice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
