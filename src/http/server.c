/*
 * HTTP server on libmicrohttpd (internal thread pool, epoll).
 *
 * Per request: the URI-log callback (called once, before headers are parsed) creates the request
 * state with its arena and keeps the raw target, so the path reaches the router still percent-encoded
 * (an encoded '/' must not split a segment). The access handler's first call only acknowledges the
 * request (answering on the first call would make libmicrohttpd close keep-alive connections), later
 * calls collect the body, and the last call runs the application's handler. The completion callback
 * writes the access log line and frees everything.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/num.h"

struct http_server {
    struct MHD_Daemon *daemon;
    http_handler_fn handler;
    void *ctx;
    struct http_server_config cfg;
    int port;
};

struct request_state {
    struct arena arena;
    struct http_request req;
    struct http_server *server;
    struct buf body;
    bool acknowledged; /* the first access-handler call has returned */
    bool answered;     /* a response was queued */
    int status;
    size_t response_bytes;
};

void http_server_config_defaults(struct http_server_config *cfg)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    *cfg = (struct http_server_config){
        .bind = "127.0.0.1",
        .port = 8080,
        .threads = n > 0 ? (unsigned)n : 1,
        .max_header = 16 * 1024,
        .max_body = 1024 * 1024,
        .max_response = 8 * 1024 * 1024,
        .timeout_s = 30,
        .max_conns = 1024,
        .access_log = stderr,
    };
}

const char *http_request_header(const struct http_request *r, const char *name)
{
    return MHD_lookup_connection_value((struct MHD_Connection *)r->conn, MHD_HEADER_KIND, name);
}

int http_response_header(struct http_response *resp, const char *name, const char *value)
{
    if (resp->nheaders >= HTTP_MAX_RESPONSE_HEADERS)
        return ERR_TOOBIG;
    resp->headers[resp->nheaders].name = name;
    resp->headers[resp->nheaders].value = value;
    resp->nheaders++;
    return ERR_OK;
}

/* Keeps the URI as sent: decoding is the router's job (see the file comment). */
static size_t keep_raw(void *cls, struct MHD_Connection *c, char *uri)
{
    (void)cls;
    (void)c;
    return strlen(uri);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct http_server *s = cls;
    struct request_state *st = calloc(1, sizeof *st);
    if (!st)
        arena_oom(sizeof *st);
    arena_init(&st->arena, 0);
    st->server = s;
    buf_init(&st->body, s->cfg.max_body);
    struct http_request *r = &st->req;
    r->arena = &st->arena;
    r->started_ns = clock_mono_ns();
    r->conn = conn;
    size_t len = strlen(uri);
    r->target = slice_make(arena_strndup(&st->arena, uri, len), len);
    const char *q = memchr(r->target.ptr, '?', len);
    r->path = slice_make(r->target.ptr, q ? (size_t)(q - r->target.ptr) : len);
    r->query = q ? slice_make(q + 1, len - r->path.len - 1) : slice_make("", 0);
    r->body = "";
    r->remote_ip = "-";
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        char ip[INET6_ADDRSTRLEN] = "-";
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, ip, sizeof ip);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, ip, sizeof ip);
        r->remote_ip = arena_strdup(&st->arena, ip);
    }
    return st;
}

static void free_body(void *p)
{
    free(p);
}

static enum MHD_Result respond(struct MHD_Connection *conn, struct request_state *st)
{
    struct http_server *s = st->server;
    struct http_response resp = {.status = 200};
    buf_init(&resp.body, s->cfg.max_response);
    s->handler(s->ctx, &st->req, &resp);

    struct MHD_Response *r;
    if (resp.static_body) {
        buf_release(&resp.body);
        st->response_bytes = resp.static_len;
        r = MHD_create_response_from_buffer(resp.static_len, (void *)resp.static_body, MHD_RESPMEM_PERSISTENT);
    } else {
        st->response_bytes = resp.body.len;
        size_t n = resp.body.len;
        r = MHD_create_response_from_buffer_with_free_callback(n, buf_detach(&resp.body), free_body);
    }
    if (!r)
        return MHD_NO;
    if (resp.content_type)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, resp.content_type);
    for (size_t i = 0; i < resp.nheaders; i++)
        MHD_add_response_header(r, resp.headers[i].name, resp.headers[i].value);
    st->status = resp.status;
    st->answered = true;
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)resp.status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                 const char *version, const char *upload_data, size_t *upload_data_size,
                                 void **con_cls)
{
    (void)cls;
    (void)url;
    (void)version;
    struct request_state *st = *con_cls;
    if (!st)
        return MHD_NO; /* the URI callback always runs first; anything else is a broken connection */
    if (!st->acknowledged) {
        st->acknowledged = true;
        st->req.method = arena_strdup(&st->arena, method);
        /* A declared length over the limit is answered now, before any of the body is read
         * (libmicrohttpd accepts a response only before the body or after all of it). */
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        int64_t declared;
        if (cl && num_parse_i64(cl, strlen(cl), 0, INT64_MAX, &declared) == ERR_OK &&
            (uint64_t)declared > st->server->cfg.max_body) {
            st->req.body_too_big = true;
            return respond(conn, st);
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        /* A body without a declared length (chunked) that passes the limit is read and dropped. */
        if (!st->req.body_too_big && buf_append(&st->body, upload_data, *upload_data_size) != ERR_OK) {
            buf_release(&st->body);
            st->req.body_too_big = true;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (st->answered)
        return MHD_YES;
    st->req.body = buf_str(&st->body);
    st->req.body_len = st->body.len;
    return respond(conn, st);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    struct http_server *s = cls;
    struct request_state *st = *con_cls;
    if (!st)
        return;
    if (s->cfg.access_log && st->acknowledged) {
        char when[32];
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        double ms = (double)(clock_mono_ns() - st->req.started_ns) / 1e6;
        fprintf(s->cfg.access_log, "%s %s \"%s %.*s\" %d %zu %.1fms%s\n", when, st->req.remote_ip,
                st->req.method ? st->req.method : "-", (int)(st->req.path.len > 512 ? 512 : st->req.path.len),
                st->req.path.ptr, st->answered ? st->status : 0, st->response_bytes, ms,
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
    }
    buf_release(&st->body);
    arena_release(&st->arena);
    free(st);
    *con_cls = NULL;
}

int http_server_start(const struct http_server_config *cfg, http_handler_fn handler, void *ctx,
                      struct http_server **out, char *errbuf, size_t errbuf_size)
{
    struct http_server *s = calloc(1, sizeof *s);
    if (!s)
        arena_oom(sizeof *s);
    s->cfg = *cfg;
    s->handler = handler;
    s->ctx = ctx;
    const char *bind = cfg->bind ? cfg->bind : "127.0.0.1";

    struct sockaddr_in a4 = {0};
    struct sockaddr_in6 a6 = {0};
    const struct sockaddr *addr;
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (inet_pton(AF_INET, bind, &a4.sin_addr) == 1) {
        a4.sin_family = AF_INET;
        a4.sin_port = htons((uint16_t)cfg->port);
        addr = (const struct sockaddr *)&a4;
    } else if (inet_pton(AF_INET6, bind, &a6.sin6_addr) == 1) {
        a6.sin6_family = AF_INET6;
        a6.sin6_port = htons((uint16_t)cfg->port);
        addr = (const struct sockaddr *)&a6;
        flags |= MHD_USE_IPv6;
    } else {
        snprintf(errbuf, errbuf_size, "'%s' is not an IP address", bind);
        free(s);
        return ERR_INVAL;
    }
    if (cfg->port < 0 || cfg->port > 65535) {
        snprintf(errbuf, errbuf_size, "port %d is out of range", cfg->port);
        free(s);
        return ERR_RANGE;
    }
    s->daemon = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_access, s, MHD_OPTION_SOCK_ADDR, addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)(cfg->threads ? cfg->threads : 1),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(cfg->max_header < 4096 ? 4096 : cfg->max_header),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cfg->timeout_s, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned int)(cfg->max_conns ? cfg->max_conns : 1024), MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
        MHD_OPTION_UNESCAPE_CALLBACK, keep_raw, NULL, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int)1, MHD_OPTION_END);
    if (!s->daemon) {
        snprintf(errbuf, errbuf_size, "cannot listen on %s port %d (in use, or not allowed)", bind, cfg->port);
        free(s);
        return ERR_IO;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : cfg->port;
    *out = s;
    return ERR_OK;
}

int http_server_port(const struct http_server *s)
{
    return s->port;
}

void http_server_stop(struct http_server *s)
{
    if (!s)
        return;
    /* Stop accepting first; MHD_stop_daemon then joins the pool threads, which finish their work. */
    MHD_socket fd = MHD_quiesce_daemon(s->daemon);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    MHD_stop_daemon(s->daemon);
    free(s);
}
