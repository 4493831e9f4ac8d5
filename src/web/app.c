/*
 * The web application's start-up (route table and templates) and the small helpers of the pipeline.
 */
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "view/i18n.h"
#include "web/assets.h"
#include "web/dbconn.h"
#include "web/web.h"
#include "web/web_internal.h"

#define CSP                                                                                                  \
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "       \
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

/* Checks one route row; appends what is wrong to err. */
static int check_route(const struct web_route *r, const struct template_set *ts, struct buf *err)
{
    int rc = ERR_OK;
    if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "POST") != 0)
        rc = ERR_INVAL;
    if (!r->handler)
        rc = ERR_INVAL;
    if (r->scope != WEB_SCOPE_PUBLIC && !r->permission)
        rc = ERR_INVAL;
    if (r->writes && strcmp(r->method, "POST") != 0)
        rc = ERR_INVAL;
    if (r->template && !template_set_get(ts, r->template))
        rc = ERR_NOTFOUND;
    for (const struct web_param *p = r->params; p && p->name; p++)
        if ((p->type == WEB_PARAM_ENUM && !p->choices) || (p->in == WEB_IN_FORM && strcmp(r->method, "POST") != 0))
            rc = ERR_INVAL;
    if (rc != ERR_OK && buf_printf(err, "route %s %s is not well declared\n", r->method, r->path) != ERR_OK)
        buf_reset(err);
    return rc;
}

int web_app_create(const char *db_target, struct web_app **out, struct buf *err)
{
    struct web_app *app = calloc(1, sizeof *app);
    if (!app)
        arena_oom(sizeof *app);
    arena_init(&app->arena, 0);
    int rc = web_db_init(db_target);
    if (rc == ERR_OK)
        rc = template_set_load(&app->templates, err);
    if (rc == ERR_OK)
        rc = i18n_init(err);
    if (rc == ERR_OK)
        rc = assets_load(&app->assets, err);
    app->routes = arena_calloc(&app->arena, web_routes_count, sizeof *app->routes);
    for (size_t i = 0; rc == ERR_OK && i < web_routes_count; i++) {
        const struct web_route *r = &web_routes[i];
        struct http_parse_err perr = {0};
        rc = check_route(r, app->templates, err);
        if (rc == ERR_OK)
            rc = http_pattern_compile(&app->arena, r->path, &app->routes[i].pattern, &perr);
        if (rc != ERR_OK) {
            if (perr.reason && buf_printf(err, "route %s: %s at %zu\n", r->path, perr.reason, perr.offset) != ERR_OK)
                buf_reset(err);
            break;
        }
        /* A method and path may appear once. */
        for (size_t j = 0; j < i; j++) {
            if (strcmp(web_routes[j].method, r->method) == 0 && strcmp(web_routes[j].path, r->path) == 0) {
                if (buf_printf(err, "route %s %s is declared twice\n", r->method, r->path) != ERR_OK)
                    buf_reset(err);
                rc = ERR_EXISTS;
            }
        }
        app->routes[i].route = r;
        app->nroutes = i + 1;
    }
    if (rc != ERR_OK) {
        web_app_free(app);
        return rc;
    }
    *out = app;
    return ERR_OK;
}

void web_app_free(struct web_app *app)
{
    if (!app)
        return;
    template_set_free(app->templates);
    assets_free(app->assets);
    arena_release(&app->arena);
    free(app);
}

const char *web_choose_lang(const struct http_request *req)
{
    struct http_params cookies = {0};
    const char *cookie = http_request_header(req, "Cookie");
    const char *chosen = NULL;
    if (cookie && http_cookie_parse(req->arena, cookie, strlen(cookie), &http_cookie_limits_default, &cookies, NULL) ==
                      ERR_OK)
        chosen = http_params_get(&cookies, I18N_COOKIE);
    return i18n_choose(chosen, http_request_header(req, "Accept-Language"));
}

const char *web_text(const struct web_ctx *c, const char *key)
{
    const char *text = i18n_text(c->lang ? c->lang : I18N_TH, key);
    return text ? text : key;
}

void web_security_headers(struct http_response *resp)
{
    (void)http_response_header(resp, "Content-Security-Policy", CSP);
    (void)http_response_header(resp, "X-Content-Type-Options", "nosniff");
    (void)http_response_header(resp, "Referrer-Policy", "same-origin");
    (void)http_response_header(resp, "X-Frame-Options", "DENY");
}

bool web_serve_asset(const struct web_app *app, const struct http_request *req, const struct http_path *path,
                     struct http_response *resp)
{
    if (path->count != 2 || !slice_eq_str(path->segs[0], "assets"))
        return false;
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0)
        return false;
    bool exact = false;
    const struct asset *a = assets_by_url(app->assets, req->path.ptr, req->path.len, &exact);
    if (!a)
        return false;
    (void)http_response_header(resp, "Cache-Control", exact ? ASSETS_CACHE_CONTROL : ASSETS_CACHE_CONTROL_STALE);
    (void)http_response_header(resp, "ETag", a->etag);
    if (assets_etag_matches(a, http_request_header(req, "If-None-Match"))) {
        resp->status = 304;
        return true;
    }
    resp->status = 200;
    resp->content_type = a->content_type;
    resp->static_body = (const char *)a->data;
    resp->static_len = a->len;
    return true;
}

int web_read_form(struct web_ctx *c, struct http_params *form)
{
    const char *ct = http_request_header(c->http, "Content-Type");
    enum http_body_kind kind;
    if (!ct || http_content_type_body(c->arena, ct, strlen(ct), &kind, NULL) != ERR_OK)
        return ERR_UNSUPPORTED;
    if (kind == HTTP_BODY_FORM)
        return http_form_parse(c->arena, c->http->body, c->http->body_len, &http_form_limits_default, form, NULL);
    if (kind != HTTP_BODY_JSON)
        return ERR_UNSUPPORTED;
    /* A JSON object whose values are strings or numbers: the same fields a form would send. */
    json_t *obj;
    struct buf err;
    buf_init(&err, 512);
    int rc = http_json_body(c->arena, c->http->body, c->http->body_len, 1024 * 1024, &obj, &err);
    if (rc != ERR_OK) {
        c->error_detail = arena_strdup(c->arena, buf_str(&err));
        buf_release(&err);
        return rc;
    }
    buf_release(&err);
    size_t n = json_object_size(obj), i = 0;
    form->items = arena_calloc(c->arena, n ? n : 1, sizeof *form->items);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        const char *s;
        if (json_is_string(v))
            s = json_string_value(v);
        else if (json_is_integer(v))
            s = arena_printf(c->arena, "%lld", (long long)json_integer_value(v));
        else
            return ERR_INVAL;
        form->items[i].key = slice_from(arena_strdup(c->arena, key));
        form->items[i].value = slice_from(arena_strdup(c->arena, s));
        i++;
    }
    form->count = i;
    return ERR_OK;
}

void web_redirect(struct web_ctx *c, struct http_response *resp, const char *location)
{
    (void)c;
    resp->status = 303;
    (void)http_response_header(resp, "Location", location);
    (void)http_response_header(resp, "Cache-Control", "no-store");
}

const char *web_query_escape(struct web_ctx *c, const char *s, size_t len)
{
    struct buf b;
    buf_init(&b, 3 * len + 1);
    int rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '/' ||
                     ch == '-' || ch == '_' || ch == '.' || ch == '~';
        rc = plain ? buf_putc(&b, (char)ch) : buf_printf(&b, "%%%02X", ch);
    }
    const char *out = arena_strdup(c->arena, rc == ERR_OK ? buf_str(&b) : "%2F");
    buf_release(&b);
    return out;
}

const char *web_signin_url(struct web_ctx *c)
{
    return arena_printf(c->arena, "/signin?next=%s", web_query_escape(c, c->http->target.ptr, c->http->target.len));
}
