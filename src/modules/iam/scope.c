/*
 * Scope containment: may this principal, using this permission, see that province, LAO or person? And
 * the scope filter that list queries add to their WHERE clause. Only grants whose role holds the
 * permission count. Containment: nation ⊇ province:P ⊇ lao:L (L in P) ⊇ people employed in L today;
 * self covers the person linked to the account and nothing else.
 */
#include <string.h>

#include "base/clock.h"
#include "modules/iam/iam_internal.h"

/* Which kinds of scope the principal holds through grants carrying the permission. */
struct reach {
    bool nation, self, lao, province;
};

static struct reach reach_of(const struct iam_principal *p, const struct iam_permission *perm)
{
    struct reach r = {false, false, false, false};
    for (size_t i = 0; perm && p && i < p->ngrants; i++) {
        const struct iam_grant *g = &p->grants[i];
        if (!(perm->roles & (1u << g->role)))
            continue;
        switch (g->scope.kind) {
        case IAM_SCOPE_NATION:
            r.nation = true;
            break;
        case IAM_SCOPE_SELF:
            r.self = true;
            break;
        case IAM_SCOPE_LAO:
            r.lao = true;
            break;
        case IAM_SCOPE_PROVINCE:
            r.province = true;
            break;
        }
    }
    return r;
}

/* True when a grant carrying perm covers the LAO lao_id lying in province (NULL: not known). */
static bool covers_lao(const struct iam_principal *p, const struct iam_permission *perm, int64_t lao_id,
                       const char *province)
{
    for (size_t i = 0; i < p->ngrants; i++) {
        const struct iam_grant *g = &p->grants[i];
        if (!(perm->roles & (1u << g->role)))
            continue;
        if (g->scope.kind == IAM_SCOPE_NATION)
            return true;
        if (g->scope.kind == IAM_SCOPE_LAO && g->scope.lao_id == lao_id)
            return true;
        if (g->scope.kind == IAM_SCOPE_PROVINCE && province && strcmp(g->scope.province, province) == 0)
            return true;
    }
    return false;
}

int iam_can_see_province(const struct iam_principal *p, const char *permission, const char *province_code)
{
    const struct iam_permission *perm = iam_permission_find(permission);
    if (!perm || !p || !province_code)
        return ERR_PERM;
    for (size_t i = 0; i < p->ngrants; i++) {
        const struct iam_grant *g = &p->grants[i];
        if (!(perm->roles & (1u << g->role)))
            continue;
        if (g->scope.kind == IAM_SCOPE_NATION ||
            (g->scope.kind == IAM_SCOPE_PROVINCE && strcmp(g->scope.province, province_code) == 0))
            return ERR_OK;
    }
    return ERR_PERM;
}

int iam_can_see_lao(struct db *db, const struct iam_principal *p, const char *permission, int64_t lao_id)
{
    const struct iam_permission *perm = iam_permission_find(permission);
    struct db_stmt *st = NULL;
    if (!perm || !p)
        return ERR_PERM;
    struct reach r = reach_of(p, perm);
    if (r.nation || (r.lao && covers_lao(p, perm, lao_id, NULL)))
        return ERR_OK;
    if (!r.province)
        return ERR_PERM;
    int rc = db_prepare(db, "SELECT province_code FROM lao WHERE id = $1", &st);
    if (rc == ERR_OK)
        rc = db_bind_int64(st, 1, lao_id);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW)
        rc = covers_lao(p, perm, lao_id, db_column_text(st, 0)) ? ERR_OK : ERR_PERM;
    else if (rc == ERR_OK)
        rc = ERR_PERM; /* no such LAO: not in scope either */
    db_finalize(st);
    return rc;
}

int iam_can_see_person(struct db *db, const struct iam_principal *p, const char *permission,
                       int64_t person_id)
{
    const struct iam_permission *perm = iam_permission_find(permission);
    struct db_stmt *st = NULL;
    if (!perm || !p)
        return ERR_PERM;
    struct reach r = reach_of(p, perm);
    if (r.nation || (r.self && p->person_id > 0 && p->person_id == person_id))
        return ERR_OK;
    if (!r.lao && !r.province)
        return ERR_PERM;
    char today[DATE_ISO_LEN + 1];
    date_format_iso(clock_today(), today);
    int rc = db_prepare(db,
                        "SELECT e.lao_id, l.province_code FROM employment e JOIN lao l ON l.id = e.lao_id"
                        " WHERE e.person_id = $1 AND (e.end_date IS NULL OR e.end_date >= $2)",
                        &st);
    if (rc == ERR_OK)
        rc = db_bind_int64(st, 1, person_id);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 2, today);
    bool seen = false;
    while (rc == ERR_OK && (rc = db_step(st)) == DB_ROW) {
        if (covers_lao(p, perm, db_column_int64(st, 0), db_column_text(st, 1)))
            seen = true;
        rc = ERR_OK;
    }
    db_finalize(st);
    if (rc == ERR_OK && !seen)
        rc = ERR_PERM;
    return rc;
}

int iam_filter_build(const struct iam_principal *p, const char *permission, struct arena *a,
                     struct iam_filter *out)
{
    const struct iam_permission *perm = iam_permission_find(permission);
    *out = (struct iam_filter){false, NULL, 0};
    if (!perm || !p)
        return ERR_OK; /* nothing in scope */
    if (reach_of(p, perm).nation) {
        out->all = true;
        return ERR_OK;
    }
    struct iam_scope_filter *items = arena_calloc(a, p->ngrants + 1, sizeof *items);
    size_t n = 0;
    for (size_t i = 0; i < p->ngrants; i++) {
        const struct iam_grant *g = &p->grants[i];
        if (!(perm->roles & (1u << g->role)))
            continue;
        struct iam_scope_filter f = {0};
        if (g->scope.kind == IAM_SCOPE_PROVINCE) {
            f.kind = IAM_FILTER_PROVINCE;
            memcpy(f.province, g->scope.province, sizeof f.province);
        } else if (g->scope.kind == IAM_SCOPE_LAO) {
            f.kind = IAM_FILTER_LAO;
            f.lao_id = g->scope.lao_id;
        } else if (g->scope.kind == IAM_SCOPE_SELF && p->person_id > 0) {
            f.kind = IAM_FILTER_PERSON;
            f.person_id = p->person_id;
        } else {
            continue; /* self without a linked person reaches nothing */
        }
        bool dup = false;
        for (size_t k = 0; k < n && !dup; k++)
            dup = items[k].kind == f.kind && items[k].lao_id == f.lao_id &&
                  items[k].person_id == f.person_id && strcmp(items[k].province, f.province) == 0;
        if (!dup)
            items[n++] = f;
    }
    out->items = items;
    out->n = n;
    return ERR_OK;
}

/* The query's column for a filter item, or NULL when the query has none. */
static const char *column_for(const struct iam_filter_columns *cols, enum iam_filter_kind kind)
{
    switch (kind) {
    case IAM_FILTER_PROVINCE:
        return cols->province_code;
    case IAM_FILTER_LAO:
        return cols->lao_id;
    case IAM_FILTER_PERSON:
        return cols->person_id;
    }
    return NULL;
}

static bool column_name_ok(const char *c)
{
    if (!c)
        return true;
    if (!((c[0] >= 'a' && c[0] <= 'z') || (c[0] >= 'A' && c[0] <= 'Z') || c[0] == '_'))
        return false;
    for (const char *s = c; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '.'))
            return false;
    return true;
}

int iam_filter_sql(const struct iam_filter *f, const struct iam_filter_columns *cols, int first_param,
                   struct buf *sql, int *next_param)
{
    size_t mark = sql->len;
    int param = first_param;
    int rc = ERR_OK;
    if (!column_name_ok(cols->province_code) || !column_name_ok(cols->lao_id) ||
        !column_name_ok(cols->person_id) || first_param < 1)
        return ERR_INVAL;
    if (f->all) {
        rc = buf_appends(sql, "(1 = 1)");
        goto out;
    }
    rc = buf_putc(sql, '(');
    for (size_t i = 0; rc == ERR_OK && i < f->n; i++) {
        const char *col = column_for(cols, f->items[i].kind);
        if (!col)
            continue;
        rc = buf_printf(sql, "%s%s = $%d", param > first_param ? " OR " : "", col, param);
        param++;
    }
    if (rc == ERR_OK)
        rc = param == first_param ? buf_appends(sql, "1 = 0)") : buf_putc(sql, ')');
out:
    if (rc != ERR_OK) {
        buf_truncate(sql, mark);
        return rc;
    }
    if (next_param)
        *next_param = param;
    return ERR_OK;
}

int iam_filter_bind(const struct iam_filter *f, const struct iam_filter_columns *cols, struct db_stmt *st,
                    int first_param)
{
    int param = first_param;
    int rc = ERR_OK;
    if (f->all)
        return ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < f->n; i++) {
        const struct iam_scope_filter *it = &f->items[i];
        if (!column_for(cols, it->kind))
            continue;
        switch (it->kind) {
        case IAM_FILTER_PROVINCE:
            rc = db_bind_text(st, param, it->province);
            break;
        case IAM_FILTER_LAO:
            rc = db_bind_int64(st, param, it->lao_id);
            break;
        case IAM_FILTER_PERSON:
            rc = db_bind_int64(st, param, it->person_id);
            break;
        }
        param++;
    }
    return rc;
}
