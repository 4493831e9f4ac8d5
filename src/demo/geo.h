/*
 * The real geography the demo generator builds on: provinces, districts and sub-districts with their
 * DOPA codes, held in memory in code order. Loaded from the database that `tambon init` seeded (the
 * province, district and subdistrict tables), or built row by row (tests).
 *
 * Codes nest: a district's code starts with its province's, a sub-district's with its district's.
 * Because the arrays are sorted by code, each province's districts and each district's sub-districts
 * are contiguous ranges.
 */
#ifndef TAMBON_DEMO_GEO_H
#define TAMBON_DEMO_GEO_H

#include <stddef.h>

#include "base/arena.h"

struct db;

struct demo_province {
    char code[3];
    const char *name_th, *name_en;
    size_t first_district, ndistricts; /* range in demo_geo.districts */
};

struct demo_district {
    char code[5];
    size_t province; /* index in demo_geo.provinces */
    const char *name_th, *name_en;
    size_t first_sub, nsubs; /* range in demo_geo.subs */
};

struct demo_subdistrict {
    char code[7];
    size_t district; /* index in demo_geo.districts */
    const char *name_th, *name_en;
};

struct demo_geo {
    struct arena *arena; /* owns the arrays and names */
    struct demo_province *provinces;
    struct demo_district *districts;
    struct demo_subdistrict *subs;
    size_t nprovinces, ndistricts, nsubs;
    size_t cap_provinces, cap_districts, cap_subs;
};

/* The province whose LAOs Bangkok does not have (its own law): DOPA code 10. */
#define DEMO_BANGKOK "10"

/* Prepares an empty geography whose memory comes from arena. */
void demo_geo_init(struct demo_geo *g, struct arena *arena);

/*
 * Appends one row. Rows must come in strictly increasing code order, each district after its province
 * and each sub-district after its district (the parent is the last one added): ERR_INVAL otherwise, or
 * when a code has the wrong length or is not all digits. Names are copied.
 */
__attribute__((warn_unused_result)) int demo_geo_add_province(struct demo_geo *g, const char *code,
                                                              const char *name_th, const char *name_en);
__attribute__((warn_unused_result)) int demo_geo_add_district(struct demo_geo *g, const char *code,
                                                              const char *name_th, const char *name_en);
__attribute__((warn_unused_result)) int demo_geo_add_subdistrict(struct demo_geo *g, const char *code,
                                                                 const char *name_th, const char *name_en);

/* Loads the whole geography from db's province, district and subdistrict tables. ERR_NOTFOUND when
 * they are empty (the database was not initialised). */
__attribute__((warn_unused_result)) int demo_geo_load(struct db *db, struct demo_geo *g);

/*
 * Loads the geography compiled into the binary (data/geo: provinces.csv, districts.csv,
 * subdistricts.csv), the same rows `tambon init` seeds: for computations that need no database.
 * ERR_NOTFOUND when a file is missing, ERR_INVAL when a row is malformed or has no parent.
 */
__attribute__((warn_unused_result)) int demo_geo_load_embedded(struct demo_geo *g);

/* Index of the province with this code, or -1. */
long demo_geo_find_province(const struct demo_geo *g, const char *code);

#endif
