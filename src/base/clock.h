/*
 * The only source of "today" and "now". TAMBON_TODAY=YYYY-MM-DD fixes today's date so that demos and
 * tests are deterministic; otherwise today is the local date in Thailand (UTC+7, no daylight saving).
 */
#ifndef TAMBON_BASE_CLOCK_H
#define TAMBON_BASE_CLOCK_H

#include <stdint.h>

#include "base/date.h"

/* Today's date. An invalid TAMBON_TODAY is reported once on stderr and ignored. */
struct date clock_today(void);
/* Seconds since the Unix epoch (wall clock), for timestamps and expiry. */
int64_t clock_now(void);
/* A monotonic clock in nanoseconds, for measuring durations. */
int64_t clock_mono_ns(void);
/* Writes the current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void clock_now_iso(char out[static 21]);

#endif
