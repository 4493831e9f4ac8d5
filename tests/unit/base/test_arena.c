/*
 * Unit tests for base/arena: bump allocation in chunks, large blocks on their own, alignment of every
 * pointer, string helpers, cleanups (newest first, exactly once) and reuse after release. Run under
 * ASan, these also prove that blocks do not overlap and that release frees everything.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/arena.h"

#define ALIGN _Alignof(max_align_t)

/* Chunk sizes every test is run with: the default, tiny (everything is "large"), and odd sizes. */
static const size_t chunk_sizes[] = {0, 1, 16, 100, 4096, 65536};
#define N_CHUNK_SIZES (sizeof chunk_sizes / sizeof chunk_sizes[0])

static int is_aligned(const void *p)
{
    return (uintptr_t)p % ALIGN == 0;
}

/* Fills a block with a pattern derived from its index so overlaps are detected afterwards. */
static void fill(unsigned char *p, size_t n, size_t idx)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(idx * 31 + i);
}

static int check(const unsigned char *p, size_t n, size_t idx)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(idx * 31 + i))
            return 0;
    return 1;
}

static void test_init_allocates_nothing(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    assert_null(a.head);
    assert_null(a.cleanups);
    assert_int_equal(a.total, 0);
    assert_int_equal(a.chunk_size, 16 * 1024);
    arena_release(&a); /* releasing an unused arena is harmless */
    arena_init(&a, 123);
    assert_int_equal(a.chunk_size, 123);
    arena_release(&a);
}

static void test_many_small_allocations(void **state)
{
    (void)state;
    enum { N = 3000 };
    for (size_t c = 0; c < N_CHUNK_SIZES; c++) {
        struct arena a;
        arena_init(&a, chunk_sizes[c]);
        static unsigned char *ptrs[N];
        static size_t sizes[N];
        for (size_t i = 0; i < N; i++) {
            sizes[i] = i % 97; /* includes 0 and sizes that are not multiples of the alignment */
            ptrs[i] = arena_alloc(&a, sizes[i]);
            assert_non_null(ptrs[i]);
            assert_true(is_aligned(ptrs[i]));
            fill(ptrs[i], sizes[i], i);
        }
        for (size_t i = 0; i < N; i++)
            assert_true(check(ptrs[i], sizes[i], i));
        /* Zero-size allocations still give distinct pointers. */
        void *z1 = arena_alloc(&a, 0), *z2 = arena_alloc(&a, 0);
        assert_ptr_not_equal(z1, z2);
        arena_release(&a);
        assert_null(a.head);
        assert_int_equal(a.total, 0);
    }
}

static void test_large_allocations(void **state)
{
    (void)state;
    /* Sizes around the default chunk size and its quarter (the "large" threshold), and far above. */
    static const size_t sizes[] = {
        4095, 4096, 4097, 16383, 16384, 16385, 100000, 1 << 20, 1, 17, 3 * 1024 * 1024 + 5,
    };
    enum { N = sizeof sizes / sizeof sizes[0] };
    for (size_t c = 0; c < N_CHUNK_SIZES; c++) {
        struct arena a;
        arena_init(&a, chunk_sizes[c]);
        unsigned char *big[N], *small[N];
        for (size_t i = 0; i < N; i++) {
            big[i] = arena_alloc(&a, sizes[i]);
            small[i] = arena_alloc(&a, 8); /* interleaved small blocks */
            assert_true(is_aligned(big[i]));
            assert_true(is_aligned(small[i]));
            fill(big[i], sizes[i], i);
            fill(small[i], 8, i + 1000);
        }
        for (size_t i = 0; i < N; i++) {
            assert_true(check(big[i], sizes[i], i));
            assert_true(check(small[i], 8, i + 1000));
        }
        size_t sum = 0;
        for (size_t i = 0; i < N; i++)
            sum += sizes[i];
        assert_true(a.total >= sum);
        arena_release(&a);
    }
}

static void test_large_block_keeps_current_chunk(void **state)
{
    (void)state;
    /* A large block must not force the small blocks that follow into a fresh chunk: the space left in
     * the current chunk is still used. */
    struct arena a;
    arena_init(&a, 4096);
    (void)arena_alloc(&a, 16);
    size_t after_first = a.total;
    (void)arena_alloc(&a, 100000);
    size_t after_big = a.total;
    assert_true(after_big >= after_first + 100000);
    for (int i = 0; i < 100; i++)
        (void)arena_alloc(&a, 16); /* 1600 bytes: fits in what is left of the first chunk */
    assert_int_equal(a.total, after_big);
    arena_release(&a);
}

static void test_memory_use_is_bounded(void **state)
{
    (void)state;
    /* 10,000 blocks of 16 bytes in 16 KiB chunks: about 10 chunks, not one malloc per block. */
    struct arena a;
    arena_init(&a, 0);
    for (int i = 0; i < 10000; i++)
        (void)arena_alloc(&a, 16);
    assert_true(a.total >= 160000);
    assert_true(a.total <= 160000 + 2 * 16 * 1024 + 64 * 20);
    arena_release(&a);
}

static void test_calloc_zero_fills(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 256);
    static const struct {
        size_t n, size;
    } cases[] = {{0, 0}, {0, 8}, {8, 0}, {1, 1}, {3, 7}, {100, 4}, {10, 1000}, {1, 65536}};
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            size_t total = cases[i].n * cases[i].size;
            /* Dirty some memory first so that zeros do not come from a fresh malloc by luck. */
            memset(arena_alloc(&a, total + 1), 0xAB, total + 1);
            unsigned char *p = arena_calloc(&a, cases[i].n, cases[i].size);
            assert_non_null(p);
            assert_true(is_aligned(p));
            for (size_t k = 0; k < total; k++)
                assert_int_equal(p[k], 0);
        }
        arena_release(&a); /* second round reuses the arena */
    }
}

static void test_calloc_overflow_aborts(void **state)
{
    (void)state;
    /* n * size overflowing size_t is a bug in the caller: the process must stop, not allocate a
     * short block. Checked in a child process. */
    static const struct {
        size_t n, size;
    } cases[] = {{SIZE_MAX, 2}, {SIZE_MAX / 2 + 1, 2}, {2, SIZE_MAX}, {(size_t)1 << 33, (size_t)1 << 33}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            struct arena a;
            arena_init(&a, 0);
            (void)arena_calloc(&a, cases[i].n, cases[i].size);
            _exit(0); /* reached only if the overflow went unnoticed */
        }
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), SIGABRT);
    }
}

static void test_strdup_and_strndup(void **state)
{
    (void)state;
    static const char *cases[] = {"", "a", "hello world", "สมชาย ใจดี", "with\ttab\nand newline"};
    for (size_t c = 0; c < N_CHUNK_SIZES; c++) {
        struct arena a;
        arena_init(&a, chunk_sizes[c]);
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            char *p = arena_strdup(&a, cases[i]);
            assert_ptr_not_equal(p, cases[i]);
            assert_string_equal(p, cases[i]);
            assert_true(is_aligned(p));
        }
        /* strndup takes exactly n bytes and terminates, even in the middle of a longer string. */
        static const struct {
            const char *s;
            size_t n;
            const char *want;
        } nd[] = {{"abcdef", 0, ""}, {"abcdef", 3, "abc"}, {"abcdef", 6, "abcdef"}, {"a,b", 1, "a"}};
        for (size_t i = 0; i < sizeof nd / sizeof nd[0]; i++) {
            char *p = arena_strndup(&a, nd[i].s, nd[i].n);
            assert_string_equal(p, nd[i].want);
            assert_int_equal(p[nd[i].n], '\0');
        }
        /* A long string (larger than any chunk in the table but the biggest). */
        char longs[20001];
        memset(longs, 'x', sizeof longs - 1);
        longs[sizeof longs - 1] = '\0';
        char *p = arena_strdup(&a, longs);
        assert_int_equal(strlen(p), sizeof longs - 1);
        assert_string_equal(p, longs);
        arena_release(&a);
    }
}

static void test_printf(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 64);
    assert_string_equal(arena_printf(&a, "%s", ""), "");
    assert_string_equal(arena_printf(&a, "%d-%s", 42, "x"), "42-x");
    assert_string_equal(arena_printf(&a, "%lld", (long long)INT64_MIN), "-9223372036854775808");
    assert_string_equal(arena_printf(&a, "%s %s", "ชื่อ", "นามสกุล"), "ชื่อ นามสกุล");
    assert_string_equal(arena_printf(&a, "%05.1f%%", 3.14159), "003.1%");
    /* Output much longer than a chunk. */
    char *p = arena_printf(&a, "%0*d", 5000, 7);
    assert_int_equal(strlen(p), 5000);
    assert_int_equal(p[0], '0');
    assert_int_equal(p[4999], '7');
    assert_true(is_aligned(p));
    arena_release(&a);
}

/* Cleanups record the order in which they ran. */
struct cleanup_log {
    int order[16];
    int n;
};

struct cleanup_arg {
    struct cleanup_log *log;
    int id;
};

static void record_cleanup(void *data)
{
    struct cleanup_arg *arg = data;
    assert_true(arg->log->n < 16);
    arg->log->order[arg->log->n++] = arg->id;
}

static void test_cleanups_newest_first_once(void **state)
{
    (void)state;
    static const int counts[] = {0, 1, 2, 5, 16};
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        struct cleanup_log log = {.n = 0};
        struct cleanup_arg args[16];
        struct arena a;
        arena_init(&a, 32);
        for (int i = 0; i < counts[c]; i++) {
            args[i] = (struct cleanup_arg){&log, i};
            arena_cleanup_add(&a, record_cleanup, &args[i]);
            (void)arena_alloc(&a, 40); /* allocations between registrations */
        }
        assert_int_equal(log.n, 0); /* nothing runs before release */
        arena_release(&a);
        assert_int_equal(log.n, counts[c]);
        for (int i = 0; i < counts[c]; i++)
            assert_int_equal(log.order[i], counts[c] - 1 - i);
        arena_release(&a); /* a second release runs nothing again */
        assert_int_equal(log.n, counts[c]);
    }
}

struct alloc_in_cleanup {
    struct arena *a;
    int ran;
};

static void cleanup_that_allocates(void *data)
{
    struct alloc_in_cleanup *x = data;
    char *p = arena_printf(x->a, "%s", "allocated during release");
    assert_string_equal(p, "allocated during release");
    x->ran++;
}

static void test_cleanup_may_allocate(void **state)
{
    (void)state;
    /* A cleanup may allocate from the arena being released; that memory is freed too (ASan checks). */
    struct arena a;
    arena_init(&a, 0);
    struct alloc_in_cleanup x = {&a, 0};
    arena_cleanup_add(&a, cleanup_that_allocates, &x);
    arena_release(&a);
    assert_int_equal(x.ran, 1);
    assert_null(a.head);
    assert_null(a.cleanups);
}

static void test_reuse_after_release(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 128);
    for (int round = 0; round < 5; round++) {
        struct cleanup_log log = {.n = 0};
        struct cleanup_arg arg = {&log, round};
        char *s = arena_printf(&a, "round %d", round);
        unsigned char *big = arena_alloc(&a, 10000);
        fill(big, 10000, (size_t)round);
        arena_cleanup_add(&a, record_cleanup, &arg);
        char want[32];
        snprintf(want, sizeof want, "round %d", round);
        assert_string_equal(s, want);
        assert_true(check(big, 10000, (size_t)round));
        assert_int_equal(a.chunk_size, 128); /* the chunk size survives release */
        arena_release(&a);
        assert_int_equal(log.n, 1);
        assert_int_equal(log.order[0], round);
        assert_int_equal(a.total, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_allocates_nothing),
        cmocka_unit_test(test_many_small_allocations),
        cmocka_unit_test(test_large_allocations),
        cmocka_unit_test(test_large_block_keeps_current_chunk),
        cmocka_unit_test(test_memory_use_is_bounded),
        cmocka_unit_test(test_calloc_zero_fills),
        cmocka_unit_test(test_calloc_overflow_aborts),
        cmocka_unit_test(test_strdup_and_strndup),
        cmocka_unit_test(test_printf),
        cmocka_unit_test(test_cleanups_newest_first_once),
        cmocka_unit_test(test_cleanup_may_allocate),
        cmocka_unit_test(test_reuse_after_release),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
