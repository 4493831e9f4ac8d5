/*
 * Thai digits (๐๑๒๓๔๕๖๗๘๙, U+0E50..U+0E59) and ASCII digits, both ways. Official documents may use
 * Thai numerals (cabinet resolution of 2 May 2543) and people type them into forms, so display code
 * converts to them and parsers accept them by converting back first.
 */
#ifndef TAMBON_THAI_DIGITS_H
#define TAMBON_THAI_DIGITS_H

#include <stddef.h>

#include "base/buf.h"

/*
 * Appends s[0..len) to out with every ASCII digit 0-9 replaced by the Thai digit of the same value;
 * everything else is copied unchanged. ERR_INVAL when s is not well-formed UTF-8, ERR_TOOBIG when out
 * is full; on error out keeps its previous contents.
 */
__attribute__((warn_unused_result)) int thai_digits_from_arabic(const char *s, size_t len, struct buf *out);

/*
 * The reverse: appends s with every Thai digit replaced by its ASCII digit, other text unchanged.
 * Errors as for thai_digits_from_arabic.
 */
__attribute__((warn_unused_result)) int thai_digits_to_arabic(const char *s, size_t len, struct buf *out);

/* The value 0..9 of code point cp when it is an ASCII or a Thai digit, otherwise -1. */
int thai_digit_value(int cp);

#endif
