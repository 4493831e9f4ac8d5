/*
 * Thai collation with ICU: one "th" collator opened once per process, cloned per thread on first use
 * (pthread key with a destructor that closes the clone when the thread exits).
 */
#include "thai/collate.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/log.h"

static pthread_once_t collator_once = PTHREAD_ONCE_INIT;
static UCollator *collator_template; /* NULL when ICU could not open the "th" collator */
static pthread_key_t collator_key;

static void close_clone(void *p)
{
    ucol_close(p);
}

static void collator_init(void)
{
    UErrorCode status = U_ZERO_ERROR;
    UCollator *c = ucol_open("th", &status);
    if (U_FAILURE(status)) {
        log_error("thai: ICU cannot open the Thai collator (%s); sorting falls back to byte order",
                  u_errorName(status));
        ucol_close(c);
        return;
    }
    if (pthread_key_create(&collator_key, close_clone) != 0) {
        log_error("thai: no thread-specific key for the collator; sorting falls back to byte order");
        ucol_close(c);
        return;
    }
    collator_template = c;
}

/* This thread's collator, or NULL when there is none. */
static UCollator *thread_collator(void)
{
    pthread_once(&collator_once, collator_init);
    if (!collator_template)
        return NULL;
    UCollator *c = pthread_getspecific(collator_key);
    if (c)
        return c;
    UErrorCode status = U_ZERO_ERROR;
    c = ucol_clone(collator_template, &status);
    if (status == U_MEMORY_ALLOCATION_ERROR)
        arena_oom(0);
    if (U_FAILURE(status) || pthread_setspecific(collator_key, c) != 0) {
        ucol_close(c);
        return NULL;
    }
    return c;
}

static int bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen;
    int r = n ? memcmp(a, b, n) : 0;
    if (r != 0)
        return r < 0 ? -1 : 1;
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

int thai_collate(const char *a, size_t alen, const char *b, size_t blen)
{
    UCollator *c = thread_collator();
    if (c && alen <= INT32_MAX && blen <= INT32_MAX) {
        UErrorCode status = U_ZERO_ERROR;
        UCollationResult r = ucol_strcollUTF8(c, a, (int32_t)alen, b, (int32_t)blen, &status);
        if (U_SUCCESS(status) && r != UCOL_EQUAL)
            return r == UCOL_LESS ? -1 : 1;
    }
    return bytes_cmp(a, alen, b, blen);
}

int thai_sort_key(const char *s, size_t len, struct buf *out)
{
    UCollator *c = thread_collator();
    UChar *u = NULL;
    uint8_t *key = NULL;
    int32_t ulen = 0;
    size_t start_len = out->len;
    int rc = ERR_UNSUPPORTED;

    if (!c)
        goto out;
    rc = ERR_TOOBIG;
    if (len > INT32_MAX)
        goto out;
    /* UTF-8 to UTF-16, ill-formed sequences as U+FFFD like ucol_strcollUTF8. */
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8WithSub(NULL, 0, &ulen, s, (int32_t)len, 0xFFFD, NULL, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
        rc = ERR_INTERNAL;
        goto out;
    }
    u = malloc(((size_t)ulen + 1) * sizeof *u);
    if (!u)
        arena_oom(((size_t)ulen + 1) * sizeof *u);
    status = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, ulen + 1, &ulen, s, (int32_t)len, 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) {
        rc = ERR_INTERNAL;
        goto out;
    }
    uint8_t small[256];
    int32_t klen = ucol_getSortKey(c, u, ulen, small, (int32_t)sizeof small);
    const uint8_t *k = small;
    if (klen <= 0) {
        rc = ERR_INTERNAL;
        goto out;
    }
    if (klen > (int32_t)sizeof small) {
        key = malloc((size_t)klen);
        if (!key)
            arena_oom((size_t)klen);
        if (ucol_getSortKey(c, u, ulen, key, klen) != klen) {
            rc = ERR_INTERNAL;
            goto out;
        }
        k = key;
    }
    /* klen counts ICU's terminating zero byte, which we keep as the separator. */
    rc = buf_append(out, k, (size_t)klen);
    if (rc == ERR_OK)
        rc = buf_append(out, s, len);
out:
    free(u);
    free(key);
    if (rc != ERR_OK)
        buf_truncate(out, start_len);
    return rc;
}
