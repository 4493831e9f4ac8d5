/*
 * The OpenAPI 3.1 description of the JSON API, generated from the route table.
 */
#ifndef TAMBON_WEB_OPENAPI_H
#define TAMBON_WEB_OPENAPI_H

#include <jansson.h>

struct web_app;

/* Builds the document (a new reference in *out); ERR_NOTFOUND when a route names an unknown schema. */
__attribute__((warn_unused_result)) int web_openapi_document(const struct web_app *app, json_t **out);

#endif
