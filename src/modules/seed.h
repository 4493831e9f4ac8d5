/*
 * Loading reference data shipped in the binary (base/embedded.h) into tables, for the modules' seed
 * hooks. Loading is idempotent: rows whose key exists already are left as they are (an administrator
 * may have corrected them), missing rows are added, so `tambon init` can run any number of times.
 */
#ifndef TAMBON_MODULES_SEED_H
#define TAMBON_MODULES_SEED_H

#include <stdint.h>

#include "base/buf.h"
#include "db/db.h"

/* Flags for one column of seed_csv. */
enum seed_column_flags {
    SEED_TEXT = 0,
    SEED_THAI = 1 << 0, /* Thai text: stored normalised (thai_normalize), so equal-looking names are equal */
};

struct seed_column {
    const char *name; /* the CSV header and the table column: the same name on purpose */
    unsigned flags;   /* enum seed_column_flags */
};

/*
 * Loads the embedded CSV file `file` (with a header record) into `table`. Every column listed must be
 * in the header; other CSV columns are ignored. An empty field is stored as NULL, so NOT NULL columns
 * refuse it. `key` names the table's unique key (one or more columns, as written in ON CONFLICT).
 * When the table is empty the rows are bulk-loaded (db_copy); otherwise each row is inserted with
 * ON CONFLICT (key) DO NOTHING. table, columns and key come from our code, never from data.
 * Must run inside a transaction. *inserted (may be NULL) receives the number of rows added.
 * Errors: ERR_NOTFOUND (no such embedded file), ERR_INVAL (malformed CSV, a missing column, a record
 * with another number of fields than the header, text that is not UTF-8) with the file and line in
 * the log, or the database's error (db_errmsg).
 */
__attribute__((warn_unused_result)) int seed_csv(struct db *db, const char *file, const char *table,
                                                 const struct seed_column *columns, int ncolumns,
                                                 const char *key, int64_t *inserted);

/*
 * Normalises Thai text s for storage (thai_normalize) into out, which is reset first.
 * ERR_INVAL for text that is not UTF-8, ERR_TOOBIG when out's limit is passed.
 */
__attribute__((warn_unused_result)) int seed_normalize(const char *s, struct buf *out);

#endif
