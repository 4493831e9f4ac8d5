/*
 * Range-checked number parsing. Unlike atoi, these reject empty input, trailing garbage, signs where
 * none are allowed, and values outside [min, max]: ERR_INVAL for bad form, ERR_RANGE for bad value.
 * *out is written only on success.
 */
#ifndef TAMBON_BASE_NUM_H
#define TAMBON_BASE_NUM_H

#include <stddef.h>
#include <stdint.h>

/* Decimal integer, optional leading '-' or '+', no spaces. len is the number of bytes of s to read. */
__attribute__((warn_unused_result)) int num_parse_i64(const char *s, size_t len, int64_t min, int64_t max,
                                                      int64_t *out);
/* Same, for a NUL-terminated string and an int. */
__attribute__((warn_unused_result)) int num_parse_int(const char *s, int min, int max, int *out);
/* Decimal number with optional fraction ("1234.50"); no exponent, no spaces. */
__attribute__((warn_unused_result)) int num_parse_double(const char *s, size_t len, double min, double max,
                                                         double *out);

#endif
