/*
 * Rendering: the one place that turns a model into bytes. JSON for /api/v1 (and clients that ask for
 * it), otherwise the route's Mustache template inside the site layout; errors as
 * application/problem+json for programs and a Thai (or English) error page for people.
 */
#ifndef TAMBON_WEB_RENDER_H
#define TAMBON_WEB_RENDER_H

#include <jansson.h>

#include "http/server.h"
#include "web/route.h"

struct web_app;

void web_render_model(const struct web_app *app, struct web_ctx *c, json_t *model, int status,
                      struct http_response *resp);
void web_render_error(const struct web_app *app, struct web_ctx *c, int status, struct http_response *resp);

#endif
