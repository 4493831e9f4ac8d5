/*
 * `tambon demo`: fills a database with a realistic, deterministic national HR dataset on the real
 * geography: LAOs (laos.h), their units and positions (org.h), and the people holding them with their
 * employments, appointments and salary histories (person.h).
 *
 * Deterministic: everything is drawn from the seed, by LAO (each LAO has its own streams keyed by its
 * code), so the same seed and scale give the same rows, with the same ids, on SQLite and PostgreSQL.
 *
 * Bounded memory and one pass per table: rows are streamed with db_copy (COPY on PostgreSQL), one
 * table at a time because a PostgreSQL connection runs one COPY at a time. Each pass walks the LAOs in
 * order and regenerates each LAO's organisation and people from its streams (cheap next to writing),
 * so at most one LAO's data is in memory and ids agree between passes. Everything runs in one
 * transaction: a failed or interrupted run leaves nothing behind.
 */
#ifndef TAMBON_DEMO_DEMO_H
#define TAMBON_DEMO_DEMO_H

#include <stdbool.h>
#include <stdint.h>

struct db;

enum demo_scale {
    DEMO_SCALE_LAO,      /* one เทศบาลตำบล of the province */
    DEMO_SCALE_PROVINCE, /* every LAO of one province */
    DEMO_SCALE_NATIONAL, /* every LAO of the country, about 7,850 */
};

/* Phitsanulok: a mid-sized province (9 districts, 93 sub-districts), the default for two scales. */
#define DEMO_DEFAULT_PROVINCE "65"

struct demo_options {
    enum demo_scale scale;
    uint64_t seed;
    const char *province; /* DOPA code for the lao and province scales; NULL: DEMO_DEFAULT_PROVINCE */
    bool replace;         /* delete existing LAOs and people first (same transaction) */
};

struct demo_counts {
    int64_t laos, units, positions, people, employments, appointments, salaries;
    int lines_replaced; /* catalogue lines missing from the database (demo_catalog) */
};

/* Parses "lao", "province" or "national"; ERR_INVAL otherwise. */
__attribute__((warn_unused_result)) int demo_parse_scale(const char *s, enum demo_scale *out);

/*
 * Generates into db, which must be initialised (migrations applied, reference data loaded).
 * ERR_EXISTS when db already has LAOs and opt->replace is false (nothing is changed); ERR_NOTFOUND
 * when the province does not exist, is Bangkok (no LAOs) or the database lacks reference data;
 * otherwise the database's error, the transaction rolled back. *counts (may be NULL) receives what was
 * written.
 */
__attribute__((warn_unused_result)) int demo_generate(struct db *db, const struct demo_options *opt,
                                                      struct demo_counts *counts);

#endif
