/*
 * Arena allocator: bump allocation in chunks; large requests get a chunk of their own.
 */
#include "base/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_DEFAULT_CHUNK (16 * 1024)
#define ARENA_ALIGN _Alignof(max_align_t)

struct arena_chunk {
    struct arena_chunk *next;
    size_t size, used;
    _Alignas(max_align_t) unsigned char mem[];
};

struct arena_cleanup {
    struct arena_cleanup *next;
    void (*fn)(void *);
    void *data;
};

_Noreturn void arena_oom(size_t size)
{
    fprintf(stderr, "tambon: out of memory (%zu bytes)\n", size);
    abort();
}

void arena_init(struct arena *a, size_t chunk_size)
{
    a->head = NULL;
    a->cleanups = NULL;
    a->chunk_size = chunk_size ? chunk_size : ARENA_DEFAULT_CHUNK;
    a->total = 0;
}

void arena_release(struct arena *a)
{
    while (a->cleanups) {
        struct arena_cleanup *c = a->cleanups;
        a->cleanups = c->next; /* unlink first: a cleanup may allocate from the arena */
        c->fn(c->data);
    }
    struct arena_chunk *c = a->head;
    while (c) {
        struct arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}

static struct arena_chunk *chunk_new(struct arena *a, size_t size)
{
    if (size > SIZE_MAX - sizeof(struct arena_chunk))
        arena_oom(size);
    struct arena_chunk *c = malloc(sizeof *c + size);
    if (!c)
        arena_oom(size);
    c->size = size;
    c->used = 0;
    a->total += sizeof *c + size;
    return c;
}

void *arena_alloc(struct arena *a, size_t size)
{
    size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need < size)
        arena_oom(size);
    if (need == 0)
        need = ARENA_ALIGN;
    struct arena_chunk *h = a->head;
    if (h && h->size - h->used >= need) {
        void *p = h->mem + h->used;
        h->used += need;
        return p;
    }
    if (need > a->chunk_size / 4) {
        /* Large: a chunk of its own, linked behind the current one so the head keeps its space. */
        struct arena_chunk *c = chunk_new(a, need);
        c->used = need;
        if (h) {
            c->next = h->next;
            h->next = c;
        } else {
            c->next = NULL;
            a->head = c;
        }
        return c->mem;
    }
    struct arena_chunk *c = chunk_new(a, a->chunk_size);
    c->next = h;
    a->head = c;
    c->used = need;
    return c->mem;
}

void *arena_calloc(struct arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        arena_oom(SIZE_MAX);
    void *p = arena_alloc(a, n * size);
    memset(p, 0, n * size);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void arena_cleanup_add(struct arena *a, void (*fn)(void *), void *data)
{
    struct arena_cleanup *c = arena_alloc(a, sizeof *c);
    c->fn = fn;
    c->data = data;
    c->next = a->cleanups;
    a->cleanups = c;
}
