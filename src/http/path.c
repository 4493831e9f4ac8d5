/*
 * Request paths and route patterns: splitting a raw path into decoded segments, compiling patterns
 * with typed parameters, and matching one against the other.
 */
#include "http/parse.h"

#include <string.h>

#include "base/err.h"
#include "base/num.h"
#include "http/parse_internal.h"
#include "thai/natid.h"

static const char *const type_names[HTTP_PARAM__COUNT] = {
    [HTTP_PARAM_ID] = "id",
    [HTTP_PARAM_CODE] = "code",
    [HTTP_PARAM_NID] = "nid",
};

const char *http_param_type_name(enum http_param_type t)
{
    return (unsigned)t < HTTP_PARAM__COUNT ? type_names[t] : NULL;
}

static bool type_lookup(struct slice name, enum http_param_type *t)
{
    for (int i = 0; i < HTTP_PARAM__COUNT; i++) {
        if (slice_eq_str(name, type_names[i])) {
            *t = (enum http_param_type)i;
            return true;
        }
    }
    return false;
}

void http_target_split(const char *s, size_t len, struct slice *path, struct slice *query)
{
    const char *q = len ? memchr(s, '?', len) : NULL;
    if (q) {
        *path = slice_make(s, (size_t)(q - s));
        *query = slice_make(q + 1, len - (size_t)(q - s) - 1);
    } else {
        *path = slice_make(s, len);
        *query = slice_make(NULL, 0);
    }
}

static bool is_dot_segment(struct slice s)
{
    return slice_eq_str(s, ".") || slice_eq_str(s, "..");
}

int http_path_parse(struct arena *a, const char *s, size_t len, struct http_path *out,
                    struct http_parse_err *err)
{
    int rc = ERR_INVAL;
    struct slice *segs = NULL;
    size_t n = 0;
    bool trailing = false;

    if (len > HTTP_PATH_MAX_LEN) {
        rc = ERR_TOOBIG;
        http_err_set(err, HTTP_PATH_MAX_LEN, "path too long");
        goto out;
    }
    if (len == 0 || s[0] != '/') {
        http_err_set(err, 0, "path must start with '/'");
        goto out;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '?' || s[i] == '#') {
            http_err_set(err, i, "'?' or '#' in path");
            goto out;
        }
    }
    /* Segments lie between raw slashes: count them and check for empty ones before decoding. */
    for (size_t i = 1; i < len;) {
        const char *slash = memchr(s + i, '/', len - i);
        size_t end = slash ? (size_t)(slash - s) : len;
        if (end == i) {
            http_err_set(err, i, "empty path segment");
            goto out;
        }
        if (n == HTTP_PATH_MAX_SEGMENTS) {
            rc = ERR_TOOBIG;
            http_err_set(err, i, "too many path segments");
            goto out;
        }
        n++;
        if (slash && end + 1 == len)
            trailing = true;
        i = end + 1;
    }
    segs = n ? arena_alloc(a, n * sizeof *segs) : NULL;
    size_t k = 0;
    for (size_t i = 1; k < n; k++) {
        const char *slash = memchr(s + i, '/', len - i);
        size_t end = slash ? (size_t)(slash - s) : len;
        struct http_parse_err e = {0, NULL};
        rc = http_percent_decode(a, s + i, end - i, 0, end - i, &segs[k], &e);
        if (rc != ERR_OK) {
            http_err_set(err, i + e.offset, e.reason);
            goto out;
        }
        if (is_dot_segment(segs[k])) {
            rc = ERR_INVAL;
            http_err_set(err, i, "'.' or '..' segment in path");
            goto out;
        }
        i = end + 1;
    }
    out->segs = segs;
    out->count = n;
    out->trailing_slash = trailing;
    rc = ERR_OK;
out:
    return rc;
}

/* RFC 3986 unreserved characters: the only ones a literal pattern segment may use. */
static bool is_unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

static bool valid_param_name(struct slice n)
{
    if (n.len == 0 || n.len > HTTP_PATTERN_MAX_NAME)
        return false;
    for (size_t i = 0; i < n.len; i++) {
        unsigned char c = (unsigned char)n.ptr[i];
        bool ok = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
        if (!ok)
            return false;
    }
    return true;
}

/* Compiles the segment text[start..end) of a pattern into *seg. */
static int compile_segment(struct arena *a, const char *text, size_t start, size_t end,
                           struct http_pattern *p, struct http_pattern_seg *seg, struct http_parse_err *err)
{
    struct slice piece = slice_make(text + start, end - start);
    if (piece.len == 0) {
        http_err_set(err, start, "empty segment in pattern");
        return ERR_INVAL;
    }
    if (piece.ptr[0] != '{') {
        for (size_t i = 0; i < piece.len; i++) {
            if (!is_unreserved((unsigned char)piece.ptr[i])) {
                http_err_set(err, start + i, "character not allowed in a pattern literal");
                return ERR_INVAL;
            }
        }
        if (is_dot_segment(piece)) {
            http_err_set(err, start, "'.' or '..' segment in pattern");
            return ERR_INVAL;
        }
        seg->is_param = false;
        seg->type = HTTP_PARAM_ID;
        seg->text = slice_make(arena_strndup(a, piece.ptr, piece.len), piece.len);
        return ERR_OK;
    }
    if (piece.len < 2 || piece.ptr[piece.len - 1] != '}') {
        http_err_set(err, start, "parameter must fill its segment as {name} or {name:type}");
        return ERR_INVAL;
    }
    struct slice inner = slice_make(piece.ptr + 1, piece.len - 2);
    const char *colon = inner.len ? memchr(inner.ptr, ':', inner.len) : NULL;
    struct slice name = colon ? slice_make(inner.ptr, (size_t)(colon - inner.ptr)) : inner;
    struct slice type = colon ? slice_make(colon + 1, inner.len - name.len - 1) : inner;
    size_t type_off = colon ? start + 2 + name.len : start + 1;
    if (!valid_param_name(name)) {
        http_err_set(err, start + 1, "invalid parameter name");
        return ERR_INVAL;
    }
    if (!type_lookup(type, &seg->type)) {
        http_err_set(err, type_off, "unknown parameter type");
        return ERR_INVAL;
    }
    for (size_t i = 0; i < p->count; i++) {
        if (p->segs[i].is_param && slice_eq(p->segs[i].text, name)) {
            http_err_set(err, start + 1, "parameter name used twice");
            return ERR_INVAL;
        }
    }
    if (p->nparams == HTTP_PATTERN_MAX_PARAMS) {
        http_err_set(err, start, "too many parameters in pattern");
        return ERR_TOOBIG;
    }
    seg->is_param = true;
    seg->text = slice_make(arena_strndup(a, name.ptr, name.len), name.len);
    p->nparams++;
    return ERR_OK;
}

int http_pattern_compile(struct arena *a, const char *pattern, struct http_pattern **out,
                         struct http_parse_err *err)
{
    int rc = ERR_INVAL;
    size_t len = pattern ? strlen(pattern) : 0;
    size_t n = 0;

    if (len > HTTP_PATH_MAX_LEN) {
        rc = ERR_TOOBIG;
        http_err_set(err, HTTP_PATH_MAX_LEN, "pattern too long");
        goto out;
    }
    if (len == 0 || pattern[0] != '/') {
        http_err_set(err, 0, "pattern must start with '/'");
        goto out;
    }
    if (len > 1 && pattern[len - 1] == '/') {
        http_err_set(err, len - 1, "pattern must not end with '/'");
        goto out;
    }
    for (size_t i = 0; len > 1 && i < len; i++) {
        if (pattern[i] != '/')
            continue;
        if (n == HTTP_PATH_MAX_SEGMENTS) {
            rc = ERR_TOOBIG;
            http_err_set(err, i, "too many segments in pattern");
            goto out;
        }
        n++;
    }
    struct http_pattern *p = arena_alloc(a, sizeof *p);
    p->source = arena_strndup(a, pattern, len);
    p->segs = n ? arena_alloc(a, n * sizeof *p->segs) : NULL;
    p->count = 0;
    p->nparams = 0;
    for (size_t i = 1; p->count < n;) {
        const char *slash = memchr(pattern + i, '/', len - i);
        size_t end = slash ? (size_t)(slash - pattern) : len;
        rc = compile_segment(a, pattern, i, end, p, &p->segs[p->count], err);
        if (rc != ERR_OK)
            goto out;
        p->count++;
        i = end + 1;
    }
    *out = p;
    rc = ERR_OK;
out:
    return rc;
}

static bool value_ok(enum http_param_type t, struct slice v, int64_t *id)
{
    *id = 0;
    switch (t) {
    case HTTP_PARAM_ID:
        if (v.len == 0 || v.ptr[0] == '0' || v.ptr[0] == '+' || v.ptr[0] == '-')
            return false;
        return num_parse_i64(v.ptr, v.len, 1, INT64_MAX, id) == ERR_OK;
    case HTTP_PARAM_CODE:
        if (v.len == 0 || v.len > HTTP_PARAM_CODE_MAX)
            return false;
        for (size_t i = 0; i < v.len; i++) {
            unsigned char c = (unsigned char)v.ptr[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                  c == '-'))
                return false;
        }
        return true;
    case HTTP_PARAM_NID:
        return natid_valid(v.ptr, v.len);
    default:
        return false;
    }
}

int http_pattern_match(const struct http_pattern *p, const struct http_path *path, struct http_match *m)
{
    if (path->trailing_slash || path->count != p->count)
        return ERR_NOTFOUND;
    m->count = 0;
    for (size_t i = 0; i < p->count; i++) {
        const struct http_pattern_seg *seg = &p->segs[i];
        if (!seg->is_param) {
            if (!slice_eq(seg->text, path->segs[i]))
                return ERR_NOTFOUND;
            continue;
        }
        struct http_path_param *pp = &m->params[m->count];
        if (!value_ok(seg->type, path->segs[i], &pp->id))
            return ERR_NOTFOUND;
        pp->name = seg->text.ptr;
        pp->type = seg->type;
        pp->value = path->segs[i];
        m->count++;
    }
    return ERR_OK;
}

const struct http_path_param *http_match_get(const struct http_match *m, const char *name)
{
    for (size_t i = 0; i < m->count; i++)
        if (strcmp(m->params[i].name, name) == 0)
            return &m->params[i];
    return NULL;
}
