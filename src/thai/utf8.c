/*
 * Strict UTF-8 decoder (RFC 3629): each lead byte admits only the continuation ranges that give a
 * shortest-form scalar value, so overlongs and surrogates are rejected without a second check.
 */
#include "thai/utf8.h"

#include "base/err.h"

static bool in(unsigned char c, unsigned char lo, unsigned char hi)
{
    return c >= lo && c <= hi;
}

int32_t thai_utf8_next(const char *s, size_t len, size_t *pos)
{
    size_t i = *pos;
    const unsigned char *p = (const unsigned char *)s + i;
    size_t left = len - i;
    unsigned char c = p[0];
    int32_t cp;
    size_t n;

    if (c < 0x80) {
        *pos = i + 1;
        return c;
    }
    /* Allowed range of the second byte for each lead byte (the others are always 80..BF). */
    unsigned char lo = 0x80, hi = 0xBF;
    if (in(c, 0xC2, 0xDF)) {
        n = 2;
        cp = c & 0x1F;
    } else if (in(c, 0xE0, 0xEF)) {
        n = 3;
        cp = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0; /* no overlongs */
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (in(c, 0xF0, 0xF4)) {
        n = 4;
        cp = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        return -1;
    }
    if (left < n || !in(p[1], lo, hi))
        return -1;
    for (size_t k = 1; k < n; k++) {
        if (!in(p[k], 0x80, 0xBF))
            return -1;
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    *pos = i + n;
    return cp;
}

bool thai_utf8_valid(const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len)
        if (thai_utf8_next(s, len, &pos) < 0)
            return false;
    return true;
}

int thai_utf8_put(struct buf *out, int32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return buf_append(out, b, n);
}
