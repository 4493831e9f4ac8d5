/*
 * Counts over the national data for `tambon stats` and for scripts: LAOs by type and by province,
 * positions by status (vacancies), and people by employment category (current employments only,
 * end_date NULL). Read-only; the same SQL on both stores.
 */
#ifndef TAMBON_DEMO_STATS_H
#define TAMBON_DEMO_STATS_H

#include <jansson.h>
#include <stdint.h>

struct db;

/*
 * Collects the counts into a new JSON object (the caller releases it with json_decref):
 *   {"laos": N,
 *    "lao_types": [{"code", "name_th", "name_en", "laos"}...]          in lao_type order,
 *    "provinces": [{"code", "name_th", "laos", "positions", "vacant", "people"}...]
 *                                                                     provinces with LAOs, by code,
 *    "positions": {"total", "filled", "vacant", "frozen"},
 *    "people": {"total", "civil_servant", "permanent_employee", "mission_contract",
 *               "general_contract", "teacher"}}
 * people.total counts persons with a current employment; a category counts current employments.
 * Errors are the database's.
 */
__attribute__((warn_unused_result)) int demo_stats_collect(struct db *db, json_t **out);

/* Writes n with thousands separators ("477,432", "-1,000") into out and returns out, for the Thai
 * summaries of `tambon demo` and `tambon stats`. */
const char *demo_format_count(int64_t n, char out[32]);

#endif
