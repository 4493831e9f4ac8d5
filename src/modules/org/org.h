/*
 * Organisation: the kinds of local administrative organisation (LAO), the LAOs themselves with their
 * unit trees, and the position classification every post and appointment refers to: position types
 * (บริหารท้องถิ่น, อำนวยการท้องถิ่น, วิชาการ, ทั่วไป, the old C-grades, teachers, permanent employees,
 * contract staff), their levels, and the position lines (สายงาน).
 *
 * LAO types, position types and levels are fixed by law and defined here; position lines come from
 * data/lines/position_lines.csv (scripts/convert-lines.py). org_seed loads all of them.
 */
#ifndef TAMBON_MODULES_ORG_ORG_H
#define TAMBON_MODULES_ORG_ORG_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

struct org_position_line {
    const char *code; /* short stable ASCII code: c### (OCSC list) or l### (local) */
    const char *name_th, *name_en;
    const char *type_code; /* position_type.code */
    const char *source;    /* "ocsc" or "local" */
};

struct org_position_level {
    const char *code, *type_code, *name_th, *name_en;
    int rank; /* order within the type, 1 = lowest */
};

/*
 * Loads LAO types, position types, position levels and position lines, Thai names normalised.
 * Idempotent: existing rows are kept, missing ones added. Runs inside the caller's transaction.
 */
__attribute__((warn_unused_result)) int org_seed(struct db *db);

/* The position line with this code, allocated from a; ERR_NOTFOUND when there is none. */
__attribute__((warn_unused_result)) int org_position_line_get(struct db *db, const char *code,
                                                              struct arena *a, struct org_position_line *out);

/*
 * The position lines of one position type (every line when type_code is NULL), in Thai dictionary order
 * of their names, allocated from a. *out is NULL and *n 0 when there is none.
 */
__attribute__((warn_unused_result)) int org_position_lines(struct db *db, const char *type_code,
                                                           struct arena *a, struct org_position_line **out,
                                                           size_t *n);

/* The position level with this code, allocated from a; ERR_NOTFOUND when there is none. */
__attribute__((warn_unused_result)) int
org_position_level_get(struct db *db, const char *code, struct arena *a, struct org_position_level *out);

#endif
