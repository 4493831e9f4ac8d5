/*
 * Compiled template set over the embedded templates/ files.
 */
#include "view/templates.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/embedded.h"
#include "base/err.h"

#define TEMPLATE_PREFIX "templates/"
#define TEMPLATE_SUFFIX ".mustache"

struct template_entry {
    char *name;
    struct mustache *t;
};

struct template_set {
    struct template_entry *items;
    size_t count;
    struct mustache_partials partials;
};

static const struct mustache *lookup(void *data, const char *name, size_t len)
{
    const struct template_set *ts = data;
    for (size_t i = 0; i < ts->count; i++)
        if (strlen(ts->items[i].name) == len && memcmp(ts->items[i].name, name, len) == 0)
            return ts->items[i].t;
    return NULL;
}

/* "templates/pages/laos.mustache" → "pages/laos"; NULL when the file is not a template. */
static char *template_name(const char *path)
{
    size_t plen = strlen(TEMPLATE_PREFIX), slen = strlen(TEMPLATE_SUFFIX), n = strlen(path);
    if (n <= plen + slen || strncmp(path, TEMPLATE_PREFIX, plen) != 0 || strcmp(path + n - slen, TEMPLATE_SUFFIX) != 0)
        return NULL;
    char *name = strndup(path + plen, n - plen - slen);
    if (!name)
        arena_oom(n);
    return name;
}

int template_set_load(struct template_set **out, struct buf *err)
{
    struct template_set *ts = calloc(1, sizeof *ts);
    if (!ts)
        arena_oom(sizeof *ts);
    ts->items = calloc(data_count + 1, sizeof *ts->items);
    if (!ts->items)
        arena_oom(data_count + 1);
    ts->partials.lookup = lookup;
    ts->partials.data = ts;
    int rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < data_count; i++) {
        char *name = template_name(data_files[i].name);
        if (!name)
            continue;
        struct mustache *t = NULL;
        size_t mark = err ? err->len : 0;
        if (err && buf_printf(err, "%s: ", data_files[i].name) != ERR_OK)
            buf_truncate(err, mark);
        rc = mustache_compile((const char *)data_files[i].data, data_files[i].len, &t, err);
        if (rc != ERR_OK) {
            free(name);
            break;
        }
        if (err)
            buf_truncate(err, mark);
        ts->items[ts->count].name = name;
        ts->items[ts->count].t = t;
        ts->count++;
    }
    for (size_t i = 0; rc == ERR_OK && i < ts->count; i++) {
        size_t mark = err ? err->len : 0;
        if (err && buf_printf(err, "templates/%s.mustache: ", ts->items[i].name) != ERR_OK)
            buf_truncate(err, mark);
        rc = mustache_check_partials(ts->items[i].t, &ts->partials, err);
        if (rc == ERR_OK && err)
            buf_truncate(err, mark);
    }
    if (rc != ERR_OK) {
        template_set_free(ts);
        return rc;
    }
    *out = ts;
    return ERR_OK;
}

void template_set_free(struct template_set *ts)
{
    if (!ts)
        return;
    for (size_t i = 0; i < ts->count; i++) {
        free(ts->items[i].name);
        mustache_free(ts->items[i].t);
    }
    free(ts->items);
    free(ts);
}

const struct mustache *template_set_get(const struct template_set *ts, const char *name)
{
    return lookup((void *)ts, name, strlen(name));
}

const struct mustache_partials *template_set_partials(const struct template_set *ts)
{
    return &ts->partials;
}

size_t template_set_count(const struct template_set *ts)
{
    return ts->count;
}
