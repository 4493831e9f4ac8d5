/*
 * The route table: every page and API endpoint of Tambon, one row each (see web/route.h).
 */
#include "web/handlers.h"
#include "web/route.h"

static const char *const langs[] = {"th", "en", NULL};

static const struct web_param lang_params[] = {
    {.name = "to", .type = WEB_PARAM_ENUM, .required = true, .choices = langs, .doc = "th or en"},
    {.name = "back", .type = WEB_PARAM_TEXT, .min = 1, .max = 2000, .doc = "local path to return to"},
    {0},
};

static const struct web_param vacancy_params[] = {
    {.name = "province", .type = WEB_PARAM_CODE, .min = 2, .max = 2, .doc = "DOPA province code, e.g. 50"},
    {0},
};

const struct web_route web_routes[] = {
    {.method = "GET", .path = "/health", .scope = WEB_SCOPE_PUBLIC, .response_schema = "Health",
     .summary = "Whether the server and its database answer", .handler = h_health},
    {.method = "GET", .path = "/openapi.json", .scope = WEB_SCOPE_PUBLIC, .response_schema = "OpenAPI",
     .summary = "This API's OpenAPI 3.1 description", .handler = h_openapi},
    {.method = "GET", .path = "/lang", .scope = WEB_SCOPE_PUBLIC, .params = lang_params, .page_only = true,
     .response_schema = "LangSwitch", .summary = "Switch the interface language", .handler = h_lang},
    {.method = "GET", .path = "/public/vacancies", .scope = WEB_SCOPE_PUBLIC, .params = vacancy_params,
     .response_schema = "PublicVacancies", .template = "pages/public_vacancies",
     .title_key = "title_vacancies", .summary = "Vacant posts of local organisations, by province",
     .handler = h_public_vacancies},
};

const size_t web_routes_count = sizeof web_routes / sizeof web_routes[0];
