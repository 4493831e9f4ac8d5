/*
 * Bounded, growable byte buffer. Every buffer has a maximum size chosen by its owner; an append that
 * would pass it fails with ERR_TOOBIG and leaves the buffer as it was. The contents are always
 * NUL-terminated (the NUL is not counted in len), so buf.data can be used as a C string.
 */
#ifndef TAMBON_BASE_BUF_H
#define TAMBON_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data; /* NULL until the first append */
    size_t len; /* bytes in use, excluding the terminating NUL */
    size_t cap; /* bytes allocated */
    size_t max; /* largest len allowed */
};

/* Empty buffer that may grow to max bytes. Allocates nothing. */
void buf_init(struct buf *b, size_t max);
/* Frees the contents; the buffer is empty and usable again with the same max. */
void buf_release(struct buf *b);
/* Empties the buffer but keeps its memory. */
void buf_reset(struct buf *b);

__attribute__((warn_unused_result)) int buf_append(struct buf *b, const void *p, size_t n);
__attribute__((warn_unused_result)) int buf_appends(struct buf *b, const char *s);
__attribute__((warn_unused_result)) int buf_putc(struct buf *b, char c);
__attribute__((warn_unused_result, format(printf, 2, 3))) int buf_printf(struct buf *b, const char *fmt,
                                                                            ...);
__attribute__((warn_unused_result, format(printf, 2, 0))) int buf_vprintf(struct buf *b, const char *fmt,
                                                                             va_list ap);
/* Shortens the buffer to n bytes (n <= len). */
void buf_truncate(struct buf *b, size_t n);
/* The contents as a C string: "" when nothing was appended. */
const char *buf_str(const struct buf *b);
/* Hands the malloc'd contents to the caller (who frees them) and empties the buffer. Never NULL. */
char *buf_detach(struct buf *b);

#endif
