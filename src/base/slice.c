/*
 * String slices.
 */
#include "base/slice.h"

#include <string.h>

struct slice slice_from(const char *s)
{
    return (struct slice){s, strlen(s)};
}

struct slice slice_make(const char *p, size_t len)
{
    return (struct slice){p, len};
}

bool slice_eq(struct slice a, struct slice b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

bool slice_eq_str(struct slice a, const char *s)
{
    return slice_eq(a, slice_from(s));
}

bool slice_starts_with(struct slice s, const char *prefix)
{
    size_t n = strlen(prefix);
    /* An empty slice may have a NULL pointer, which memcmp must not see even for 0 bytes. */
    return s.len >= n && (n == 0 || memcmp(s.ptr, prefix, n) == 0);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

struct slice slice_trim(struct slice s)
{
    while (s.len && is_space(s.ptr[0])) {
        s.ptr++;
        s.len--;
    }
    while (s.len && is_space(s.ptr[s.len - 1]))
        s.len--;
    return s;
}

bool slice_next_field(struct slice *rest, char delim, struct slice *field)
{
    if (rest->ptr == NULL)
        return false;
    const char *p = rest->len ? memchr(rest->ptr, delim, rest->len) : NULL;
    if (p) {
        field->ptr = rest->ptr;
        field->len = (size_t)(p - rest->ptr);
        rest->len -= field->len + 1;
        rest->ptr = p + 1;
    } else {
        *field = *rest;
        rest->ptr = NULL; /* exhausted: the next call returns false */
        rest->len = 0;
    }
    return true;
}
