/*
 * Progress of long work on a terminal: a bar with percentage, count and rate on standard error,
 * redrawn at most ten times a second. When standard error is not a terminal, only the final line
 * is printed, so logs stay readable.
 */
#ifndef TAMBON_BASE_PROGRESS_H
#define TAMBON_BASE_PROGRESS_H

#include <stdint.h>

struct progress {
    const char *label;
    int64_t total, done;
    int64_t started_ns, drawn_ns;
    int tty;
    int quiet; /* draw nothing at all */
};

void progress_start(struct progress *p, const char *label, int64_t total);
/* Sets the amount done so far (not an increment). Cheap to call for every item. */
void progress_set(struct progress *p, int64_t done);
/* Draws the final state and ends the line. */
void progress_finish(struct progress *p);

#endif
