/*
 * The home dashboard: how many LAOs, posts and people the caller's scope holds, by LAO type and by
 * employment category. Every count goes through the scope filter of 'dashboard.view', so a
 * provincial officer sees their province and an LAO's officers their LAO.
 */
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "modules/iam/iam.h"
#include "modules/org/org_query.h"
#include "modules/people/people_query.h"
#include "web/handlers.h"

#define PERMISSION "dashboard.view"

/*
 * What the counts cover, in words: "ทั้งประเทศ" for a nation-wide grant, else the provinces
 * ("จังหวัดเชียงใหม่") and LAOs of the caller's grants, joined by commas.
 */
static int scope_text(struct web_ctx *c, const struct iam_filter *f, const char **out)
{
    if (f->all) {
        *out = web_text(c, "scope_nation");
        return ERR_OK;
    }
    bool en = strcmp(c->lang, "en") == 0;
    struct buf b;
    buf_init(&b, 16384);
    int rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < f->n; i++) {
        const struct iam_scope_filter *it = &f->items[i];
        json_t *row = NULL;
        const char *part = NULL;
        if (it->kind == IAM_FILTER_PROVINCE) {
            rc = org_query_province(c->db, it->province, &row);
            if (rc == ERR_OK)
                /* Thai writes จังหวัดเชียงใหม่ as one word; English "Province of Chiang Mai". */
                part = arena_printf(c->arena, "%s%s%s", web_text(c, "scope_province"), en ? " " : "",
                                    web_name(c, row, "name"));
        } else if (it->kind == IAM_FILTER_LAO) {
            rc = org_query_lao(c->db, c->who, PERMISSION, it->lao_id, &row);
            if (rc == ERR_OK)
                part = web_name(c, row, "name");
        }
        if (rc == ERR_OK && part)
            rc = buf_printf(&b, "%s%s", b.len ? ", " : "", part);
        json_decref(row);
    }
    if (rc == ERR_OK)
        *out = arena_strdup(c->arena, buf_str(&b));
    buf_release(&b);
    return rc;
}

int h_home(struct web_ctx *c, json_t **model)
{
    struct iam_filter f;
    struct org_counts counts;
    int64_t people = 0;
    json_t *by_type = NULL, *by_category = NULL;
    const char *scope = NULL;
    struct date today = clock_today();

    int rc = iam_filter_build(c->who, PERMISSION, c->arena, &f);
    if (rc == ERR_OK)
        rc = org_query_counts(c->db, &f, &counts);
    if (rc == ERR_OK)
        rc = people_query_count(c->db, &f, today, &people);
    if (rc == ERR_OK)
        rc = org_query_laos_by_type(c->db, &f, &by_type);
    if (rc == ERR_OK)
        rc = people_query_by_category(c->db, &f, today, &by_category);
    if (rc == ERR_OK)
        rc = scope_text(c, &f, &scope);
    if (rc != ERR_OK)
        goto out;

    json_t *types = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(by_type, i, row)
    {
        json_array_append_new(
            types, json_pack("{s:O, s:s, s:O}", "type_code", json_object_get(row, "type_code"), "type_name",
                             web_name(c, row, "name"), "laos", json_object_get(row, "laos")));
    }
    json_t *categories = json_array();
    json_array_foreach(by_category, i, row)
    {
        const char *cat = json_string_value(json_object_get(row, "category"));
        json_array_append_new(categories, json_pack("{s:s, s:s, s:O}", "category", cat, "category_name",
                                                    web_text_of(c, "category_", cat), "people",
                                                    json_object_get(row, "people")));
    }
    *model = json_pack("{s:s, s:{s:I, s:I, s:I, s:I, s:I}, s:o, s:o}", "scope_text", scope, "counts", "laos",
                       (json_int_t)counts.laos, "positions", (json_int_t)counts.positions, "vacant",
                       (json_int_t)counts.vacant, "frozen", (json_int_t)counts.frozen, "people",
                       (json_int_t)people, "by_type", types, "by_category", categories);
out:
    json_decref(by_type);
    json_decref(by_category);
    return rc;
}
