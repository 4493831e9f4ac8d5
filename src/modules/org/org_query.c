/*
 * Queries of the signed-in pages over LAOs, units and positions (see org_query.h). The only SQL of
 * these pages about organisations; every list query carries the caller's scope filter, every query
 * about one LAO checks the caller's scope first.
 */
#include "modules/org/org_query.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "db/db_json.h"

/* Where LAO queries keep a row's province and LAO id (alias l for lao). A LAO has no person. */
static const struct iam_filter_columns LAO_COLS = {"l.province_code", "l.id", NULL};

/* Largest SQL text these queries build. */
#define SQL_MAX 8192

/* Placeholder numbers of a LAO directory predicate (0: that part is absent). */
struct where_params {
    int first;       /* the scope predicate's first placeholder */
    int province_at; /* l.province_code = $n */
    int type_at;     /* l.type_code = $n */
    int next;        /* the first number after the predicate */
};

/*
 * Appends the scope predicate of f and, when lf is not NULL, the directory's own filters, numbering
 * placeholders from first. Column names come from this file only; values are bound by where_bind.
 */
static int where_sql(struct buf *sql, const struct iam_filter *f, const struct org_lao_filter *lf, int first,
                     struct where_params *p)
{
    *p = (struct where_params){first, 0, 0, first};
    int rc = iam_filter_sql(f, &LAO_COLS, first, sql, &p->next);
    if (rc == ERR_OK && lf && lf->province) {
        p->province_at = p->next++;
        rc = buf_printf(sql, " AND l.province_code = $%d", p->province_at);
    }
    if (rc == ERR_OK && lf && lf->type) {
        p->type_at = p->next++;
        rc = buf_printf(sql, " AND l.type_code = $%d", p->type_at);
    }
    return rc;
}

/* Binds what where_sql wrote. */
static int where_bind(struct db_stmt *st, const struct iam_filter *f, const struct org_lao_filter *lf,
                      const struct where_params *p)
{
    int rc = iam_filter_bind(f, &LAO_COLS, st, p->first);
    if (rc == ERR_OK && p->province_at)
        rc = db_bind_text(st, p->province_at, lf->province);
    if (rc == ERR_OK && p->type_at)
        rc = db_bind_text(st, p->type_at, lf->type);
    return rc;
}

/*
 * Prepares head || predicate || tail with the predicate's placeholders from first and binds them; the
 * caller binds any other placeholders (numbered below first, or from p->next on in tail).
 */
static int prepare_where(struct db *db, const struct iam_filter *f, const struct org_lao_filter *lf,
                         int first, const char *head, const char *tail, struct db_stmt **st,
                         struct where_params *p)
{
    struct buf sql;
    buf_init(&sql, SQL_MAX);
    *st = NULL;
    int rc = buf_appends(&sql, head);
    if (rc == ERR_OK)
        rc = where_sql(&sql, f, lf, first, p);
    if (rc == ERR_OK)
        rc = buf_appends(&sql, tail);
    if (rc == ERR_OK)
        rc = db_prepare(db, buf_str(&sql), st);
    if (rc == ERR_OK)
        rc = where_bind(*st, f, lf, p);
    if (rc != ERR_OK) {
        db_finalize(*st);
        *st = NULL;
    }
    buf_release(&sql);
    return rc;
}

/* Steps st to its first row and reads n integer columns into out (zeros when there is no row). */
static int fetch_ints(struct db_stmt *st, int64_t *out, int n)
{
    int rc = db_step(st);
    for (int i = 0; i < n; i++)
        out[i] = rc == DB_ROW ? db_column_int64(st, i) : 0;
    return rc == DB_ROW || rc == ERR_OK ? ERR_OK : rc;
}

/* Steps st to the end into a new array (types as for db_fetch_json) and finalizes it. */
static int fetch_all(struct db_stmt *st, const char *types, json_t **out)
{
    int rc = db_fetch_json(st, types, out);
    db_finalize(st);
    return rc;
}

int org_query_counts(struct db *db, const struct iam_filter *f, struct org_counts *out)
{
    struct db_stmt *st = NULL;
    struct where_params p;
    int64_t v[3] = {0, 0, 0};
    *out = (struct org_counts){0, 0, 0, 0};
    int rc = prepare_where(db, f, NULL, 1, "SELECT count(*) FROM lao l WHERE ", "", &st, &p);
    if (rc == ERR_OK)
        rc = fetch_ints(st, &out->laos, 1);
    db_finalize(st);
    if (rc != ERR_OK)
        return rc;
    rc = prepare_where(db, f, NULL, 1,
                       "SELECT count(*),"
                       " coalesce(sum(CASE WHEN ps.status = 'vacant' THEN 1 ELSE 0 END), 0),"
                       " coalesce(sum(CASE WHEN ps.status = 'frozen' THEN 1 ELSE 0 END), 0)"
                       " FROM position ps JOIN lao l ON l.id = ps.lao_id WHERE ",
                       "", &st, &p);
    if (rc == ERR_OK)
        rc = fetch_ints(st, v, 3);
    db_finalize(st);
    if (rc == ERR_OK) {
        out->positions = v[0];
        out->vacant = v[1];
        out->frozen = v[2];
    }
    return rc;
}

int org_query_laos_by_type(struct db *db, const struct iam_filter *f, json_t **out)
{
    struct db_stmt *st;
    struct where_params p;
    int rc = prepare_where(
        db, f, NULL, 1,
        "SELECT t.code AS type_code, t.name_th, t.abbr_th, t.name_en, count(l.id) AS laos"
        " FROM lao_type t JOIN lao l ON l.type_code = t.code WHERE ",
        " GROUP BY t.code, t.name_th, t.abbr_th, t.name_en, t.sort ORDER BY t.sort, t.code", &st, &p);
    return rc == ERR_OK ? fetch_all(st, "tttti", out) : rc;
}

int org_query_provinces(struct db *db, const struct iam_filter *f, json_t **out)
{
    struct db_stmt *st;
    struct where_params p;
    int rc = prepare_where(db, f, NULL, 1,
                           "SELECT p.code, p.name_th, p.name_en FROM province p"
                           " WHERE EXISTS (SELECT 1 FROM lao l WHERE l.province_code = p.code AND ",
                           ") ORDER BY p.name_th, p.code", &st, &p);
    return rc == ERR_OK ? fetch_all(st, "ttt", out) : rc;
}

/* The first row of st (already bound) as a new object in *out; ERR_NOTFOUND when there is none. */
static int fetch_one(struct db_stmt *st, const char *types, json_t **out)
{
    json_t *rows = NULL;
    int rc = fetch_all(st, types, &rows);
    if (rc != ERR_OK)
        return rc;
    if (json_array_size(rows) == 0) {
        json_decref(rows);
        return ERR_NOTFOUND;
    }
    *out = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return ERR_OK;
}

int org_query_province(struct db *db, const char *code, json_t **out)
{
    struct db_stmt *st;
    int rc = db_prepare(db, "SELECT code, name_th, name_en FROM province WHERE code = $1", &st);
    if (rc != ERR_OK)
        return rc;
    rc = db_bind_text(st, 1, code);
    if (rc != ERR_OK) {
        db_finalize(st);
        return rc;
    }
    return fetch_one(st, "ttt", out);
}

int org_query_lao_types(struct db *db, json_t **out)
{
    struct db_stmt *st;
    int rc = db_prepare(db, "SELECT code, name_th, abbr_th, name_en FROM lao_type ORDER BY sort, code", &st);
    return rc == ERR_OK ? fetch_all(st, "tttt", out) : rc;
}

int org_query_lao_count(struct db *db, const struct iam_filter *f, const struct org_lao_filter *lf,
                        int64_t *total)
{
    struct db_stmt *st;
    struct where_params p;
    *total = 0;
    int rc = prepare_where(db, f, lf, 1, "SELECT count(*) FROM lao l WHERE ", "", &st, &p);
    if (rc != ERR_OK)
        return rc;
    rc = fetch_ints(st, total, 1);
    db_finalize(st);
    return rc;
}

int org_query_lao_page(struct db *db, const struct iam_filter *f, const struct org_lao_filter *lf,
                       struct date today, int64_t limit, int64_t offset, json_t **out)
{
    if (limit < 1 || limit > ORG_QUERY_PAGE_MAX || offset < 0 || !date_valid(today))
        return ERR_INVAL;
    char day[DATE_ISO_LEN + 1];
    date_format_iso(today, day);
    /*
     * The page is chosen first (the inner query, ordered and limited) and only its rows are counted,
     * so a page costs the same whether the scope holds ten LAOs or the whole country. $1 is today; the
     * predicate starts at $2; LIMIT and OFFSET follow it.
     */
    struct buf sql;
    buf_init(&sql, SQL_MAX);
    struct db_stmt *st = NULL;
    struct where_params p;
    int rc =
        buf_appends(&sql, "SELECT pg.id, pg.code, pg.name_th, pg.name_en, pg.type_abbr_th, pg.type_name_en,"
                          " pg.province_code, pg.province_th, pg.province_en, pg.district_th, pg.district_en,"
                          " (SELECT count(*) FROM position ps WHERE ps.lao_id = pg.id) AS positions,"
                          " (SELECT count(*) FROM position ps WHERE ps.lao_id = pg.id"
                          " AND ps.status = 'vacant') AS vacant,"
                          " (SELECT count(DISTINCT e.person_id) FROM employment e WHERE e.lao_id = pg.id"
                          " AND (e.end_date IS NULL OR e.end_date >= $1)) AS people"
                          " FROM (SELECT l.id, l.code, l.name_th, l.name_en, t.abbr_th AS type_abbr_th,"
                          " t.name_en AS type_name_en, l.province_code, p.name_th AS province_th,"
                          " p.name_en AS province_en, d.name_th AS district_th, d.name_en AS district_en"
                          " FROM lao l JOIN lao_type t ON t.code = l.type_code"
                          " JOIN province p ON p.code = l.province_code"
                          " JOIN district d ON d.code = l.district_code WHERE ");
    if (rc == ERR_OK)
        rc = where_sql(&sql, f, lf, 2, &p);
    if (rc == ERR_OK)
        rc = buf_printf(&sql, " ORDER BY l.name_th, l.id LIMIT $%d OFFSET $%d) pg ORDER BY pg.name_th, pg.id",
                        p.next, p.next + 1);
    if (rc == ERR_OK)
        rc = db_prepare(db, buf_str(&sql), &st);
    buf_release(&sql);
    if (rc != ERR_OK)
        return rc;
    rc = db_bind_text(st, 1, day);
    if (rc == ERR_OK)
        rc = where_bind(st, f, lf, &p);
    if (rc == ERR_OK)
        rc = db_bind_int64(st, p.next, limit);
    if (rc == ERR_OK)
        rc = db_bind_int64(st, p.next + 1, offset);
    if (rc != ERR_OK) {
        db_finalize(st);
        return rc;
    }
    return fetch_all(st, "ittttttttttiii", out);
}

int org_query_lao(struct db *db, const struct iam_principal *who, const char *permission, int64_t lao_id,
                  json_t **out)
{
    int rc = iam_can_see_lao(db, who, permission, lao_id);
    if (rc != ERR_OK)
        return rc;
    struct db_stmt *st;
    rc = db_prepare(db,
                    "SELECT l.id, l.code, l.name_th, l.name_en, l.type_code, t.name_th AS type_th,"
                    " t.name_en AS type_en, l.size_class, l.province_code, p.name_th AS province_th,"
                    " p.name_en AS province_en, d.name_th AS district_th, d.name_en AS district_en,"
                    " s.name_th AS subdistrict_th, s.name_en AS subdistrict_en"
                    " FROM lao l JOIN lao_type t ON t.code = l.type_code"
                    " JOIN province p ON p.code = l.province_code JOIN district d ON d.code = l.district_code"
                    " LEFT JOIN subdistrict s ON s.code = l.subdistrict_code WHERE l.id = $1",
                    &st);
    if (rc != ERR_OK)
        return rc;
    rc = db_bind_int64(st, 1, lao_id);
    if (rc != ERR_OK) {
        db_finalize(st);
        return rc;
    }
    return fetch_one(st, "itttttttttttttt", out);
}

/* One unit while the tree is built. */
struct unit {
    int64_t id, parent_id; /* parent_id 0 for a top unit */
    json_t *row;           /* the query's row */
    int64_t positions, vacant;
    bool placed;
};

/*
 * Appends unit i and, depth first, the units under it to out (depth capped at 2 for display), adding
 * each subtree's counts to its root. Returns the subtree's counts through the unit itself.
 */
static void place_unit(struct unit *u, size_t n, size_t i, int depth, json_t *out)
{
    u[i].placed = true;
    json_t *row = json_pack("{s:I, s:O, s:O, s:i}", "id", (json_int_t)u[i].id, "name_th",
                            json_object_get(u[i].row, "name_th"), "name_en",
                            json_object_get(u[i].row, "name_en"), "depth", depth > 2 ? 2 : depth);
    json_array_append_new(out, row);
    for (size_t k = 0; k < n; k++) {
        if (u[k].placed || u[k].parent_id != u[i].id)
            continue;
        place_unit(u, n, k, depth + 1, out);
        u[i].positions += u[k].positions;
        u[i].vacant += u[k].vacant;
    }
    json_object_set_new(row, "positions", json_integer(u[i].positions));
    json_object_set_new(row, "vacant", json_integer(u[i].vacant));
}

int org_query_lao_units(struct db *db, const struct iam_principal *who, const char *permission,
                        int64_t lao_id, json_t **out)
{
    int rc = iam_can_see_lao(db, who, permission, lao_id);
    if (rc != ERR_OK)
        return rc;
    struct db_stmt *st;
    json_t *rows = NULL;
    rc = db_prepare(
        db,
        "SELECT u.id, u.parent_id, u.name_th, u.name_en,"
        " (SELECT count(*) FROM position ps WHERE ps.unit_id = u.id) AS positions,"
        " (SELECT count(*) FROM position ps WHERE ps.unit_id = u.id AND ps.status = 'vacant') AS vacant"
        " FROM org_unit u WHERE u.lao_id = $1 ORDER BY u.sort, u.name_th, u.id",
        &st);
    if (rc != ERR_OK)
        return rc;
    rc = db_bind_int64(st, 1, lao_id);
    if (rc != ERR_OK) {
        db_finalize(st);
        return rc;
    }
    rc = fetch_all(st, "iittii", &rows);
    if (rc != ERR_OK)
        return rc;
    size_t n = json_array_size(rows);
    struct unit *u = calloc(n ? n : 1, sizeof *u);
    if (!u)
        arena_oom(n * sizeof *u);
    for (size_t i = 0; i < n; i++) {
        json_t *r = json_array_get(rows, i);
        json_t *parent = json_object_get(r, "parent_id");
        u[i] = (struct unit){json_integer_value(json_object_get(r, "id")),
                             json_is_integer(parent) ? json_integer_value(parent) : 0,
                             r,
                             json_integer_value(json_object_get(r, "positions")),
                             json_integer_value(json_object_get(r, "vacant")),
                             false};
    }
    json_t *tree = json_array();
    for (size_t i = 0; i < n; i++)
        if (!u[i].placed && u[i].parent_id == 0)
            place_unit(u, n, i, 0, tree);
    /* Whatever is left hangs under no top unit: show it rather than hide posts. */
    for (size_t i = 0; i < n; i++)
        if (!u[i].placed)
            place_unit(u, n, i, 0, tree);
    free(u);
    json_decref(rows);
    *out = tree;
    return ERR_OK;
}

int org_query_lao_positions(struct db *db, const struct iam_principal *who, const char *permission,
                            int64_t lao_id, struct date today, json_t **out)
{
    if (!date_valid(today))
        return ERR_INVAL;
    int rc = iam_can_see_lao(db, who, permission, lao_id);
    if (rc != ERR_OK)
        return rc;
    char day[DATE_ISO_LEN + 1];
    date_format_iso(today, day);
    struct db_stmt *st;
    json_t *rows = NULL;
    rc = db_prepare(
        db,
        "SELECT ps.id, ps.number, u.name_th AS unit_th, u.name_en AS unit_en, pl.name_th AS line_th,"
        " pl.name_en AS line_en, lmin.name_th AS level_min_th, lmin.name_en AS level_min_en,"
        " lmax.name_th AS level_max_th, lmax.name_en AS level_max_en, ps.status,"
        " h.person_id AS holder_id, per.title_th AS holder_title_th,"
        " per.first_name_th AS holder_first_th, per.last_name_th AS holder_last_th"
        " FROM position ps JOIN org_unit u ON u.id = ps.unit_id"
        " JOIN position_line pl ON pl.code = ps.line_code"
        " JOIN position_level lmin ON lmin.code = ps.level_min"
        " JOIN position_level lmax ON lmax.code = ps.level_max"
        " LEFT JOIN appointment h ON h.position_id = ps.id AND h.kind <> 'acting'"
        " AND h.effective_from <= $2 AND (h.effective_to IS NULL OR h.effective_to >= $2)"
        " LEFT JOIN person per ON per.id = h.person_id"
        " WHERE ps.lao_id = $1 ORDER BY ps.number, ps.id, h.effective_from DESC",
        &st);
    if (rc != ERR_OK)
        return rc;
    rc = db_bind_int64(st, 1, lao_id);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 2, day);
    if (rc != ERR_OK) {
        db_finalize(st);
        return rc;
    }
    rc = fetch_all(st, "ittttttttttittt", &rows);
    if (rc != ERR_OK)
        return rc;
    /* On a transfer day two appointments may meet at one post: keep the latest, once per post. */
    json_t *unique = json_array();
    int64_t last = 0;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        int64_t id = json_integer_value(json_object_get(r, "id"));
        if (i > 0 && id == last)
            continue;
        json_array_append(unique, r);
        last = id;
    }
    json_decref(rows);
    *out = unique;
    return ERR_OK;
}

int org_query_lao_staff(struct db *db, const struct iam_principal *who, const char *permission,
                        int64_t lao_id, struct date today, int64_t *n)
{
    *n = 0;
    if (!date_valid(today))
        return ERR_INVAL;
    int rc = iam_can_see_lao(db, who, permission, lao_id);
    if (rc != ERR_OK)
        return rc;
    char day[DATE_ISO_LEN + 1];
    date_format_iso(today, day);
    return db_query_int64(db, n,
                          "SELECT count(DISTINCT person_id) FROM employment"
                          " WHERE lao_id = $1 AND (end_date IS NULL OR end_date >= $2)",
                          "it", lao_id, day);
}
