/*
 * Mustache templates over jansson models. A template is compiled once (at start-up) into an
 * immutable op list and then rendered many times, from any number of threads at once, into bounded
 * buffers. Implements the required modules of the Mustache specification (interpolation, sections,
 * inverted sections, comments, partials, set delimiters) and the optional inheritance ({{<parent}},
 * {{$block}}) and dynamic names ({{>*name}}) modules; lambdas do not apply to JSON models.
 * docs/MUSTACHE.md describes the design and the decisions (escaping, truthiness, numbers).
 *
 * {{name}} is HTML-escaped (& < > " ' become entities). {{{name}}} and {{& name}} copy the value raw:
 * templates in this project use them only for HTML fragments we rendered ourselves, never for data.
 */
#ifndef TAMBON_VIEW_MUSTACHE_H
#define TAMBON_VIEW_MUSTACHE_H

#include <jansson.h>
#include <stddef.h>

#include "base/buf.h"

/* A compiled template. Immutable after mustache_compile: share it freely between threads. */
struct mustache;

/* Largest template source accepted by mustache_compile, in bytes. */
#define MUSTACHE_MAX_SOURCE (16u * 1024 * 1024)
/* Deepest nesting of sections, inverted sections, parents and blocks inside one template. */
#define MUSTACHE_MAX_NESTING 64
/* Default and largest limit on nested partial, parent and block-override expansions while
 * rendering. Each level may hold MUSTACHE_MAX_NESTING sections, all recursing on the C stack, so the
 * largest limit keeps the worst case within a thread's stack. */
#define MUSTACHE_DEFAULT_DEPTH 32
#define MUSTACHE_MAX_DEPTH 256

/*
 * Where partials ({{>name}}) and parents ({{<name}}) come from. lookup receives the name as written
 * in the tag (or, for {{>*key}}, the string found under key in the model), len bytes not
 * NUL-terminated, and returns the compiled template or NULL when there is none; a missing partial
 * renders as nothing, as the specification requires. lookup is called from rendering threads at the
 * same time, so it must only read. max_depth bounds nested expansions (a partial that includes
 * itself without end); 0 means MUSTACHE_DEFAULT_DEPTH, and values above MUSTACHE_MAX_DEPTH count as
 * MUSTACHE_MAX_DEPTH.
 */
struct mustache_partials {
    const struct mustache *(*lookup)(void *data, const char *name, size_t len);
    void *data;
    unsigned max_depth;
};

/*
 * Compiles len bytes of template source. The source is copied, so the caller may free it at once.
 * On success stores a new template in *out (free it with mustache_free) and returns 0. On a syntax
 * error returns ERR_INVAL and appends "line L, column C: message" to err (when err is not NULL;
 * columns count UTF-8 characters from 1): unclosed tags, sections or parents that are never
 * closed, a close tag that does not match, a bad delimiter change, an empty or malformed name.
 * Returns ERR_TOOBIG for a source longer than MUSTACHE_MAX_SOURCE or nesting deeper than
 * MUSTACHE_MAX_NESTING. *out is set to NULL on failure.
 */
__attribute__((warn_unused_result)) int mustache_compile(const char *src, size_t len, struct mustache **out,
                                                         struct buf *err);

/*
 * Renders t with ctx (any JSON value; NULL renders as an empty context) as the root of the context
 * stack, appending to out. partials may be NULL when the template uses none. Returns 0, or:
 * ERR_TOOBIG when the output would pass out->max; ERR_RANGE when partials, parents and overridden
 * blocks nest deeper than the depth limit. On failure out is restored to its length on entry, so a
 * half-rendered page is never left behind. Allocates nothing except buffer growth.
 */
__attribute__((warn_unused_result)) int mustache_render(const struct mustache *t, const json_t *ctx,
                                                        const struct mustache_partials *partials,
                                                        struct buf *out);

/*
 * Checks that every partial and parent named literally in t (not {{>*dynamic}} ones) is found by
 * partials->lookup, so that a typing mistake in a template name fails at start-up instead of
 * rendering nothing. Returns 0, or ERR_NOTFOUND after appending "line L, column C: partial
 * \"name\" not found" to err (when not NULL) for the first missing one.
 */
__attribute__((warn_unused_result)) int mustache_check_partials(const struct mustache *t,
                                                                const struct mustache_partials *partials,
                                                                struct buf *err);

/*
 * Enforces this project's rule for raw output: every {{{name}}} and {{& name}} in t must name a
 * value whose last dotted part ends with suffix (the web layer uses "_html": models put HTML they
 * rendered themselves under such keys, never data from users). Returns 0, or ERR_PERM after
 * appending "line L, column C: raw output of \"name\" ..." to err (when not NULL) for the first
 * offender. "." never passes (its name says nothing). Run it at start-up on every template.
 */
__attribute__((warn_unused_result)) int mustache_check_raw(const struct mustache *t, const char *suffix,
                                                           struct buf *err);

/* Frees a compiled template; NULL is allowed. No render of t may be running. */
void mustache_free(struct mustache *t);

#endif
