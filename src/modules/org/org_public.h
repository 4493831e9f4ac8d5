/*
 * What the public portal shows about local organisations: vacancies by province and LAO, for citizens
 * and job seekers, without sign-in. Only facts that LAOs publish anyway (posts and their status); no
 * personal data.
 */
#ifndef TAMBON_MODULES_ORG_PUBLIC_H
#define TAMBON_MODULES_ORG_PUBLIC_H

#include <jansson.h>

#include "db/db.h"

/*
 * Provinces with LAOs, in Thai order, each {code, name, name_en, laos, vacant}; *total_vacant is the
 * national sum. A new array in *out.
 */
__attribute__((warn_unused_result)) int org_public_provinces(struct db *db, json_t **out, int64_t *total_vacant);

/*
 * The vacant posts of one province, grouped by LAO in Thai order: [{id, name, type_name, district_name,
 * province_name, vacant, positions: [{line_name, level_text, count}]}]. A new array in *out.
 */
__attribute__((warn_unused_result)) int org_public_vacancies(struct db *db, const char *province_code,
                                                             json_t **out);

#endif
