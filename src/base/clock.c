/*
 * Clock: today's date (overridable), wall time and monotonic time.
 */
#include "base/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include <time.h>

#include "base/err.h"

#define THAILAND_UTC_OFFSET (7 * 3600)

struct date clock_today(void)
{
    static _Atomic int warned; /* warn once, whichever thread sees it first */
    const char *env = getenv("TAMBON_TODAY");
    if (env && *env) {
        struct date d;
        if (date_parse_iso(env, strlen(env), &d) == ERR_OK)
            return d;
        if (atomic_exchange(&warned, 1) == 0) {
            fprintf(stderr, "tambon: ignoring TAMBON_TODAY=%s (expected YYYY-MM-DD)\n", env);
        }
    }
    int64_t secs = clock_now() + THAILAND_UTC_OFFSET;
    int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    return date_from_days(days);
}

int64_t clock_now(void)
{
    return (int64_t)time(NULL);
}

int64_t clock_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void clock_now_iso(char out[static 21])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
