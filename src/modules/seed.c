/*
 * Loading embedded reference CSV files into tables (see seed.h).
 */
#include "modules/seed.h"

#include <string.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/embedded.h"
#include "base/log.h"
#include "thai/normalize.h"

#define SEED_MAX_COLUMNS 16
#define SEED_MAX_FIELD 4096
#define SEED_SQL_MAX 2048

int seed_normalize(const char *s, struct buf *out)
{
    buf_reset(out);
    return thai_normalize(s, strlen(s), out);
}

/* "INSERT INTO t (a, b) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING" from our own identifiers. */
static int insert_sql(struct buf *sql, const char *table, const struct seed_column *columns, int ncolumns,
                      const char *key)
{
    int rc = buf_printf(sql, "INSERT INTO %s (", table);
    for (int i = 0; rc == ERR_OK && i < ncolumns; i++)
        rc = buf_printf(sql, "%s%s", i ? ", " : "", columns[i].name);
    if (rc == ERR_OK)
        rc = buf_appends(sql, ") VALUES (");
    for (int i = 0; rc == ERR_OK && i < ncolumns; i++)
        rc = buf_printf(sql, "%s$%d", i ? ", " : "", i + 1);
    if (rc == ERR_OK)
        rc = buf_printf(sql, ") ON CONFLICT (%s) DO NOTHING", key);
    return rc;
}

int seed_csv(struct db *db, const char *file, const char *table, const struct seed_column *columns,
             int ncolumns, const char *key, int64_t *inserted)
{
    int rc = ERR_INVAL;
    struct csv_reader r;
    struct csv_record rec;
    struct db_stmt *st = NULL;
    struct db_copy *copy = NULL;
    struct buf sql, norm;
    int idx[SEED_MAX_COLUMNS];
    const char *names[SEED_MAX_COLUMNS];
    size_t header_count = 0;
    int64_t existing = 0, added = 0;

    buf_init(&sql, SEED_SQL_MAX);
    buf_init(&norm, SEED_MAX_FIELD);
    const struct embedded_file *f = embedded_data_find(file);
    csv_reader_init(&r, f ? (const char *)f->data : NULL, f ? f->len : 0);
    if (!f) {
        log_error("seed: %s is not compiled into this program", file);
        rc = ERR_NOTFOUND;
        goto out;
    }
    if (ncolumns < 1 || ncolumns > SEED_MAX_COLUMNS)
        goto out;
    if ((rc = csv_next(&r, &rec)) != CSV_RECORD) {
        log_error("seed: %s: no header: %s", file, csv_error(&r));
        rc = ERR_INVAL;
        goto out;
    }
    header_count = rec.count;
    for (int i = 0; i < ncolumns; i++) {
        names[i] = columns[i].name;
        idx[i] = csv_field_index(&rec, columns[i].name);
        if (idx[i] < 0) {
            log_error("seed: %s has no column %s", file, columns[i].name);
            rc = ERR_INVAL;
            goto out;
        }
    }

    rc = buf_printf(&sql, "SELECT count(*) FROM %s", table);
    if (rc != ERR_OK || (rc = db_query_int64(db, &existing, buf_str(&sql), "")) != ERR_OK)
        goto out;
    buf_reset(&sql);
    if (existing == 0) {
        rc = db_copy_begin(db, table, names, ncolumns, &copy);
    } else if ((rc = insert_sql(&sql, table, columns, ncolumns, key)) == ERR_OK) {
        rc = db_prepare(db, buf_str(&sql), &st);
    }
    if (rc != ERR_OK)
        goto out;

    while ((rc = csv_next(&r, &rec)) == CSV_RECORD) {
        if (rec.count != header_count) {
            log_error("seed: %s line %zu: %zu fields, the header has %zu", file, rec.line, rec.count,
                      header_count);
            rc = ERR_INVAL;
            goto out;
        }
        for (int i = 0; i < ncolumns; i++) {
            const struct slice *v = &rec.fields[idx[i]];
            const char *text = v->ptr;
            if (v->len == 0) {
                text = NULL;
            } else if (columns[i].flags & SEED_THAI) {
                if ((rc = seed_normalize(v->ptr, &norm)) != ERR_OK) {
                    log_error("seed: %s line %zu: column %s is not valid UTF-8 text", file, rec.line,
                              columns[i].name);
                    goto out;
                }
                text = buf_str(&norm);
            }
            rc = copy ? db_copy_text(copy, text) : db_bind_text(st, i + 1, text);
            if (rc != ERR_OK)
                goto out;
        }
        if (copy) {
            rc = db_copy_end_row(copy);
            added++;
        } else {
            rc = db_step(st);
            if (rc == ERR_OK)
                added += db_changes(db);
            db_reset(st);
        }
        if (rc != ERR_OK) {
            log_error("seed: %s line %zu: %s", file, rec.line, db_errmsg(db));
            goto out;
        }
    }
    if (rc != ERR_OK) {
        log_error("seed: %s: %s", file, csv_error(&r));
        goto out;
    }
    if (copy) {
        rc = db_copy_finish(copy);
        copy = NULL;
        if (rc != ERR_OK)
            goto out;
    }
    if (inserted)
        *inserted = added;
out:
    if (copy && db_copy_finish(copy) != ERR_OK)
        log_debug("seed: %s: abandoned bulk load reported an error too", file);
    db_finalize(st);
    csv_reader_release(&r);
    buf_release(&sql);
    buf_release(&norm);
    return rc;
}
