/*
 * The route table: every page and API endpoint of Tambon, one row each (see web/route.h).
 *
 * Permissions are those of modules/iam's permission table (grant.c). Sign-out needs none: anyone may
 * end their own session, and a signed-out caller has nothing to end, so those routes are public and
 * their handlers act only on the caller's own session.
 */
#include "web/handlers.h"
#include "web/route.h"

static const char *const langs[] = {"th", "en", NULL};
/* The LAO types of the 2542 Act, as org_store.c defines them (codes fixed by law). */
static const char *const lao_types[] = {"pao", "city",    "town", "subdistrict_municipality",
                                        "sao", "pattaya", NULL};

static const struct web_param lang_params[] = {
    {.name = "to", .type = WEB_PARAM_ENUM, .required = true, .choices = langs, .doc = "th or en"},
    {.name = "back", .type = WEB_PARAM_TEXT, .min = 1, .max = 2000, .doc = "local path to return to"},
    {0},
};

static const struct web_param vacancy_params[] = {
    {.name = "province", .type = WEB_PARAM_CODE, .min = 2, .max = 2, .doc = "DOPA province code, e.g. 50"},
    {0},
};

static const struct web_param signin_form_params[] = {
    {.name = "next",
     .type = WEB_PARAM_TEXT,
     .min = 1,
     .max = 2000,
     .doc = "local path to go to after signing in"},
    {0},
};

/* Lengths are generous: a name or password too long for iam gets the usual "wrong" answer, not a 400. */
static const struct web_param signin_params[] = {
    {.name = "username", .in = WEB_IN_FORM, .type = WEB_PARAM_TEXT, .max = 200, .doc = "user name"},
    {.name = "password", .in = WEB_IN_FORM, .type = WEB_PARAM_TEXT, .max = 1024, .doc = "password"},
    {.name = "next", .in = WEB_IN_FORM, .type = WEB_PARAM_TEXT, .max = 2000, .doc = "local path to go to"},
    {0},
};

static const struct web_param laos_params[] = {
    {.name = "province", .type = WEB_PARAM_CODE, .min = 2, .max = 2, .doc = "DOPA province code, e.g. 50"},
    {.name = "type", .type = WEB_PARAM_ENUM, .choices = lao_types, .doc = "LAO type code"},
    {.name = "page", .type = WEB_PARAM_INT, .min = 1, .max = 1000000, .doc = "page number, from 1"},
    {0},
};

const struct web_route web_routes[] = {
    {.method = "GET",
     .path = "/health",
     .scope = WEB_SCOPE_PUBLIC,
     .response_schema = "Health",
     .summary = "Whether the server and its database answer",
     .handler = h_health},
    {.method = "GET",
     .path = "/openapi.json",
     .scope = WEB_SCOPE_PUBLIC,
     .response_schema = "OpenAPI",
     .summary = "This API's OpenAPI 3.1 description",
     .handler = h_openapi},
    {.method = "GET",
     .path = "/lang",
     .scope = WEB_SCOPE_PUBLIC,
     .params = lang_params,
     .page_only = true,
     .response_schema = "LangSwitch",
     .summary = "Switch the interface language",
     .handler = h_lang},
    {.method = "GET",
     .path = "/public/vacancies",
     .scope = WEB_SCOPE_PUBLIC,
     .params = vacancy_params,
     .response_schema = "PublicVacancies",
     .template = "pages/public_vacancies",
     .title_key = "title_vacancies",
     .summary = "Vacant posts of local organisations, by province",
     .handler = h_public_vacancies},

    /* Signing in and out: browser sessions only (programs use API tokens). */
    {.method = "GET",
     .path = "/signin",
     .scope = WEB_SCOPE_PUBLIC,
     .params = signin_form_params,
     .page_only = true,
     .response_schema = "SignIn",
     .template = "pages/signin",
     .title_key = "title_signin",
     .summary = "The sign-in form",
     .handler = h_signin_form},
    {.method = "POST",
     .path = "/signin",
     .scope = WEB_SCOPE_PUBLIC,
     .params = signin_params,
     .page_only = true,
     .response_schema = "SignIn",
     .template = "pages/signin",
     .title_key = "title_signin",
     .summary = "Sign in with a user name and password",
     .handler = h_signin},
    {.method = "POST",
     .path = "/signout",
     .scope = WEB_SCOPE_PUBLIC,
     .page_only = true,
     .response_schema = "SignOut",
     .summary = "End this browser's session",
     .handler = h_signout},
    {.method = "POST",
     .path = "/signout-everywhere",
     .scope = WEB_SCOPE_PUBLIC,
     .page_only = true,
     .response_schema = "SignOut",
     .summary = "End every session of the signed-in user",
     .handler = h_signout_everywhere},

    /* Signed-in pages, each also a JSON endpoint under /api/v1. */
    {.method = "GET",
     .path = "/",
     .permission = "dashboard.view",
     .scope = WEB_SCOPE_SIGNED,
     .response_schema = "Home",
     .template = "pages/home",
     .title_key = "title_home",
     .summary = "Counts of LAOs, posts and people in the caller's scope",
     .handler = h_home},
    {.method = "GET",
     .path = "/laos",
     .permission = "lao.list",
     .scope = WEB_SCOPE_SIGNED,
     .params = laos_params,
     .response_schema = "LaoList",
     .template = "pages/laos",
     .title_key = "title_laos",
     .summary = "The LAOs in the caller's scope, by province and type, in pages of 20",
     .handler = h_laos},
    {.method = "GET",
     .path = "/laos/{id}",
     .permission = "lao.view",
     .scope = WEB_SCOPE_LAO,
     .response_schema = "Lao",
     .template = "pages/lao",
     .title_key = "title_lao",
     .summary = "One LAO: details, unit tree, positions and their holders",
     .handler = h_lao},
    {.method = "GET",
     .path = "/people/{id}",
     .permission = "person.view",
     .scope = WEB_SCOPE_PERSON,
     .response_schema = "Person",
     .template = "pages/person",
     .title_key = "title_person",
     .summary = "One person's record: details, current post, career and salary history",
     .handler = h_person},
    {.method = "GET",
     .path = "/me",
     .permission = "profile.view_own",
     .scope = WEB_SCOPE_SIGNED,
     .response_schema = "Person",
     .template = "pages/me",
     .title_key = "title_me",
     .summary = "The signed-in employee's own record",
     .handler = h_me},
};

const size_t web_routes_count = sizeof web_routes / sizeof web_routes[0];
