/*
 * Unit tests for thai/wordbreak: Thai words found without spaces, mixed Thai/Latin/numbers with exact
 * byte offsets, punctuation and white space skipped, empty input, the callback stopping the walk,
 * a nested call from inside the callback, only len bytes read, ill-formed UTF-8, and several threads.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "thai/wordbreak.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct collect {
    const char *text;
    size_t len;
    struct buf words; /* words joined with '|' */
    int calls;
    int stop_after;  /* return 42 after this many calls; 0 = never */
    int bad_offsets; /* offsets outside the text or start >= end */
};

static int collect_cb(void *ctx, size_t start, size_t end)
{
    struct collect *c = ctx;
    c->calls++;
    if (start >= end || end > c->len)
        c->bad_offsets++;
    else if ((c->words.len && buf_putc(&c->words, '|') != ERR_OK) ||
             buf_append(&c->words, c->text + start, end - start) != ERR_OK)
        return -1;
    return c->stop_after && c->calls == c->stop_after ? 42 : 0;
}

/* The words of s joined with '|', checked to be well-placed. */
static void assert_words(const char *s, const char *want)
{
    struct collect c = {.text = s, .len = strlen(s)};
    buf_init(&c.words, 4096);
    assert_int_equal(thai_words(s, c.len, collect_cb, &c), 0);
    assert_int_equal(c.bad_offsets, 0);
    if (strcmp(buf_str(&c.words), want) != 0)
        fail_msg("\"%s\" -> \"%s\", want \"%s\"", s, buf_str(&c.words), want);
    buf_release(&c.words);
}

static void test_segments(void **state)
{
    (void)state;
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"สมชายใจดี", "สมชาย|ใจดี"},
        {"นายสมชายใจดีมาก", "นาย|สมชาย|ใจดี|มาก"},
        {"นาย John สมชาย 123", "นาย|John|สมชาย|123"},
        {"สวัสดี, ครับ!", "สวัสดี|ครับ"},
        {"บ้านที่ดี", "บ้าน|ที่|ดี"},
        {"ราคา 3.14 บาท", "ราคา|3.14|บาท"},
        {"เลขที่ ๑๒๓", "เลข|ที่|๑๒๓"},
        {"e-mail: (test)", "e|mail|test"},
        {"  \t ", ""},
        {"...,!?", ""},
        {"", ""},
    };
    for (size_t i = 0; i < N(cases); i++)
        assert_words(cases[i].text, cases[i].want);
}

struct offsets {
    size_t n;
    size_t start[16], end[16];
};

static int record_cb(void *ctx, size_t start, size_t end)
{
    struct offsets *o = ctx;
    if (o->n == N(o->start))
        return -1;
    o->start[o->n] = start;
    o->end[o->n] = end;
    o->n++;
    return 0;
}

static void test_offsets(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t n;
        size_t start[4], end[4];
    } cases[] = {
        /* นาย is 9 bytes, space, John, space, สมชาย 15 bytes, space, 123 */
        {"นาย John สมชาย 123", 4, {0, 10, 15, 31}, {9, 14, 30, 34}},
        {"สมชายใจดี", 2, {0, 15}, {15, 27}},
        {"  ab  ", 1, {2}, {4}},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct offsets o = {0};
        assert_int_equal(thai_words(cases[i].text, strlen(cases[i].text), record_cb, &o), 0);
        assert_int_equal(o.n, cases[i].n);
        for (size_t k = 0; k < o.n; k++) {
            assert_int_equal(o.start[k], cases[i].start[k]);
            assert_int_equal(o.end[k], cases[i].end[k]);
        }
    }
}

static void test_stop(void **state)
{
    (void)state;
    const char *s = "นายสมชายใจดีมาก";
    struct collect c = {.text = s, .len = strlen(s), .stop_after = 2};
    buf_init(&c.words, 4096);
    assert_int_equal(thai_words(s, c.len, collect_cb, &c), 42);
    assert_int_equal(c.calls, 2);
    assert_string_equal(buf_str(&c.words), "นาย|สมชาย");
    buf_release(&c.words);
    /* The iterator is usable again afterwards. */
    assert_words(s, "นาย|สมชาย|ใจดี|มาก");
}

struct nested {
    const char *outer;
    struct buf log;
    int inner_rc;
};

static int inner_cb(void *ctx, size_t start, size_t end)
{
    struct nested *n = ctx;
    return buf_printf(&n->log, "[%zu,%zu]", start, end) == ERR_OK ? 0 : -1;
}

static int outer_cb(void *ctx, size_t start, size_t end)
{
    struct nested *n = ctx;
    if (buf_printf(&n->log, "(%zu,%zu:", start, end) != ERR_OK)
        return -1;
    /* Segment the word itself again, from inside the walk. */
    n->inner_rc |= thai_words(n->outer + start, end - start, inner_cb, n);
    return buf_putc(&n->log, ')') == ERR_OK ? 0 : -1;
}

static void test_nested(void **state)
{
    (void)state;
    struct nested n = {.outer = "สมชายใจดี"};
    buf_init(&n.log, 4096);
    assert_int_equal(thai_words(n.outer, strlen(n.outer), outer_cb, &n), 0);
    assert_int_equal(n.inner_rc, 0);
    assert_string_equal(buf_str(&n.log), "(0,15:[0,15])(15,27:[0,12])");
    buf_release(&n.log);
}

static void test_length_and_bad_input(void **state)
{
    (void)state;
    /* Only len bytes: "สมชายใจดี" cut after สมชาย. */
    const char *s = "สมชายใจดี";
    struct collect c = {.text = s, .len = 15};
    buf_init(&c.words, 4096);
    assert_int_equal(thai_words(s, 15, collect_cb, &c), 0);
    assert_string_equal(buf_str(&c.words), "สมชาย");
    buf_release(&c.words);

    /* Ill-formed UTF-8 does not stop the walk, and offsets stay inside the text. */
    static const char *bad[] = {"สม\xffชาย", "\xe0\xb8",
                                "ab\x80"
                                "cd",
                                "\xc0\x80 x"};
    for (size_t i = 0; i < N(bad); i++) {
        struct collect b = {.text = bad[i], .len = strlen(bad[i])};
        buf_init(&b.words, 4096);
        assert_int_equal(thai_words(bad[i], b.len, collect_cb, &b), 0);
        assert_int_equal(b.bad_offsets, 0);
        buf_release(&b.words);
    }
    struct collect e = {.text = "", .len = 0};
    buf_init(&e.words, 16);
    assert_int_equal(thai_words(NULL, 0, collect_cb, &e), 0);
    assert_int_equal(e.calls, 0);
    buf_release(&e.words);
}

static void *segment_many(void *arg)
{
    (void)arg;
    const char *s = "นายสมชายใจดีมาก John 123";
    for (int round = 0; round < 200; round++) {
        struct collect c = {.text = s, .len = strlen(s)};
        buf_init(&c.words, 4096);
        int rc = thai_words(s, c.len, collect_cb, &c);
        int ok = rc == 0 && strcmp(buf_str(&c.words), "นาย|สมชาย|ใจดี|มาก|John|123") == 0;
        buf_release(&c.words);
        if (!ok)
            return (void *)1;
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    for (int wave = 0; wave < 3; wave++) {
        pthread_t t[4];
        for (size_t i = 0; i < N(t); i++)
            assert_int_equal(pthread_create(&t[i], NULL, segment_many, NULL), 0);
        for (size_t i = 0; i < N(t); i++) {
            void *res;
            assert_int_equal(pthread_join(t[i], &res), 0);
            assert_null(res);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_segments),
        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_nested),
        cmocka_unit_test(test_length_and_bad_input),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
