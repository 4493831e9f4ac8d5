/*
 * Public-portal queries over positions and LAOs.
 */
#include "modules/org/org_public.h"

#include <string.h>

#include "db/db_json.h"

int org_public_provinces(struct db *db, json_t **out, int64_t *total_vacant)
{
    struct db_stmt *st;
    int rc = db_prepare(db,
                        "SELECT p.code, p.name_th AS name, p.name_en, count(DISTINCT l.id) AS laos,"
                        " count(ps.id) AS vacant"
                        " FROM province p JOIN lao l ON l.province_code = p.code"
                        " LEFT JOIN position ps ON ps.lao_id = l.id AND ps.status = 'vacant'"
                        " GROUP BY p.code, p.name_th, p.name_en ORDER BY p.name_th",
                        &st);
    if (rc != ERR_OK)
        return rc;
    rc = db_fetch_json(st, "tttii", out);
    db_finalize(st);
    if (rc != ERR_OK)
        return rc;
    int64_t total = 0;
    size_t i;
    json_t *row;
    json_array_foreach(*out, i, row) total += json_integer_value(json_object_get(row, "vacant"));
    *total_vacant = total;
    return ERR_OK;
}

int org_public_vacancies(struct db *db, const char *province_code, json_t **out)
{
    struct db_stmt *st;
    int rc = db_prepare(db,
                        "SELECT l.id, l.name_th AS name, t.abbr_th AS type_name, d.name_th AS district_name,"
                        " pl.name_th AS line_name, lv.name_th AS level_text, count(*) AS n, pr.name_th"
                        " FROM position ps JOIN lao l ON l.id = ps.lao_id"
                        " JOIN lao_type t ON t.code = l.type_code JOIN district d ON d.code = l.district_code"
                        " JOIN province pr ON pr.code = l.province_code"
                        " JOIN position_line pl ON pl.code = ps.line_code"
                        " JOIN position_level lv ON lv.code = ps.level_min"
                        " WHERE ps.status = 'vacant' AND l.province_code = $1"
                        " GROUP BY l.id, l.name_th, t.abbr_th, d.name_th, pl.name_th, lv.name_th, lv.rank, pr.name_th"
                        " ORDER BY l.name_th, l.id, pl.name_th, lv.rank",
                        &st);
    if (rc != ERR_OK)
        return rc;
    rc = db_bind_text(st, 1, province_code);
    json_t *laos = json_array(), *cur = NULL;
    int64_t cur_id = 0;
    while (rc == ERR_OK && (rc = db_step(st)) == DB_ROW) {
        int64_t id = db_column_int64(st, 0);
        if (!cur || id != cur_id) {
            cur = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:[]}", "id", (json_int_t)id, "name",
                            db_column_text(st, 1), "type_name", db_column_text(st, 2), "district_name",
                            db_column_text(st, 3), "province_name", db_column_text(st, 7), "vacant", (json_int_t)0,
                            "positions");
            json_array_append_new(laos, cur);
            cur_id = id;
        }
        int64_t n = db_column_int64(st, 6);
        json_array_append_new(json_object_get(cur, "positions"),
                              json_pack("{s:s, s:s, s:I}", "line_name", db_column_text(st, 4), "level_text",
                                        db_column_text(st, 5), "count", (json_int_t)n));
        json_object_set_new(cur, "vacant", json_integer(json_integer_value(json_object_get(cur, "vacant")) + n));
        rc = ERR_OK;
    }
    db_finalize(st);
    if (rc != ERR_OK) {
        json_decref(laos);
        return rc;
    }
    *out = laos;
    return ERR_OK;
}
