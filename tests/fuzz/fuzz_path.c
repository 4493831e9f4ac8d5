/*
 * libFuzzer target: request paths and route patterns. The input is parsed as a raw request path and
 * matched against a fixed route table; every capture must be of its declared type and no segment may
 * be "." or "..". The input is also compiled as a pattern; when that succeeds, a path built from the
 * pattern with a sample value for each parameter must match it and capture those values.
 */
#include "fuzz.h"

#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "http/parse.h"
#include "thai/natid.h"
#include "thai/utf8.h"

static const char *const routes[] = {
    "/",
    "/api/v1/laos",
    "/api/v1/laos/{id}",
    "/api/v1/laos/{id}/people",
    "/api/v1/laos/{lao:id}/people/{pid:id}",
    "/api/v1/codes/{code}",
    "/api/v1/people/{nid}",
    "/static/{file:code}/{code}",
};

static void check_capture(const struct http_path_param *pp)
{
    struct slice v = pp->value;
    FUZZ_CHECK(v.len > 0 && v.ptr[v.len] == '\0');
    switch (pp->type) {
    case HTTP_PARAM_ID:
        FUZZ_CHECK(pp->id > 0 && v.ptr[0] != '0');
        for (size_t i = 0; i < v.len; i++)
            FUZZ_CHECK(v.ptr[i] >= '0' && v.ptr[i] <= '9');
        break;
    case HTTP_PARAM_CODE:
        FUZZ_CHECK(v.len <= HTTP_PARAM_CODE_MAX);
        for (size_t i = 0; i < v.len; i++) {
            char c = v.ptr[i];
            FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '_' || c == '-');
        }
        break;
    case HTTP_PARAM_NID:
        FUZZ_CHECK(natid_valid(v.ptr, v.len));
        break;
    default:
        FUZZ_CHECK(!"unknown parameter type");
    }
}

static void match_routes(struct arena *a, const struct http_path *path)
{
    for (size_t r = 0; r < sizeof routes / sizeof routes[0]; r++) {
        struct http_pattern *p;
        FUZZ_CHECK(http_pattern_compile(a, routes[r], &p, NULL) == ERR_OK);
        struct http_match m;
        int rc = http_pattern_match(p, path, &m);
        FUZZ_CHECK(rc == ERR_OK || rc == ERR_NOTFOUND);
        if (rc != ERR_OK)
            continue;
        FUZZ_CHECK(!path->trailing_slash && m.count == p->nparams);
        for (size_t i = 0; i < m.count; i++)
            check_capture(&m.params[i]);
    }
}

/* Builds a path for pattern p with a sample value per parameter type, and checks that it matches. */
static void match_own_pattern(struct arena *a, const struct http_pattern *p)
{
    static const char *const sample[HTTP_PARAM__COUNT] = {"907", "Ab_9-z", "1101700203450"};
    char *text = arena_alloc(a, strlen(p->source) + 16 * p->nparams + 2);
    size_t n = 0;
    for (size_t i = 0; i < p->count; i++) {
        const char *v = p->segs[i].is_param ? sample[p->segs[i].type] : p->segs[i].text.ptr;
        text[n++] = '/';
        memcpy(text + n, v, strlen(v));
        n += strlen(v);
    }
    if (p->count == 0)
        text[n++] = '/';
    if (n >= HTTP_PATH_MAX_LEN)
        return; /* samples can be longer than "{id}": such a path is refused for its length */
    struct http_path path;
    struct http_match m;
    FUZZ_CHECK(http_path_parse(a, text, n, &path, NULL) == ERR_OK);
    FUZZ_CHECK(http_pattern_match(p, &path, &m) == ERR_OK);
    FUZZ_CHECK(m.count == p->nparams);
    for (size_t i = 0; i < m.count; i++) {
        FUZZ_CHECK(strcmp(m.params[i].value.ptr, sample[m.params[i].type]) == 0);
        FUZZ_CHECK(http_match_get(&m, m.params[i].name) == &m.params[i]);
    }
    /* the same path with a trailing slash never matches */
    if (p->count > 0) {
        text[n] = '/';
        FUZZ_CHECK(http_path_parse(a, text, n + 1, &path, NULL) == ERR_OK);
        FUZZ_CHECK(path.trailing_slash);
        FUZZ_CHECK(http_pattern_match(p, &path, &m) == ERR_NOTFOUND);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct arena a;
    arena_init(&a, 0);

    struct slice path_part, query;
    http_target_split(s, size, &path_part, &query);
    FUZZ_CHECK(path_part.len <= size);

    struct http_path path;
    struct http_parse_err err = {0, NULL};
    int rc = http_path_parse(&a, s, size, &path, &err);
    if (rc == ERR_OK) {
        FUZZ_CHECK(path.count <= HTTP_PATH_MAX_SEGMENTS);
        for (size_t i = 0; i < path.count; i++) {
            struct slice seg = path.segs[i];
            FUZZ_CHECK(seg.len > 0 && seg.ptr[seg.len] == '\0');
            FUZZ_CHECK(memchr(seg.ptr, '\0', seg.len) == NULL);
            FUZZ_CHECK(thai_utf8_valid(seg.ptr, seg.len));
            FUZZ_CHECK(!slice_eq_str(seg, ".") && !slice_eq_str(seg, ".."));
        }
        match_routes(&a, &path);
    } else {
        FUZZ_CHECK((rc == ERR_INVAL || rc == ERR_TOOBIG) && err.reason != NULL && err.offset <= size);
    }

    char *pattern = arena_strndup(&a, s, size);
    if (strlen(pattern) == size) {
        struct http_pattern *p = NULL;
        rc = http_pattern_compile(&a, pattern, &p, &err);
        if (rc == ERR_OK) {
            FUZZ_CHECK(p->count <= HTTP_PATH_MAX_SEGMENTS && p->nparams <= HTTP_PATTERN_MAX_PARAMS);
            match_own_pattern(&a, p);
        } else {
            FUZZ_CHECK((rc == ERR_INVAL || rc == ERR_TOOBIG) && err.reason != NULL && err.offset <= size);
            FUZZ_CHECK(p == NULL);
        }
    }

    arena_release(&a);
    return 0;
}
