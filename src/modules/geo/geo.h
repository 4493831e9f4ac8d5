/*
 * Geography: Thailand's regions, provinces, districts and sub-districts, keyed by the Department of
 * Provincial Administration's codes (2, 4 and 6 digits, each starting with its parent's code). The
 * data is reference data compiled into the binary (the CSV files in data/geo, made by scripts/convert-geo.py)
 * and loaded by geo_seed. Bangkok (10) is real geography and is loaded, but it has no LAOs.
 */
#ifndef TAMBON_MODULES_GEO_GEO_H
#define TAMBON_MODULES_GEO_GEO_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

struct geo_province {
    const char *code; /* DOPA code, 2 digits */
    const char *name_th, *name_en;
    int64_t region_id;
};

struct geo_counts {
    int64_t regions, provinces, districts, subdistricts;
};

/*
 * Loads regions, provinces, districts and sub-districts from the embedded CSV files, Thai names
 * normalised. Idempotent: existing rows are kept, missing ones added. Runs inside the caller's
 * transaction (required).
 */
__attribute__((warn_unused_result)) int geo_seed(struct db *db);

/* Number of provinces loaded (77 with Bangkok). */
__attribute__((warn_unused_result)) int geo_province_count(struct db *db, int64_t *out);

/* Number of rows of each geography table. */
__attribute__((warn_unused_result)) int geo_count_all(struct db *db, struct geo_counts *out);

/*
 * Every province in Thai dictionary order of its Thai name (the collation declared on the column, so
 * both stores agree), allocated from a. *out is NULL and *n 0 when there is none.
 */
__attribute__((warn_unused_result)) int geo_provinces(struct db *db, struct arena *a,
                                                      struct geo_province **out, size_t *n);

/* The province with this DOPA code, allocated from a; ERR_NOTFOUND when there is none. */
__attribute__((warn_unused_result)) int geo_province_get(struct db *db, const char *code, struct arena *a,
                                                         struct geo_province *out);

#endif
