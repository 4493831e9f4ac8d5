/*
 * Strict UTF-8 decoding and encoding. The Thai toolkit's public functions all take (pointer, length)
 * UTF-8 and must reject ill-formed input (overlong forms, surrogates, code points above U+10FFFF,
 * truncated sequences) the same way, so they share this one decoder; the HTTP parsers use it too, so
 * that every text reaching a handler passed the same check.
 */
#ifndef TAMBON_THAI_UTF8_H
#define TAMBON_THAI_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* First and last code points of the Thai block that have a TIS-620 equivalent (0xA1..0xFB). */
#define THAI_CP_FIRST 0x0E01
#define THAI_CP_LAST 0x0E5B
/* Thai digits ๐..๙. */
#define THAI_CP_DIGIT0 0x0E50

/*
 * Decodes the code point that starts at s[*pos] (pos < len) and advances *pos past it. Returns the
 * code point, or -1 for an ill-formed sequence (then *pos is left unchanged).
 */
int32_t thai_utf8_next(const char *s, size_t len, size_t *pos);
/* True when s[0..len) is well-formed UTF-8. */
bool thai_utf8_valid(const char *s, size_t len);
/* Appends the UTF-8 form of code point cp (a valid scalar value); ERR_TOOBIG from the buffer. */
__attribute__((warn_unused_result)) int thai_utf8_put(struct buf *out, int32_t cp);

#endif
