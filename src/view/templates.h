/*
 * The set of page templates compiled into the binary (every templates/…/NAME.mustache file), compiled once at start-up
 * and shared by every rendering thread. A template's name is its path under templates/ without the
 * extension: "layout", "pages/laos", "partials/pager". Partials and parents are looked up in the same set.
 */
#ifndef TAMBON_VIEW_TEMPLATES_H
#define TAMBON_VIEW_TEMPLATES_H

#include <stddef.h>

#include "base/buf.h"
#include "view/mustache.h"

struct template_set;

/*
 * Compiles every embedded template and checks that each partial and parent it names exists.
 * On failure appends "templates/x.mustache: line L, column C: message" to err and returns the error.
 */
__attribute__((warn_unused_result)) int template_set_load(struct template_set **out, struct buf *err);
void template_set_free(struct template_set *ts);
/* The compiled template with this name, or NULL. */
const struct mustache *template_set_get(const struct template_set *ts, const char *name);
/* Partials look-up over the set, for mustache_render. */
const struct mustache_partials *template_set_partials(const struct template_set *ts);
size_t template_set_count(const struct template_set *ts);

#endif
