/*
 * The web application: the route table compiled at start-up, the page templates, and the request
 * handler that `tambon serve` hands to the HTTP server.
 */
#ifndef TAMBON_WEB_WEB_H
#define TAMBON_WEB_WEB_H

#include "base/buf.h"
#include "http/server.h"

struct web_app;

/*
 * Compiles every route pattern and template and checks the route table (unique method and path,
 * templates present, parameters well declared). db_target is what each server thread connects to.
 * On failure appends the reason to err.
 */
__attribute__((warn_unused_result)) int web_app_create(const char *db_target, struct web_app **out,
                                                       struct buf *err);
void web_app_free(struct web_app *app);

/* The http_handler_fn: ctx is the struct web_app. */
void web_app_handle(void *ctx, struct http_request *req, struct http_response *resp);

#endif
