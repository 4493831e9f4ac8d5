/*
 * The public portal: what citizens and job seekers see without signing in.
 */
#include <string.h>

#include "modules/org/org_public.h"
#include "web/handlers.h"

int h_public_vacancies(struct web_ctx *c, json_t **model)
{
    const char *province = web_param_str(c, "province");
    json_t *provinces = NULL, *laos = NULL;
    int64_t total = 0;
    int rc = org_public_provinces(c->db, &provinces, &total);
    if (rc != ERR_OK)
        return rc;
    json_t *chosen = json_null();
    size_t i;
    json_t *p;
    json_array_foreach(provinces, i, p)
    {
        bool sel = province && strcmp(json_string_value(json_object_get(p, "code")), province) == 0;
        json_object_set_new(p, "selected", json_boolean(sel));
        if (sel) {
            json_decref(chosen);
            chosen = json_incref(p);
        }
    }
    if (province && json_is_null(chosen)) {
        json_decref(provinces);
        c->error_detail = web_text(c, "error_unknown_province");
        return ERR_NOTFOUND;
    }
    if (province) {
        rc = org_public_vacancies(c->db, province, &laos);
        if (rc != ERR_OK) {
            json_decref(provinces);
            json_decref(chosen);
            return rc;
        }
    } else {
        laos = json_array();
    }
    *model = json_pack("{s:o, s:o, s:o, s:I}", "provinces", provinces, "province", chosen, "laos", laos,
                       "total_vacant", (json_int_t)total);
    return ERR_OK;
}
