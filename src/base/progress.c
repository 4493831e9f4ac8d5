/*
 * Terminal progress bar.
 */
#include "base/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/clock.h"

#define PROGRESS_WIDTH 30

void progress_start(struct progress *p, const char *label, int64_t total)
{
    p->label = label;
    p->total = total > 0 ? total : 0;
    p->done = 0;
    p->started_ns = clock_mono_ns();
    p->drawn_ns = 0;
    p->tty = isatty(STDERR_FILENO);
    p->quiet = getenv("TAMBON_QUIET") != NULL;
}

static void draw(struct progress *p, int final)
{
    int64_t done = p->done;
    if (done > p->total)
        done = p->total;
    if (done < 0)
        done = 0;
    int fill, percent;
    if (p->total > 0) {
        fill = (int)(done * PROGRESS_WIDTH / p->total);
        percent = (int)(done * 100 / p->total);
    } else {
        /* A job with nothing to do is empty while it runs and complete once finished. */
        fill = final ? PROGRESS_WIDTH : 0;
        percent = final ? 100 : 0;
    }
    char bar[PROGRESS_WIDTH + 1];
    for (int i = 0; i < PROGRESS_WIDTH; i++)
        bar[i] = i < fill ? '#' : '-';
    bar[PROGRESS_WIDTH] = '\0';
    double secs = (double)(clock_mono_ns() - p->started_ns) / 1e9;
    double rate = secs > 0 ? (double)done / secs : 0;
    fprintf(stderr, "%s%-28s [%s] %3d%% %lld/%lld %.0f/s %.1fs%s", p->tty ? "\r" : "", p->label, bar, percent,
            (long long)done, (long long)p->total, rate, secs, final ? "\n" : "");
    fflush(stderr);
}

void progress_set(struct progress *p, int64_t done)
{
    p->done = done;
    if (!p->tty || p->quiet)
        return;
    int64_t now = clock_mono_ns();
    if (now - p->drawn_ns < 100000000)
        return;
    p->drawn_ns = now;
    draw(p, 0);
}

void progress_finish(struct progress *p)
{
    if (p->quiet)
        return;
    draw(p, 1);
}
