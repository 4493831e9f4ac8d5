/*
 * SQLite driver for db.h: the embedded store. Each connection runs in WAL mode with foreign keys on
 * and a busy timeout, and has the Thai collation and FTS5 tokenizer registered.
 *
 * Parameters: callers write $1..$n as for PostgreSQL. SQLite treats "$1" as a named parameter and
 * numbers parameters by first appearance, so "$2 ... $1" makes "$2" index 1. At prepare time we build
 * a map from n to SQLite's index via sqlite3_bind_parameter_name.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/num.h"
#include "db/db_driver.h"
#include "db/sqlite_thai.h"

#define SQLITE_BUSY_TIMEOUT_MS 10000

struct sqlite_db {
    struct db base;
    sqlite3 *conn;
};

struct sqlite_stmt {
    struct db_stmt base;
    sqlite3_stmt *stmt;
    int nparams; /* highest $n used */
    int *map;    /* map[n] = SQLite's index of $n, or 0 when $n does not occur */
    bool done;   /* the last step returned SQLITE_DONE */
};

struct sqlite_copy {
    struct db_copy base;
    struct sqlite_stmt *st;
    int ncolumns, col;
    int failed; /* first error of a row, reported again by finish as PostgreSQL does */
};

static sqlite3 *conn_of(struct db *db)
{
    return ((struct sqlite_db *)db)->conn;
}

/* Maps a SQLite result code to enum err_code and records the connection's message. */
static int fail(struct db *db, int rc)
{
    db_set_error(db, "%s", sqlite3_errmsg(conn_of(db)));
    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
        return ERR_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return ERR_BUSY;
    case SQLITE_NOMEM:
        return ERR_NOMEM;
    case SQLITE_TOOBIG:
        return ERR_TOOBIG;
    case SQLITE_RANGE:
        return ERR_RANGE;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
        return ERR_IO;
    default:
        return ERR_DB;
    }
}

static int sq_exec(struct db *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(conn_of(db), sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK)
        return ERR_OK;
    int code = fail(db, rc);
    if (msg)
        db_set_error(db, "%s", msg);
    sqlite3_free(msg);
    return code;
}

static void sq_close(struct db *db)
{
    struct sqlite_db *s = (struct sqlite_db *)db;
    sqlite3_close_v2(s->conn);
    free(s);
}

static int sq_open(const char *target, struct db **out, char *errbuf, size_t errbuf_size)
{
    struct sqlite_db *s = calloc(1, sizeof *s);
    if (!s)
        arena_oom(sizeof *s);
    s->base.drv = &db_sqlite_driver;
    int rc = sqlite3_open_v2(target, &s->conn,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    int code = ERR_OK;
    if (rc != SQLITE_OK) {
        code = ERR_IO;
        if (errbuf && errbuf_size)
            snprintf(errbuf, errbuf_size, "cannot open SQLite database '%s': %s", target,
                     s->conn ? sqlite3_errmsg(s->conn) : sqlite3_errstr(rc));
        goto out;
    }
    sqlite3_extended_result_codes(s->conn, 1);
    sqlite3_busy_timeout(s->conn, SQLITE_BUSY_TIMEOUT_MS);
    /* journal_mode answers with a row; sqlite3_exec ignores it. */
    code = sq_exec(&s->base, "PRAGMA journal_mode = WAL;"
                             "PRAGMA synchronous = NORMAL;"
                             "PRAGMA foreign_keys = ON;");
    if (code != ERR_OK) {
        if (errbuf && errbuf_size)
            snprintf(errbuf, errbuf_size, "cannot use SQLite database '%s': %s", target, s->base.errmsg);
        goto out;
    }
    code = db_sqlite_register_thai(s->conn);
    if (code != ERR_OK) {
        if (errbuf && errbuf_size)
            snprintf(errbuf, errbuf_size, "cannot register Thai collation and tokenizer: %s",
                     sqlite3_errmsg(s->conn));
        goto out;
    }
out:
    if (code != ERR_OK) {
        sqlite3_close_v2(s->conn);
        free(s);
        return code;
    }
    *out = &s->base;
    return ERR_OK;
}

static void stmt_free(struct sqlite_stmt *st)
{
    sqlite3_finalize(st->stmt);
    free(st->map);
    free(st);
}

static int sq_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL;
    int rc = sqlite3_prepare_v3(conn_of(db), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK)
        return fail(db, rc);
    if (!stmt) {
        db_set_error(db, "no SQL statement in '%s'", sql);
        return ERR_INVAL;
    }
    struct sqlite_stmt *st = calloc(1, sizeof *st);
    if (!st)
        arena_oom(sizeof *st);
    st->base.db = db;
    st->stmt = stmt;
    int count = sqlite3_bind_parameter_count(stmt);
    /* Highest $n first, so the map can be sized. */
    for (int i = 1; i <= count; i++) {
        const char *name = sqlite3_bind_parameter_name(stmt, i);
        int64_t n;
        if (!name || name[0] != '$' || num_parse_i64(name + 1, strlen(name + 1), 1, 65535, &n) != ERR_OK) {
            db_set_error(db, "parameter %s: write parameters as $1..$n", name ? name : "?");
            stmt_free(st);
            return ERR_INVAL;
        }
        if (n > st->nparams)
            st->nparams = (int)n;
    }
    st->map = calloc((size_t)st->nparams + 1, sizeof *st->map);
    if (!st->map)
        arena_oom((size_t)st->nparams + 1);
    for (int i = 1; i <= count; i++) {
        const char *name = sqlite3_bind_parameter_name(stmt, i);
        int64_t n = 0;
        if (num_parse_i64(name + 1, strlen(name + 1), 1, 65535, &n) == ERR_OK)
            st->map[n] = i;
    }
    *out = &st->base;
    return ERR_OK;
}

/* SQLite's index for $idx, or 0 after recording an error. */
static int param_index(struct sqlite_stmt *st, int idx)
{
    if (idx < 1 || idx > st->nparams || st->map[idx] == 0) {
        db_set_error(st->base.db, "parameter $%d is not used by the statement", idx);
        return 0;
    }
    return st->map[idx];
}

static int bind_result(struct sqlite_stmt *st, int rc)
{
    return rc == SQLITE_OK ? ERR_OK : fail(st->base.db, rc);
}

static int sq_bind_textn(struct db_stmt *base, int idx, const char *s, size_t len)
{
    struct sqlite_stmt *st = (struct sqlite_stmt *)base;
    int i = param_index(st, idx);
    if (!i)
        return ERR_RANGE;
    return bind_result(st, sqlite3_bind_text64(st->stmt, i, s, len, SQLITE_TRANSIENT, SQLITE_UTF8));
}

static int sq_bind_int64(struct db_stmt *base, int idx, int64_t v)
{
    struct sqlite_stmt *st = (struct sqlite_stmt *)base;
    int i = param_index(st, idx);
    if (!i)
        return ERR_RANGE;
    return bind_result(st, sqlite3_bind_int64(st->stmt, i, v));
}

static int sq_bind_double(struct db_stmt *base, int idx, double v)
{
    struct sqlite_stmt *st = (struct sqlite_stmt *)base;
    int i = param_index(st, idx);
    if (!i)
        return ERR_RANGE;
    return bind_result(st, sqlite3_bind_double(st->stmt, i, v));
}

static int sq_bind_null(struct db_stmt *base, int idx)
{
    struct sqlite_stmt *st = (struct sqlite_stmt *)base;
    int i = param_index(st, idx);
    if (!i)
        return ERR_RANGE;
    return bind_result(st, sqlite3_bind_null(st->stmt, i));
}

static int sq_step(struct db_stmt *base)
{
    struct sqlite_stmt *st = (struct sqlite_stmt *)base;
    if (st->done)
        return ERR_OK; /* stepping past the end does not run the statement again */
    int rc = sqlite3_step(st->stmt);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE) {
        st->done = true;
        return ERR_OK;
    }
    int code = fail(st->base.db, rc);
    sqlite3_reset(st->stmt);
    return code;
}

static int sq_reset(struct db_stmt *base)
{
    struct sqlite_stmt *st = (struct sqlite_stmt *)base;
    st->done = false;
    sqlite3_reset(st->stmt);
    return ERR_OK;
}

static void sq_finalize(struct db_stmt *base)
{
    stmt_free((struct sqlite_stmt *)base);
}

static int sq_column_count(struct db_stmt *base)
{
    return sqlite3_column_count(((struct sqlite_stmt *)base)->stmt);
}

static const char *sq_column_name(struct db_stmt *base, int col)
{
    return sqlite3_column_name(((struct sqlite_stmt *)base)->stmt, col);
}

static bool sq_column_is_null(struct db_stmt *base, int col)
{
    return sqlite3_column_type(((struct sqlite_stmt *)base)->stmt, col) == SQLITE_NULL;
}

static const char *sq_column_text(struct db_stmt *base, int col)
{
    return (const char *)sqlite3_column_text(((struct sqlite_stmt *)base)->stmt, col);
}

static int64_t sq_column_int64(struct db_stmt *base, int col)
{
    return sqlite3_column_int64(((struct sqlite_stmt *)base)->stmt, col);
}

static double sq_column_double(struct db_stmt *base, int col)
{
    return sqlite3_column_double(((struct sqlite_stmt *)base)->stmt, col);
}

static int64_t sq_changes(struct db *db)
{
    return sqlite3_changes64(conn_of(db));
}

/* Appends "name" with embedded quotes doubled. */
static int append_ident(struct buf *b, const char *name)
{
    int rc = buf_putc(b, '"');
    for (const char *p = name; rc == ERR_OK && *p; p++)
        rc = *p == '"' ? buf_appends(b, "\"\"") : buf_putc(b, *p);
    return rc == ERR_OK ? buf_putc(b, '"') : rc;
}

static int sq_copy_begin(struct db *db, const char *table, const char *const *columns, int ncolumns,
                         struct db_copy **out)
{
    if (ncolumns < 1) {
        db_set_error(db, "copy into %s: no columns", table);
        return ERR_INVAL;
    }
    struct buf sql;
    buf_init(&sql, 64 * 1024);
    int rc = buf_appends(&sql, "INSERT INTO ");
    if (rc == ERR_OK)
        rc = append_ident(&sql, table);
    if (rc == ERR_OK)
        rc = buf_appends(&sql, " (");
    for (int i = 0; rc == ERR_OK && i < ncolumns; i++) {
        if (i)
            rc = buf_appends(&sql, ", ");
        if (rc == ERR_OK)
            rc = append_ident(&sql, columns[i]);
    }
    if (rc == ERR_OK)
        rc = buf_appends(&sql, ") VALUES (");
    for (int i = 0; rc == ERR_OK && i < ncolumns; i++)
        rc = buf_printf(&sql, "%s$%d", i ? ", " : "", i + 1);
    if (rc == ERR_OK)
        rc = buf_putc(&sql, ')');
    struct db_stmt *st = NULL;
    if (rc == ERR_OK)
        rc = sq_prepare(db, buf_str(&sql), &st);
    else
        db_set_error(db, "copy into %s: statement too long", table);
    buf_release(&sql);
    if (rc != ERR_OK)
        return rc;
    struct sqlite_copy *c = calloc(1, sizeof *c);
    if (!c)
        arena_oom(sizeof *c);
    c->base.db = db;
    c->st = (struct sqlite_stmt *)st;
    c->ncolumns = ncolumns;
    *out = &c->base;
    return ERR_OK;
}

/* The SQLite index of the next column of the row being built, or 0 (with an error) past the end. */
static int copy_next(struct sqlite_copy *c)
{
    if (c->col >= c->ncolumns) {
        db_set_error(c->base.db, "copy: more values than the %d columns", c->ncolumns);
        return 0;
    }
    return ++c->col;
}

static int sq_copy_text(struct db_copy *base, const char *s, size_t len)
{
    struct sqlite_copy *c = (struct sqlite_copy *)base;
    int i = copy_next(c);
    return i ? sq_bind_textn(&c->st->base, i, s, len) : ERR_INTERNAL;
}

static int sq_copy_int64(struct db_copy *base, int64_t v)
{
    struct sqlite_copy *c = (struct sqlite_copy *)base;
    int i = copy_next(c);
    return i ? sq_bind_int64(&c->st->base, i, v) : ERR_INTERNAL;
}

static int sq_copy_double(struct db_copy *base, double v)
{
    struct sqlite_copy *c = (struct sqlite_copy *)base;
    int i = copy_next(c);
    return i ? sq_bind_double(&c->st->base, i, v) : ERR_INTERNAL;
}

static int sq_copy_null(struct db_copy *base)
{
    struct sqlite_copy *c = (struct sqlite_copy *)base;
    int i = copy_next(c);
    return i ? sq_bind_null(&c->st->base, i) : ERR_INTERNAL;
}

static int sq_copy_end_row(struct db_copy *base)
{
    struct sqlite_copy *c = (struct sqlite_copy *)base;
    if (c->col != c->ncolumns) {
        db_set_error(c->base.db, "copy: row has %d values for %d columns", c->col, c->ncolumns);
        return ERR_INTERNAL;
    }
    c->col = 0;
    int rc = sq_step(&c->st->base);
    sq_reset(&c->st->base);
    sqlite3_clear_bindings(c->st->stmt);
    if (rc != ERR_OK && !c->failed)
        c->failed = rc;
    return rc;
}

static int sq_copy_finish(struct db_copy *base)
{
    struct sqlite_copy *c = (struct sqlite_copy *)base;
    int rc = c->failed;
    if (rc == ERR_OK && c->col != 0) {
        db_set_error(c->base.db, "copy: last row is incomplete");
        rc = ERR_INTERNAL;
    }
    stmt_free(c->st);
    free(c);
    return rc;
}

const struct db_driver db_sqlite_driver = {
    .version = 1,
    .dialect = DB_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .bind_textn = sq_bind_textn,
    .bind_int64 = sq_bind_int64,
    .bind_double = sq_bind_double,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .reset = sq_reset,
    .finalize = sq_finalize,
    .column_count = sq_column_count,
    .column_name = sq_column_name,
    .column_is_null = sq_column_is_null,
    .column_text = sq_column_text,
    .column_int64 = sq_column_int64,
    .column_double = sq_column_double,
    .changes = sq_changes,
    .copy_begin = sq_copy_begin,
    .copy_text = sq_copy_text,
    .copy_int64 = sq_copy_int64,
    .copy_double = sq_copy_double,
    .copy_null = sq_copy_null,
    .copy_end_row = sq_copy_end_row,
    .copy_finish = sq_copy_finish,
};
