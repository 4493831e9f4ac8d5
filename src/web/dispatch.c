/*
 * The request pipeline: one function runs every request through the same steps in the same order, so
 * no route can skip a check (see web/route.h).
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/jsonx.h"
#include "base/log.h"
#include "base/num.h"
#include "http/parse.h"
#include "modules/audit/audit.h"
#include "web/auth.h"
#include "web/dbconn.h"
#include "web/render.h"
#include "web/route.h"
#include "web/web.h"
#include "web/web_internal.h"

/* Strips "/api/v1" from a parsed path; returns true when it was there. */
static bool strip_api_prefix(struct http_path *p)
{
    if (p->count >= 2 && slice_eq_str(p->segs[0], "api") && slice_eq_str(p->segs[1], "v1")) {
        p->segs += 2;
        p->count -= 2;
        return true;
    }
    return false;
}

/* Finds the route for method and path; *method_mismatch tells 405 from 404. */
static const struct web_route_rt *find_route(const struct web_app *app, const char *method,
                                             const struct http_path *path, bool api, struct http_match *m,
                                             bool *method_mismatch)
{
    *method_mismatch = false;
    for (size_t i = 0; i < app->nroutes; i++) {
        const struct web_route_rt *rt = &app->routes[i];
        if (api && rt->route->page_only)
            continue;
        if (http_pattern_match(rt->pattern, path, m) != ERR_OK)
            continue;
        if (strcmp(rt->route->method, method) == 0 || (strcmp(method, "HEAD") == 0 && strcmp(rt->route->method, "GET") == 0))
            return rt;
        *method_mismatch = true;
    }
    return NULL;
}

/* Number of UTF-8 characters in s. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static bool is_code(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '-'))
            return false;
    return true;
}

/*
 * Validates one declared parameter's raw value and stores the typed value in c->params.
 * On failure sets c->error_detail (naming the parameter) and returns ERR_INVAL.
 */
static int validate_param(struct web_ctx *c, const struct web_param *p, const char *raw)
{
    const char *v = raw;
    switch (p->type) {
    case WEB_PARAM_INT: {
        int64_t n;
        if (num_parse_i64(v, strlen(v), p->min, p->max, &n) != ERR_OK)
            goto bad;
        json_object_set_new(c->params, p->name, json_integer(n));
        return ERR_OK;
    }
    case WEB_PARAM_TEXT: {
        struct slice t = slice_trim(slice_from(v));
        char *s = arena_strndup(c->arena, t.ptr, t.len);
        size_t chars = utf8_chars(s);
        if ((int64_t)chars < p->min || (p->max && (int64_t)chars > p->max))
            goto bad;
        json_object_set_new(c->params, p->name, json_string(s));
        return ERR_OK;
    }
    case WEB_PARAM_CODE: {
        size_t n = strlen(v);
        if (!is_code(v) || (int64_t)n < p->min || (p->max && (int64_t)n > p->max))
            goto bad;
        json_object_set_new(c->params, p->name, json_string(v));
        return ERR_OK;
    }
    case WEB_PARAM_ENUM:
        for (const char *const *ch = p->choices; ch && *ch; ch++) {
            if (strcmp(*ch, v) == 0) {
                json_object_set_new(c->params, p->name, json_string(v));
                return ERR_OK;
            }
        }
        goto bad;
    case WEB_PARAM_DATE: {
        struct date d;
        if (date_parse_iso(v, strlen(v), &d) != ERR_OK)
            goto bad;
        json_object_set_new(c->params, p->name, json_string(v));
        return ERR_OK;
    }
    }
bad:
    c->error_detail = arena_printf(c->arena, "%s: %s", web_text(c, "error_bad_parameter"), p->name);
    return ERR_INVAL;
}

/*
 * Fills c->params from the path captures and the declared query or form parameters. Undeclared
 * parameters are dropped here and never reach the handler; a declared one given twice is refused.
 */
static int collect_params(struct web_ctx *c, const struct http_match *m, const struct http_params *query,
                          const struct http_params *form)
{
    c->params = json_object();
    arena_cleanup_add(c->arena, (void (*)(void *))json_decref, c->params);
    for (size_t i = 0; i < m->count; i++) {
        const struct http_path_param *pp = &m->params[i];
        json_object_set_new(c->params, pp->name,
                            pp->type == HTTP_PARAM_ID ? json_integer(pp->id) : json_string(pp->value.ptr));
    }
    for (const struct web_param *p = c->route->params; p && p->name; p++) {
        const struct http_params *src = p->in == WEB_IN_FORM ? form : query;
        size_t n = http_params_count_key(src, p->name);
        const char *raw = http_params_get(src, p->name);
        if (n > 1) {
            c->error_detail = arena_printf(c->arena, "%s: %s", web_text(c, "error_repeated_parameter"), p->name);
            return ERR_INVAL;
        }
        if (!raw || (!*raw && !p->required)) {
            if (p->required) {
                c->error_detail = arena_printf(c->arena, "%s: %s", web_text(c, "error_missing_parameter"), p->name);
                return ERR_INVAL;
            }
            continue;
        }
        int rc = validate_param(c, p, raw);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

int64_t web_param_int(const struct web_ctx *c, const char *name)
{
    json_t *v = json_object_get(c->params, name);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

const char *web_param_str(const struct web_ctx *c, const char *name)
{
    return jsonx_str(c->params, name);
}

/* Maps a status code from a handler or a step to an HTTP status. */
static int http_status_of(int rc)
{
    switch (rc) {
    case ERR_OK:
        return 200;
    case ERR_INVAL:
    case ERR_RANGE:
        return 400;
    case ERR_PERM:
        return 403;
    case ERR_NOTFOUND:
        return 404;
    case ERR_EXISTS:
    case ERR_CONSTRAINT:
        return 409;
    case ERR_TOOBIG:
        return 413;
    case ERR_UNSUPPORTED:
        return 415;
    case ERR_BUSY:
        return 503;
    default:
        return 500;
    }
}

/*
 * Runs the handler inside a transaction when the route writes. A writing route must leave at least one
 * audit record in that transaction: if the audit trail's head did not move, the change is rolled back
 * and the request fails, so a handler that forgot audit_record cannot store anything.
 */
static int run_handler(struct web_ctx *c, json_t **model)
{
    if (!c->route->writes)
        return c->route->handler(c, model);
    int rc = db_begin(c->db);
    if (rc != ERR_OK)
        return rc;
    struct audit_head before = {0}, after = {0};
    rc = audit_head_get(c->db, &before);
    if (rc == ERR_NOTFOUND)
        rc = ERR_OK; /* an empty trail: head id 0 */
    if (rc == ERR_OK)
        rc = c->route->handler(c, model);
    if (rc == ERR_OK) {
        rc = audit_head_get(c->db, &after);
        if (rc == ERR_NOTFOUND)
            rc = ERR_OK; /* still empty: the check below fails the request */
    }
    if (rc == ERR_OK && after.id == before.id) {
        log_error("%s %s changed data without an audit record: rolled back", c->route->method, c->route->path);
        rc = ERR_INTERNAL;
    }
    if (rc == ERR_OK)
        rc = db_commit(c->db);
    else
        db_rollback(c->db);
    if (rc != ERR_OK && *model) {
        json_decref(*model);
        *model = NULL;
    }
    return rc;
}

/* Cookies are sent last: rendering a form may create the pre-session CSRF cookie. */
static void send_cookies(const struct web_ctx *c, struct http_response *resp)
{
    for (size_t i = 0; i < 2; i++)
        if (c->set_cookie[i])
            (void)http_response_header(resp, "Set-Cookie", c->set_cookie[i]);
}

void web_app_handle(void *ctx, struct http_request *req, struct http_response *resp)
{
    struct web_app *app = ctx;
    struct web_ctx c = {.app = app, .http = req, .arena = req->arena};
    c.lang = web_choose_lang(req);
    web_security_headers(resp);
    json_t *model = NULL;
    int rc = ERR_OK;
    int status = 0;

    struct http_path path;
    struct http_parse_err perr = {0};
    if (http_path_parse(req->arena, req->path.ptr, req->path.len, &path, &perr) != ERR_OK) {
        status = 400;
        c.error_detail = web_text(&c, "error_bad_path");
        goto render_error;
    }
    if (web_serve_asset(app, req, &path, resp))
        return;
    c.api = strip_api_prefix(&path);

    struct http_match match;
    bool wrong_method;
    const struct web_route_rt *rt = find_route(app, req->method, &path, c.api, &match, &wrong_method);
    if (!rt) {
        status = wrong_method ? 405 : 404;
        goto render_error;
    }
    c.route = rt->route;
    if (req->body_too_big) {
        status = 413;
        goto render_error;
    }

    c.db = web_db_get();
    if (!c.db) {
        status = 503;
        c.error_detail = web_text(&c, "error_database_unavailable");
        goto render_error;
    }

    rc = web_auth_identify(&c);
    if (rc != ERR_OK) {
        status = rc == ERR_PERM ? 401 : http_status_of(rc);
        goto render_error;
    }

    struct http_params query = {0}, form = {0};
    if (http_form_parse(req->arena, req->query.ptr, req->query.len, &http_form_limits_default, &query, &perr) !=
        ERR_OK) {
        status = 400;
        c.error_detail = web_text(&c, "error_bad_query");
        goto render_error;
    }
    if (strcmp(req->method, "POST") == 0) {
        rc = web_read_form(&c, &form);
        if (rc != ERR_OK) {
            status = rc == ERR_UNSUPPORTED ? 415 : 400;
            goto render_error;
        }
        rc = web_auth_check_csrf(&c, &form);
        if (rc != ERR_OK) {
            status = 403;
            c.error_detail = web_text(&c, "error_csrf");
            goto render_error;
        }
    }

    rc = collect_params(&c, &match, &query, &form);
    if (rc != ERR_OK) {
        status = c.api ? 422 : 400;
        goto render_error;
    }

    rc = web_auth_authorize(&c);
    if (rc != ERR_OK) {
        if (rc == ERR_PERM && !c.user_id && !c.api) {
            /* A person who is not signed in is sent to sign in, then back here. */
            web_redirect(&c, resp, web_signin_url(&c));
            return;
        }
        status = rc == ERR_PERM ? (c.user_id ? 403 : 401) : http_status_of(rc);
        goto render_error;
    }

    rc = run_handler(&c, &model);
    if (rc != ERR_OK) {
        status = http_status_of(rc);
        if (status == 500)
            log_error("%s %s: %s (%s)", req->method, c.route->path, err_message(rc), db_errmsg(c.db));
        goto render_error;
    }
    if (c.redirect && !c.api)
        web_redirect(&c, resp, c.redirect);
    else
        web_render_model(app, &c, model, c.status ? c.status : 200, resp);
    json_decref(model);
    send_cookies(&c, resp);
    return;

render_error:
    json_decref(model);
    web_render_error(app, &c, status, resp);
    send_cookies(&c, resp);
}
