/*
 * The LAO directory (filtered by province and type, in pages) and one LAO's page: its details, unit
 * tree and positions with their holders. Lists go through the scope filter of 'lao.list'; one LAO is
 * checked by the pipeline (WEB_SCOPE_LAO) and again by the store.
 */
#include <inttypes.h>
#include <string.h>

#include "base/clock.h"
#include "modules/iam/iam.h"
#include "modules/org/org_query.h"
#include "web/handlers.h"

/* LAOs on one page of the directory. */
#define PAGE_SIZE 20

/* "/laos?province=50&type=sao&page=2": the directory's URL for these filters and page. */
static const char *page_href(struct web_ctx *c, const struct org_lao_filter *lf, int64_t page)
{
    /* Province codes and type codes are [0-9a-z_] (validated parameters): nothing to escape. */
    const char *sep = "?";
    char *href = arena_strdup(c->arena, "/laos");
    if (lf->province) {
        href = arena_printf(c->arena, "%s%sprovince=%s", href, sep, lf->province);
        sep = "&";
    }
    if (lf->type) {
        href = arena_printf(c->arena, "%s%stype=%s", href, sep, lf->type);
        sep = "&";
    }
    if (page > 1)
        href = arena_printf(c->arena, "%s%spage=%" PRId64, href, sep, page);
    return href;
}

/* The filter choices [{code, name, selected}]: names in the request's language, Thai abbreviations (อบต.)
 * when short_names. */
static json_t *choices(struct web_ctx *c, const json_t *rows, const char *chosen, bool short_names)
{
    json_t *out = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        const char *code = json_string_value(json_object_get(row, "code"));
        const char *name = web_name(c, row, "name");
        if (short_names && strcmp(c->lang, "en") != 0)
            name = json_string_value(json_object_get(row, "abbr_th"));
        json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "code", code, "name", name, "selected",
                                             chosen && strcmp(code, chosen) == 0));
    }
    return out;
}

int h_laos(struct web_ctx *c, json_t **model)
{
    struct org_lao_filter lf = {web_param_str(c, "province"), web_param_str(c, "type")};
    int64_t page = web_param_int(c, "page");
    if (page < 1)
        page = 1;
    struct iam_filter f;
    json_t *province = NULL, *provinces = NULL, *types = NULL, *rows = NULL;
    int64_t total = 0;

    int rc = iam_filter_build(c->who, "lao.list", c->arena, &f);
    if (rc == ERR_OK && lf.province) {
        rc = org_query_province(c->db, lf.province, &province);
        if (rc == ERR_NOTFOUND)
            c->error_detail = web_text(c, "error_unknown_province");
    }
    if (rc == ERR_OK)
        rc = org_query_provinces(c->db, &f, &provinces);
    if (rc == ERR_OK)
        rc = org_query_lao_types(c->db, &types);
    if (rc == ERR_OK)
        rc = org_query_lao_count(c->db, &f, &lf, &total);
    if (rc != ERR_OK)
        goto out;
    int64_t pages = total > 0 ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1;
    if (page > pages) {
        c->error_detail = web_text(c, "error_no_such_page");
        rc = ERR_NOTFOUND;
        goto out;
    }
    rc = org_query_lao_page(c->db, &f, &lf, clock_today(), PAGE_SIZE, (page - 1) * PAGE_SIZE, &rows);
    if (rc != ERR_OK)
        goto out;

    json_t *laos = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        int64_t id = json_integer_value(json_object_get(row, "id"));
        const char *type_name = strcmp(c->lang, "en") == 0
                                    ? json_string_value(json_object_get(row, "type_name_en"))
                                    : json_string_value(json_object_get(row, "type_abbr_th"));
        json_array_append_new(
            laos,
            json_pack("{s:I, s:O, s:s, s:s, s:s, s:s, s:O, s:O, s:O, s:s}", "id", (json_int_t)id, "code",
                      json_object_get(row, "code"), "name", web_name(c, row, "name"), "type_name", type_name,
                      "province_name", web_name(c, row, "province"), "district_name",
                      web_name(c, row, "district"), "positions", json_object_get(row, "positions"), "vacant",
                      json_object_get(row, "vacant"), "people", json_object_get(row, "people"), "href",
                      arena_printf(c->arena, "/laos/%" PRId64, id)));
    }
    json_t *filters = json_object();
    json_object_set_new(filters, "province", lf.province ? json_string(lf.province) : json_null());
    json_object_set_new(filters, "type", lf.type ? json_string(lf.type) : json_null());
    *model = json_pack("{s:o, s:o, s:o, s:o, s:I, s:I, s:I}", "filters", filters, "provinces",
                       choices(c, provinces, lf.province, false), "types", choices(c, types, lf.type, true),
                       "laos", laos, "page", (json_int_t)page, "pages", (json_int_t)pages, "total",
                       (json_int_t)total);
    json_object_set_new(*model, "prev_href",
                        page > 1 ? json_string(page_href(c, &lf, page - 1)) : json_null());
    json_object_set_new(*model, "next_href",
                        page < pages ? json_string(page_href(c, &lf, page + 1)) : json_null());
out:
    json_decref(province);
    json_decref(provinces);
    json_decref(types);
    json_decref(rows);
    return rc;
}

/* "ปฏิบัติการ" for a post of one level, "ปฏิบัติการ–ชำนาญการ" for a post open over a range. */
static const char *level_range(struct web_ctx *c, const json_t *row)
{
    const char *lo = web_name(c, row, "level_min");
    const char *hi = web_name(c, row, "level_max");
    if (!hi || !lo || strcmp(lo, hi) == 0)
        return lo ? lo : "";
    return arena_printf(c->arena, "%s–%s", lo, hi);
}

int h_lao(struct web_ctx *c, json_t **model)
{
    int64_t id = web_param_int(c, "id");
    struct date today = clock_today();
    json_t *lao = NULL, *units = NULL, *positions = NULL;
    int64_t staff = 0;
    static const char *const PERMISSION = "lao.view";

    int rc = org_query_lao(c->db, c->who, PERMISSION, id, &lao);
    if (rc == ERR_OK)
        rc = org_query_lao_units(c->db, c->who, PERMISSION, id, &units);
    if (rc == ERR_OK)
        rc = org_query_lao_positions(c->db, c->who, PERMISSION, id, today, &positions);
    if (rc == ERR_OK)
        rc = org_query_lao_staff(c->db, c->who, PERMISSION, id, today, &staff);
    if (rc != ERR_OK)
        goto out;
    /* The holders are employed here today, so whoever may see this LAO's people may open them. */
    bool link_people = iam_can_see_lao(c->db, c->who, "person.view", id) == ERR_OK;

    json_t *l = json_pack(
        "{s:I, s:O, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "code", json_object_get(lao, "code"),
        "name", web_name(c, lao, "name"), "type_name", web_name(c, lao, "type"), "size_class_text",
        web_text_of(c, "size_class_", json_string_value(json_object_get(lao, "size_class"))), "province_name",
        web_name(c, lao, "province"), "district_name", web_name(c, lao, "district"));
    const char *sub = web_name(c, lao, "subdistrict");
    json_object_set_new(l, "subdistrict_name", sub ? json_string(sub) : json_null());

    json_t *u = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(units, i, row)
    {
        json_array_append_new(
            u, json_pack("{s:O, s:s, s:O, s:O, s:O}", "id", json_object_get(row, "id"), "name",
                         web_name(c, row, "name"), "depth", json_object_get(row, "depth"), "positions",
                         json_object_get(row, "positions"), "vacant", json_object_get(row, "vacant")));
    }
    json_t *p = json_array();
    json_array_foreach(positions, i, row)
    {
        const char *status = json_string_value(json_object_get(row, "status"));
        json_t *pos = json_pack("{s:O, s:s, s:s, s:s, s:s, s:s}", "number", json_object_get(row, "number"),
                                "unit_name", web_name(c, row, "unit"), "line_name", web_name(c, row, "line"),
                                "level_text", level_range(c, row), "status", status, "status_text",
                                web_text_of(c, "status_", status));
        json_t *holder = json_object_get(row, "holder_id");
        if (json_is_integer(holder)) {
            json_object_set_new(pos, "holder_name",
                                json_sprintf("%s%s %s",
                                             json_string_value(json_object_get(row, "holder_title_th")),
                                             json_string_value(json_object_get(row, "holder_first_th")),
                                             json_string_value(json_object_get(row, "holder_last_th"))));
            json_object_set_new(pos, "holder_href",
                                link_people
                                    ? json_sprintf("/people/%" PRId64, (int64_t)json_integer_value(holder))
                                    : json_null());
        } else {
            json_object_set_new(pos, "holder_name", json_null());
            json_object_set_new(pos, "holder_href", json_null());
        }
        json_array_append_new(p, pos);
    }
    *model = json_pack("{s:o, s:o, s:o, s:I}", "lao", l, "units", u, "positions", p, "staff_count",
                       (json_int_t)staff);
out:
    json_decref(lao);
    json_decref(units);
    json_decref(positions);
    return rc;
}
