/*
 * Cookies: parsing the Cookie request header and building Set-Cookie for the cookies we send.
 */
#include "http/parse.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "http/parse_internal.h"

const struct http_cookie_limits http_cookie_limits_default = {
    .max_header = 8 * 1024,
    .max_count = 64,
    .max_name = 256,
    .max_value = 4 * 1024,
};

/* RFC 6265 §4.1.1 cookie-octet: printable US-ASCII except space, '"', ',', ';' and '\\'. */
static bool is_cookie_octet(unsigned char c)
{
    return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B) ||
           (c >= 0x5D && c <= 0x7E);
}

static struct slice trim_ows(struct slice s)
{
    while (s.len && http_is_ows((unsigned char)s.ptr[0])) {
        s.ptr++;
        s.len--;
    }
    while (s.len && http_is_ows((unsigned char)s.ptr[s.len - 1]))
        s.len--;
    return s;
}

static bool all_bytes(struct slice s, bool (*ok)(unsigned char))
{
    for (size_t i = 0; i < s.len; i++)
        if (!ok((unsigned char)s.ptr[i]))
            return false;
    return true;
}

/* Splits one ';'-separated piece (trimmed) into name and value (quotes removed); false when the pair is
 * invalid. */
static bool cookie_pair(struct slice piece, const struct http_cookie_limits *lim, struct slice *name,
                        struct slice *value)
{
    const char *eq = piece.len ? memchr(piece.ptr, '=', piece.len) : NULL;
    if (!eq)
        return false;
    struct slice n = trim_ows(slice_make(piece.ptr, (size_t)(eq - piece.ptr)));
    struct slice v = trim_ows(slice_make(eq + 1, piece.len - (size_t)(eq - piece.ptr) - 1));
    if (n.len == 0 || n.len > lim->max_name || !all_bytes(n, http_is_tchar))
        return false;
    if (v.len && v.ptr[0] == '"') {
        if (v.len < 2 || v.ptr[v.len - 1] != '"')
            return false;
        v = slice_make(v.ptr + 1, v.len - 2);
    }
    if (v.len > lim->max_value || !all_bytes(v, is_cookie_octet))
        return false;
    *name = n;
    *value = v;
    return true;
}

int http_cookie_parse(struct arena *a, const char *s, size_t len, const struct http_cookie_limits *lim,
                      struct http_params *out, struct http_parse_err *err)
{
    int rc = ERR_TOOBIG;
    struct http_param *items = NULL;
    size_t n = 0;
    struct slice rest, piece, name, value;

    if (!lim)
        lim = &http_cookie_limits_default;
    if (len > lim->max_header) {
        http_err_set(err, lim->max_header, "Cookie header too long");
        goto out;
    }
    /* First count the valid pairs (and refuse too many), then copy them. */
    rest = slice_make(len ? s : "", len);
    while (slice_next_field(&rest, ';', &piece)) {
        piece = trim_ows(piece);
        if (!cookie_pair(piece, lim, &name, &value))
            continue;
        if (n == lim->max_count) {
            http_err_set(err, (size_t)(piece.ptr - s), "too many cookies");
            goto out;
        }
        n++;
    }
    items = n ? arena_alloc(a, n * sizeof *items) : NULL;
    size_t k = 0;
    rest = slice_make(len ? s : "", len);
    while (slice_next_field(&rest, ';', &piece)) {
        if (!cookie_pair(trim_ows(piece), lim, &name, &value))
            continue;
        items[k].key = slice_make(arena_strndup(a, name.ptr, name.len), name.len);
        items[k].value = slice_make(arena_strndup(a, value.ptr, value.len), value.len);
        k++;
    }
    out->items = items;
    out->count = n;
    rc = ERR_OK;
out:
    return rc;
}

static bool is_path_char(unsigned char c)
{
    return c >= 0x20 && c <= 0x7E && c != ';';
}

/* True when s starts with lower, ignoring ASCII case (browsers compare cookie-name prefixes so). */
static bool has_prefix(struct slice s, const char *lower)
{
    size_t n = strlen(lower);
    return s.len >= n && http_slice_ieq(slice_make(s.ptr, n), lower);
}

int http_set_cookie_build(struct arena *a, const struct http_set_cookie *c, char **out,
                          struct http_parse_err *err)
{
    int rc = ERR_INVAL;
    const char *path = c->path ? c->path : "/";
    const char *same_site;
    char max_age[40] = "";

    if (!c->name || !c->value) {
        http_err_set(err, 0, "cookie name and value are required");
        goto out;
    }
    struct slice name = slice_from(c->name), value = slice_from(c->value), p = slice_from(path);
    if (name.len == 0 || !all_bytes(name, http_is_tchar)) {
        http_err_set(err, 0, "cookie name is not a token");
        goto out;
    }
    if (!all_bytes(value, is_cookie_octet)) {
        http_err_set(err, 0, "cookie value holds a character browsers do not accept");
        goto out;
    }
    if (p.ptr[0] != '/' || !all_bytes(p, is_path_char)) {
        http_err_set(err, 0, "cookie path must start with '/' and hold no control character or ';'");
        goto out;
    }
    switch (c->same_site) {
    case HTTP_SAMESITE_LAX:
        same_site = "Lax";
        break;
    case HTTP_SAMESITE_STRICT:
        same_site = "Strict";
        break;
    default:
        http_err_set(err, 0, "unknown SameSite value");
        goto out;
    }
    if (has_prefix(name, "__host-") && (!c->secure || strcmp(path, "/") != 0)) {
        http_err_set(err, 0, "a __Host- cookie needs Secure and Path=/");
        goto out;
    }
    if (has_prefix(name, "__secure-") && !c->secure) {
        http_err_set(err, 0, "a __Secure- cookie needs Secure");
        goto out;
    }
    if (c->max_age > HTTP_COOKIE_MAX_AGE_MAX) {
        rc = ERR_RANGE;
        http_err_set(err, 0, "Max-Age above 400 days");
        goto out;
    }
    if (name.len + value.len > HTTP_COOKIE_MAX_PAIR) {
        rc = ERR_TOOBIG;
        http_err_set(err, 0, "cookie name and value too long");
        goto out;
    }
    if (c->max_age >= 0)
        snprintf(max_age, sizeof max_age, "; Max-Age=%" PRId64, c->max_age);
    *out = arena_printf(a, "%s=%s; Path=%s%s%s%s; SameSite=%s", c->name, c->value, path, max_age,
                        c->http_only ? "; HttpOnly" : "", c->secure ? "; Secure" : "", same_site);
    rc = ERR_OK;
out:
    return rc;
}
