/*
 * Routes as data. Every page and API endpoint is one row of the route table (web/routes.c): method,
 * path pattern, permission, scope rule, declared parameters with validators, schema names for the
 * OpenAPI document, whether it writes, the page template and the handler. One dispatcher
 * (web/dispatch.c) runs the same pipeline for every row, so no handler can skip a check:
 *
 *   parse → route → authenticate → CSRF on writes → permission and scope → validate parameters
 *   → transaction (writes) → handler → commit → render (HTML page or JSON)
 *
 * Each route answers on its page path ("/laos/{id}", HTML for people) and on the same path under
 * "/api/v1" (JSON for programs). A handler receives only declared, validated parameters and returns a
 * model (json_t); it never writes HTML or JSON itself.
 */
#ifndef TAMBON_WEB_ROUTE_H
#define TAMBON_WEB_ROUTE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "http/server.h"

/* What a parameter must look like. Path parameters use the pattern's own types ({id}, {code}). */
enum web_param_type {
    WEB_PARAM_INT,  /* decimal integer in [min, max] */
    WEB_PARAM_TEXT, /* UTF-8 text, trimmed, length in characters in [min, max] */
    WEB_PARAM_CODE, /* [A-Za-z0-9_-], length in [min, max] */
    WEB_PARAM_ENUM, /* one of choices */
    WEB_PARAM_DATE, /* ISO YYYY-MM-DD */
};

enum web_param_in { WEB_IN_QUERY, WEB_IN_FORM };

struct web_param {
    const char *name;
    enum web_param_in in;
    enum web_param_type type;
    bool required;
    int64_t min, max;           /* bounds: value for INT, length for TEXT and CODE */
    const char *const *choices; /* NULL-terminated, for ENUM */
    const char *doc;            /* one line for the OpenAPI document */
};

/* Who may reach a route at all, and how its data is limited. */
enum web_scope_rule {
    WEB_SCOPE_PUBLIC, /* anyone, signed in or not (public portal, sign-in page) */
    WEB_SCOPE_SIGNED, /* any signed-in user; the handler filters data to the caller's scope */
    WEB_SCOPE_LAO,    /* the path parameter "id" is an LAO the caller may see */
    WEB_SCOPE_PERSON, /* the path parameter "id" is a person the caller may see */
};

struct web_ctx;
struct web_app;
struct iam_principal;
struct iam_session;

/* The session cookie's name. */
#define WEB_SESSION_COOKIE "tambon_session"
typedef int (*web_handler_fn)(struct web_ctx *c, json_t **model);

struct web_route {
    const char *method;     /* "GET" or "POST" */
    const char *path;       /* page path pattern, e.g. "/laos/{id}" */
    const char *permission; /* NULL for public routes */
    enum web_scope_rule scope;
    const struct web_param *params; /* terminated by an entry with name NULL; may be NULL */
    const char *response_schema;    /* name of the model's schema in the OpenAPI document */
    bool writes;                    /* runs in a transaction and must leave an audit record */
    bool page_only;                 /* no /api/v1 twin (sign-in form, language switch) */
    const char *template;           /* page template name ("pages/laos"); NULL: JSON only */
    const char *title_key;          /* catalog key of the page title */
    const char *summary;            /* one English line for the OpenAPI document */
    web_handler_fn handler;
};

/* The table, in web/routes.c. */
extern const struct web_route web_routes[];
extern const size_t web_routes_count;

/* What the handler sees. Everything lives as long as the request. */
struct web_ctx {
    const struct web_app *app;
    struct http_request *http;
    struct arena *arena;
    struct db *db;
    const struct web_route *route;
    json_t *params;         /* declared parameters only, validated and typed: path, query or form */
    const char *lang;       /* "th" or "en" */
    bool api;               /* answering under /api/v1 */
    int64_t user_id;        /* 0 when signed out */
    const char *username;   /* NULL when signed out */
    const struct iam_principal *who; /* the caller's grants; NULL when signed out */
    struct iam_session *session;     /* the browser session, when signed in by cookie */
    bool token_auth;                 /* signed in by an API token */
    const char *csrf;                /* this request's CSRF token, once made (web_auth_csrf_token) */
    /* Set by handlers that answer with something other than 200 and a model. */
    int status;               /* 0 = 200 */
    const char *redirect;     /* a page redirect (303 See Other) instead of rendering */
    const char *set_cookie[2];/* Set-Cookie values to send */
    const char *error_detail; /* message for an error status, in the request's language */
};

/* Typed access to validated parameters (they exist when declared required). */
int64_t web_param_int(const struct web_ctx *c, const char *name);
const char *web_param_str(const struct web_ctx *c, const char *name); /* NULL when absent */

/* A text in the request's language from the message catalog; the key itself when missing. */
const char *web_text(const struct web_ctx *c, const char *key);

#endif
