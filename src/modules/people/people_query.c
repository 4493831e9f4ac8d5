/*
 * Queries of the signed-in pages over people (see people_query.h): scoped head counts and one
 * person's record. The only SQL of these pages about people.
 */
#include "modules/people/people_query.h"

#include <string.h>

#include "base/buf.h"
#include "db/db_json.h"

/* Where these queries keep a row's province, LAO and person: lao l, employment e. */
static const struct iam_filter_columns EMPLOYMENT_COLS = {"l.province_code", "e.lao_id", "e.person_id"};

#define SQL_MAX 8192

/*
 * Prepares head || scope predicate || tail, with $1 bound to day and the predicate's placeholders from
 * $2 on.
 */
static int prepare_employed(struct db *db, const struct iam_filter *f, const char *day, const char *head,
                            const char *tail, struct db_stmt **st)
{
    struct buf sql;
    buf_init(&sql, SQL_MAX);
    *st = NULL;
    int rc = buf_appends(&sql, head);
    if (rc == ERR_OK)
        rc = iam_filter_sql(f, &EMPLOYMENT_COLS, 2, &sql, NULL);
    if (rc == ERR_OK)
        rc = buf_appends(&sql, tail);
    if (rc == ERR_OK)
        rc = db_prepare(db, buf_str(&sql), st);
    if (rc == ERR_OK)
        rc = db_bind_text(*st, 1, day);
    if (rc == ERR_OK)
        rc = iam_filter_bind(f, &EMPLOYMENT_COLS, *st, 2);
    if (rc != ERR_OK) {
        db_finalize(*st);
        *st = NULL;
    }
    buf_release(&sql);
    return rc;
}

int people_query_count(struct db *db, const struct iam_filter *f, struct date today, int64_t *n)
{
    *n = 0;
    if (!date_valid(today))
        return ERR_INVAL;
    char day[DATE_ISO_LEN + 1];
    date_format_iso(today, day);
    struct db_stmt *st;
    int rc =
        prepare_employed(db, f, day,
                         "SELECT count(DISTINCT e.person_id) FROM employment e JOIN lao l ON l.id = e.lao_id"
                         " WHERE (e.end_date IS NULL OR e.end_date >= $1) AND ",
                         "", &st);
    if (rc != ERR_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        *n = db_column_int64(st, 0);
        rc = ERR_OK;
    }
    db_finalize(st);
    return rc;
}

int people_query_by_category(struct db *db, const struct iam_filter *f, struct date today, json_t **out)
{
    if (!date_valid(today))
        return ERR_INVAL;
    char day[DATE_ISO_LEN + 1];
    date_format_iso(today, day);
    struct db_stmt *st;
    int rc = prepare_employed(db, f, day,
                              "SELECT e.category, count(DISTINCT e.person_id) AS people"
                              " FROM employment e JOIN lao l ON l.id = e.lao_id"
                              " WHERE (e.end_date IS NULL OR e.end_date >= $1) AND ",
                              " GROUP BY e.category ORDER BY CASE e.category WHEN 'civil_servant' THEN 1"
                              " WHEN 'permanent_employee' THEN 2 WHEN 'mission_contract' THEN 3"
                              " WHEN 'general_contract' THEN 4 WHEN 'teacher' THEN 5 ELSE 6 END, e.category",
                              &st);
    if (rc != ERR_OK)
        return rc;
    rc = db_fetch_json(st, "ti", out);
    db_finalize(st);
    return rc;
}

/* Runs a query with $1 the person and (when day is not NULL) $2 the day, into a new array. */
static int person_rows(struct db *db, const char *sql, int64_t person_id, const char *day, const char *types,
                       json_t **out)
{
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);
    if (rc != ERR_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    if (rc == ERR_OK && day)
        rc = db_bind_text(st, 2, day);
    if (rc == ERR_OK)
        rc = db_fetch_json(st, types, out);
    db_finalize(st);
    return rc;
}

int people_query_record(struct db *db, const struct iam_principal *who, const char *permission,
                        int64_t person_id, struct date today, json_t **out)
{
    if (!date_valid(today))
        return ERR_INVAL;
    int rc = iam_can_see_person(db, who, permission, person_id);
    if (rc != ERR_OK)
        return rc;
    char day[DATE_ISO_LEN + 1];
    date_format_iso(today, day);
    json_t *person = NULL, *current = NULL, *appointments = NULL, *salaries = NULL;

    rc = person_rows(
        db,
        "SELECT id, national_id, title_th, first_name_th, last_name_th, first_name_en, last_name_en,"
        " gender, birth_date, education_level, education_field FROM person WHERE id = $1",
        person_id, NULL, "itttttttttt", &person);
    if (rc == ERR_OK && json_array_size(person) == 0)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        rc = person_rows(
            db,
            "SELECT a.lao_id, l.name_th AS lao_th, l.name_en AS lao_en, ps.number AS position_number,"
            " pl.name_th AS line_th, pl.name_en AS line_en, lv.name_th AS level_th,"
            " lv.name_en AS level_en, e.category, a.effective_from AS since,"
            " coalesce((SELECT s.salary_satang FROM salary_history s WHERE s.person_id = a.person_id"
            " AND s.effective_date <= $2 ORDER BY s.effective_date DESC, s.id DESC LIMIT 1),"
            " a.salary_satang) AS salary_satang"
            " FROM appointment a JOIN employment e ON e.id = a.employment_id"
            " JOIN lao l ON l.id = a.lao_id JOIN position_line pl ON pl.code = a.line_code"
            " JOIN position_level lv ON lv.code = a.level_code"
            " LEFT JOIN position ps ON ps.id = a.position_id"
            " WHERE a.person_id = $1 AND a.kind <> 'acting' AND a.effective_from <= $2"
            " AND (a.effective_to IS NULL OR a.effective_to >= $2)"
            " ORDER BY a.effective_from DESC, a.id DESC LIMIT 1",
            person_id, day, "ittttttttti", &current);
    if (rc == ERR_OK)
        rc = person_rows(
            db,
            "SELECT a.effective_from, a.effective_to, a.lao_id, l.name_th AS lao_th,"
            " l.name_en AS lao_en, pl.name_th AS line_th, pl.name_en AS line_en,"
            " lv.name_th AS level_th, lv.name_en AS level_en, a.kind, a.salary_satang, a.order_ref"
            " FROM appointment a JOIN lao l ON l.id = a.lao_id"
            " JOIN position_line pl ON pl.code = a.line_code"
            " JOIN position_level lv ON lv.code = a.level_code"
            " WHERE a.person_id = $1 ORDER BY a.effective_from DESC, a.id DESC",
            person_id, NULL, "ttitttttttit", &appointments);
    if (rc == ERR_OK)
        rc = person_rows(
            db,
            "SELECT effective_date, salary_satang, change_kind, raise_steps, raise_percent, order_ref"
            " FROM salary_history WHERE person_id = $1 ORDER BY effective_date DESC, id DESC",
            person_id, NULL, "tittdt", &salaries);
    if (rc == ERR_OK) {
        json_t *cur = json_array_get(current, 0);
        *out = json_pack("{s:O, s:O, s:O, s:O}", "person", json_array_get(person, 0), "current",
                         cur ? cur : json_null(), "appointments", appointments, "salaries", salaries);
    }
    json_decref(person);
    json_decref(current);
    json_decref(appointments);
    json_decref(salaries);
    return rc;
}
