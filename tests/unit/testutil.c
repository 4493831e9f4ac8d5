/*
 * Helpers shared by the unit tests.
 */
#define _XOPEN_SOURCE 700
#include "testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <cmocka.h>

#include "db/db.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *testutil_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/tambon-test-XXXXXX", base && *base ? base : "/tmp");
    char *dir = mkdtemp(tmpl);
    if (!dir) {
        perror("mkdtemp");
        abort();
    }
    return strdup(dir);
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void testutil_rmtree(char *path)
{
    if (path)
        nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(path);
}

const char *testutil_pg_url(void)
{
    const char *url = getenv("TAMBON_TEST_PG");
    return url && *url ? url : NULL;
}

char *testutil_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *p = malloc(cap);
    size_t got;
    while (p && (got = fread(p + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *q = realloc(p, cap * 2);
            if (!q) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
    }
    fclose(f);
    if (p) {
        p[n] = '\0';
        if (len)
            *len = n;
    }
    return p;
}

void testutil_db_open(bool pg, const char *prefix, struct db **db, char **dir, char *schema)
{
    char err[512] = "";
    *dir = NULL;
    schema[0] = '\0';
    if (pg) {
        static int counter;
        int rc = db_open(testutil_pg_url(), db, err, sizeof err);
        if (rc != ERR_OK)
            print_error("open PostgreSQL: %s\n", err);
        assert_int_equal(rc, ERR_OK);
        /* The name is made of our own numbers, never of data. */
        snprintf(schema, 64, "%s_%ld_%d", prefix, (long)getpid(), counter++);
        char sql[512];
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s; SET search_path TO %s",
                 schema, schema, schema);
        rc = db_exec(*db, sql);
        if (rc != ERR_OK)
            print_error("%s: %s\n", sql, db_errmsg(*db));
        assert_int_equal(rc, ERR_OK);
    } else {
        *dir = testutil_tmpdir();
        char path[4200];
        snprintf(path, sizeof path, "%s/test.db", *dir);
        int rc = db_open(path, db, err, sizeof err);
        if (rc != ERR_OK)
            print_error("open %s: %s\n", path, err);
        assert_int_equal(rc, ERR_OK);
    }
}

void testutil_db_close(bool pg, struct db *db, char *dir, const char *schema)
{
    if (db && db_in_transaction(db))
        (void)db_rollback(db);
    if (pg && db && schema[0]) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", schema);
        int rc = db_exec(db, sql);
        if (rc != ERR_OK)
            print_error("%s: %s\n", sql, db_errmsg(db));
        assert_int_equal(rc, ERR_OK);
    }
    db_close(db);
    testutil_rmtree(dir);
}

void testutil_capture_start(struct testutil_capture *c)
{
    c->dir = testutil_tmpdir();
    snprintf(c->path, sizeof c->path, "%s/stderr.txt", c->dir);
    fflush(stderr);
    c->saved_fd = dup(STDERR_FILENO);
    assert_true(c->saved_fd >= 0);
    assert_non_null(freopen(c->path, "w", stderr));
}

char *testutil_capture_end(struct testutil_capture *c)
{
    fflush(stderr);
    assert_true(dup2(c->saved_fd, STDERR_FILENO) >= 0);
    close(c->saved_fd);
    clearerr(stderr);
    char *text = testutil_read_file(c->path, NULL);
    assert_non_null(text);
    testutil_rmtree(c->dir);
    return text;
}
