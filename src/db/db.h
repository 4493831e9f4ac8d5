/*
 * The database interface. One SQL text runs on both stores: SQLite (embedded file, the default) and
 * PostgreSQL (libpq, for provinces and the nation). Parameters are written $1..$n in both dialects.
 * Dialect differences belong in the drivers and in per-dialect migration files, never in callers.
 *
 * Status codes are enum err_code (0 = success). After a failure, db_errmsg() says what the
 * database said. A connection is used by one thread at a time.
 *
 * Typical use:
 *     struct db_stmt *st;
 *     if (db_prepare(db, "SELECT name FROM province WHERE code = $1", &st)) goto out;
 *     db_bind_text(st, 1, "10");
 *     while ((rc = db_step(st)) == DB_ROW) use(db_column_text(st, 0));
 *     if (rc != ERR_OK) goto out;   // error: db_errmsg(db)
 *     db_finalize(st);
 */
#ifndef TAMBON_DB_DB_H
#define TAMBON_DB_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum db_dialect { DB_SQLITE, DB_POSTGRES };

/* db_step's answer when a row is available; distinct from every enum err_code. */
#define DB_ROW 1000

struct db;
struct db_stmt;
struct db_copy;

/*
 * Opens target: "postgres://..." or "postgresql://..." for PostgreSQL, anything else is a SQLite
 * file path (created if missing). SQLite connections use WAL, foreign keys and a busy timeout, and
 * have the Thai collation ("thai") and the Thai FTS5 tokenizer ("thai") registered. PostgreSQL
 * sessions use UTF-8, ISO dates and UTC.
 * On failure returns an error and *out is NULL; the message is written to errbuf (may be NULL).
 */
__attribute__((warn_unused_result)) int db_open(const char *target, struct db **out, char *errbuf,
                                                size_t errbuf_size);
void db_close(struct db *db);
/* The dialect a target names, without connecting. */
enum db_dialect db_target_dialect(const char *target);
enum db_dialect db_dialect(const struct db *db);
const char *db_dialect_name(enum db_dialect d); /* "sqlite" or "postgres" */
/* The database's message for the last failed call on this connection ("" when none). */
const char *db_errmsg(const struct db *db);

/* Runs one or more statements without parameters or results (DDL, migrations). */
__attribute__((warn_unused_result)) int db_exec(struct db *db, const char *sql);

/* Transactions. db_begin starts a write transaction (SQLite: BEGIN IMMEDIATE). Not nested. */
__attribute__((warn_unused_result)) int db_begin(struct db *db);
__attribute__((warn_unused_result)) int db_commit(struct db *db);
int db_rollback(struct db *db);
bool db_in_transaction(const struct db *db);

/* Prepares one statement with $1..$n placeholders. */
__attribute__((warn_unused_result)) int db_prepare(struct db *db, const char *sql, struct db_stmt **out);
/* Binds parameter idx (1-based). Text is copied; NULL binds SQL NULL. */
int db_bind_text(struct db_stmt *st, int idx, const char *s);
int db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t len);
int db_bind_int64(struct db_stmt *st, int idx, int64_t v);
int db_bind_double(struct db_stmt *st, int idx, double v);
int db_bind_null(struct db_stmt *st, int idx);
/* Executes (on the first call) and moves to the next row: DB_ROW, ERR_OK when done, or an error. */
__attribute__((warn_unused_result)) int db_step(struct db_stmt *st);
/* Makes the statement ready to run again; bindings are kept. */
int db_reset(struct db_stmt *st);
void db_finalize(struct db_stmt *st);

/* Columns of the current row, 0-based. Text is valid until the next step, reset or finalize. */
int db_column_count(struct db_stmt *st);
const char *db_column_name(struct db_stmt *st, int col);
bool db_column_is_null(struct db_stmt *st, int col);
/* NULL for SQL NULL. */
const char *db_column_text(struct db_stmt *st, int col);
/* 0 for NULL or non-numbers. */
int64_t db_column_int64(struct db_stmt *st, int col);
double db_column_double(struct db_stmt *st, int col);

/*
 * After rows were inserted with ids supplied by the caller (COPY, seeds): makes the table's own id
 * generator continue after the largest id, so later inserts without an id do not collide. PostgreSQL
 * moves the identity sequence of table.id; SQLite needs nothing (INTEGER PRIMARY KEY takes max + 1).
 * table is a name from our own code: [a-z_] only, anything else is ERR_INVAL.
 */
__attribute__((warn_unused_result)) int db_sync_identity(struct db *db, const char *table);

/* Rows changed by the last INSERT/UPDATE/DELETE run through db_step or db_exec. */
int64_t db_changes(struct db *db);

/*
 * One-shot helpers. fmt has one letter per parameter: 't' const char * (NULL binds SQL NULL),
 * 'i' int64_t, 'd' double, 'n' SQL NULL (no argument).
 */
__attribute__((warn_unused_result)) int db_execf(struct db *db, const char *sql, const char *fmt, ...);
/* Runs a query whose first row's first column is an integer; ERR_NOTFOUND when there is no row. */
__attribute__((warn_unused_result)) int db_query_int64(struct db *db, int64_t *out, const char *sql,
                                                       const char *fmt, ...);

/*
 * Bulk loading: PostgreSQL COPY, SQLite a prepared INSERT. Use inside a transaction.
 * Per row: one db_copy_* call per column in order, then db_copy_end_row.
 */
__attribute__((warn_unused_result)) int db_copy_begin(struct db *db, const char *table,
                                                      const char *const *columns, int ncolumns,
                                                      struct db_copy **out);
int db_copy_text(struct db_copy *c, const char *s); /* NULL writes SQL NULL */
int db_copy_int64(struct db_copy *c, int64_t v);
int db_copy_double(struct db_copy *c, double v);
int db_copy_null(struct db_copy *c);
__attribute__((warn_unused_result)) int db_copy_end_row(struct db_copy *c);
/* Flushes and frees c. On error the transaction must be rolled back. */
__attribute__((warn_unused_result)) int db_copy_finish(struct db_copy *c);

#endif
