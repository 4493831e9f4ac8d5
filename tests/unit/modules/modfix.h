/*
 * Fixture shared by the module tests: a fresh database on each available store (a SQLite file in a
 * temporary directory; a PostgreSQL schema of its own when TAMBON_TEST_PG is set) with the real
 * migrations applied by db/migrate.c and, for most tests, the real seeds (modules_seed).
 * Header-only (static inline) because each test file is its own executable.
 */
#ifndef TAMBON_TEST_MODFIX_H
#define TAMBON_TEST_MODFIX_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "db/db.h"
#include "db/migrate.h"
#include "modules/modules.h"
#include "testutil.h"

struct modfix_store {
    const char *name;
    bool pg;
    bool seed; /* run modules_seed after the migrations */
};

struct modfix {
    const struct modfix_store *store;
    struct db *db;
    char *dir;       /* SQLite: the temporary directory holding the file */
    char schema[64]; /* PostgreSQL: this test's schema */
};


static inline int modfix_setup(void **state)
{
    const struct modfix_store *store = *state;
    struct modfix *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->store = store;
    testutil_db_open(store->pg, "test_mod", &fx->db, &fx->dir, fx->schema);
    int applied = 0;
    assert_ok(fx->db, migrate_up(fx->db, &applied));
    assert_true(applied >= 4); /* at least the data model's 0010-0013 */
    if (store->seed)
        assert_ok(fx->db, modules_seed(fx->db, NULL));
    *state = fx;
    return 0;
}

static inline int modfix_teardown(void **state)
{
    struct modfix *fx = *state;
    testutil_db_close(fx->store->pg, fx->db, fx->dir, fx->schema);
    free(fx);
    return 0;
}

/* count(*) or another integer query without parameters. */
static inline int64_t modfix_int(struct db *db, const char *sql)
{
    int64_t n = -1;
    assert_ok(db, db_query_int64(db, &n, sql, ""));
    return n;
}

/*
 * Runs one statement in a savepoint-free way that leaves the connection usable after a refusal on both
 * stores: inside its own transaction, rolled back when it fails. Returns the statement's status.
 */
static inline int modfix_try(struct db *db, const char *sql)
{
    assert_ok(db, db_begin(db));
    int rc = db_exec(db, sql);
    if (rc == ERR_OK)
        assert_ok(db, db_commit(db));
    else
        db_rollback(db);
    return rc;
}

#endif
