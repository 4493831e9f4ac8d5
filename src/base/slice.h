/*
 * Slices: a pointer and a length into text owned by someone else. Not NUL-terminated.
 */
#ifndef TAMBON_BASE_SLICE_H
#define TAMBON_BASE_SLICE_H

#include <stdbool.h>
#include <stddef.h>

struct slice {
    const char *ptr;
    size_t len;
};

#define SLICE_LIT(s) ((struct slice){(s), sizeof(s) - 1})

struct slice slice_from(const char *s); /* the whole C string s */
struct slice slice_make(const char *p, size_t len);
bool slice_eq(struct slice a, struct slice b);
bool slice_eq_str(struct slice a, const char *s);
bool slice_starts_with(struct slice s, const char *prefix);
/* s without leading and trailing ASCII white space. */
struct slice slice_trim(struct slice s);
/*
 * Splits off the part of *rest before the first delim and advances *rest past the delim.
 * Returns false (and leaves *rest alone) when *rest is exhausted. A trailing delim yields a final
 * empty field, so "a,b," gives "a", "b", "".
 */
bool slice_next_field(struct slice *rest, char delim, struct slice *field);

#endif
