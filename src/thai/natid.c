/*
 * National ID checksum, normalisation of typed input, display and masking.
 */
#include "thai/natid.h"

#include <string.h>

#include "base/err.h"
#include "thai/digits.h"
#include "thai/utf8.h"

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

int natid_check_digit(const char *first12)
{
    int sum = 0;
    if (!first12)
        return -1;
    for (int i = 0; i < 12; i++) {
        if (first12[i] < '0' || first12[i] > '9')
            return -1; /* also stops at a NUL */
        sum += (first12[i] - '0') * (13 - i);
    }
    return (11 - sum % 11) % 10;
}

bool natid_valid(const char *s, size_t len)
{
    if (!s || len != NATID_LEN || !all_digits(s, len))
        return false;
    return natid_check_digit(s) == s[12] - '0';
}

int natid_normalize(const char *s, size_t len, char out[NATID_LEN + 1])
{
    char digits[NATID_LEN + 1];
    size_t n = 0, pos = 0;

    if (!s)
        return ERR_INVAL;
    while (pos < len) {
        int32_t cp = thai_utf8_next(s, len, &pos);
        if (cp == '-' || cp == ' ' || cp == '\t')
            continue;
        int v = thai_digit_value(cp);
        if (v < 0 || n == NATID_LEN)
            return ERR_INVAL; /* other character, ill-formed UTF-8 (-1), or too many digits */
        digits[n++] = (char)('0' + v);
    }
    if (n != NATID_LEN || !natid_valid(digits, n))
        return ERR_INVAL;
    digits[n] = '\0';
    memcpy(out, digits, sizeof digits);
    return ERR_OK;
}

/* Writes id13 grouped 1-4-5-2-1, with digits at positions [mask_from, mask_to) replaced by 'x'. */
static void group(const char *id13, size_t mask_from, size_t mask_to, char out[NATID_FORMAT_LEN + 1])
{
    if (!id13 || strnlen(id13, NATID_LEN + 1) != NATID_LEN || !all_digits(id13, NATID_LEN)) {
        out[0] = '\0';
        return;
    }
    size_t o = 0;
    for (size_t i = 0; i < NATID_LEN; i++) {
        if (i == 1 || i == 5 || i == 10 || i == 12)
            out[o++] = '-';
        out[o++] = i >= mask_from && i < mask_to ? 'x' : id13[i];
    }
    out[o] = '\0';
}

void natid_format(const char *id13, char out[NATID_FORMAT_LEN + 1])
{
    group(id13, 0, 0, out);
}

void natid_mask(const char *id13, char out[NATID_FORMAT_LEN + 1])
{
    group(id13, 5, 12, out);
}
