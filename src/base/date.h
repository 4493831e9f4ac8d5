/*
 * Civil dates in the proleptic Gregorian calendar, stored and exchanged as ISO 8601 "YYYY-MM-DD".
 * Buddhist Era display, fiscal years and the retirement rule live in thai/thaidate.h; this file knows
 * only the calendar.
 */
#ifndef TAMBON_BASE_DATE_H
#define TAMBON_BASE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct date {
    int y; /* Common Era year, 1..9999 */
    int m; /* 1..12 */
    int d; /* 1..days in month */
};

#define DATE_ISO_LEN 10 /* "YYYY-MM-DD" without NUL */

bool date_is_leap(int y);
int date_days_in_month(int y, int m);
bool date_valid(struct date d);
/* Parses exactly "YYYY-MM-DD" (len bytes); ERR_INVAL for bad form, ERR_RANGE for an impossible date. */
__attribute__((warn_unused_result)) int date_parse_iso(const char *s, size_t len, struct date *out);
/* Writes "YYYY-MM-DD" and a NUL into out (at least 11 bytes). */
void date_format_iso(struct date d, char out[static DATE_ISO_LEN + 1]);
/* Days since 1970-01-01 (negative before). */
int64_t date_to_days(struct date d);
struct date date_from_days(int64_t days);
struct date date_add_days(struct date d, int64_t n);
/* <0, 0, >0 as a is before, equal to, after b. */
int date_cmp(struct date a, struct date b);
/* 0 = Monday .. 6 = Sunday. */
int date_weekday(struct date d);
/* Whole years from 'from' to 'to' by the calendar (birthday rule): 0 when to < the first anniversary. */
int date_years_between(struct date from, struct date to);

#endif
