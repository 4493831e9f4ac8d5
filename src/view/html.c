/*
 * HTML escaping: copies runs of ordinary bytes in one append and replaces the five special
 * characters with entities.
 */
#include "view/html.h"

#include "base/err.h"

/* The entity for c, or NULL when c is copied as it is. */
static const char *html_entity(unsigned char c, size_t *len)
{
    switch (c) {
    case '&':
        *len = 5;
        return "&amp;";
    case '<':
        *len = 4;
        return "&lt;";
    case '>':
        *len = 4;
        return "&gt;";
    case '"':
        *len = 6;
        return "&quot;";
    case '\'':
        *len = 5;
        return "&#39;";
    default:
        return NULL;
    }
}

int html_escape(struct buf *out, const char *s, size_t n)
{
    if (n == 0)
        return ERR_OK;
    size_t start_len = out->len;
    size_t run = 0; /* start of the pending run of ordinary bytes */
    int rc = ERR_OK;
    for (size_t i = 0; i < n; i++) {
        size_t elen = 0;
        const char *ent = html_entity((unsigned char)s[i], &elen);
        if (!ent)
            continue;
        rc = buf_append(out, s + run, i - run);
        if (rc != ERR_OK)
            goto out;
        rc = buf_append(out, ent, elen);
        if (rc != ERR_OK)
            goto out;
        run = i + 1;
    }
    rc = buf_append(out, s + run, n - run);
out:
    if (rc != ERR_OK)
        buf_truncate(out, start_len);
    return rc;
}
