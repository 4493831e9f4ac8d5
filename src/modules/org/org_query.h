/*
 * What signed-in officials read about organisations: counts for the dashboard, the LAO directory
 * with its filters and pages, and one LAO's details, unit tree and positions with their holders.
 *
 * Every function takes the caller's scope, so no handler can forget it: list queries take an
 * iam_filter (built by the caller with iam_filter_build for the route's permission) and add its
 * predicate to their WHERE clause; functions about one LAO take the principal and a permission and
 * answer ERR_PERM when the LAO is outside the caller's scope (iam_can_see_lao) before reading it.
 *
 * Results are raw facts as JSON (codes, Thai and English names, counts, ISO dates): display text in
 * the request's language (translated statuses, BE dates, baht) is the web layer's job. A name column
 * comes as "<x>_th" and "<x>_en" (the English one null when the data has none). "Today" is a
 * parameter so that a request asks every question about the same day.
 */
#ifndef TAMBON_MODULES_ORG_QUERY_H
#define TAMBON_MODULES_ORG_QUERY_H

#include <jansson.h>
#include <stdint.h>

#include "base/date.h"
#include "db/db.h"
#include "modules/iam/iam.h"

/* Counts of LAOs and positions in a scope. */
struct org_counts {
    int64_t laos;      /* LAOs */
    int64_t positions; /* posts of every status */
    int64_t vacant;    /* posts with status 'vacant' */
    int64_t frozen;    /* posts with status 'frozen' */
};

/* The LAOs and positions that f lets through. */
__attribute__((warn_unused_result)) int org_query_counts(struct db *db, const struct iam_filter *f,
                                                         struct org_counts *out);

/*
 * LAOs in f's scope by type, in the legal order of the types (lao_type.sort), types without LAOs left
 * out: a new array of {type_code, name_th, abbr_th, name_en, laos}.
 */
__attribute__((warn_unused_result)) int org_query_laos_by_type(struct db *db, const struct iam_filter *f,
                                                               json_t **out);

/*
 * The provinces that hold at least one LAO in f's scope, in Thai order: a new array of {code, name_th,
 * name_en}. This is what a province filter may offer the caller.
 */
__attribute__((warn_unused_result)) int org_query_provinces(struct db *db, const struct iam_filter *f,
                                                            json_t **out);

/* One province: a new object {code, name_th, name_en}; ERR_NOTFOUND when the code does not exist. */
__attribute__((warn_unused_result)) int org_query_province(struct db *db, const char *code, json_t **out);

/* Every LAO type in legal order: a new array of {code, name_th, abbr_th, name_en}. */
__attribute__((warn_unused_result)) int org_query_lao_types(struct db *db, json_t **out);

/* Most LAOs one directory page may hold. */
#define ORG_QUERY_PAGE_MAX 200

/* The LAO directory's own filters, on top of the scope. */
struct org_lao_filter {
    const char *province; /* DOPA province code, or NULL for every province */
    const char *type;     /* lao_type.code, or NULL for every type */
};

/* How many LAOs the directory lists for f and lf. */
__attribute__((warn_unused_result)) int org_query_lao_count(struct db *db, const struct iam_filter *f,
                                                            const struct org_lao_filter *lf, int64_t *total);

/*
 * One page of the LAO directory for f and lf in Thai order of the LAO names (then id, so pages never
 * overlap): at most limit (1..ORG_QUERY_PAGE_MAX) rows after skipping offset (>= 0), as a new array of
 * {id, code, name_th, name_en, type_abbr_th, type_name_en, province_code, province_th, province_en,
 * district_th, district_en, positions, vacant, people}; people counts those employed there on today.
 * ERR_INVAL for a limit or offset out of range.
 */
__attribute__((warn_unused_result)) int org_query_lao_page(struct db *db, const struct iam_filter *f,
                                                           const struct org_lao_filter *lf, struct date today,
                                                           int64_t limit, int64_t offset, json_t **out);

/*
 * One LAO, if who may see it with permission: a new object {id, code, name_th, name_en, type_code,
 * type_th, type_en, size_class, province_code, province_th, province_en, district_th, district_en,
 * subdistrict_th, subdistrict_en (null when the LAO has no sub-district)}. ERR_PERM outside the
 * caller's scope, ERR_NOTFOUND when a caller with nation-wide reach asks for an id that does not exist.
 */
__attribute__((warn_unused_result)) int org_query_lao(struct db *db, const struct iam_principal *who,
                                                      const char *permission, int64_t lao_id, json_t **out);

/*
 * The unit tree of one LAO (scope as for org_query_lao), depth first: each parent before its children,
 * siblings by their sort key, then name. A new array of {id, name_th, name_en, depth, positions,
 * vacant}: depth 0 for a top unit (สำนัก/กอง), 1 for its ฝ่าย, 2 for anything deeper; positions and
 * vacant count the posts of the unit and of every unit under it. Units whose parent chain does not
 * reach a top unit (a cycle the schema cannot rule out) are listed last at depth 0.
 */
__attribute__((warn_unused_result)) int org_query_lao_units(struct db *db, const struct iam_principal *who,
                                                            const char *permission, int64_t lao_id,
                                                            json_t **out);

/*
 * The positions of one LAO (scope as for org_query_lao) in order of their numbers: a new array of
 * {id, number, unit_th, unit_en, line_th, line_en, level_min_th, level_min_en, level_max_th,
 * level_max_en, status, holder_id, holder_title_th, holder_first_th, holder_last_th}. The holder is the
 * person whose own appointment (not an acting one) to the post is in effect on today; the holder
 * fields are null when there is none.
 */
__attribute__((warn_unused_result)) int org_query_lao_positions(struct db *db,
                                                                const struct iam_principal *who,
                                                                const char *permission, int64_t lao_id,
                                                                struct date today, json_t **out);

/* How many people are employed by the LAO on today (scope as for org_query_lao). */
__attribute__((warn_unused_result)) int org_query_lao_staff(struct db *db, const struct iam_principal *who,
                                                            const char *permission, int64_t lao_id,
                                                            struct date today, int64_t *n);

#endif
