/*
 * Name lists for the demo generator (see names.h).
 */
#include "demo/names.h"

#include <string.h>

#include "base/buf.h"
#include "base/embedded.h"
#include "base/err.h"
#include "base/log.h"
#include "base/slice.h"
#include "thai/normalize.h"

#define NAME_MAX_BYTES 256

int demo_names_parse(const char *text, size_t len, struct arena *arena, struct demo_name_list *out,
                     size_t *bad_line)
{
    int rc = ERR_OK;
    size_t lines = 0, count = 0, line = 0;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    out->names = arena_calloc(arena, lines + 1, sizeof *out->names);
    struct buf norm;
    buf_init(&norm, NAME_MAX_BYTES);
    struct slice rest = slice_make(text, len), raw;
    while (slice_next_field(&rest, '\n', &raw)) {
        line++;
        struct slice l = slice_trim(raw);
        if (l.len == 0 || l.ptr[0] == '#')
            continue;
        struct slice th, en, extra;
        if (!slice_next_field(&l, '|', &th) || !slice_next_field(&l, '|', &en) ||
            slice_next_field(&l, '|', &extra)) {
            rc = ERR_INVAL;
            goto out;
        }
        th = slice_trim(th);
        en = slice_trim(en);
        if (th.len == 0 || en.len == 0) {
            rc = ERR_INVAL;
            goto out;
        }
        for (size_t k = 0; k < en.len; k++)
            if ((unsigned char)en.ptr[k] >= 0x80) {
                rc = ERR_INVAL;
                goto out;
            }
        buf_reset(&norm);
        if ((rc = thai_normalize(th.ptr, th.len, &norm)) != ERR_OK)
            goto out;
        out->names[count].th = arena_strndup(arena, norm.data, norm.len);
        out->names[count].en = arena_strndup(arena, en.ptr, en.len);
        count++;
    }
    out->count = count;
    if (count == 0)
        rc = ERR_NOTFOUND;
out:
    if (rc == ERR_INVAL && bad_line)
        *bad_line = line;
    buf_release(&norm);
    return rc;
}

static int load_one(struct arena *arena, const char *file, struct demo_name_list *out)
{
    const struct embedded_file *f = embedded_data_find(file);
    if (!f) {
        log_error("%s is not in the binary", file);
        return ERR_NOTFOUND;
    }
    size_t bad = 0;
    int rc = demo_names_parse((const char *)f->data, f->len, arena, out, &bad);
    if (rc != ERR_OK)
        log_error("%s line %zu: %s", file, bad, err_message(rc));
    return rc;
}

int demo_names_load(struct arena *arena, struct demo_names *out)
{
    int rc = load_one(arena, "data/names/male.txt", &out->male);
    if (rc == ERR_OK)
        rc = load_one(arena, "data/names/female.txt", &out->female);
    if (rc == ERR_OK)
        rc = load_one(arena, "data/names/surnames.txt", &out->surname);
    return rc;
}
