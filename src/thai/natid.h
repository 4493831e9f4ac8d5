/*
 * Thai national identification numbers (เลขประจำตัวประชาชน): 13 digits, the last a check digit
 * computed from the first twelve as (11 - (sum of digit[i] * (13 - i), i = 0..11) mod 11) mod 10.
 * IDs are stored as 13 ASCII digits (text, never a number) and displayed as #-####-#####-##-#.
 * They are personal data under the PDPA: screens that do not need the whole number show the mask.
 */
#ifndef TAMBON_THAI_NATID_H
#define TAMBON_THAI_NATID_H

#include <stdbool.h>
#include <stddef.h>

#define NATID_LEN 13        /* digits */
#define NATID_FORMAT_LEN 17 /* "#-####-#####-##-#" without NUL */

/* The check digit 0..9 for the first 12 characters of first12, or -1 if they are not 12 ASCII digits
 * (first12 may be longer; only 12 characters are read, and reading stops at a NUL). */
int natid_check_digit(const char *first12);

/* True when s[0..len) is exactly 13 ASCII digits whose last digit is the correct check digit. */
bool natid_valid(const char *s, size_t len);

/*
 * Turns an ID as people type it into the stored form: ASCII or Thai digits, with any dashes, spaces
 * or tabs anywhere ("1-2345-67890-12-1", " 1 2345 67890 12 1 ", "๑๒๓๔๕๖๗๘๙๐๑๒๑"). Writes the 13 ASCII
 * digits and a NUL into out. ERR_INVAL (out untouched) for any other character, ill-formed UTF-8, a
 * digit count other than 13, or a wrong check digit.
 */
__attribute__((warn_unused_result)) int natid_normalize(const char *s, size_t len, char out[NATID_LEN + 1]);

/* Writes id13 (13 ASCII digits) as "#-####-#####-##-#" with a NUL. When id13 is not 13 ASCII digits
 * out becomes "" so that nothing malformed reaches a page. */
void natid_format(const char *id13, char out[NATID_FORMAT_LEN + 1]);

/* Like natid_format but digits 6 to 12 are replaced by 'x': "1-2345-xxxxx-xx-1". Enough for a person
 * to recognise their own record, not enough to reuse the number. "" when id13 is malformed. */
void natid_mask(const char *id13, char out[NATID_FORMAT_LEN + 1]);

#endif
