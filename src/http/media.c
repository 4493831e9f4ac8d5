/*
 * Media types: the Content-Type of request bodies and content negotiation from Accept.
 */
#include "http/parse.h"

#include <string.h>

#include "base/err.h"
#include "http/parse_internal.h"

/* One media type or range as found in the input: slices into it, quotes still in place. */
struct raw_param {
    struct slice name;
    struct slice value; /* without the quotes, escapes not yet removed */
    bool quoted;
    size_t offset; /* of the name */
};

struct raw_media {
    struct slice type, subtype;
    size_t offset; /* of the type */
    size_t nparams;
    struct raw_param params[HTTP_MEDIA_MAX_PARAMS];
};

static size_t skip_ows(const char *s, size_t len, size_t i)
{
    while (i < len && http_is_ows((unsigned char)s[i]))
        i++;
    return i;
}

static size_t skip_token(const char *s, size_t len, size_t i)
{
    while (i < len && http_is_tchar((unsigned char)s[i]))
        i++;
    return i;
}

/* qdtext of RFC 9110 without obs-text: tab, space and visible ASCII except '"' and '\\'. */
static bool is_qdtext(unsigned char c)
{
    return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
}

/*
 * Scans a quoted-string whose opening quote is s[*pos]. On success *pos is just past the closing
 * quote and *inner is the text between the quotes (escapes still in place).
 */
static int scan_quoted(const char *s, size_t len, size_t *pos, struct slice *inner,
                       struct http_parse_err *err)
{
    size_t i = *pos + 1, start = i;
    while (i < len && s[i] != '"') {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\') {
            i++;
            if (i == len)
                break;
            c = (unsigned char)s[i];
            if (!(c == '\t' || (c >= 0x20 && c <= 0x7E))) {
                http_err_set(err, i, "invalid character after '\\' in quoted string");
                return ERR_INVAL;
            }
        } else if (!is_qdtext(c)) {
            http_err_set(err, i, "invalid character in quoted string");
            return ERR_INVAL;
        }
        i++;
    }
    if (i >= len) {
        http_err_set(err, *pos, "unterminated quoted string");
        return ERR_INVAL;
    }
    *inner = slice_make(s + start, i - start);
    *pos = i + 1;
    return ERR_OK;
}

/*
 * Scans type "/" subtype *( OWS ";" OWS [ name "=" value ] ) from s[*pos], stopping at a ',' or the end
 * (trailing white space consumed). Offsets in errors count from s.
 */
static int scan_media(const char *s, size_t len, size_t *pos, struct raw_media *r, struct http_parse_err *err)
{
    size_t i = *pos;
    size_t end = skip_token(s, len, i);
    if (end == i) {
        http_err_set(err, i, "media type expected");
        return ERR_INVAL;
    }
    r->offset = i;
    r->type = slice_make(s + i, end - i);
    i = end;
    if (i == len || s[i] != '/') {
        http_err_set(err, i, "'/' expected after the type");
        return ERR_INVAL;
    }
    i++;
    end = skip_token(s, len, i);
    if (end == i) {
        http_err_set(err, i, "subtype expected");
        return ERR_INVAL;
    }
    r->subtype = slice_make(s + i, end - i);
    i = end;
    r->nparams = 0;
    for (;;) {
        i = skip_ows(s, len, i);
        if (i == len || s[i] == ',')
            break;
        if (s[i] != ';') {
            http_err_set(err, i, "';' expected");
            return ERR_INVAL;
        }
        i = skip_ows(s, len, i + 1);
        if (i == len || s[i] == ';' || s[i] == ',')
            continue; /* an empty parameter */
        size_t name_start = i;
        end = skip_token(s, len, i);
        if (end == i) {
            http_err_set(err, i, "parameter name expected");
            return ERR_INVAL;
        }
        struct slice name = slice_make(s + i, end - i);
        i = end;
        if (i == len || s[i] != '=') {
            http_err_set(err, i, "'=' expected after the parameter name");
            return ERR_INVAL;
        }
        i++;
        struct slice value;
        bool quoted = i < len && s[i] == '"';
        if (quoted) {
            int rc = scan_quoted(s, len, &i, &value, err);
            if (rc != ERR_OK)
                return rc;
        } else {
            end = skip_token(s, len, i);
            if (end == i) {
                http_err_set(err, i, "parameter value expected");
                return ERR_INVAL;
            }
            value = slice_make(s + i, end - i);
            i = end;
        }
        if (r->nparams == HTTP_MEDIA_MAX_PARAMS) {
            http_err_set(err, name_start, "too many parameters");
            return ERR_TOOBIG;
        }
        r->params[r->nparams++] = (struct raw_param){name, value, quoted, name_start};
    }
    *pos = i;
    return ERR_OK;
}

static struct slice lower_copy(struct arena *a, struct slice s)
{
    char *d = arena_alloc(a, s.len + 1);
    for (size_t i = 0; i < s.len; i++) {
        char c = s.ptr[i];
        d[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    d[s.len] = '\0';
    return slice_make(d, s.len);
}

/* Parameter names compare without regard to ASCII case. */
static bool same_name(struct slice x, struct slice y)
{
    if (x.len != y.len)
        return false;
    for (size_t i = 0; i < x.len; i++) {
        char a = x.ptr[i], b = y.ptr[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

/* A parameter value with quoted-pair escapes removed (for quoted strings), copied into the arena. */
static struct slice value_copy(struct arena *a, const struct raw_param *p)
{
    char *d = arena_alloc(a, p->value.len + 1);
    size_t o = 0;
    for (size_t i = 0; i < p->value.len; i++) {
        if (p->quoted && p->value.ptr[i] == '\\')
            i++; /* scan_quoted guaranteed a character follows */
        d[o++] = p->value.ptr[i];
    }
    d[o] = '\0';
    return slice_make(d, o);
}

int http_media_type_parse(struct arena *a, const char *s, size_t len, struct http_media_type *out,
                          struct http_parse_err *err)
{
    int rc = ERR_INVAL;
    struct raw_media r;
    struct http_param *items = NULL;

    if (len > HTTP_MEDIA_MAX_LEN) {
        rc = ERR_TOOBIG;
        http_err_set(err, HTTP_MEDIA_MAX_LEN, "media type too long");
        goto out;
    }
    size_t i = skip_ows(s, len, 0);
    rc = scan_media(s, len, &i, &r, err);
    if (rc != ERR_OK)
        goto out;
    if (i != len) {
        rc = ERR_INVAL;
        http_err_set(err, i, "one media type expected, not a list");
        goto out;
    }
    for (size_t k = 0; k < r.nparams; k++) {
        for (size_t j = 0; j < k; j++) {
            if (same_name(r.params[j].name, r.params[k].name)) {
                rc = ERR_INVAL;
                http_err_set(err, r.params[k].offset, "parameter given twice");
                goto out;
            }
        }
    }
    items = r.nparams ? arena_alloc(a, r.nparams * sizeof *items) : NULL;
    for (size_t k = 0; k < r.nparams; k++) {
        items[k].key = lower_copy(a, r.params[k].name);
        items[k].value = value_copy(a, &r.params[k]);
    }
    out->type = lower_copy(a, r.type);
    out->subtype = lower_copy(a, r.subtype);
    out->params.items = items;
    out->params.count = r.nparams;
    rc = ERR_OK;
out:
    return rc;
}

const char *http_media_type_param(const struct http_media_type *mt, const char *name)
{
    return http_params_get(&mt->params, name);
}

/* RFC 2046 bcharsnospace (bchars adds the space). */
static bool is_bchar_nospace(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && strchr("'()+_,-./:=?", c) != NULL);
}

static bool valid_boundary(const char *b, size_t len)
{
    if (len == 0 || len > 70 || !is_bchar_nospace((unsigned char)b[len - 1]))
        return false;
    for (size_t i = 0; i < len; i++)
        if (b[i] != ' ' && !is_bchar_nospace((unsigned char)b[i]))
            return false;
    return true;
}

/* For forms and JSON: no parameter but charset=utf-8. */
static bool only_utf8_charset(const struct http_media_type *mt)
{
    for (size_t i = 0; i < mt->params.count; i++) {
        const struct http_param *p = &mt->params.items[i];
        if (!slice_eq_str(p->key, "charset") || !http_slice_ieq(p->value, "utf-8"))
            return false;
    }
    return true;
}

int http_content_type_body(struct arena *a, const char *s, size_t len, enum http_body_kind *kind,
                           struct http_parse_err *err)
{
    struct http_media_type mt;
    int rc = http_media_type_parse(a, s, len, &mt, err);
    if (rc != ERR_OK)
        return rc;
    rc = ERR_UNSUPPORTED;
    if (slice_eq_str(mt.type, "application") && slice_eq_str(mt.subtype, "x-www-form-urlencoded")) {
        if (only_utf8_charset(&mt)) {
            *kind = HTTP_BODY_FORM;
            rc = ERR_OK;
        }
    } else if (slice_eq_str(mt.type, "application") && slice_eq_str(mt.subtype, "json")) {
        if (only_utf8_charset(&mt)) {
            *kind = HTTP_BODY_JSON;
            rc = ERR_OK;
        }
    } else if (slice_eq_str(mt.type, "multipart") && slice_eq_str(mt.subtype, "form-data")) {
        const struct http_param *only = mt.params.count == 1 ? &mt.params.items[0] : NULL;
        if (only && slice_eq_str(only->key, "boundary") && valid_boundary(only->value.ptr, only->value.len)) {
            *kind = HTTP_BODY_MULTIPART;
            rc = ERR_OK;
        }
    }
    if (rc != ERR_OK)
        http_err_set(err, 0, "unsupported media type, charset or parameter");
    return rc;
}

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), as thousandths; -1 when malformed. */
static int parse_qvalue(struct slice v)
{
    if (v.len == 0 || v.len > 5 || (v.ptr[0] != '0' && v.ptr[0] != '1'))
        return -1;
    int q = (v.ptr[0] - '0') * 1000;
    if (v.len == 1)
        return q;
    if (v.ptr[1] != '.')
        return -1;
    int scale = 100;
    for (size_t i = 2; i < v.len; i++, scale /= 10) {
        char c = v.ptr[i];
        if (c < '0' || c > '9' || (q == 1000 && c != '0'))
            return -1;
        q += (c - '0') * scale;
    }
    return q;
}

/* The weight a client gives one of our media types: from its most specific matching range. */
struct weight {
    int spec; /* -1: no range matched; 0: full wildcard; 1: type wildcard; 2: exact */
    int q;    /* thousandths */
};

static void weigh(struct weight *w, const char *type, const char *subtype, const struct raw_media *r, int q)
{
    int spec;
    if (slice_eq_str(r->type, "*"))
        spec = 0;
    else if (!http_slice_ieq(r->type, type))
        return;
    else if (slice_eq_str(r->subtype, "*"))
        spec = 1;
    else if (http_slice_ieq(r->subtype, subtype))
        spec = 2;
    else
        return;
    if (spec > w->spec) {
        w->spec = spec;
        w->q = q;
    } else if (spec == w->spec && q > w->q) {
        w->q = q;
    }
}

int http_accept_want(const char *s, size_t len, enum http_want *out, struct http_parse_err *err)
{
    struct weight html = {-1, 0}, json = {-1, 0}, problem = {-1, 0};
    size_t nranges = 0;
    struct raw_media r;

    if (len > HTTP_ACCEPT_MAX_LEN) {
        http_err_set(err, HTTP_ACCEPT_MAX_LEN, "Accept header too long");
        return ERR_TOOBIG;
    }
    for (size_t i = 0; i < len;) {
        i = skip_ows(s, len, i);
        if (i < len && s[i] == ',') {
            i++; /* empty list elements are allowed */
            continue;
        }
        if (i == len)
            break;
        if (nranges == HTTP_ACCEPT_MAX_RANGES) {
            http_err_set(err, i, "too many media ranges");
            return ERR_TOOBIG;
        }
        nranges++;
        int rc = scan_media(s, len, &i, &r, err);
        if (rc != ERR_OK)
            return rc;
        if (slice_eq_str(r.type, "*") && !slice_eq_str(r.subtype, "*")) {
            http_err_set(err, r.offset, "a wildcard type needs a wildcard subtype");
            return ERR_INVAL;
        }
        int q = 1000;
        bool seen_q = false;
        for (size_t k = 0; k < r.nparams; k++) {
            if (!http_slice_ieq(r.params[k].name, "q"))
                continue;
            q = r.params[k].quoted || seen_q ? -1 : parse_qvalue(r.params[k].value);
            if (q < 0) {
                http_err_set(err, r.params[k].offset, "invalid or repeated weight (q)");
                return ERR_INVAL;
            }
            seen_q = true;
        }
        weigh(&html, "text", "html", &r, q);
        weigh(&json, "application", "json", &r, q);
        weigh(&problem, "application", "problem+json", &r, q);
    }
    if (nranges == 0) {
        *out = HTTP_WANT_HTML; /* no preference stated */
        return ERR_OK;
    }
    int html_q = html.spec < 0 ? 0 : html.q;
    int json_q = json.spec < 0 ? 0 : json.q;
    if (problem.spec >= 0 && problem.q > json_q)
        json_q = problem.q;
    if (html_q == 0 && json_q == 0)
        *out = HTTP_WANT_NONE;
    else if (json_q > html_q)
        *out = HTTP_WANT_JSON;
    else
        *out = HTTP_WANT_HTML;
    return ERR_OK;
}
