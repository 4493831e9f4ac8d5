/*
 * libFuzzer target: media types (http_media_type_parse, http_content_type_body, http_accept_want).
 * Checks that parsed types, subtypes and parameter names are lower-case tokens with unique names,
 * that writing a parsed media type back out (values quoted and escaped) parses to the same thing,
 * that the body kind agrees with the parsed type, and that Accept always decides or fails cleanly.
 */
#include "fuzz.h"

#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "http/parse.h"

static bool is_lower_tchar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return true;
    return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static void check_token(struct slice s)
{
    FUZZ_CHECK(s.len > 0 && s.ptr[s.len] == '\0');
    for (size_t i = 0; i < s.len; i++)
        FUZZ_CHECK(is_lower_tchar((unsigned char)s.ptr[i]));
}

/* Writes mt back as text, every parameter value as a quoted string with '"' and '\\' escaped. */
static char *write_media_type(struct arena *a, const struct http_media_type *mt, size_t *len)
{
    size_t cap = mt->type.len + mt->subtype.len + 2;
    for (size_t i = 0; i < mt->params.count; i++)
        cap += mt->params.items[i].key.len + 2 * mt->params.items[i].value.len + 6;
    char *out = arena_alloc(a, cap);
    size_t n = 0;
    memcpy(out + n, mt->type.ptr, mt->type.len);
    n += mt->type.len;
    out[n++] = '/';
    memcpy(out + n, mt->subtype.ptr, mt->subtype.len);
    n += mt->subtype.len;
    for (size_t i = 0; i < mt->params.count; i++) {
        const struct http_param *p = &mt->params.items[i];
        out[n++] = ';';
        out[n++] = ' ';
        memcpy(out + n, p->key.ptr, p->key.len);
        n += p->key.len;
        out[n++] = '=';
        out[n++] = '"';
        for (size_t k = 0; k < p->value.len; k++) {
            if (p->value.ptr[k] == '"' || p->value.ptr[k] == '\\')
                out[n++] = '\\';
            out[n++] = p->value.ptr[k];
        }
        out[n++] = '"';
    }
    FUZZ_CHECK(n <= cap);
    *len = n;
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct arena a;
    arena_init(&a, 0);

    struct http_media_type mt;
    struct http_parse_err err = {0, NULL};
    int rc = http_media_type_parse(&a, s, size, &mt, &err);
    if (rc == ERR_OK) {
        check_token(mt.type);
        check_token(mt.subtype);
        FUZZ_CHECK(mt.params.count <= HTTP_MEDIA_MAX_PARAMS);
        for (size_t i = 0; i < mt.params.count; i++) {
            check_token(mt.params.items[i].key);
            struct slice v = mt.params.items[i].value;
            FUZZ_CHECK(v.ptr[v.len] == '\0');
            for (size_t k = 0; k < v.len; k++)
                FUZZ_CHECK(v.ptr[k] == '\t' ||
                           ((unsigned char)v.ptr[k] >= 0x20 && (unsigned char)v.ptr[k] < 0x7F));
            for (size_t j = 0; j < i; j++)
                FUZZ_CHECK(!slice_eq(mt.params.items[j].key, mt.params.items[i].key));
        }
        size_t n;
        char *text = write_media_type(&a, &mt, &n);
        if (n <= HTTP_MEDIA_MAX_LEN) {
            struct http_media_type back;
            FUZZ_CHECK(http_media_type_parse(&a, text, n, &back, NULL) == ERR_OK);
            FUZZ_CHECK(slice_eq(back.type, mt.type) && slice_eq(back.subtype, mt.subtype));
            FUZZ_CHECK(back.params.count == mt.params.count);
            for (size_t i = 0; i < mt.params.count; i++) {
                FUZZ_CHECK(slice_eq(back.params.items[i].key, mt.params.items[i].key));
                FUZZ_CHECK(slice_eq(back.params.items[i].value, mt.params.items[i].value));
            }
        }
    } else {
        FUZZ_CHECK((rc == ERR_INVAL || rc == ERR_TOOBIG) && err.reason != NULL && err.offset <= size);
    }

    enum http_body_kind kind;
    struct http_parse_err cerr = {0, NULL};
    int crc = http_content_type_body(&a, s, size, &kind, &cerr);
    if (rc != ERR_OK) {
        FUZZ_CHECK(crc == rc && cerr.offset == err.offset);
    } else if (crc == ERR_OK) {
        switch (kind) {
        case HTTP_BODY_FORM:
            FUZZ_CHECK(slice_eq_str(mt.type, "application") &&
                       slice_eq_str(mt.subtype, "x-www-form-urlencoded"));
            break;
        case HTTP_BODY_JSON:
            FUZZ_CHECK(slice_eq_str(mt.type, "application") && slice_eq_str(mt.subtype, "json"));
            break;
        case HTTP_BODY_MULTIPART:
            FUZZ_CHECK(slice_eq_str(mt.type, "multipart") && slice_eq_str(mt.subtype, "form-data"));
            FUZZ_CHECK(mt.params.count == 1 && http_media_type_param(&mt, "boundary") != NULL);
            break;
        default:
            FUZZ_CHECK(!"unknown body kind");
        }
    } else {
        FUZZ_CHECK(crc == ERR_UNSUPPORTED && cerr.reason != NULL);
    }

    enum http_want want = (enum http_want)99;
    rc = http_accept_want(s, size, &want, &err);
    if (rc == ERR_OK)
        FUZZ_CHECK(want == HTTP_WANT_HTML || want == HTTP_WANT_JSON || want == HTTP_WANT_NONE);
    else
        FUZZ_CHECK((rc == ERR_INVAL || rc == ERR_TOOBIG) && err.reason != NULL && err.offset <= size);

    arena_release(&a);
    return 0;
}
