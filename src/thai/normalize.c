/*
 * Thai normalisation: clusters are converted to TIS-620, put through libthai's th_normalize, given
 * the SARA AM fix, and converted back; white space is trimmed and collapsed in the full mode.
 *
 * Working cluster by cluster (rather than on whole Thai runs) gives the same result, because
 * th_normalize only reorders and drops marks within a cluster, and it lets thai_normalize_mapped keep
 * an exact offset map.
 */
#include "thai/normalize.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <thai/thstr.h>

#include "base/arena.h"
#include "base/err.h"
#include "thai/utf8.h"

#define TIS_OFFSET 0xA0     /* TIS-620 byte = code point - 0x0E00 + 0xA0 */
#define TIS_SARA_AM 0xD3    /* U+0E33 */
#define TIS_TONE_FIRST 0xE8 /* ่ U+0E48 */
#define TIS_TONE_LAST 0xEB  /* ๋ U+0E4B */

static bool is_thai(int32_t cp)
{
    return cp >= THAI_CP_FIRST && cp <= THAI_CP_LAST;
}

/* Marks that belong to the cluster of the character before them. SARA AM is a spacing vowel but
 * tone marks attach to it when typed after it, so it joins the cluster too. */
static bool is_mark(int32_t cp)
{
    return cp == 0x0E31 || (cp >= 0x0E33 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
}

static bool is_space(int32_t cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || cp == ' ' || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

static bool is_tone(unsigned char c)
{
    return c >= TIS_TONE_FIRST && c <= TIS_TONE_LAST;
}

/*
 * Moves tone marks that follow SARA AM to just before it (the order Unicode and fonts expect).
 * Returns true when something moved, so the caller normalises again to drop a now-doubled tone.
 */
static bool fix_sara_am(unsigned char *t, size_t n)
{
    bool moved = false, swapped;
    do {
        swapped = false;
        for (size_t i = 0; i + 1 < n; i++) {
            if (t[i] == TIS_SARA_AM && is_tone(t[i + 1])) {
                t[i] = t[i + 1];
                t[i + 1] = TIS_SARA_AM;
                swapped = moved = true;
            }
        }
    } while (swapped);
    return moved;
}

/*
 * Normalises the cluster s[from..to) (Thai characters only, 3 UTF-8 bytes each) into out.
 * src and dst are scratch arrays of at least (to - from) / 3 + 1 bytes.
 */
static int put_cluster(const char *s, size_t from, size_t to, unsigned char *src, unsigned char *dst,
                       struct buf *out)
{
    size_t n = 0, pos = from;
    while (pos < to)
        src[n++] = (unsigned char)(thai_utf8_next(s, to, &pos) - 0x0E00 + TIS_OFFSET);
    src[n] = 0;
    size_t m = th_normalize(dst, src, n + 1);
    if (m > n)
        return ERR_INTERNAL;
    if (fix_sara_am(dst, m)) {
        memcpy(src, dst, m);
        src[m] = 0;
        m = th_normalize(dst, src, n + 1);
    }
    int rc = ERR_OK;
    for (size_t i = 0; i < m && rc == ERR_OK; i++)
        rc = thai_utf8_put(out, (int32_t)dst[i] - TIS_OFFSET + 0x0E00);
    return rc;
}

static int normalize(const char *s, size_t len, struct buf *out, size_t *map, bool collapse)
{
    size_t start_len = out->len;
    unsigned char *src = NULL, *dst = NULL;
    bool pending_space = false;
    size_t pos = 0;
    int rc = ERR_INVAL;

    if ((!s && len) || !thai_utf8_valid(s, len))
        goto out;
    rc = ERR_OK;
    while (pos < len && rc == ERR_OK) {
        size_t from = pos;
        int32_t cp = thai_utf8_next(s, len, &pos);
        size_t before = out->len;

        if (collapse && is_space(cp)) {
            pending_space = out->len > start_len; /* leading space is dropped */
            continue;
        }
        if (pending_space) {
            rc = buf_putc(out, ' ');
            pending_space = false;
            if (rc != ERR_OK)
                break;
        }
        if (!is_thai(cp)) {
            rc = buf_append(out, s + from, pos - from);
        } else {
            size_t next = pos;
            while (next < len) {
                size_t after = next;
                if (!is_mark(thai_utf8_next(s, len, &after)))
                    break;
                next = after;
            }
            pos = next;
            if (!src) {
                size_t cap = len / 3 + 1;
                src = malloc(cap);
                dst = malloc(cap);
                if (!src || !dst)
                    arena_oom(cap);
            }
            rc = put_cluster(s, from, pos, src, dst, out);
        }
        if (map && rc == ERR_OK) {
            if (out->len - start_len > len) {
                rc = ERR_INTERNAL; /* cannot happen: normalisation never lengthens */
                break;
            }
            for (size_t i = before; i < out->len; i++)
                map[i - start_len] = from;
        }
    }
    if (map && rc == ERR_OK)
        map[out->len - start_len] = len;
out:
    free(src);
    free(dst);
    if (rc != ERR_OK)
        buf_truncate(out, start_len);
    return rc;
}

int thai_normalize(const char *s, size_t len, struct buf *out)
{
    return normalize(s, len, out, NULL, true);
}

int thai_normalize_mapped(const char *s, size_t len, struct buf *out, size_t *map)
{
    return normalize(s, len, out, map, false);
}
