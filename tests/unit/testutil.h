/*
 * Helpers shared by the unit tests (cmocka).
 *
 * Database tests run once per available store: always SQLite (a file in a fresh temporary
 * directory), and PostgreSQL when TAMBON_TEST_PG holds a connection URL of a throwaway database
 * (.ci/run and scripts/pg-test-cluster.sh provide one).
 */
#ifndef TAMBON_TESTUTIL_H
#define TAMBON_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* A new empty temporary directory (removed by testutil_rmtree); aborts on failure. */
char *testutil_tmpdir(void);
/* Removes a directory made by testutil_tmpdir and everything in it, then frees path. */
void testutil_rmtree(char *path);
/* The PostgreSQL URL from TAMBON_TEST_PG, or NULL when PostgreSQL tests are not wanted. */
const char *testutil_pg_url(void);
struct db;

/*
 * Opens an empty test database: with pg false, a SQLite file in a new temporary directory (*dir);
 * with pg true, a new private schema of the TAMBON_TEST_PG database named from prefix, the process
 * and a counter (schema, at least 64 bytes; the search_path points at it), so tests sharing one
 * PostgreSQL database never see each other's tables. Fails the running test on any error.
 */
void testutil_db_open(bool pg, const char *prefix, struct db **db, char **dir, char *schema);
/* Rolls back an open transaction, drops the schema or removes the directory, closes db, frees dir. */
void testutil_db_close(bool pg, struct db *db, char *dir, const char *schema);

/*
 * Fails the running cmocka test with the database's message when rc is not the expected code.
 * For files that include cmocka.h and base/err.h before this header.
 */
#define assert_db(db, rc, want)                                                                              \
    do {                                                                                                     \
        int rc_ = (rc);                                                                                      \
        if (rc_ != (want))                                                                                   \
            print_error("%s:%d: got %d (%s), want %d (%s); db says: %s\n", __FILE__, __LINE__, rc_,          \
                        err_name(rc_), (int)(want), err_name(want), db_errmsg(db));                          \
        assert_int_equal(rc_, (want));                                                                       \
    } while (0)
#define assert_ok(db, rc) assert_db(db, rc, ERR_OK)

/* Standard error redirected to a file while a test runs. */
struct testutil_capture {
    char *dir;
    char path[4200];
    int saved_fd;
};
/* Sends standard error to a temporary file until testutil_capture_end. */
void testutil_capture_start(struct testutil_capture *c);
/* Restores standard error and returns what was written (malloc'd; the caller frees it). */
char *testutil_capture_end(struct testutil_capture *c);

/* Reads a whole file into a malloc'd NUL-terminated buffer; NULL on failure. */
char *testutil_read_file(const char *path, size_t *len);

#endif
