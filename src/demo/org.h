/*
 * One LAO's organisation as the demo generator invents it: the unit tree (สำนักปลัด and กอง, with ฝ่าย
 * and งาน under the bigger ones) and the numbered positions in each unit, by line and level range,
 * with their status (about 9-10% vacant and 1-2% frozen).
 *
 * Sizes follow the LAO's type and class so that the national total comes to about 480,000 staff in the
 * real proportions (civil servants about 44% including teachers, permanent employees about 11%,
 * contract staff about 45%; domain notes §1): a small อบต. has some thirty posts, a เทศบาลนคร well
 * over a thousand. Everything is drawn from the rng given, so the same stream gives the same
 * organisation.
 */
#ifndef TAMBON_DEMO_ORG_H
#define TAMBON_DEMO_ORG_H

#include <stddef.h>

#include "base/arena.h"
#include "demo/catalog.h"
#include "demo/laos.h"
#include "demo/rng.h"

enum demo_unit_kind { DEMO_UNIT_OFFICE, DEMO_UNIT_DIVISION, DEMO_UNIT_SECTION, DEMO_UNIT_UNIT };

struct demo_unit {
    int parent; /* index in demo_org.units, -1 for a top unit */
    const char *code;
    enum demo_unit_kind kind;
    const char *name_th, *name_en;
    int sort;
};

enum demo_post_status { DEMO_POST_FILLED, DEMO_POST_VACANT, DEMO_POST_FROZEN };

struct demo_post {
    int unit;           /* index in demo_org.units */
    const char *number; /* เลขที่ตำแหน่ง, unique within the LAO */
    enum demo_line line;
    enum demo_level level_min, level_max;
    enum demo_post_status status;
};

struct demo_org {
    struct demo_unit *units;
    size_t nunits;
    struct demo_post *posts;
    size_t nposts;
};

/* "office", "division", "section", "unit" (org_unit.kind). */
const char *demo_unit_kind_code(enum demo_unit_kind k);
/* "filled", "vacant", "frozen" (position.status). */
const char *demo_post_status_code(enum demo_post_status s);

/* Builds the organisation of lao from rng into *org (memory from arena). */
void demo_org_build(const struct demo_lao *lao, struct demo_rng *rng, struct arena *arena,
                    struct demo_org *org);

#endif
