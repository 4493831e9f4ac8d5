/*
 * The national list of LAOs the demo generator invents on the real geography. The real list and its
 * codes are not public data we hold, so we build a realistic one (domain notes §1, DLA counts of 2563):
 *   - one อบจ. (pao) per province, none in Bangkok (its own law);
 *   - 30 เทศบาลนคร (city) and 190 เทศบาลเมือง (town) at district seats: every province seat has one, the
 *     rest go to the districts with the most sub-districts;
 *   - เมืองพัทยา in Bang Lamung, Chon Buri (district 2004);
 *   - one อบต. (sao) or เทศบาลตำบล (subdistrict_municipality) per remaining sub-district, with as many
 *     เทศบาลตำบล sharing a sub-district with an อบต. as it takes to reach 2,242 เทศบาลตำบล and 5,312 อบต.
 *     (a sub-district seat of a municipality is covered by it and has no อบต.).
 *
 * The plan depends only on the geography, never on the seed: LAO codes, types and size classes are the
 * same in every demo database, at every scale. Codes are a type digit (1 pao, 2 city, 3 town,
 * 4 เทศบาลตำบล, 5 อบต., 6 Pattaya) followed by the six-digit sub-district code where the LAO sits (for a
 * pao, its province code and "0000"), so they are unique and stable.
 */
#ifndef TAMBON_DEMO_LAOS_H
#define TAMBON_DEMO_LAOS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "demo/geo.h"

enum demo_lao_type {
    DEMO_PAO,
    DEMO_CITY,
    DEMO_TOWN,
    DEMO_SUBDISTRICT_MUNI,
    DEMO_SAO,
    DEMO_PATTAYA,
    DEMO_LAO_TYPES
};

enum demo_size { DEMO_LARGE, DEMO_MEDIUM, DEMO_SMALL, DEMO_SIZES };

/* The national counts the plan reproduces (DLA, 5 June 2563). */
#define DEMO_TARGET_CITY 30
#define DEMO_TARGET_TOWN 190
#define DEMO_TARGET_SUBDISTRICT_MUNI 2242
#define DEMO_TARGET_SAO 5312
/* Bang Lamung district, Chon Buri: home of เมืองพัทยา. */
#define DEMO_PATTAYA_DISTRICT "2004"

#define DEMO_LAO_CODE_LEN 7

struct demo_lao {
    char code[DEMO_LAO_CODE_LEN + 1];
    enum demo_lao_type type;
    enum demo_size size;
    const char *name_th, *name_en;
    size_t province, district; /* indexes in the geography */
    char district_code[5];     /* DOPA code of the district */
    long sub;                  /* index of the sub-district, -1 for a pao */
    bool schools;              /* runs schools or child development centres with teachers */
    unsigned ordinal;          /* 0.. among the LAOs of its district (national IDs use it) */
};

/* "pao", "city", "town", "subdistrict_municipality", "sao", "pattaya" (lao_type.code). */
const char *demo_lao_type_code(enum demo_lao_type t);
/* "large", "medium", "small" (lao.size_class). */
const char *demo_size_code(enum demo_size s);

/*
 * Builds the national plan from g into *out (memory from arena), ordered by province, then district,
 * then sub-district, and within a place pao, municipality, เทศบาลตำบล, อบต. ERR_INVAL when the
 * geography cannot hold it (more than 100 LAOs in one district).
 */
__attribute__((warn_unused_result)) int demo_lao_plan(const struct demo_geo *g, struct arena *arena,
                                                      struct demo_lao **out, size_t *n);

#endif
