/*
 * Rows to JSON.
 */
#include "db/db_json.h"

#include <string.h>

#include "db/db_driver.h"

json_t *db_row_json(struct db_stmt *st, const char *types)
{
    json_t *row = json_object();
    for (int i = 0; types[i]; i++) {
        json_t *v;
        if (db_column_is_null(st, i))
            v = json_null();
        else if (types[i] == 'i')
            v = json_integer(db_column_int64(st, i));
        else if (types[i] == 'd')
            v = json_real(db_column_double(st, i));
        else
            v = json_string(db_column_text(st, i));
        json_object_set_new(row, db_column_name(st, i), v ? v : json_null());
    }
    return row;
}

int db_fetch_json(struct db_stmt *st, const char *types, json_t **out)
{
    if ((int)strlen(types) != db_column_count(st)) {
        db_set_error(st->db, "db_fetch_json: %zu types for %d columns", strlen(types), db_column_count(st));
        return ERR_INTERNAL;
    }
    json_t *rows = json_array();
    int rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(rows, db_row_json(st, types));
    if (rc != ERR_OK) {
        json_decref(rows);
        return rc;
    }
    *out = rows;
    return ERR_OK;
}
