/*
 * Rendering of models and errors.
 */
#include "web/render.h"

#include <string.h>

#include "base/log.h"
#include "http/parse.h"
#include "modules/iam/iam.h"
#include "view/i18n.h"
#include "web/assets.h"
#include "web/auth.h"
#include "web/web_internal.h"
#include "web/web.h"

static bool wants_json(const struct web_ctx *c)
{
    if (c->api)
        return true;
    const char *accept = http_request_header(c->http, "Accept");
    if (!accept)
        return false;
    enum http_want want = HTTP_WANT_HTML;
    if (http_accept_want(accept, strlen(accept), &want, NULL) != ERR_OK)
        return false;
    return want == HTTP_WANT_JSON;
}

static void send_json(struct http_response *resp, int status, const char *type, const json_t *v)
{
    resp->status = status;
    resp->content_type = type;
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!s || buf_appends(&resp->body, s) != ERR_OK) {
        buf_reset(&resp->body);
        resp->status = 500;
        resp->content_type = "application/problem+json";
        resp->static_body = "{\"title\":\"Internal Server Error\",\"status\":500}";
        resp->static_len = strlen(resp->static_body);
    }
    free(s);
}

/* The navigation for the caller: only what they may open. */
static json_t *nav(const struct web_ctx *c)
{
    static const struct {
        const char *href, *key;
        const char *permission; /* NULL: open to everyone */
        bool needs_person;      /* the account must be linked to a person (self-service) */
    } items[] = {
        {"/", "nav_home", "dashboard.view", false},
        {"/laos", "nav_laos", "lao.list", false},
        {"/me", "nav_me", "profile.view_own", true},
        {"/public/vacancies", "nav_vacancies", NULL, false},
    };
    json_t *a = json_array();
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        if (items[i].permission && (!c->who || !iam_allows(c->who, items[i].permission)))
            continue;
        if (items[i].needs_person && (!c->who || !c->who->person_id))
            continue;
        const char *path = c->http->path.ptr;
        size_t n = strlen(items[i].href);
        bool active = c->http->path.len == n ? strncmp(path, items[i].href, n) == 0
                                             : (n > 1 && c->http->path.len > n && strncmp(path, items[i].href, n) == 0 &&
                                                path[n] == '/');
        json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "href", items[i].href, "label",
                                           web_text(c, items[i].key), "active", active));
    }
    return a;
}

/* The "ui" object of the render contract. */
static json_t *ui_object(struct web_ctx *c, const char *title)
{
    const char *other = strcmp(c->lang, "th") == 0 ? "en" : "th";
    struct arena *a = c->arena;
    char *switch_url = arena_printf(a, "/lang?to=%s&back=%s", other,
                                    web_query_escape(c, c->http->target.ptr, c->http->target.len));
    json_t *ui = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:O, s:o, s:n}", "lang", c->lang, "other_lang", other,
                           "lang_switch_url", switch_url, "path", arena_strndup(a, c->http->path.ptr, c->http->path.len),
                           "title", title, "user", web_auth_ui_user(c), "csrf", web_auth_csrf_token(c), "assets",
                           (json_t *)assets_ui(c->app->assets), "nav", nav(c), "flash");
    return ui;
}

/* Renders template name with model inside the layout into resp; false when rendering failed. */
static bool render_page(const struct web_app *app, struct web_ctx *c, const char *name, const char *title,
                        json_t *model, int status, struct http_response *resp)
{
    const struct mustache *t = template_set_get(app->templates, name);
    if (!t) {
        log_error("template %s is missing", name);
        return false;
    }
    json_t *ctx = json_pack("{s:O, s:O, s:o}", "m", model ? model : json_null(), "t", (json_t *)i18n_catalog(c->lang), "ui",
                            ui_object(c, title));
    int rc = mustache_render(t, ctx, template_set_partials(app->templates), &resp->body);
    json_decref(ctx);
    if (rc != ERR_OK) {
        log_error("rendering %s: %s", name, err_message(rc));
        buf_reset(&resp->body);
        return false;
    }
    resp->status = status;
    resp->content_type = "text/html; charset=utf-8";
    (void)http_response_header(resp, "Cache-Control", "no-store");
    return true;
}

void web_render_model(const struct web_app *app, struct web_ctx *c, json_t *model, int status,
                      struct http_response *resp)
{
    if (wants_json(c) || !c->route->template) {
        (void)http_response_header(resp, "Cache-Control", "no-store");
        send_json(resp, status, "application/json", model ? model : json_null());
        return;
    }
    const char *title = web_text(c, c->route->title_key ? c->route->title_key : "app_name");
    if (!render_page(app, c, c->route->template, title, model, status, resp))
        web_render_error(app, c, 500, resp);
}

static const char *status_key(int status, bool title)
{
    switch (status) {
    case 400:
        return title ? "error_400_title" : "error_400_detail";
    case 401:
        return title ? "error_401_title" : "error_401_detail";
    case 403:
        return title ? "error_403_title" : "error_403_detail";
    case 404:
        return title ? "error_404_title" : "error_404_detail";
    case 405:
        return title ? "error_405_title" : "error_405_detail";
    case 409:
        return title ? "error_409_title" : "error_409_detail";
    case 413:
        return title ? "error_413_title" : "error_413_detail";
    case 415:
        return title ? "error_415_title" : "error_415_detail";
    case 422:
        return title ? "error_422_title" : "error_422_detail";
    case 503:
        return title ? "error_503_title" : "error_503_detail";
    default:
        return title ? "error_500_title" : "error_500_detail";
    }
}

void web_render_error(const struct web_app *app, struct web_ctx *c, int status, struct http_response *resp)
{
    buf_reset(&resp->body);
    const char *title = web_text(c, status_key(status, true));
    const char *detail = c->error_detail ? c->error_detail : web_text(c, status_key(status, false));
    json_t *problem = json_pack("{s:s, s:s, s:i, s:s, s:s%}", "type", "about:blank", "title", title, "status", status,
                                "detail", detail, "instance", c->http->path.ptr, c->http->path.len);
    if (status == 405 && c->route)
        (void)http_response_header(resp, "Allow", c->route->method);
    if (status == 401 && c->api)
        (void)http_response_header(resp, "WWW-Authenticate", "Bearer realm=\"tambon\"");
    if (wants_json(c) || !render_page(app, c, "pages/error", title, problem, status, resp))
        send_json(resp, status, "application/problem+json", problem);
    json_decref(problem);
}
