/*
 * Migration runner over the embedded SQL files.
 */
#include "db/migrate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/embedded.h"
#include "db/db_driver.h"

/* A key both sides of a PostgreSQL advisory lock agree on: "tambon" as an integer. */
#define MIGRATE_PG_LOCK_KEY 0x74616d626f6eLL

struct migration {
    const char *version; /* "0010_geo": points into a buffer owned by the list */
    const struct embedded_file *file;
};

static const char *dialect_suffix(enum db_dialect d)
{
    return d == DB_POSTGRES ? ".pg.sql" : ".sqlite.sql";
}

/* Version of an embedded file name for a suffix, written into out; 0 when the name does not match. */
static int version_of(const char *name, const char *suffix, char *out, size_t out_size)
{
    size_t n = strlen(name), s = strlen(suffix);
    if (n <= s || strcmp(name + n - s, suffix) != 0)
        return 0;
    if (!strstr(name, "/migrations/"))
        return 0;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    size_t len = (size_t)(name + n - s - base);
    if (len + 1 > out_size)
        return 0;
    memcpy(out, base, len);
    out[len] = '\0';
    return 1;
}

static int cmp_migration(const void *a, const void *b)
{
    return strcmp(((const struct migration *)a)->version, ((const struct migration *)b)->version);
}

/* The dialect's migrations sorted by version; the caller frees list[0].version's block and list. */
static struct migration *list_migrations(enum db_dialect d, int *count, char **names_block)
{
    struct migration *list = calloc(migrations_count + 1, sizeof *list);
    char *names = calloc(migrations_count + 1, 128);
    if (!list || !names)
        abort();
    int n = 0;
    for (size_t i = 0; i < migrations_count; i++) {
        char *slot = names + (size_t)n * 128;
        if (version_of(migrations_files[i].name, dialect_suffix(d), slot, 128)) {
            list[n].version = slot;
            list[n].file = &migrations_files[i];
            n++;
        }
    }
    qsort(list, (size_t)n, sizeof *list, cmp_migration);
    *count = n;
    *names_block = names;
    return list;
}

int migrate_count(enum db_dialect dialect)
{
    char *names;
    int n;
    free(list_migrations(dialect, &n, &names));
    free(names);
    return n;
}

/* Appends one line to problems; a full buffer keeps the lines it has (the status still says "invalid"). */
__attribute__((format(printf, 2, 3))) static void problem(struct buf *problems, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (buf_vprintf(problems, fmt, ap) != ERR_OK)
        buf_truncate(problems, problems->len);
    va_end(ap);
}

int migrate_check(struct buf *problems)
{
    char *sn, *pn;
    int ns, np;
    struct migration *s = list_migrations(DB_SQLITE, &ns, &sn);
    struct migration *p = list_migrations(DB_POSTGRES, &np, &pn);
    int rc = ERR_OK;
    /* Both lists are sorted: walk them together. */
    int i = 0, j = 0;
    while (i < ns || j < np) {
        int c = i >= ns ? 1 : j >= np ? -1 : strcmp(s[i].version, p[j].version);
        if (c < 0) {
            problem(problems, "%s has no PostgreSQL version\n", s[i].file->name);
            rc = ERR_INVAL;
            i++;
        } else if (c > 0) {
            problem(problems, "%s has no SQLite version\n", p[j].file->name);
            rc = ERR_INVAL;
            j++;
        } else {
            i++;
            j++;
        }
    }
    for (i = 1; i < ns; i++) {
        if (strncmp(s[i - 1].version, s[i].version, 4) == 0) {
            problem(problems, "version number %.4s is used by %s and %s\n", s[i].version,
                             s[i - 1].version, s[i].version);
            rc = ERR_INVAL;
        }
    }
    free(s);
    free(p);
    free(sn);
    free(pn);
    return rc;
}

static int ensure_table(struct db *db)
{
    if (db_dialect(db) == DB_POSTGRES)
        return db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                           " version text PRIMARY KEY, applied_at text NOT NULL)");
    return db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                       " version TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT");
}

int migrate_applied_count(struct db *db, int64_t *count)
{
    int rc = ensure_table(db);
    if (rc == ERR_OK)
        rc = db_query_int64(db, count, "SELECT count(*) FROM schema_migrations", "");
    return rc;
}

/* Applies one migration in its own transaction unless another process already did. */
static int apply_one(struct db *db, const struct migration *m, int *applied)
{
    int rc = db_begin(db);
    if (rc != ERR_OK)
        return rc;
    if (db_dialect(db) == DB_POSTGRES) {
        rc = db_execf(db, "SELECT pg_advisory_xact_lock($1)", "i", (int64_t)MIGRATE_PG_LOCK_KEY);
        if (rc != ERR_OK)
            goto out;
    }
    int64_t done = 0;
    rc = db_query_int64(db, &done, "SELECT count(*) FROM schema_migrations WHERE version = $1", "t",
                        m->version);
    if (rc != ERR_OK || done)
        goto out;
    rc = db_exec(db, (const char *)m->file->data);
    if (rc != ERR_OK) {
        char msg[DB_ERRMSG_MAX];
        snprintf(msg, sizeof msg, "%s", db_errmsg(db));
        db_set_error(db, "migration %s failed: %s", m->version, msg);
        goto out;
    }
    char now[21];
    clock_now_iso(now);
    rc = db_execf(db, "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", "tt",
                  m->version, now);
    if (rc == ERR_OK)
        (*applied)++;
out:
    if (rc == ERR_OK)
        return db_commit(db);
    db_rollback(db);
    return rc;
}

int migrate_up(struct db *db, int *applied)
{
    int count = 0, n = 0;
    char *names;
    struct migration *list = list_migrations(db_dialect(db), &n, &names);
    int rc = ensure_table(db);
    for (int i = 0; rc == ERR_OK && i < n; i++)
        rc = apply_one(db, &list[i], &count);
    free(list);
    free(names);
    if (applied)
        *applied = count;
    return rc;
}
