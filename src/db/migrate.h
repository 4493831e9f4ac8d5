/*
 * Schema migrations. Every capability keeps its schema changes as numbered SQL files, one per dialect:
 *     src/<area>/migrations/NNNN_name.sqlite.sql
 *     src/<area>/migrations/NNNN_name.pg.sql
 * They are compiled into the binary (base/embedded.h). The version "NNNN_name" is global and applied in
 * order; applied versions are recorded in the table schema_migrations. A migration is never edited
 * once released: a change is a new migration.
 */
#ifndef TAMBON_DB_MIGRATE_H
#define TAMBON_DB_MIGRATE_H

#include "base/buf.h"
#include "db/db.h"

/*
 * Applies, in version order and each in its own transaction, every migration of db's dialect that is
 * not recorded yet. Safe to run from several processes at once (SQLite: the write lock; PostgreSQL:
 * an advisory lock). *applied (may be NULL) receives the number applied now. On failure the failing
 * migration is rolled back, earlier ones stay, and db_errmsg() names the version.
 */
__attribute__((warn_unused_result)) int migrate_up(struct db *db, int *applied);

/* The number of embedded migrations for a dialect. */
int migrate_count(enum db_dialect dialect);

/*
 * Checks the embedded set: every version exists for both dialects and no version number is used by two
 * names. Appends a description of each problem to problems; returns ERR_OK or ERR_INVAL.
 */
int migrate_check(struct buf *problems);

/* Number of versions recorded in schema_migrations (0 for a new database). */
__attribute__((warn_unused_result)) int migrate_applied_count(struct db *db, int64_t *count);

#endif
