/*
 * Signing in and out of the web interface: the sign-in form, the sign-in itself (modules/iam does the
 * checking, throttling and session; this file is the HTTP glue docs/SECURITY.md section 9 asks for),
 * sign-out, and sign-out from every device. Each sign-in, failed sign-in and sign-out is recorded in
 * the audit trail.
 *
 * The session cookie is "tambon_session=<token>; Path=/; HttpOnly; SameSite=Lax", without Max-Age so
 * that it ends with the browser (the session itself ends after 12 hours at most). It has no Secure
 * attribute: the server speaks plain HTTP behind a proxy that terminates TLS and does not tell us so.
 * When it does (X-Forwarded-Proto from a trusted proxy), the cookie must gain Secure and the
 * "__Host-" name prefix.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "modules/audit/audit.h"
#include "modules/iam/iam.h"
#include "web/auth.h"
#include "web/handlers.h"

/* Where a browser goes after signing in when the form names no other page. */
#define DEFAULT_NEXT "/"

/* The page to go to after signing in: a local path from the form or query, else DEFAULT_NEXT. */
static const char *next_of(const struct web_ctx *c)
{
    const char *next = web_param_str(c, "next");
    return web_path_is_local(next) ? next : DEFAULT_NEXT;
}

/* The sign-in page's model. error is NULL or a translated message. */
static json_t *form_model(const char *next, const char *error, const char *username)
{
    json_t *m = json_pack("{s:s, s:s}", "next", next, "username", username ? username : "");
    json_object_set_new(m, "error", error ? json_string(error) : json_null());
    return m;
}

int h_signin_form(struct web_ctx *c, json_t **model)
{
    const char *next = next_of(c);
    /* The form carries the pre-session CSRF token; on a first visit rendering makes it and its cookie. */
    *model = form_model(next, NULL, NULL);
    return ERR_OK;
}

/*
 * Records a sign-in event in a transaction of its own (the routes here do not run in the pipeline's
 * transaction: see h_signin). user_id 0 and actor "anonymous" when nobody is known; after is taken over.
 */
static int audit_auth(struct web_ctx *c, int64_t user_id, const char *actor, const char *action,
                      json_t *after)
{
    char id[24];
    snprintf(id, sizeof id, "%" PRId64, user_id);
    const struct audit_entry e = {
        .actor_user_id = user_id,
        .actor = actor,
        .entity = "app_user",
        .entity_id = user_id ? id : NULL,
        .action = action,
        .after = after,
    };
    int rc = db_begin(c->db);
    if (rc == ERR_OK) {
        rc = audit_record(c->db, &e);
        if (rc == ERR_OK)
            rc = db_commit(c->db);
        else
            db_rollback(c->db);
    }
    json_decref(after);
    if (rc != ERR_OK)
        log_error("audit of %s for user %" PRId64 ": %s (%s)", action, user_id, err_message(rc),
                  db_errmsg(c->db));
    return rc;
}

/* What the audit trail keeps about where a sign-in came from. */
static json_t *origin(struct web_ctx *c)
{
    const char *ip = c->http->remote_ip;
    return json_pack("{s:s?}", "ip", ip && *ip ? ip : NULL);
}

/* Where a user lands after signing in without asking for a page: officials on the dashboard, an
 * employee who may not see it on their own record. */
static const char *landing(struct web_ctx *c, int64_t user_id, const char *next)
{
    if (strcmp(next, DEFAULT_NEXT) != 0)
        return next;
    struct iam_principal p;
    if (iam_principal_load(c->db, user_id, c->arena, &p) != ERR_OK)
        return next;
    if (!iam_allows(&p, "dashboard.view") && iam_allows(&p, "profile.view_own"))
        return "/me";
    return next;
}

int h_signin(struct web_ctx *c, json_t **model)
{
    const char *username = web_param_str(c, "username");
    const char *password = web_param_str(c, "password");
    const char *next = next_of(c);
    const char *ua = http_request_header(c->http, "User-Agent");
    struct iam_login_result res;
    memset(&res, 0, sizeof res);
    /*
     * iam_login runs outside any transaction (the route does not write through the pipeline):
     * a failed try must be counted for throttling even though the sign-in fails, and the password
     * hash must not be computed while holding the database's write lock.
     */
    int rc =
        iam_login(c->db, username ? username : "", password ? password : "", c->http->remote_ip, ua, &res);
    if (rc == ERR_OK) {
        /* A session that came with the request (fixed by someone else, or the user's old one) ends. */
        const char *old = c->session ? web_cookie(c, WEB_SESSION_COOKIE) : NULL;
        if (old && iam_session_revoke(c->db, old) != ERR_OK)
            log_warn("sign-in: the previous session could not be revoked");
        char actor[IAM_USERNAME_MAX + 1];
        if (iam_username_normalize(username, actor) != ERR_OK)
            snprintf(actor, sizeof actor, "user:%" PRId64, res.user_id);
        rc = audit_auth(c, res.user_id, actor, "login", origin(c));
        if (rc != ERR_OK) {
            /* No sign-in without its audit record. */
            if (iam_session_revoke(c->db, res.token) != ERR_OK)
                log_error("sign-in: a session without its audit record could not be revoked");
            memset(res.token, 0, sizeof res.token);
            return rc;
        }
        c->set_cookie[0] =
            arena_printf(c->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax", WEB_SESSION_COOKIE, res.token);
        memset(res.token, 0, sizeof res.token);
        c->redirect = landing(c, res.user_id, next);
        *model = json_pack("{s:s}", "next", c->redirect);
        return ERR_OK;
    }

    const char *error;
    if (rc == ERR_BUSY && res.retry_after <= 1) {
        /* Every hashing slot was taken: the server is busy, nobody's failure was counted. */
        c->status = 503;
        error = web_text(c, "error_503_detail");
    } else if (rc == ERR_BUSY) {
        int64_t minutes = (res.retry_after + 59) / 60;
        c->status = 429;
        error = arena_printf(c->arena, "%s %s %" PRId64 " %s", web_text(c, "signin_error_throttled"),
                             web_text(c, "signin_retry_in"), minutes, web_text(c, "unit_minutes"));
    } else if (rc == ERR_PERM || rc == ERR_INVAL) {
        /*
         * One message for an unknown user name, a wrong password and a disabled account: iam answers
         * the same for all three so that guessing cannot tell which accounts exist or are disabled.
         */
        c->status = 401;
        error = web_text(c, "signin_error_invalid");
        char name[IAM_USERNAME_MAX + 1];
        json_t *after = origin(c);
        json_object_set_new(after, "username",
                            json_string(iam_username_normalize(username ? username : "", name) == ERR_OK
                                            ? name
                                            : "(invalid)"));
        (void)audit_auth(c, 0, "anonymous", "login_failed", after);
    } else {
        return rc;
    }
    *model = form_model(next, error, username);
    return ERR_OK;
}

/* The Set-Cookie value that removes the session cookie. */
static const char *expired_cookie(struct web_ctx *c)
{
    return arena_printf(c->arena, "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax", WEB_SESSION_COOKIE);
}

/*
 * Sign-out and sign-out everywhere revoke first and record afterwards in a transaction of their own:
 * if recording fails the person is still signed out (failing the other way would leave a session
 * alive that its owner believes ended), and the failure is logged.
 */
int h_signout(struct web_ctx *c, json_t **model)
{
    const char *token = web_cookie(c, WEB_SESSION_COOKIE);
    if (c->session && token) {
        int rc = iam_session_revoke(c->db, token);
        if (rc != ERR_OK && rc != ERR_NOTFOUND)
            return rc;
        (void)audit_auth(c, c->user_id, c->username, "logout", origin(c));
    }
    c->set_cookie[0] = expired_cookie(c);
    c->redirect = "/signin";
    *model = json_pack("{s:b}", "signed_out", 1);
    return ERR_OK;
}

int h_signout_everywhere(struct web_ctx *c, json_t **model)
{
    int64_t n = 0;
    if (c->user_id) {
        int rc = iam_session_revoke_all(c->db, c->user_id, &n);
        if (rc != ERR_OK)
            return rc;
        json_t *after = origin(c);
        json_object_set_new(after, "sessions", json_integer(n));
        (void)audit_auth(c, c->user_id, c->username, "logout_all", after);
    }
    c->set_cookie[0] = expired_cookie(c);
    c->redirect = "/signin";
    *model = json_pack("{s:b, s:I}", "signed_out", 1, "sessions", (json_int_t)n);
    return ERR_OK;
}
