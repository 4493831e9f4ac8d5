/*
 * Shared between the files of the web layer only.
 */
#ifndef TAMBON_WEB_INTERNAL_H
#define TAMBON_WEB_INTERNAL_H

#include "http/parse.h"
#include "view/templates.h"
#include "web/assets.h"
#include "web/route.h"

/* A route with its compiled pattern. */
struct web_route_rt {
    const struct web_route *route;
    struct http_pattern *pattern;
};

struct web_app {
    struct arena arena; /* compiled patterns: lives as long as the app */
    struct web_route_rt *routes;
    size_t nroutes;
    struct template_set *templates;
    struct assets *assets;
};

/* "th" or "en": the tambon_lang cookie, else Accept-Language, else Thai. */
const char *web_choose_lang(const struct http_request *req);
/* Headers every response carries: CSP without inline code, no sniffing, no framing, referrer policy. */
void web_security_headers(struct http_response *resp);
/* Serves /assets/... from the embedded assets; true when it answered. */
bool web_serve_asset(const struct web_app *app, const struct http_request *req, const struct http_path *path,
                     struct http_response *resp);
/* Parses a POST body (form or JSON object of strings) into name/value pairs. */
int web_read_form(struct web_ctx *c, struct http_params *form);
/* 303 See Other to a local URL. */
void web_redirect(struct web_ctx *c, struct http_response *resp, const char *location);
/* len bytes of s percent-encoded for a query value (unreserved characters and '/' kept), in the arena. */
const char *web_query_escape(struct web_ctx *c, const char *s, size_t len);
/* "/signin?next=<this page>" */
const char *web_signin_url(struct web_ctx *c);

#endif
