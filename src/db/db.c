/*
 * db.h front end: picks the driver from the target and forwards calls through its table.
 */
#include "db/db.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "db/db_driver.h"

static bool is_postgres_url(const char *target)
{
    return strncmp(target, "postgres://", 11) == 0 || strncmp(target, "postgresql://", 13) == 0;
}

enum db_dialect db_target_dialect(const char *target)
{
    return target && is_postgres_url(target) ? DB_POSTGRES : DB_SQLITE;
}

int db_open(const char *target, struct db **out, char *errbuf, size_t errbuf_size)
{
    *out = NULL;
    if (!target || !*target) {
        if (errbuf && errbuf_size)
            snprintf(errbuf, errbuf_size, "no database given");
        return ERR_INVAL;
    }
    const struct db_driver *drv = is_postgres_url(target) ? &db_pg_driver : &db_sqlite_driver;
    return drv->open(target, out, errbuf, errbuf_size);
}

void db_close(struct db *db)
{
    if (db)
        db->drv->close(db);
}

enum db_dialect db_dialect(const struct db *db)
{
    return db->drv->dialect;
}

const char *db_dialect_name(enum db_dialect d)
{
    return d == DB_POSTGRES ? "postgres" : "sqlite";
}

const char *db_errmsg(const struct db *db)
{
    return db->errmsg;
}

void db_set_error(struct db *db, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
    va_end(ap);
    /* Drivers hand us messages ending in newlines; keep one line. */
    size_t n = strlen(db->errmsg);
    while (n && (db->errmsg[n - 1] == '\n' || db->errmsg[n - 1] == ' '))
        db->errmsg[--n] = '\0';
}

int db_exec(struct db *db, const char *sql)
{
    return db->drv->exec(db, sql);
}

int db_begin(struct db *db)
{
    if (db->in_tx) {
        db_set_error(db, "a transaction is already open");
        return ERR_INTERNAL;
    }
    int rc = db->drv->exec(db, db->drv->dialect == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN");
    if (rc == ERR_OK)
        db->in_tx = true;
    return rc;
}

int db_commit(struct db *db)
{
    if (!db->in_tx) {
        db_set_error(db, "no transaction is open");
        return ERR_INTERNAL;
    }
    int rc = db->drv->exec(db, "COMMIT");
    if (rc == ERR_OK)
        db->in_tx = false;
    return rc;
}

int db_rollback(struct db *db)
{
    /* Keep the first error's message: rollback usually follows a failure worth reporting. */
    char saved[DB_ERRMSG_MAX];
    memcpy(saved, db->errmsg, sizeof saved);
    int rc = db->drv->exec(db, "ROLLBACK");
    db->in_tx = false;
    memcpy(db->errmsg, saved, sizeof saved);
    return rc;
}

bool db_in_transaction(const struct db *db)
{
    return db->in_tx;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
    return db->drv->prepare(db, sql, out);
}

int db_bind_text(struct db_stmt *st, int idx, const char *s)
{
    if (!s)
        return st->db->drv->bind_null(st, idx);
    return st->db->drv->bind_textn(st, idx, s, strlen(s));
}

int db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t len)
{
    if (!s)
        return st->db->drv->bind_null(st, idx);
    return st->db->drv->bind_textn(st, idx, s, len);
}

int db_bind_int64(struct db_stmt *st, int idx, int64_t v)
{
    return st->db->drv->bind_int64(st, idx, v);
}

int db_bind_double(struct db_stmt *st, int idx, double v)
{
    return st->db->drv->bind_double(st, idx, v);
}

int db_bind_null(struct db_stmt *st, int idx)
{
    return st->db->drv->bind_null(st, idx);
}

int db_step(struct db_stmt *st)
{
    return st->db->drv->step(st);
}

int db_reset(struct db_stmt *st)
{
    return st->db->drv->reset(st);
}

void db_finalize(struct db_stmt *st)
{
    if (st)
        st->db->drv->finalize(st);
}

int db_column_count(struct db_stmt *st)
{
    return st->db->drv->column_count(st);
}

const char *db_column_name(struct db_stmt *st, int col)
{
    return st->db->drv->column_name(st, col);
}

bool db_column_is_null(struct db_stmt *st, int col)
{
    return st->db->drv->column_is_null(st, col);
}

const char *db_column_text(struct db_stmt *st, int col)
{
    return st->db->drv->column_text(st, col);
}

int64_t db_column_int64(struct db_stmt *st, int col)
{
    return st->db->drv->column_int64(st, col);
}

double db_column_double(struct db_stmt *st, int col)
{
    return st->db->drv->column_double(st, col);
}

int db_sync_identity(struct db *db, const char *table)
{
    size_t n = strlen(table);
    if (n == 0 || n > 63 || strspn(table, "abcdefghijklmnopqrstuvwxyz_") != n) {
        db_set_error(db, "db_sync_identity: bad table name");
        return ERR_INVAL;
    }
    if (db->drv->dialect != DB_POSTGRES)
        return ERR_OK;
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT setval(pg_get_serial_sequence('%s', 'id'), coalesce((SELECT max(id) FROM \"%s\"), 0) + 1, false)",
             table, table);
    int64_t ignored;
    return db_query_int64(db, &ignored, sql, "");
}

int64_t db_changes(struct db *db)
{
    return db->drv->changes(db);
}

/* Binds the parameters described by fmt (see db.h) from ap. */
static int bind_va(struct db_stmt *st, const char *fmt, va_list ap)
{
    int rc = ERR_OK;
    for (int i = 0; fmt && fmt[i] && rc == ERR_OK; i++) {
        switch (fmt[i]) {
        case 't':
            rc = db_bind_text(st, i + 1, va_arg(ap, const char *));
            break;
        case 'i':
            rc = db_bind_int64(st, i + 1, va_arg(ap, int64_t));
            break;
        case 'd':
            rc = db_bind_double(st, i + 1, va_arg(ap, double));
            break;
        case 'n':
            rc = db_bind_null(st, i + 1);
            break;
        default:
            db_set_error(st->db, "bad parameter format letter '%c'", fmt[i]);
            rc = ERR_INTERNAL;
        }
    }
    return rc;
}

int db_execf(struct db *db, const char *sql, const char *fmt, ...)
{
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);
    if (rc != ERR_OK)
        return rc;
    va_list ap;
    va_start(ap, fmt);
    rc = bind_va(st, fmt, ap);
    va_end(ap);
    if (rc == ERR_OK) {
        while ((rc = db_step(st)) == DB_ROW)
            ;
    }
    db_finalize(st);
    return rc;
}

int db_query_int64(struct db *db, int64_t *out, const char *sql, const char *fmt, ...)
{
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);
    if (rc != ERR_OK)
        return rc;
    va_list ap;
    va_start(ap, fmt);
    rc = bind_va(st, fmt, ap);
    va_end(ap);
    if (rc == ERR_OK) {
        rc = db_step(st);
        if (rc == DB_ROW) {
            *out = db_column_int64(st, 0);
            rc = ERR_OK;
        } else if (rc == ERR_OK) {
            rc = ERR_NOTFOUND;
        }
    }
    db_finalize(st);
    return rc;
}

int db_copy_begin(struct db *db, const char *table, const char *const *columns, int ncolumns,
                  struct db_copy **out)
{
    return db->drv->copy_begin(db, table, columns, ncolumns, out);
}

int db_copy_text(struct db_copy *c, const char *s)
{
    if (!s)
        return c->db->drv->copy_null(c);
    return c->db->drv->copy_text(c, s, strlen(s));
}

int db_copy_int64(struct db_copy *c, int64_t v)
{
    return c->db->drv->copy_int64(c, v);
}

int db_copy_double(struct db_copy *c, double v)
{
    return c->db->drv->copy_double(c, v);
}

int db_copy_null(struct db_copy *c)
{
    return c->db->drv->copy_null(c);
}

int db_copy_end_row(struct db_copy *c)
{
    return c->db->drv->copy_end_row(c);
}

int db_copy_finish(struct db_copy *c)
{
    return c->db->drv->copy_finish(c);
}
