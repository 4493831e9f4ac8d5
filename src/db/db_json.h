/*
 * Query results as JSON: the shape handlers return as models. Column names become keys; a type string
 * says how to read each column ('i' integer, 'd' real, 't' text; SQL NULL is always null), because
 * PostgreSQL hands every value over as text.
 */
#ifndef TAMBON_DB_DB_JSON_H
#define TAMBON_DB_DB_JSON_H

#include <jansson.h>

#include "db/db.h"

/*
 * Steps st to the end and returns its rows as a new array of objects in *out. types has one letter per
 * column (ERR_INTERNAL when it does not match the column count).
 */
__attribute__((warn_unused_result)) int db_fetch_json(struct db_stmt *st, const char *types, json_t **out);
/* The current row of st as a new object, by the same rules. */
json_t *db_row_json(struct db_stmt *st, const char *types);

#endif
