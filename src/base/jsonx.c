/*
 * jansson helpers.
 */
#include "base/jsonx.h"

#include <stdlib.h>

#include "base/arena.h"
#include "base/err.h"

const char *jsonx_str(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

int jsonx_int(const json_t *obj, const char *key, int64_t *out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return ERR_NOTFOUND;
    if (!json_is_integer(v))
        return ERR_INVAL;
    *out = (int64_t)json_integer_value(v);
    return ERR_OK;
}

int jsonx_number(const json_t *obj, const char *key, double *out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return ERR_NOTFOUND;
    if (!json_is_number(v))
        return ERR_INVAL;
    *out = json_number_value(v);
    return ERR_OK;
}

int jsonx_parse(const char *text, size_t len, json_t **out, struct buf *err)
{
    json_error_t je;
    json_t *v = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
    if (!v) {
        if (err) {
            /* A message too long for err is dropped and err keeps what the caller wrote before it
             * (buf_printf leaves the buffer as it was); the status still says the input was bad. */
            int rc = buf_printf(err, "line %d, column %d: %s", je.line, je.column, je.text);
            (void)rc;
        }
        return ERR_INVAL;
    }
    *out = v;
    return ERR_OK;
}

char *jsonx_dump(const json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    if (!s)
        arena_oom(0);
    return s;
}
