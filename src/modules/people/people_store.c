/*
 * People persistence: look-ups by national ID and effective-dated appointments. The only file of the
 * people module that speaks SQL.
 */
#include "modules/people/people.h"

static const char *dup_or_null(struct arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

int people_person_id(struct db *db, const char *national_id, int64_t *id)
{
    return db_query_int64(db, id, "SELECT id FROM person WHERE national_id = $1", "t", national_id);
}

int people_appointment_on(struct db *db, int64_t person_id, struct date on, struct arena *a,
                          struct people_appointment *out)
{
    struct db_stmt *st = NULL;
    char day[DATE_ISO_LEN + 1];
    if (!date_valid(on))
        return ERR_INVAL;
    date_format_iso(on, day);
    int rc =
        db_prepare(db,
                   "SELECT id, person_id, employment_id, lao_id, position_id, line_code, level_code, kind,"
                   " salary_satang, effective_from, effective_to, order_ref"
                   " FROM appointment"
                   " WHERE person_id = $1 AND kind <> 'acting' AND effective_from <= $2"
                   " AND (effective_to IS NULL OR effective_to >= $2)"
                   " ORDER BY effective_from DESC, id DESC LIMIT 1",
                   &st);
    if (rc == ERR_OK)
        rc = db_bind_int64(st, 1, person_id);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 2, day);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        out->id = db_column_int64(st, 0);
        out->person_id = db_column_int64(st, 1);
        out->employment_id = db_column_int64(st, 2);
        out->lao_id = db_column_int64(st, 3);
        out->position_id = db_column_int64(st, 4);
        out->line_code = arena_strdup(a, db_column_text(st, 5));
        out->level_code = arena_strdup(a, db_column_text(st, 6));
        out->kind = arena_strdup(a, db_column_text(st, 7));
        out->salary_satang = db_column_int64(st, 8);
        out->effective_from = arena_strdup(a, db_column_text(st, 9));
        out->effective_to = dup_or_null(a, db_column_text(st, 10));
        out->order_ref = dup_or_null(a, db_column_text(st, 11));
        rc = ERR_OK;
    } else if (rc == ERR_OK) {
        rc = ERR_NOTFOUND;
    }
    db_finalize(st);
    return rc;
}
