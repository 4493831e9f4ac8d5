/*
 * System routes: health check, the OpenAPI document, and the language switch.
 */
#include <string.h>

#include "web/handlers.h"
#include "web/openapi.h"
#include "view/i18n.h"

int h_health(struct web_ctx *c, json_t **model)
{
    int64_t one = 0;
    int rc = db_query_int64(c->db, &one, "SELECT 1", "");
    *model = json_pack("{s:s, s:s}", "status", rc == ERR_OK ? "ok" : "degraded", "database",
                       rc == ERR_OK ? db_dialect_name(db_dialect(c->db)) : "unreachable");
    if (rc != ERR_OK)
        c->status = 503;
    return ERR_OK;
}

int h_openapi(struct web_ctx *c, json_t **model)
{
    return web_openapi_document(c->app, model);
}

bool web_path_is_local(const char *path)
{
    if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\')
        return false;
    /* Browsers drop tabs and newlines inside URLs, so "/<TAB>/evil.example" would become "//evil...". */
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

/* Only local paths may be returned to, so the switch cannot send anyone to another site. */
static bool safe_back(const char *back)
{
    return web_path_is_local(back);
}

int h_lang(struct web_ctx *c, json_t **model)
{
    const char *to = web_param_str(c, "to");
    const char *back = web_param_str(c, "back");
    c->set_cookie[0] = arena_printf(c->arena, "%s=%s; Path=/; Max-Age=31536000; SameSite=Lax", I18N_COOKIE, to);
    c->redirect = safe_back(back) ? back : "/";
    c->lang = to;
    *model = json_pack("{s:s}", "lang", to);
    return ERR_OK;
}
