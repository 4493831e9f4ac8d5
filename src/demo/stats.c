/*
 * Counts for `tambon stats` (see stats.h).
 */
#include "demo/stats.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "db/db.h"

static int lao_types(struct db *db, json_t *root)
{
    struct db_stmt *st = NULL;
    json_t *arr = json_array();
    json_object_set_new(root, "lao_types", arr);
    int rc = db_prepare(db,
                        "SELECT t.code, t.name_th, t.name_en, count(l.id) FROM lao_type t "
                        "LEFT JOIN lao l ON l.type_code = t.code "
                        "GROUP BY t.code, t.name_th, t.name_en, t.sort ORDER BY t.sort, t.code",
                        &st);
    int64_t total = 0;
    if (rc == ERR_OK)
        while ((rc = db_step(st)) == DB_ROW) {
            int64_t n = db_column_int64(st, 3);
            total += n;
            json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:I}", "code", db_column_text(st, 0),
                                                 "name_th", db_column_text(st, 1), "name_en",
                                                 db_column_text(st, 2), "laos", (json_int_t)n));
        }
    json_object_set_new(root, "laos", json_integer(total));
    db_finalize(st);
    return rc;
}

/* Adds key = column 1 of each (province_code, n) row to the matching province object. */
static int per_province(struct db *db, json_t *provinces, const char *sql, const char *const *keys, int nkeys)
{
    struct db_stmt *st = NULL;
    int rc = db_prepare(db, sql, &st);
    size_t at = 0;
    if (rc == ERR_OK)
        while ((rc = db_step(st)) == DB_ROW) {
            const char *code = db_column_text(st, 0);
            /* Both lists are in code order: walk forward to the match. */
            while (at < json_array_size(provinces) &&
                   strcmp(json_string_value(json_object_get(json_array_get(provinces, at), "code")), code) <
                       0)
                at++;
            json_t *p = json_array_get(provinces, at);
            if (!p || strcmp(json_string_value(json_object_get(p, "code")), code) != 0)
                continue;
            for (int k = 0; k < nkeys; k++)
                json_object_set_new(p, keys[k], json_integer(db_column_int64(st, k + 1)));
        }
    db_finalize(st);
    return rc;
}

static int provinces(struct db *db, json_t *root)
{
    struct db_stmt *st = NULL;
    json_t *arr = json_array();
    json_object_set_new(root, "provinces", arr);
    int rc = db_prepare(
        db,
        "SELECT p.code, p.name_th, count(l.id) FROM province p JOIN lao l ON l.province_code = p.code "
        "GROUP BY p.code, p.name_th ORDER BY p.code",
        &st);
    if (rc == ERR_OK)
        while ((rc = db_step(st)) == DB_ROW)
            json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:i, s:i, s:i}", "code",
                                                 db_column_text(st, 0), "name_th", db_column_text(st, 1),
                                                 "laos", (json_int_t)db_column_int64(st, 2), "positions", 0,
                                                 "vacant", 0, "people", 0));
    db_finalize(st);
    static const char *const pos_keys[] = {"positions", "vacant"};
    static const char *const people_keys[] = {"people"};
    if (rc == ERR_OK)
        rc = per_province(
            db, arr,
            "SELECT l.province_code, count(*), "
            "sum(CASE WHEN ps.status = 'vacant' THEN 1 ELSE 0 END) "
            "FROM position ps JOIN lao l ON l.id = ps.lao_id GROUP BY l.province_code ORDER BY 1",
            pos_keys, 2);
    if (rc == ERR_OK)
        rc = per_province(db, arr,
                          "SELECT l.province_code, count(DISTINCT e.person_id) FROM employment e "
                          "JOIN lao l ON l.id = e.lao_id WHERE e.end_date IS NULL "
                          "GROUP BY l.province_code ORDER BY 1",
                          people_keys, 1);
    return rc;
}

/* {"k1": 0, ...} filled from (key, n) rows; keys outside the list are ignored. */
static int counts_by(struct db *db, const char *sql, const char *const *keys, json_t *obj)
{
    for (const char *const *k = keys; *k; k++)
        json_object_set_new(obj, *k, json_integer(0));
    struct db_stmt *st = NULL;
    int rc = db_prepare(db, sql, &st);
    if (rc == ERR_OK)
        while ((rc = db_step(st)) == DB_ROW) {
            const char *key = db_column_text(st, 0);
            if (key && json_object_get(obj, key))
                json_object_set_new(obj, key, json_integer(db_column_int64(st, 1)));
        }
    db_finalize(st);
    return rc;
}

int demo_stats_collect(struct db *db, json_t **out)
{
    static const char *const statuses[] = {"filled", "vacant", "frozen", NULL};
    static const char *const categories[] = {
        "civil_servant", "permanent_employee", "mission_contract", "general_contract", "teacher", NULL};
    json_t *root = json_object();
    json_t *positions = json_object(), *people = json_object();
    json_object_set_new(root, "positions", positions);
    json_object_set_new(root, "people", people);
    int rc = lao_types(db, root);
    if (rc == ERR_OK)
        rc = provinces(db, root);
    if (rc == ERR_OK)
        rc = counts_by(db, "SELECT status, count(*) FROM position GROUP BY status", statuses, positions);
    if (rc == ERR_OK)
        rc = counts_by(db,
                       "SELECT category, count(*) FROM employment WHERE end_date IS NULL GROUP BY category",
                       categories, people);
    if (rc == ERR_OK) {
        json_int_t total = 0;
        for (const char *const *s = statuses; *s; s++)
            total += json_integer_value(json_object_get(positions, *s));
        json_object_set_new(positions, "total", json_integer(total));
        int64_t persons = 0;
        rc = db_query_int64(db, &persons,
                            "SELECT count(DISTINCT person_id) FROM employment WHERE end_date IS NULL", "");
        json_object_set_new(people, "total", json_integer(persons));
    }
    if (rc != ERR_OK) {
        json_decref(root);
        return rc;
    }
    *out = root;
    return ERR_OK;
}

const char *demo_format_count(int64_t n, char out[32])
{
    char digits[24];
    uint64_t magnitude = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    int len = snprintf(digits, sizeof digits, "%" PRIu64, magnitude);
    size_t o = 0;
    if (n < 0)
        out[o++] = '-';
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return out;
}
