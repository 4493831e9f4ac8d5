/*
 * HTML escaping: copies runs of ordinary bytes in one append and replaces the five special
 * characters with entities. A byte table keeps the scan over ordinary text (most of it Thai, three
 * bytes a character) to one load and test per byte.
 */
#include "view/html.h"

#include "base/err.h"

/* For each byte: 0 when copied as it is, else the index of its entity in html_entities. */
static const unsigned char html_special[256] = {
    ['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5,
};

static const struct {
    const char *text;
    size_t len;
} html_entities[] = {
    {"", 0}, {"&amp;", 5}, {"&lt;", 4}, {"&gt;", 4}, {"&quot;", 6}, {"&#39;", 5},
};

int html_escape(struct buf *out, const char *s, size_t n)
{
    if (n == 0)
        return ERR_OK;
    const unsigned char *u = (const unsigned char *)s;
    size_t start_len = out->len;
    size_t run = 0; /* start of the pending run of ordinary bytes */
    int rc = ERR_OK;
    for (size_t i = 0; i < n; i++) {
        unsigned char k = html_special[u[i]];
        if (k == 0)
            continue;
        rc = buf_append(out, s + run, i - run);
        if (rc != ERR_OK)
            goto out;
        rc = buf_append(out, html_entities[k].text, html_entities[k].len);
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
