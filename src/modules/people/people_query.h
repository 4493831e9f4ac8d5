/*
 * What signed-in users read about people: head counts for the dashboard and one person's record
 * (details, the post held today, the career timeline and the salary history).
 *
 * As in org_query.h, every function takes the caller's scope: counts take an iam_filter (built with
 * iam_filter_build for the route's permission), the record takes the principal and a permission and
 * answers ERR_PERM when the person is outside the caller's scope (iam_can_see_person) before reading.
 * Results are raw facts (codes, Thai and English names, satang, ISO dates); the web layer turns them
 * into text in the request's language.
 *
 * "Employed on a day" means an employment spell with no end date or one ending on that day or later:
 * the same rule iam uses for scope, so the people counted are the people an official may open.
 */
#ifndef TAMBON_MODULES_PEOPLE_QUERY_H
#define TAMBON_MODULES_PEOPLE_QUERY_H

#include <jansson.h>
#include <stdint.h>

#include "base/date.h"
#include "db/db.h"
#include "modules/iam/iam.h"

/* How many distinct people f lets through are employed on today. */
__attribute__((warn_unused_result)) int people_query_count(struct db *db, const struct iam_filter *f,
                                                           struct date today, int64_t *n);

/*
 * The same people by employment category, in the order of the law (civil servants, permanent
 * employees, mission and general contract staff, teachers), categories without anyone left out: a new
 * array of {category, people}. Someone with spells of two categories counts once in each.
 */
__attribute__((warn_unused_result)) int people_query_by_category(struct db *db, const struct iam_filter *f,
                                                                 struct date today, json_t **out);

/*
 * One person's record, if who may see the person with permission, as a new object:
 *   person:       {id, national_id, title_th, first_name_th, last_name_th, first_name_en, last_name_en,
 *                  gender, birth_date, education_level, education_field}
 *   current:      null, or the person's own appointment (not an acting one) in effect on today:
 *                 {lao_id, lao_th, lao_en, position_number (null when not to a numbered post), line_th,
 *                  line_en, level_th, level_en, category (of its employment spell), since (ISO date the
 *                  appointment took effect), salary_satang (the latest salary_history amount on or
 *                  before today, else the appointment's)}
 *   appointments: every appointment, acting ones included, newest first: [{effective_from,
 *                 effective_to (null while current), lao_id, lao_th, lao_en, line_th, line_en, level_th,
 *                 level_en, kind, salary_satang, order_ref}]
 *   salaries:     the salary history, newest first: [{effective_date, salary_satang, change_kind,
 *                  raise_steps (text or null), raise_percent (number or null), order_ref}]
 * ERR_PERM outside the caller's scope; ERR_NOTFOUND when a caller with nation-wide reach (or oneself)
 * asks for an id that does not exist.
 */
__attribute__((warn_unused_result)) int people_query_record(struct db *db, const struct iam_principal *who,
                                                            const char *permission, int64_t person_id,
                                                            struct date today, json_t **out);

#endif
