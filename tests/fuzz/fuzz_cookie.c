/*
 * libFuzzer target: the Cookie header parser and the Set-Cookie builder. Checks that every cookie
 * returned has a token name and a cookie-octet value within the limits, that a header's count never
 * exceeds the limit, and that whatever the builder accepts parses back as the same cookie.
 * The input is split at its first NUL byte: the whole input is a Cookie header; the part before the
 * NUL is a name and the part after it a value for the builder.
 */
#include "fuzz.h"

#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "http/parse.h"

static bool is_tchar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static bool is_cookie_octet(unsigned char c)
{
    return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B) ||
           (c >= 0x5D && c <= 0x7E);
}

static void check_cookies(const struct http_params *p, const struct http_cookie_limits *lim)
{
    FUZZ_CHECK(p->count <= lim->max_count);
    for (size_t i = 0; i < p->count; i++) {
        struct slice n = p->items[i].key, v = p->items[i].value;
        FUZZ_CHECK(n.len > 0 && n.len <= lim->max_name && n.ptr[n.len] == '\0');
        FUZZ_CHECK(v.len <= lim->max_value && v.ptr[v.len] == '\0');
        for (size_t k = 0; k < n.len; k++)
            FUZZ_CHECK(is_tchar((unsigned char)n.ptr[k]));
        for (size_t k = 0; k < v.len; k++)
            FUZZ_CHECK(is_cookie_octet((unsigned char)v.ptr[k]));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct arena a;
    arena_init(&a, 0);

    struct http_params p;
    struct http_parse_err err = {0, NULL};
    int rc = http_cookie_parse(&a, s, size, NULL, &p, &err);
    if (rc == ERR_OK) {
        check_cookies(&p, &http_cookie_limits_default);
    } else {
        FUZZ_CHECK(rc == ERR_TOOBIG && err.reason != NULL && err.offset <= size);
    }

    static const struct http_cookie_limits small = {64, 2, 4, 6};
    rc = http_cookie_parse(&a, s, size, &small, &p, &err);
    if (rc == ERR_OK)
        check_cookies(&p, &small);
    else
        FUZZ_CHECK(rc == ERR_TOOBIG && err.reason != NULL);

    /* The builder: name before the first NUL, value after it. */
    const char *nul = memchr(s, '\0', size);
    if (nul) {
        char *name = arena_strndup(&a, s, (size_t)(nul - s));
        char *value = arena_strndup(&a, nul + 1, size - (size_t)(nul - s) - 1);
        struct http_set_cookie c = {name,
                                    value,
                                    NULL,
                                    (int64_t)size - 2,
                                    size & 1,
                                    size & 2,
                                    (size & 4) ? HTTP_SAMESITE_STRICT : HTTP_SAMESITE_LAX};
        char *out = NULL;
        rc = http_set_cookie_build(&a, &c, &out, &err);
        if (rc == ERR_OK) {
            size_t nlen = strlen(name), vlen = strlen(value);
            FUZZ_CHECK(strncmp(out, name, nlen) == 0 && out[nlen] == '=');
            FUZZ_CHECK(strncmp(out + nlen + 1, value, vlen) == 0 && out[nlen + 1 + vlen] == ';');
            struct http_params back;
            static const struct http_cookie_limits roomy = {2 * HTTP_COOKIE_MAX_PAIR, 1, HTTP_COOKIE_MAX_PAIR,
                                                            HTTP_COOKIE_MAX_PAIR};
            FUZZ_CHECK(http_cookie_parse(&a, out, nlen + 1 + vlen, &roomy, &back, NULL) == ERR_OK);
            FUZZ_CHECK(back.count == 1);
            FUZZ_CHECK(strcmp(back.items[0].key.ptr, name) == 0);
            FUZZ_CHECK(strcmp(back.items[0].value.ptr, value) == 0);
            /* and the whole header never holds a byte that could end it or start another */
            for (const char *q = out; *q; q++)
                FUZZ_CHECK((unsigned char)*q >= 0x20 && (unsigned char)*q < 0x7F);
        } else {
            FUZZ_CHECK(out == NULL && err.reason != NULL);
            FUZZ_CHECK(rc == ERR_INVAL || rc == ERR_RANGE || rc == ERR_TOOBIG);
        }
    }

    arena_release(&a);
    return 0;
}
