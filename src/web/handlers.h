/*
 * Route handlers. Each builds a model (json_t) from the validated parameters in its context and
 * returns 0, or an error code that the dispatcher turns into an HTTP status and error page. A model is
 * the render contract's "m" for the route's page template and, the same object, the JSON API's answer;
 * its schema is in web/openapi.c under the route's response_schema.
 */
#ifndef TAMBON_WEB_HANDLERS_H
#define TAMBON_WEB_HANDLERS_H

#include <stdbool.h>
#include <stdint.h>

#include "web/route.h"

/* System and public routes (h_system.c, h_public.c). */
int h_health(struct web_ctx *c, json_t **model);
int h_openapi(struct web_ctx *c, json_t **model);
int h_lang(struct web_ctx *c, json_t **model);
int h_public_vacancies(struct web_ctx *c, json_t **model);

/* Sign-in and sign-out (h_auth.c). */
int h_signin_form(struct web_ctx *c, json_t **model);
int h_signin(struct web_ctx *c, json_t **model);
int h_signout(struct web_ctx *c, json_t **model);
int h_signout_everywhere(struct web_ctx *c, json_t **model);

/* The home dashboard (h_home.c). */
int h_home(struct web_ctx *c, json_t **model);

/* The LAO directory and one LAO (h_lao.c). */
int h_laos(struct web_ctx *c, json_t **model);
int h_lao(struct web_ctx *c, json_t **model);

/* One person's record, and one's own (h_person.c). */
int h_person(struct web_ctx *c, json_t **model);
int h_me(struct web_ctx *c, json_t **model);

/*
 * True when path is a local path this site may send a browser to after a form: it starts with one
 * '/', not "//" or "/\" (which browsers read as another host), and holds no CR or LF. The language
 * switch and sign-in both use it, so neither can be made into an open redirect (h_system.c).
 */
bool web_path_is_local(const char *path);

/*
 * Display text for models, in the request's language, allocated from the request's arena (h_display.c).
 * Thai pages write dates in the Buddhist Era ("1 พฤษภาคม 2513"), English pages in the Common Era
 * ("1 May 1970"); money is baht with thousands separators and satang ("25,430.00") in both.
 */
/* The date of an ISO "YYYY-MM-DD" text; NULL for NULL, the text itself when it is not a date. */
const char *web_date_text(struct web_ctx *c, const char *iso);
/* Satang as baht: 2543000 → "25,430.00", -150 → "-1.50". */
const char *web_money_text(struct web_ctx *c, int64_t satang);
/*
 * A name from a row that holds it in two languages as "<base>_th" and "<base>_en": the English one on
 * English pages when the row has it, the Thai one otherwise (NULL when the row has neither).
 */
const char *web_name(const struct web_ctx *c, const json_t *row, const char *base);
/* A catalog text whose key is prefix followed by code ("status_" "vacant"); "" when code is NULL. */
const char *web_text_of(struct web_ctx *c, const char *prefix, const char *code);

#endif
