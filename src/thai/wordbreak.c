/*
 * Thai word segmentation with ICU's dictionary-based word break iterator, over UTF-8 text through
 * UText so that boundaries come out as byte offsets without converting to UTF-16.
 *
 * One "th" word iterator is opened per process and cloned per thread on first use (pthread key with
 * a destructor). An iterator holds the position in the text, so a thread's clone is marked busy
 * while in use and a nested call (from inside a callback) works on a temporary clone.
 */
#include "thai/wordbreak.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/log.h"

struct thread_iter {
    UBreakIterator *bi;
    bool busy;
};

static pthread_once_t iter_once = PTHREAD_ONCE_INIT;
static UBreakIterator *iter_template; /* NULL when ICU could not open it */
static pthread_key_t iter_key;

static void free_thread_iter(void *p)
{
    struct thread_iter *t = p;
    ubrk_close(t->bi);
    free(t);
}

static void iter_init(void)
{
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "th", NULL, 0, &status);
    if (U_FAILURE(status)) {
        log_error("thai: ICU cannot open the Thai word break iterator (%s)", u_errorName(status));
        ubrk_close(bi);
        return;
    }
    if (pthread_key_create(&iter_key, free_thread_iter) != 0) {
        log_error("thai: no thread-specific key for the word break iterator");
        ubrk_close(bi);
        return;
    }
    iter_template = bi;
}

static UBreakIterator *clone_template(void)
{
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_clone(iter_template, &status);
    if (status == U_MEMORY_ALLOCATION_ERROR)
        arena_oom(0);
    if (U_FAILURE(status)) {
        ubrk_close(bi);
        return NULL;
    }
    return bi;
}

/* This thread's iterator state, created on first use; NULL when ICU is unavailable. */
static struct thread_iter *thread_iter(void)
{
    pthread_once(&iter_once, iter_init);
    if (!iter_template)
        return NULL;
    struct thread_iter *t = pthread_getspecific(iter_key);
    if (t)
        return t;
    UBreakIterator *bi = clone_template();
    if (!bi)
        return NULL;
    t = malloc(sizeof *t);
    if (!t)
        arena_oom(sizeof *t);
    t->bi = bi;
    t->busy = false;
    if (pthread_setspecific(iter_key, t) != 0) {
        free_thread_iter(t);
        return NULL;
    }
    return t;
}

int thai_words(const char *s, size_t len, int (*cb)(void *ctx, size_t start, size_t end), void *ctx)
{
    static const char empty[1] = "";
    struct thread_iter *t;
    UBreakIterator *bi = NULL;
    bool own = false; /* bi is a temporary clone to close */
    UText *ut = NULL;
    int rc = ERR_TOOBIG;

    if (len > INT32_MAX)
        goto out;
    rc = ERR_UNSUPPORTED;
    t = thread_iter();
    if (!t)
        goto out;
    if (t->busy) {
        bi = clone_template();
        if (!bi)
            goto out;
        own = true;
    } else {
        bi = t->bi;
        t->busy = true;
    }

    UErrorCode status = U_ZERO_ERROR;
    ut = utext_openUTF8(NULL, len ? s : empty, (int64_t)len, &status);
    if (U_SUCCESS(status))
        ubrk_setUText(bi, ut, &status);
    if (status == U_MEMORY_ALLOCATION_ERROR)
        arena_oom(0);
    if (U_FAILURE(status)) {
        rc = ERR_INTERNAL;
        goto release;
    }
    rc = ERR_OK;
    int32_t start = ubrk_first(bi), end;
    while ((end = ubrk_next(bi)) != UBRK_DONE) {
        if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT) {
            rc = cb(ctx, (size_t)start, (size_t)end);
            if (rc != 0)
                break;
        }
        start = end;
    }
    /* Leave the iterator pointing at static text rather than at the caller's buffer. */
    status = U_ZERO_ERROR;
    ut = utext_openUTF8(ut, empty, 0, &status);
    ubrk_setUText(bi, ut, &status);
release:
    if (own)
        ubrk_close(bi);
    else
        t->busy = false;
out:
    utext_close(ut);
    return rc;
}
