/*
 * People: persons (identified by their 13-digit national ID), their employment spells with a LAO,
 * their effective-dated appointments to positions and their salary history. Appointments are never
 * overwritten: a change closes the current row (effective_to) and opens a new one, so "what was this
 * person's position and pay on that date?" always has an answer.
 *
 * People has no reference data to seed; its tables are filled by imports, the demo generator and the
 * web forms of later capabilities.
 */
#ifndef TAMBON_MODULES_PEOPLE_PEOPLE_H
#define TAMBON_MODULES_PEOPLE_PEOPLE_H

#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"
#include "db/db.h"

struct people_appointment {
    int64_t id, person_id, employment_id, lao_id;
    int64_t position_id; /* 0 when the appointment is not to a numbered position */
    const char *line_code, *level_code, *kind;
    int64_t salary_satang;
    const char *effective_from;
    const char *effective_to; /* NULL while current */
    const char *order_ref;    /* may be NULL */
};

/* The id of the person with this national ID (13 digits, as stored); ERR_NOTFOUND when none. */
__attribute__((warn_unused_result)) int people_person_id(struct db *db, const char *national_id, int64_t *id);

/*
 * The appointment of a person in effect on a date: effective_from <= on and (effective_to is NULL or
 * on <= effective_to), acting appointments (รักษาราชการแทน) left out since they do not change a
 * person's own position. When spells overlap (a transfer day), the one that started last wins.
 * Strings are allocated from a. ERR_NOTFOUND when the person held no appointment that day.
 */
__attribute__((warn_unused_result)) int people_appointment_on(struct db *db, int64_t person_id,
                                                              struct date on, struct arena *a,
                                                              struct people_appointment *out);

#endif
