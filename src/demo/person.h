/*
 * One demo person and their career: identity (Thai name with romanisation, title, gender, birth date,
 * a valid national ID), education fitting their line, and a history of employments, appointments and
 * salaries ending in the post they hold today.
 *
 * Realism the generator keeps (and the unit tests check):
 *   - an ageing age pyramid: most civil servants are 45-59, permanent employees older still (the
 *     category is being phased out), contract staff younger; nobody is past their retirement date
 *     (thai_retirement_date with the retirement age in force) on today's date (clock_today());
 *   - careers start after school, advance along the ladder of the line with the usual minimum years
 *     (domain notes §9), are in the old C-grades (cgrade_1..cgrade_11) before 1 April 2015 and are
 *     reclassified to the broadband levels on that day; some civil servants transferred from another
 *     LAO of the province;
 *   - a salary row each year (1 October under the step regime, raises of 0.5-2 steps; from 10 January
 *     2026 two rounds of percentage raises on the band base, rounded up to 10 baht), promotions,
 *     reclassification adjustments; every salary stays inside the range of the level held;
 *   - national IDs are unique by construction: digit 1 is 1 (born 1984 or later) or 3, digits 2-5 the
 *     LAO's district code, digits 6-7 the LAO's ordinal in its district, digits 8-12 a permutation of
 *     the person's serial number in the LAO, digit 13 the check digit (natid_check_digit).
 */
#ifndef TAMBON_DEMO_PERSON_H
#define TAMBON_DEMO_PERSON_H

#include <stdbool.h>
#include <stdint.h>

#include "base/date.h"
#include "demo/catalog.h"
#include "demo/laos.h"
#include "demo/names.h"
#include "demo/org.h"
#include "demo/rng.h"

#define DEMO_MAX_APPOINTMENTS 32
#define DEMO_MAX_SALARIES 128
/* The day the broadband classification replaced the C-grades (1 April 2558). */
#define DEMO_RECLASS_DATE ((struct date){2015, 4, 1})
/* The day the percentage raise regime replaced steps for local staff (10 January 2569). */
#define DEMO_PERCENT_REGIME_DATE ((struct date){2026, 1, 10})

enum demo_gender { DEMO_MALE, DEMO_FEMALE };

struct demo_person {
    char national_id[14];
    const char *title_th;
    const char *first_th, *last_th, *first_en, *last_en;
    enum demo_gender gender;
    struct date birth;
    enum demo_education education;
    const char *field_th; /* NULL when none */
};

/* Which LAO a history row belongs to: the one holding the post today, or the one before a transfer. */
enum demo_where { DEMO_HERE, DEMO_BEFORE };

enum demo_appt_kind { DEMO_APPT_FIRST, DEMO_APPT_PROMOTION, DEMO_APPT_TRANSFER, DEMO_APPT_RECLASS };
enum demo_salary_kind { DEMO_SAL_START, DEMO_SAL_RAISE, DEMO_SAL_PROMOTION, DEMO_SAL_ADJUSTMENT };

struct demo_employment {
    enum demo_where where;
    enum demo_category category;
    struct date start;
    bool ended; /* only the employment before a transfer ends (end_reason 'transferred') */
    struct date end;
};

struct demo_appointment {
    enum demo_where where;
    int employment; /* index in demo_career.employments */
    enum demo_line line;
    enum demo_level level;
    int64_t salary; /* satang at effective_from */
    struct date from;
    bool open; /* effective_to NULL: the current appointment (the post held) */
    struct date to;
    enum demo_appt_kind kind;
};

struct demo_salary_row {
    enum demo_where where;
    struct date date;
    int64_t salary;
    enum demo_salary_kind kind;
    int steps_x2;    /* raise in half steps (1 = 0.5 step) under the step regime, 0 otherwise */
    int percent_x10; /* raise in tenths of a percent under the percentage regime, 0 otherwise */
};

struct demo_career {
    struct demo_employment employments[2];
    int nemployments;
    struct demo_appointment appointments[DEMO_MAX_APPOINTMENTS];
    int nappointments;
    struct demo_salary_row salaries[DEMO_MAX_SALARIES];
    int nsalaries;
};

struct demo_person_ctx {
    const struct demo_catalog *catalog;
    const struct demo_names *names;
    struct date today;
    int retirement_age; /* from the retirement rule set, 60 by default */
};

/* "first", "promotion", "transfer", "reclassification" (appointment.kind). */
const char *demo_appt_kind_code(enum demo_appt_kind k);
/* "start", "raise", "promotion", "adjustment" (salary_history.change_kind). */
const char *demo_salary_kind_code(enum demo_salary_kind k);

/*
 * Writes the national ID of the person with this serial (0..99999) in lao, born in birth_year, into
 * out (13 digits and a NUL). Distinct (lao, serial) pairs give distinct IDs.
 */
void demo_national_id(const struct demo_lao *lao, unsigned serial, int birth_year, char out[14]);

/*
 * Makes the holder of post in lao: person *p and career *c. serial numbers the person within the LAO
 * (national ID). may_transfer says whether another LAO of the province exists to have come from.
 * Strings point into the name lists or static storage.
 */
void demo_person_make(const struct demo_person_ctx *ctx, struct demo_rng *rng, const struct demo_lao *lao,
                      unsigned serial, const struct demo_post *post, bool may_transfer, struct demo_person *p,
                      struct demo_career *c);

#endif
