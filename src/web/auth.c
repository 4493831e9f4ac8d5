/*
 * Authentication and authorisation steps of the pipeline.
 *
 * Who: the session cookie (tambon_session, HttpOnly, SameSite=Lax) or an API token in
 * "Authorization: Bearer tbn_...". Sessions, their CSRF secrets and throttling counters live in the
 * database (modules/iam), so any server process can answer any request.
 *
 * CSRF: a signed-in browser's forms carry the session's token (iam_csrf_token). Forms sent while signed
 * out (the sign-in form) carry a double-submit token: a random value in the SameSite=Strict cookie
 * tambon_csrf that the page also puts in the form; another site can neither read the cookie nor make
 * the browser send it. Requests authenticated by an API token carry no cookies and need no CSRF token.
 */
#include "web/auth.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "modules/iam/iam.h"
#include "web/web_internal.h"

#define CSRF_COOKIE "tambon_csrf"
#define CSRF_BYTES 24

const char *web_cookie(struct web_ctx *c, const char *name)
{
    const char *cookie = http_request_header(c->http, "Cookie");
    struct http_params cookies = {0};
    if (!cookie ||
        http_cookie_parse(c->arena, cookie, strlen(cookie), &http_cookie_limits_default, &cookies, NULL) != ERR_OK)
        return NULL;
    return http_params_get(&cookies, name);
}

/* The token of "Authorization: Bearer <token>", or NULL. */
static const char *bearer_token(struct web_ctx *c)
{
    const char *h = http_request_header(c->http, "Authorization");
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return NULL;
    h += 7;
    while (*h == ' ')
        h++;
    return *h ? h : NULL;
}

int web_auth_identify(struct web_ctx *c)
{
    c->user_id = 0;
    c->who = NULL;
    c->session = NULL;
    int64_t user_id = 0;
    const char *bearer = bearer_token(c);
    if (bearer) {
        struct iam_api_token tok;
        int rc = iam_token_lookup(c->db, bearer, c->arena, &tok);
        if (rc == ERR_NOTFOUND) {
            c->error_detail = web_text(c, "error_bad_token");
            return ERR_PERM;
        }
        if (rc != ERR_OK)
            return rc;
        user_id = tok.user_id;
        c->token_auth = true;
    } else {
        const char *cookie = web_cookie(c, WEB_SESSION_COOKIE);
        if (!cookie)
            return ERR_OK;
        struct iam_session *s = arena_alloc(c->arena, sizeof *s);
        int rc = iam_session_lookup(c->db, cookie, s);
        if (rc == ERR_NOTFOUND)
            return ERR_OK; /* an expired session is simply signed out */
        if (rc != ERR_OK)
            return rc;
        c->session = s;
        user_id = s->user_id;
    }
    struct iam_principal *p = arena_alloc(c->arena, sizeof *p);
    int rc = iam_principal_load(c->db, user_id, c->arena, p);
    if (rc == ERR_NOTFOUND || rc == ERR_PERM) {
        c->session = NULL;
        return bearer ? ERR_PERM : ERR_OK;
    }
    if (rc != ERR_OK)
        return rc;
    c->who = p;
    c->user_id = p->user_id;
    c->username = p->username;
    return ERR_OK;
}

static const char *make_csrf_token(struct web_ctx *c);

const char *web_auth_csrf_token(struct web_ctx *c)
{
    if (c->csrf)
        return c->csrf; /* one token per response, however many forms ask */
    c->csrf = make_csrf_token(c);
    return c->csrf;
}

static const char *make_csrf_token(struct web_ctx *c)
{
    if (c->session) {
        char *tok = arena_alloc(c->arena, IAM_TOKEN_LEN + 1);
        iam_csrf_token(c->session, tok);
        return tok;
    }
    const char *have = web_cookie(c, CSRF_COOKIE);
    if (have && strlen(have) == sodium_base64_ENCODED_LEN(CSRF_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1)
        return have;
    unsigned char raw[CSRF_BYTES];
    randombytes_buf(raw, sizeof raw);
    size_t n = sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *tok = arena_alloc(c->arena, n);
    sodium_bin2base64(tok, n, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    c->set_cookie[1] = arena_printf(c->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict", CSRF_COOKIE, tok);
    return tok;
}

int web_auth_check_csrf(struct web_ctx *c, const struct http_params *form)
{
    if (c->token_auth)
        return ERR_OK;
    const char *sent = http_params_get(form, "_csrf");
    if (!sent)
        sent = http_request_header(c->http, "X-CSRF-Token");
    if (!sent)
        return ERR_PERM;
    if (c->session)
        return iam_csrf_check(c->session, sent);
    const char *cookie = web_cookie(c, CSRF_COOKIE);
    if (!cookie || strlen(sent) != strlen(cookie) || strlen(cookie) < 16)
        return ERR_PERM;
    return sodium_memcmp(sent, cookie, strlen(cookie)) == 0 ? ERR_OK : ERR_PERM;
}

int web_auth_authorize(struct web_ctx *c)
{
    const struct web_route *r = c->route;
    if (r->scope == WEB_SCOPE_PUBLIC)
        return ERR_OK;
    if (!c->who)
        return ERR_PERM;
    if (!iam_allows(c->who, r->permission))
        return ERR_PERM;
    switch (r->scope) {
    case WEB_SCOPE_LAO:
        return iam_can_see_lao(c->db, c->who, r->permission, web_param_int(c, "id"));
    case WEB_SCOPE_PERSON:
        return iam_can_see_person(c->db, c->who, r->permission, web_param_int(c, "id"));
    default:
        return ERR_OK;
    }
}

json_t *web_auth_ui_user(struct web_ctx *c)
{
    if (!c->who)
        return json_null();
    struct buf roles;
    buf_init(&roles, 4096);
    for (size_t i = 0; i < c->who->ngrants; i++) {
        const struct iam_grant *g = &c->who->grants[i];
        if (buf_printf(&roles, "%s%s", i ? ", " : "", iam_role_name_th(g->role)) != ERR_OK)
            break;
    }
    json_t *u = json_pack("{s:s, s:s, s:s}", "name", c->who->display_name ? c->who->display_name : c->who->username,
                          "username", c->who->username, "roles_text", buf_str(&roles));
    buf_release(&roles);
    return u;
}
