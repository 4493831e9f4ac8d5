/*
 * Parsers for everything a request brings from outside: percent-encoding and form/query strings,
 * the Cookie header (and the Set-Cookie header we send back), request paths matched against route
 * patterns, media types in Content-Type and Accept, and JSON bodies.
 *
 * Common rules, because all of this is attacker-controlled input:
 *   - input is (pointer, length) bytes, never assumed NUL-terminated, and never read past its length;
 *   - results are allocated from the caller's arena (a request owns one) and live as long as it;
 *     strings in results are NUL-terminated copies, so .ptr can also be used as a C string;
 *   - every text that reaches a handler is well-formed UTF-8 without NUL bytes (Thai arrives as UTF-8);
 *   - sizes and counts are bounded by limits the caller chooses (ERR_TOOBIG beyond them);
 *   - failures return ERR_INVAL (bad form) or ERR_TOOBIG (over a limit) and, when the caller passes
 *     a struct http_parse_err, say where: the byte offset in the input and a short English reason.
 * docs/HTTP-PARSING.md says what each parser accepts and rejects, and why.
 *
 * The implementation is split by concept: parse.c (percent-decoding, shared helpers), urlenc.c
 * (forms and query strings), cookie.c, path.c (request paths and route patterns), media.c
 * (Content-Type and Accept) and jsonbody.c.
 */
#ifndef TAMBON_HTTP_PARSE_H
#define TAMBON_HTTP_PARSE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/slice.h"

/* ---------------------------------------------------------------------------------------------- */
/* Errors and name/value lists                                                                     */

/* Where and why a parse failed. offset counts bytes from the start of the input given to the
 * function that failed; reason is a static English phrase ("invalid percent escape") for logs and
 * problem+json details, never NULL after a failure. */
struct http_parse_err {
    size_t offset;
    const char *reason;
};

/* One decoded name/value pair. Both are NUL-terminated copies owned by the arena (ptr[len] == 0),
 * hold valid UTF-8 and no NUL byte. */
struct http_param {
    struct slice key;
    struct slice value;
};

/* Pairs in the order they appeared; repeated keys are all kept (the route layer decides whether a
 * parameter may repeat). items is NULL when count is 0. */
struct http_params {
    struct http_param *items;
    size_t count;
};

/* The value of the first pair whose key is exactly key (bytes, case-sensitive), or NULL. */
const char *http_params_get(const struct http_params *p, const char *key);
/* How many pairs have exactly this key: lets a validator refuse a parameter given twice. */
size_t http_params_count_key(const struct http_params *p, const char *key);

/* ---------------------------------------------------------------------------------------------- */
/* Percent-decoding (RFC 3986 §2.1)                                                                */

/* Flag for http_percent_decode: '+' means a space (forms and query strings, not paths). */
#define HTTP_DECODE_PLUS 1u

/*
 * Decodes s[0..len): %XX (hex digits in either case) becomes the byte XX, and with HTTP_DECODE_PLUS
 * '+' becomes a space. Rejected with ERR_INVAL: a '%' not followed by two hex digits, a raw control
 * byte (0x00-0x1F, 0x7F: clients must encode them), an encoded NUL (%00), and a result that is not
 * well-formed UTF-8 (the offset is then that of the byte or escape that starts the bad sequence).
 * ERR_TOOBIG when the result would exceed max bytes. On success *out is a NUL-terminated copy in the
 * arena; on failure *out is untouched.
 */
__attribute__((warn_unused_result)) int http_percent_decode(struct arena *a, const char *s, size_t len,
                                                            unsigned flags, size_t max, struct slice *out,
                                                            struct http_parse_err *err);

/* ---------------------------------------------------------------------------------------------- */
/* application/x-www-form-urlencoded: query strings and form bodies                               */

struct http_form_limits {
    size_t max_pairs; /* pairs kept; one more is ERR_TOOBIG */
    size_t max_key;   /* bytes of a decoded key */
    size_t max_value; /* bytes of a decoded value */
};

/* Limits for ordinary pages: 200 pairs, 128-byte keys, 64 KiB values (a long textarea in Thai is
 * about 3 bytes a character). Forms that need more pass their own. */
extern const struct http_form_limits http_form_limits_default;

/*
 * Parses a query string (without the '?') or a form body: pairs separated by '&', each "key=value"
 * or just "key" (empty value), keys and values percent-decoded with '+' as space (see
 * http_percent_decode). A value may contain '=' (only the first one separates). Empty pieces
 * ("a=1&&b=2", a leading or trailing '&') are skipped, as browsers produce them. An empty key
 * ("=x") is ERR_INVAL: it can never name a declared parameter, so it is a broken client.
 * Over the limits: ERR_TOOBIG at the first pair, key or value that passes them.
 * Empty input gives zero pairs. On failure *out is untouched.
 */
__attribute__((warn_unused_result)) int http_form_parse(struct arena *a, const char *s, size_t len,
                                                        const struct http_form_limits *lim,
                                                        struct http_params *out, struct http_parse_err *err);

/* ---------------------------------------------------------------------------------------------- */
/* Cookies (RFC 6265 §4.2 syntax, parsed as §5.4 says browsers send it)                           */

struct http_cookie_limits {
    size_t max_header; /* bytes of the whole header value; more is ERR_TOOBIG */
    size_t max_count;  /* valid cookies kept; one more is ERR_TOOBIG */
    size_t max_name;   /* longer names make that pair invalid (skipped) */
    size_t max_value;  /* longer values (without quotes) make that pair invalid (skipped) */
};

/* 8 KiB header, 64 cookies, 256-byte names, 4 KiB values: what browsers send in practice. */
extern const struct http_cookie_limits http_cookie_limits_default;

/*
 * Parses the value of a Cookie request header: "name=value; name2=value2". Pairs are separated by
 * ';' with any spaces or tabs around pairs, names and values. A value in double quotes is returned
 * without them. A pair is invalid, and silently skipped, when it has no '=', its name is empty or
 * not an RFC 9110 token, or its value holds a byte that is not a cookie-octet (space, '"', ',', ';',
 * '\\', controls, non-ASCII) or has unbalanced quotes; other pairs still count, because a browser
 * sends every cookie of the site, including ones other software set. Names are case-sensitive;
 * repeated names are kept in order (browsers send the most specific path first).
 * ERR_TOOBIG when the header or the number of valid cookies passes the limits: dropping cookies
 * silently could drop the session cookie and look like a random log-out.
 */
__attribute__((warn_unused_result)) int http_cookie_parse(struct arena *a, const char *s, size_t len,
                                                          const struct http_cookie_limits *lim,
                                                          struct http_params *out,
                                                          struct http_parse_err *err);

enum http_samesite {
    HTTP_SAMESITE_LAX,   /* sent on top-level navigation from other sites (links), not on their POSTs */
    HTTP_SAMESITE_STRICT /* never sent on requests started by another site */
};

/* Largest Max-Age we emit: 400 days, the cap browsers apply anyway (RFC 6265bis). */
#define HTTP_COOKIE_MAX_AGE_MAX (400LL * 24 * 3600)
/* Largest name plus value browsers keep (RFC 6265 §6.1). */
#define HTTP_COOKIE_MAX_PAIR 4096

/* A cookie we set. There is no Domain attribute: our cookies are host-only on purpose. */
struct http_set_cookie {
    const char *name;  /* RFC 9110 token, not empty */
    const char *value; /* cookie-octets only, may be empty (to clear a cookie) */
    const char *path;  /* starts with '/', no control byte or ';'; NULL means "/" */
    int64_t max_age;   /* seconds; negative: no Max-Age (ends with the browser session); 0 deletes */
    bool http_only;
    bool secure;
    enum http_samesite same_site;
};

/*
 * Builds a Set-Cookie header value: "name=value; Path=/; Max-Age=N; HttpOnly; Secure; SameSite=Lax"
 * (attributes in that order, Max-Age only when max_age >= 0, flags only when set). Refuses (ERR_INVAL)
 * anything a browser would parse differently from what we meant: a name that is not a token, a value
 * with a byte outside cookie-octet, a path not starting with '/' or holding a control byte or ';', an
 * unknown same_site; a "__Host-" name without Secure or with a path other than "/", a "__Secure-"
 * name without Secure (browsers would drop them). ERR_RANGE for max_age above
 * HTTP_COOKIE_MAX_AGE_MAX, ERR_TOOBIG when name and value together pass HTTP_COOKIE_MAX_PAIR.
 * On success *out is a NUL-terminated string in the arena; err->offset is 0 on failure.
 */
__attribute__((warn_unused_result)) int http_set_cookie_build(struct arena *a,
                                                              const struct http_set_cookie *c, char **out,
                                                              struct http_parse_err *err);

/* ---------------------------------------------------------------------------------------------- */
/* Request paths and route patterns                                                                */

#define HTTP_PATH_MAX_LEN 2048    /* bytes of a raw request path */
#define HTTP_PATH_MAX_SEGMENTS 32 /* segments of a request path or a pattern */
#define HTTP_PATTERN_MAX_PARAMS 8 /* parameters in one pattern */
#define HTTP_PATTERN_MAX_NAME 32  /* bytes of a parameter name */
#define HTTP_PARAM_CODE_MAX 64    /* bytes of a {code} value */

/*
 * Splits a request target "/path?query" at the first '?'. The query is empty (ptr NULL, len 0) when
 * there is no '?'. Nothing is decoded or checked here.
 */
void http_target_split(const char *s, size_t len, struct slice *path, struct slice *query);

/* A request path cut into decoded segments: "/api/v1/laos/12" has 4 segments, "/" has none. */
struct http_path {
    struct slice *segs; /* decoded, NUL-terminated copies in the arena; NULL when count is 0 */
    size_t count;
    bool trailing_slash; /* the raw path ended in '/' after at least one segment ("/laos/") */
};

/*
 * Parses a raw (still percent-encoded) request path, without the query string. The path is split at
 * raw '/' first and each segment is then percent-decoded on its own (no '+' rule), so an encoded
 * slash (%2F) stays inside its segment and never creates a new one: such a segment can never match a
 * route, since no literal or parameter type contains '/'. Rejected with ERR_INVAL: a path not
 * starting with '/', a raw '?' or '#', an empty segment ("//"), a segment that decodes to "." or ".."
 * (no normalisation: a client that sends them is not a browser following our links), and whatever
 * http_percent_decode rejects. ERR_TOOBIG above HTTP_PATH_MAX_LEN bytes or HTTP_PATH_MAX_SEGMENTS
 * segments. A single trailing '/' is legal and recorded in trailing_slash (see http_pattern_match).
 * The application's MHD daemon must hand the raw path over (its unescape callback must not decode),
 * or %2F would already be a '/'.
 */
__attribute__((warn_unused_result)) int http_path_parse(struct arena *a, const char *s, size_t len,
                                                        struct http_path *out, struct http_parse_err *err);

/*
 * Types of path parameters. The set is small on purpose: each type rules out every byte that could
 * mean something to a later layer (SQL, HTML, paths), so handlers receive only these shapes.
 */
enum http_param_type {
    HTTP_PARAM_ID,   /* {id}: a positive decimal integer 1..INT64_MAX, no sign, no leading zero */
    HTTP_PARAM_CODE, /* {code}: 1..HTTP_PARAM_CODE_MAX bytes of [A-Za-z0-9_-] */
    HTTP_PARAM_NID,  /* {nid}: a national ID, 13 ASCII digits with a correct check digit */
    HTTP_PARAM__COUNT
};

/* The name of a parameter type as written in patterns ("id", "code", "nid"), or NULL if unknown. */
const char *http_param_type_name(enum http_param_type t);

/* One segment of a compiled pattern: a literal to compare byte for byte, or a typed parameter. */
struct http_pattern_seg {
    struct slice text; /* the literal, or the parameter's name; NUL-terminated */
    bool is_param;
    enum http_param_type type; /* when is_param */
};

/* A compiled route pattern. Fields may be read (e.g. to list parameters for the OpenAPI document). */
struct http_pattern {
    const char *source; /* the pattern as given, copied into the arena */
    struct http_pattern_seg *segs;
    size_t count;
    size_t nparams;
};

/*
 * Compiles a route pattern such as "/api/v1/laos/{id}/people" or "/laos/{lao:id}/staff/{pid:id}".
 * Segments are literals of [A-Za-z0-9._~-] (not "." or "..") or whole-segment parameters written
 * {name:type}, where name is [a-z_][a-z0-9_]* (at most HTTP_PATTERN_MAX_NAME bytes, unique in the
 * pattern) and type one of http_param_type's names; {name} alone is short for {name:name} and is
 * allowed only when name is a type ("{id}", "{code}", "{nid}"). The pattern starts with '/', has no
 * empty segment and no trailing '/' except the root pattern "/". Everything else is ERR_INVAL with
 * the offset of the fault; more than HTTP_PATH_MAX_LEN bytes, HTTP_PATH_MAX_SEGMENTS segments or
 * HTTP_PATTERN_MAX_PARAMS parameters is ERR_TOOBIG (no request could match). Compile once, at
 * start-up, into a long-lived arena.
 */
__attribute__((warn_unused_result)) int http_pattern_compile(struct arena *a, const char *pattern,
                                                             struct http_pattern **out,
                                                             struct http_parse_err *err);

/* A captured parameter. value points into the struct http_path's segment (NUL-terminated). */
struct http_path_param {
    const char *name; /* the pattern's name for it */
    enum http_param_type type;
    struct slice value;
    int64_t id; /* the number, for HTTP_PARAM_ID; 0 otherwise */
};

struct http_match {
    size_t count;
    struct http_path_param params[HTTP_PATTERN_MAX_PARAMS];
};

/*
 * Matches a parsed request path against a compiled pattern: same number of segments, literals equal
 * byte for byte (case-sensitive, after decoding, so "l%61os" equals "laos"), and each parameter
 * segment of its type. Trailing-slash policy: a path with trailing_slash never matches (patterns
 * cannot end in '/'), so "/laos/" and "/laos" are different URLs; the router answers 404 for the
 * former, or may redirect to the latter. Returns ERR_OK and fills *m (in pattern order), or
 * ERR_NOTFOUND and leaves m in an unspecified state.
 */
__attribute__((warn_unused_result)) int
http_pattern_match(const struct http_pattern *p, const struct http_path *path, struct http_match *m);

/* The captured parameter with this name, or NULL. */
const struct http_path_param *http_match_get(const struct http_match *m, const char *name);

/* ---------------------------------------------------------------------------------------------- */
/* Media types: Content-Type and Accept (RFC 9110 §8.3.1, §12.5.1)                                 */

#define HTTP_MEDIA_MAX_LEN 1024   /* bytes of a Content-Type value */
#define HTTP_MEDIA_MAX_PARAMS 8   /* parameters of one media type or media range */
#define HTTP_ACCEPT_MAX_LEN 4096  /* bytes of an Accept value */
#define HTTP_ACCEPT_MAX_RANGES 64 /* media ranges in one Accept value */

/* A parsed media type. type, subtype and parameter names are lower-cased (they are
 * case-insensitive); parameter values keep their case, with quotes and backslash escapes removed. */
struct http_media_type {
    struct slice type;
    struct slice subtype;
    struct http_params params; /* in order; names are unique */
};

/*
 * Parses one media type: type "/" subtype *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] ).
 * type, subtype and names are RFC 9110 tokens; no white space is allowed around '/' or '='; leading
 * and trailing white space of the whole value is ignored; empty parameters (";;") are allowed, as
 * RFC 9110 says. Rejected with ERR_INVAL: anything else, including a list (','), a repeated parameter
 * name, a quoted string holding a control or non-ASCII byte. ERR_TOOBIG above HTTP_MEDIA_MAX_LEN
 * bytes or HTTP_MEDIA_MAX_PARAMS parameters.
 */
__attribute__((warn_unused_result)) int http_media_type_parse(struct arena *a, const char *s, size_t len,
                                                              struct http_media_type *out,
                                                              struct http_parse_err *err);

/* The value of parameter name (give it in lower case), or NULL. */
const char *http_media_type_param(const struct http_media_type *mt, const char *name);

/* Kinds of request bodies the application reads. */
enum http_body_kind {
    HTTP_BODY_FORM,     /* application/x-www-form-urlencoded */
    HTTP_BODY_JSON,     /* application/json */
    HTTP_BODY_MULTIPART /* multipart/form-data with a valid boundary (file uploads) */
};

/*
 * Classifies a request's Content-Type. The only parameter allowed is charset, and only with the value
 * utf-8 (any case) on forms and JSON; multipart/form-data needs boundary (1..70 characters of RFC 2046
 * bchars, not ending in a space) and allows nothing else. ERR_INVAL when the header is malformed
 * (see http_media_type_parse), ERR_UNSUPPORTED (answer 415) for any other media type, charset or
 * parameter: guessing how to read a body is how encodings get mixed up.
 */
__attribute__((warn_unused_result)) int http_content_type_body(struct arena *a, const char *s, size_t len,
                                                               enum http_body_kind *kind,
                                                               struct http_parse_err *err);

/* What the client prefers to receive. */
enum http_want {
    HTTP_WANT_HTML, /* text/html: pages */
    HTTP_WANT_JSON, /* application/json or application/problem+json: the API */
    HTTP_WANT_NONE  /* both refused with q=0 (answer 406, or send the default anyway) */
};

/*
 * Decides between HTML and JSON from an Accept header value (s may be NULL with len 0 when there is
 * no header, which means "anything"). Each media range's weight is its q parameter (0, 1, or up to
 * three decimals; 1 when absent), and for each of our types the most specific matching range counts
 * (an exact type beats "application/" plus a wildcard subtype, which beats the full wildcard;
 * parameters other than q are ignored). JSON's weight is the larger of application/json and
 * application/problem+json. JSON wins only when it weighs more than text/html, so browsers (who list
 * text/html, then the full wildcard with q=0.8) and curl (the full wildcard alone) get pages. ERR_INVAL for a
 * malformed value, ERR_TOOBIG above HTTP_ACCEPT_MAX_LEN bytes or HTTP_ACCEPT_MAX_RANGES ranges; a router may
 * then treat the header as absent.
 */
__attribute__((warn_unused_result)) int http_accept_want(const char *s, size_t len, enum http_want *out,
                                                         struct http_parse_err *err);

/* ---------------------------------------------------------------------------------------------- */
/* JSON request bodies                                                                             */

/*
 * Parses a JSON request body of at most max bytes with jsonx_parse (jansson: duplicate keys refused,
 * strings must be valid UTF-8 without NUL). The top-level value must be an object: every API call
 * takes named fields, which leaves room to add more later. On success *out is owned by the arena (it
 * is released with it; do not json_decref it unless you took a reference). On failure returns
 * ERR_TOOBIG (over max, checked before parsing anything) or ERR_INVAL (empty, malformed, or not an
 * object) and, if err is not NULL, appends a message to it: "line L, column C: message" for ERR_INVAL,
 * so a client can find its mistake.
 */
__attribute__((warn_unused_result)) int http_json_body(struct arena *a, const char *body, size_t len,
                                                       size_t max, json_t **out, struct buf *err);

#endif
