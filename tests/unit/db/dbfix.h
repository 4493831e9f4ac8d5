/*
 * The fixture shared by the db test files: each test gets an open connection on an empty SQLite file
 * or a private PostgreSQL schema. Define DBFIX_PREFIX (the schema name prefix) before including.
 */
#ifndef TAMBON_TEST_DBFIX_H
#define TAMBON_TEST_DBFIX_H

#include <stdbool.h>
#include <stdlib.h>

#include "db/db.h"
#include "testutil.h"

struct store {
    const char *name;
    bool pg;
};

static const struct store sqlite_store = {"sqlite", false};
static const struct store pg_store = {"postgres", true};

/* What each test gets: an open connection on an empty database (SQLite) or schema (PostgreSQL). */
struct fx {
    const struct store *store;
    struct db *db;
    char *dir;       /* SQLite: the temporary directory holding the file */
    char schema[64]; /* PostgreSQL: this test's schema */
};

static int setup(void **state)
{
    const struct store *store = *state;
    struct fx *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->store = store;
    testutil_db_open(store->pg, DBFIX_PREFIX, &fx->db, &fx->dir, fx->schema);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    testutil_db_close(fx->store->pg, fx->db, fx->dir, fx->schema);
    free(fx);
    return 0;
}

#endif
