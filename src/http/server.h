/*
 * The HTTP server: libmicrohttpd with its own thread pool and epoll, keep-alive, limits on headers,
 * bodies and time, an access log, and a graceful stop. It knows nothing of routes or pages: every
 * complete request is handed to one handler function, which fills a response.
 *
 * Each request owns an arena (released when the response has been sent); the handler allocates from
 * it and never frees. The handler runs on one of the pool's threads and must not block for long.
 */
#ifndef TAMBON_HTTP_SERVER_H
#define TAMBON_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/slice.h"

#define HTTP_MAX_RESPONSE_HEADERS 12

struct http_server;

struct http_request {
    struct arena *arena;
    const char *method;    /* "GET", "POST", ... */
    struct slice target;   /* the raw request target as sent: "/path?query", still percent-encoded */
    struct slice path;     /* raw path part of target */
    struct slice query;    /* raw query part (without '?'), empty when none */
    const char *body;      /* request body (NUL-terminated copy), "" when none */
    size_t body_len;
    bool body_too_big;     /* the body passed the server's limit; body is then empty */
    const char *remote_ip; /* textual client address */
    int64_t started_ns;    /* monotonic start, for durations */
    void *conn;            /* the server's connection (opaque) */
};

/* The value of a request header (case-insensitive name), or NULL. */
const char *http_request_header(const struct http_request *r, const char *name);

struct http_response {
    int status;               /* 200 unless set */
    const char *content_type; /* NULL: no Content-Type */
    struct buf body;          /* the body, built by the handler */
    const char *static_body;  /* alternatively a body that outlives the response (e.g. an asset) */
    size_t static_len;
    size_t nheaders;
    struct {
        const char *name, *value;
    } headers[HTTP_MAX_RESPONSE_HEADERS];
};

/* Adds a response header (names and values copied by the caller into the request arena if needed).
 * Returns ERR_TOOBIG when HTTP_MAX_RESPONSE_HEADERS are already set. */
int http_response_header(struct http_response *resp, const char *name, const char *value);

typedef void (*http_handler_fn)(void *ctx, struct http_request *req, struct http_response *resp);

struct http_server_config {
    const char *bind;       /* IPv4 or IPv6 literal; "127.0.0.1" if NULL */
    int port;               /* 0 picks a free port (see http_server_port) */
    unsigned threads;       /* pool size; 0 = number of processors */
    size_t max_header;      /* bytes for the request line and headers (per connection memory) */
    size_t max_body;        /* bytes of request body accepted; more sets body_too_big */
    size_t max_response;    /* bytes a handler may put in resp->body */
    unsigned timeout_s;     /* idle connection timeout */
    unsigned max_conns;     /* connection limit */
    FILE *access_log;       /* one line per request; NULL for none */
};

/* Defaults: 127.0.0.1:8080, one thread per processor, 16 KiB headers, 1 MiB bodies, 8 MiB responses,
 * 30 s idle timeout, 1024 connections, access log on stderr. */
void http_server_config_defaults(struct http_server_config *cfg);

/* Starts listening and serving. On failure returns an error and writes a message to errbuf. */
__attribute__((warn_unused_result)) int http_server_start(const struct http_server_config *cfg,
                                                          http_handler_fn handler, void *ctx,
                                                          struct http_server **out, char *errbuf,
                                                          size_t errbuf_size);
/* The port actually listened on. */
int http_server_port(const struct http_server *s);
/* Stops accepting, lets requests in progress finish, closes connections and frees s. */
void http_server_stop(struct http_server *s);

#endif
