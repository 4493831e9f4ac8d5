/*
 * JSON request bodies: a size limit and an object check around jsonx_parse, with the result tied to
 * the request's arena.
 */
#include "http/parse.h"

#include "base/err.h"
#include "base/jsonx.h"

static void json_release(void *v)
{
    json_decref(v);
}

/* Appends "line L, column C: what" to err for the first non-blank byte of body (jansson's blanks). */
static void report_at_value(const char *body, size_t len, const char *what, struct buf *err)
{
    int line = 1, col = 1;
    for (size_t i = 0; i < len; i++) {
        char c = body[i];
        if (c == '\n') {
            line++;
            col = 1;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            col++;
        } else {
            break;
        }
    }
    if (err) {
        int rc = buf_printf(err, "line %d, column %d: %s", line, col, what);
        (void)rc; /* a message that does not fit is dropped; the status still says what happened */
    }
}

int http_json_body(struct arena *a, const char *body, size_t len, size_t max, json_t **out, struct buf *err)
{
    int rc = ERR_INVAL;
    json_t *v = NULL;

    if (len > max) {
        rc = ERR_TOOBIG;
        if (err) {
            int brc = buf_printf(err, "the request body is larger than %zu bytes", max);
            (void)brc;
        }
        goto out;
    }
    if (len == 0) {
        report_at_value("", 0, "the request body is empty", err);
        goto out;
    }
    rc = jsonx_parse(body, len, &v, err);
    if (rc != ERR_OK)
        goto out;
    if (!json_is_object(v)) {
        rc = ERR_INVAL;
        report_at_value(body, len, "the request body must be a JSON object", err);
        json_decref(v);
        goto out;
    }
    arena_cleanup_add(a, json_release, v);
    *out = v;
    rc = ERR_OK;
out:
    return rc;
}
