/*
 * Unit tests for base/progress, with standard error pointed at a file (not a terminal): intermediate
 * updates print nothing, the final line shows the bar, percentage and count, and TAMBON_QUIET
 * silences everything.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/progress.h"
#include "testutil.h"

static int unset_quiet(void **state)
{
    (void)state;
    unsetenv("TAMBON_QUIET");
    return 0;
}

static void test_final_line(void **state)
{
    (void)state;
    unsetenv("TAMBON_QUIET");
    static const struct {
        int64_t total, done;
        int hashes;        /* filled cells of the 30-cell bar */
        const char *count; /* percentage and count as printed */
    } cases[] = {
        {10, 10, 30, "100% 10/10"},
        {10, 5, 15, " 50% 5/10"},
        {3, 1, 10, " 33% 1/3"},
        {3, 2, 20, " 66% 2/3"},
        {10, 0, 0, "  0% 0/10"},
        {10, 15, 30, "100% 10/10"}, /* more than the total is shown as the total */
        {100, -1, 0, "  0% 0/100"}, /* a negative amount is shown as none */
        {480000, 479999, 29, " 99% 479999/480000"},
        {0, 0, 30, "100% 0/0"}, /* nothing to do: complete once finished */
        {-5, 0, 30, "100% 0/0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct testutil_capture c;
        testutil_capture_start(&c);
        struct progress p;
        progress_start(&p, "นำเข้าบุคลากร", cases[i].total);
        progress_set(&p, cases[i].done / 2);
        progress_set(&p, cases[i].done);
        progress_finish(&p);
        char *out = testutil_capture_end(&c);

        /* One line only (no redraws when not a terminal), no carriage return, ending in a newline. */
        assert_non_null(strchr(out, '\n'));
        assert_int_equal(strchr(out, '\n')[1], '\0');
        assert_null(strchr(out, '\r'));
        assert_true(strncmp(out, "นำเข้าบุคลากร", strlen("นำเข้าบุคลากร")) == 0);
        const char *bar = strchr(out, '[');
        assert_non_null(bar);
        for (int k = 0; k < 30; k++)
            if (bar[1 + k] != (k < cases[i].hashes ? '#' : '-'))
                fail_msg("case %zu: bar \"%.32s\", want %d cells filled", i, bar, cases[i].hashes);
        assert_int_equal(bar[31], ']');
        if (strncmp(bar + 33, cases[i].count, strlen(cases[i].count)) != 0 ||
            bar[33 + strlen(cases[i].count)] != ' ')
            fail_msg("case %zu: got \"%s\", want \"%s\" after the bar", i, bar + 33, cases[i].count);
        free(out);
    }
}

static void test_quiet(void **state)
{
    (void)state;
    assert_int_equal(setenv("TAMBON_QUIET", "1", 1), 0);
    struct testutil_capture c;
    testutil_capture_start(&c);
    struct progress p;
    progress_start(&p, "quiet", 10);
    for (int i = 0; i <= 10; i++)
        progress_set(&p, i);
    progress_finish(&p);
    char *out = testutil_capture_end(&c);
    assert_string_equal(out, "");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_final_line, unset_quiet),
        cmocka_unit_test_teardown(test_quiet, unset_quiet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
