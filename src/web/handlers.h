/*
 * Route handlers. Each builds a model (json_t) from the validated parameters in its context and
 * returns 0, or an error code that the dispatcher turns into an HTTP status and error page.
 */
#ifndef TAMBON_WEB_HANDLERS_H
#define TAMBON_WEB_HANDLERS_H

#include "web/route.h"

int h_health(struct web_ctx *c, json_t **model);
int h_openapi(struct web_ctx *c, json_t **model);
int h_lang(struct web_ctx *c, json_t **model);
int h_public_vacancies(struct web_ctx *c, json_t **model);

#endif
