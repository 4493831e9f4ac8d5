/*
 * Thai <-> ASCII digit conversion over UTF-8.
 */
#include "thai/digits.h"

#include <stdint.h>

#include "base/err.h"
#include "thai/utf8.h"

int thai_digit_value(int cp)
{
    if (cp >= '0' && cp <= '9')
        return cp - '0';
    if (cp >= THAI_CP_DIGIT0 && cp <= THAI_CP_DIGIT0 + 9)
        return cp - THAI_CP_DIGIT0;
    return -1;
}

/* Copies s to out, mapping each digit of the kind to_thai selects away from to the other kind. */
static int convert(const char *s, size_t len, struct buf *out, int to_thai)
{
    size_t start_len = out->len;
    size_t pos = 0;
    int rc = ERR_OK;

    if (!s && len)
        return ERR_INVAL;
    while (pos < len) {
        size_t at = pos;
        int32_t cp = thai_utf8_next(s, len, &pos);
        if (cp < 0) {
            rc = ERR_INVAL;
            goto out;
        }
        int v = thai_digit_value(cp);
        int is_thai = cp >= THAI_CP_DIGIT0;
        if (v >= 0 && is_thai != to_thai)
            rc = to_thai ? thai_utf8_put(out, THAI_CP_DIGIT0 + v) : buf_putc(out, (char)('0' + v));
        else
            rc = buf_append(out, s + at, pos - at);
        if (rc != ERR_OK)
            goto out;
    }
out:
    if (rc != ERR_OK)
        buf_truncate(out, start_len);
    return rc;
}

int thai_digits_from_arabic(const char *s, size_t len, struct buf *out)
{
    return convert(s, len, out, 1);
}

int thai_digits_to_arabic(const char *s, size_t len, struct buf *out)
{
    return convert(s, len, out, 0);
}
