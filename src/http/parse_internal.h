/*
 * Helpers shared by the HTTP parsers in src/http and nothing else: character classes of RFC 9110
 * and error reporting. Not part of the public interface in parse.h.
 */
#ifndef TAMBON_HTTP_PARSE_INTERNAL_H
#define TAMBON_HTTP_PARSE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/slice.h"
#include "http/parse.h"

/* Records offset and reason in err when err is not NULL. */
void http_err_set(struct http_parse_err *err, size_t offset, const char *reason);

/* RFC 9110 tchar: the bytes of a token (names of cookies, media types, parameters). */
bool http_is_tchar(unsigned char c);

/* Space or horizontal tab: RFC 9110 OWS. */
bool http_is_ows(unsigned char c);

/* True when the slice equals the lower-case ASCII string lower, ignoring ASCII case. */
bool http_slice_ieq(struct slice s, const char *lower);

/*
 * True when s[0..len) is well-formed UTF-8 (the strict decoder of src/thai/utf8.h: no overlongs,
 * surrogates or code points above U+10FFFF). When it is not, *bad is the offset of the first byte of
 * the first ill-formed sequence.
 */
bool http_utf8_check(const char *s, size_t len, size_t *bad);

#endif
