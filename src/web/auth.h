/*
 * The authentication and authorisation steps of the pipeline: who is calling (session cookie or API
 * token), whether a form really comes from our own page (CSRF), and whether the caller may use the
 * route on the data it names (permission and scope).
 */
#ifndef TAMBON_WEB_AUTH_H
#define TAMBON_WEB_AUTH_H

#include <jansson.h>

#include "http/parse.h"
#include "web/route.h"

/* The value of a request cookie, or NULL. */
const char *web_cookie(struct web_ctx *c, const char *name);
/* Sets c->user_id and c->username from the session cookie or a Bearer token; signed out otherwise. */
int web_auth_identify(struct web_ctx *c);
/* For POSTs: ERR_OK when the form's _csrf field (or the X-CSRF-Token header) is valid for the caller;
 * requests authenticated by an API token need none. */
int web_auth_check_csrf(struct web_ctx *c, const struct http_params *form);
/* The route's permission and scope rule against the caller: ERR_OK, ERR_PERM or ERR_NOTFOUND. */
int web_auth_authorize(struct web_ctx *c);
/* The CSRF token to put in forms rendered for this caller (never NULL). */
const char *web_auth_csrf_token(struct web_ctx *c);
/* The "ui.user" object for the layout: a new reference, null when signed out. */
json_t *web_auth_ui_user(struct web_ctx *c);

#endif
