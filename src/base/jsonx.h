/*
 * Small helpers over jansson: typed look-ups that tolerate missing keys, parsing with a readable
 * error, and stable output (sorted keys) for files and tests.
 */
#ifndef TAMBON_BASE_JSONX_H
#define TAMBON_BASE_JSONX_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* obj[key] as a string, or NULL when missing or not a string. */
const char *jsonx_str(const json_t *obj, const char *key);
/* obj[key] as an integer: ERR_NOTFOUND when missing, ERR_INVAL when not an integer. */
int jsonx_int(const json_t *obj, const char *key, int64_t *out);
/* obj[key] as a number (integer or real): ERR_NOTFOUND when missing, ERR_INVAL when not a number. */
int jsonx_number(const json_t *obj, const char *key, double *out);
/*
 * Parses len bytes of JSON text (any value, not only objects and arrays; duplicate keys are refused).
 * On failure returns ERR_INVAL and, if err is not NULL, appends
 * "line L, column C: message" to it.
 */
int jsonx_parse(const char *text, size_t len, json_t **out, struct buf *err);
/* Compact JSON with sorted keys; the caller frees the result with free(). Never NULL. */
char *jsonx_dump(const json_t *v);

#endif
