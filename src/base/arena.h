/*
 * Arena allocator: many small allocations freed together. A request, a command or an import row
 * owns an arena; code that allocates from it never frees piecewise. Non-memory resources (statements,
 * files) can be tied to the arena with a cleanup that runs, newest first, when the arena is released.
 *
 * Out of memory aborts the process (as in redis and h2o): callers do not check allocations.
 */
#ifndef TAMBON_BASE_ARENA_H
#define TAMBON_BASE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;
struct arena_cleanup;

struct arena {
    struct arena_chunk *head;      /* chunk being filled */
    struct arena_cleanup *cleanups;
    size_t chunk_size;             /* size of ordinary chunks */
    size_t total;                  /* bytes obtained from malloc, for statistics */
};

/* Prepares an empty arena; chunk_size 0 means the default (16 KiB). Allocates nothing. */
void arena_init(struct arena *a, size_t chunk_size);
/* Runs cleanups and frees every chunk; the arena may be used again afterwards. */
void arena_release(struct arena *a);

/* size bytes aligned for any type; never NULL. Contents are uninitialised. */
void *arena_alloc(struct arena *a, size_t size);
/* Like arena_alloc but zero-filled; n * size must not overflow (aborts if it does). */
void *arena_calloc(struct arena *a, size_t n, size_t size);
/* Copy of the NUL-terminated s. */
char *arena_strdup(struct arena *a, const char *s);
/* Copy of the first n bytes of s, NUL-terminated. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Registers fn(data) to run when the arena is released. */
void arena_cleanup_add(struct arena *a, void (*fn)(void *), void *data);

/* Aborts with a message: used where memory cannot be had. */
_Noreturn void arena_oom(size_t size);

#endif
