/*
 * The driver table behind db.h, in the spirit of SQLite's sqlite3_io_methods: a versioned vtable that
 * each store implements. Only src/db/ includes this file.
 */
#ifndef TAMBON_DB_DRIVER_H
#define TAMBON_DB_DRIVER_H

#include "db/db.h"

#define DB_ERRMSG_MAX 512

struct db_driver {
    int version; /* 1 */
    enum db_dialect dialect;
    int (*open)(const char *target, struct db **out, char *errbuf, size_t errbuf_size);
    void (*close)(struct db *db);
    int (*exec)(struct db *db, const char *sql);
    int (*prepare)(struct db *db, const char *sql, struct db_stmt **out);
    int (*bind_textn)(struct db_stmt *st, int idx, const char *s, size_t len);
    int (*bind_int64)(struct db_stmt *st, int idx, int64_t v);
    int (*bind_double)(struct db_stmt *st, int idx, double v);
    int (*bind_null)(struct db_stmt *st, int idx);
    int (*step)(struct db_stmt *st);
    int (*reset)(struct db_stmt *st);
    void (*finalize)(struct db_stmt *st);
    int (*column_count)(struct db_stmt *st);
    const char *(*column_name)(struct db_stmt *st, int col);
    bool (*column_is_null)(struct db_stmt *st, int col);
    const char *(*column_text)(struct db_stmt *st, int col);
    int64_t (*column_int64)(struct db_stmt *st, int col);
    double (*column_double)(struct db_stmt *st, int col);
    int64_t (*changes)(struct db *db);
    int (*copy_begin)(struct db *db, const char *table, const char *const *columns, int ncolumns,
                      struct db_copy **out);
    int (*copy_text)(struct db_copy *c, const char *s, size_t len);
    int (*copy_int64)(struct db_copy *c, int64_t v);
    int (*copy_double)(struct db_copy *c, double v);
    int (*copy_null)(struct db_copy *c);
    int (*copy_end_row)(struct db_copy *c);
    int (*copy_finish)(struct db_copy *c);
};

/* The common head of every driver's connection, statement and copy structs. */
struct db {
    const struct db_driver *drv;
    bool in_tx;
    char errmsg[DB_ERRMSG_MAX];
};

struct db_stmt {
    struct db *db;
};

struct db_copy {
    struct db *db;
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

/* Records a message for db_errmsg(); printf-style. */
void db_set_error(struct db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
