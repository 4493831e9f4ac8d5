/*
 * Unit tests for base/log: level filtering, TAMBON_LOG parsing, and the line format on standard error
 * ("YYYY-MM-DDTHH:MM:SS.mmmZ level message"), captured by pointing stderr at a temporary file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "testutil.h"

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Checks one line: timestamp, level, message; returns a pointer past its newline. */
static const char *check_line(const char *line, const char *level, const char *msg)
{
    /* 2026-05-15T08:30:00.123Z */
    static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ ";
    for (size_t i = 0; i < sizeof shape - 1; i++) {
        if (shape[i] == 'd')
            assert_true(line[i] >= '0' && line[i] <= '9');
        else
            assert_int_equal(line[i], shape[i]);
    }
    line += sizeof shape - 1;
    size_t ll = strlen(level), ml = strlen(msg);
    if (strncmp(line, level, ll) != 0 || line[ll] != ' ' || strncmp(line + ll + 1, msg, ml) != 0 ||
        line[ll + 1 + ml] != '\n')
        fail_msg("line \"%.80s\" is not \"%s %s\"", line, level, msg);
    return line + ll + 1 + ml + 1;
}

static int reset_level(void **state)
{
    (void)state;
    log_set_level(LOG_INFO);
    unsetenv("TAMBON_LOG");
    return 0;
}

static void test_levels_filter(void **state)
{
    (void)state;
    static const struct {
        enum log_level level;
        bool error, warn, info, debug;
    } cases[] = {
        {LOG_ERROR, true, false, false, false},
        {LOG_WARN, true, true, false, false},
        {LOG_INFO, true, true, true, false},
        {LOG_DEBUG, true, true, true, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        log_set_level(cases[i].level);
        assert_int_equal(log_enabled(LOG_ERROR) != 0, cases[i].error);
        assert_int_equal(log_enabled(LOG_WARN) != 0, cases[i].warn);
        assert_int_equal(log_enabled(LOG_INFO) != 0, cases[i].info);
        assert_int_equal(log_enabled(LOG_DEBUG) != 0, cases[i].debug);

        struct testutil_capture c;
        testutil_capture_start(&c);
        log_error("e %d", 1);
        log_warn("w %s", "two");
        log_info("i");
        log_debug("d");
        char *out = testutil_capture_end(&c);
        int want = cases[i].error + cases[i].warn + cases[i].info + cases[i].debug;
        assert_int_equal(count_lines(out), want);
        const char *p = out;
        p = check_line(p, "error", "e 1");
        if (cases[i].warn)
            p = check_line(p, "warn", "w two");
        if (cases[i].info)
            p = check_line(p, "info", "i");
        if (cases[i].debug)
            p = check_line(p, "debug", "d");
        assert_int_equal(*p, '\0');
        free(out);
    }
}

static void test_level_from_env(void **state)
{
    (void)state;
    static const struct {
        const char *env; /* NULL: unset */
        enum log_level before, want;
    } cases[] = {
        {"error", LOG_INFO, LOG_ERROR}, {"warn", LOG_INFO, LOG_WARN},      {"info", LOG_DEBUG, LOG_INFO},
        {"debug", LOG_INFO, LOG_DEBUG}, {NULL, LOG_WARN, LOG_WARN},        {"", LOG_WARN, LOG_WARN},
        {"DEBUG", LOG_INFO, LOG_INFO},  {"verbose", LOG_ERROR, LOG_ERROR}, {"debug ", LOG_INFO, LOG_INFO},
        {"3", LOG_INFO, LOG_INFO},      {"warning", LOG_INFO, LOG_INFO},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        log_set_level(cases[i].before);
        if (cases[i].env)
            assert_int_equal(setenv("TAMBON_LOG", cases[i].env, 1), 0);
        else
            unsetenv("TAMBON_LOG");
        log_init_from_env();
        for (int l = LOG_ERROR; l <= LOG_DEBUG; l++)
            assert_int_equal(log_enabled((enum log_level)l) != 0, l <= (int)cases[i].want);
    }
}

static void test_long_and_thai_messages(void **state)
{
    (void)state;
    log_set_level(LOG_INFO);
    struct testutil_capture c;
    testutil_capture_start(&c);
    log_info("นำเข้าข้อมูล %d แถว", 1200);
    char big[5000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    log_info("%s", big);
    char *out = testutil_capture_end(&c);
    const char *p = check_line(out, "info", "นำเข้าข้อมูล 1200 แถว");
    /* A message longer than a line's limit is cut, but the line is still whole and ends. */
    assert_int_equal(count_lines(p), 1);
    const char *msg = strstr(p, " info ");
    assert_non_null(msg);
    msg += 6;
    size_t n = strcspn(msg, "\n");
    assert_true(n >= 1000 && n < sizeof big - 1);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(msg[i], 'x');
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_levels_filter, reset_level),
        cmocka_unit_test_teardown(test_level_from_env, reset_level),
        cmocka_unit_test_teardown(test_long_and_thai_messages, reset_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
