/*
 * Thai calendar conventions on top of base/date.h: Buddhist Era years (CE + 543), Thai month names,
 * dates as Thai people write and type them, government fiscal years (FY N runs 1 October N-1 to
 * 30 September N, both BE), and the retirement rule for local officials.
 *
 * Dates are stored and computed in the Gregorian calendar (struct date, CE); this file only converts
 * at the edges (display, input, fiscal-year arithmetic).
 */
#ifndef TAMBON_THAI_THAIDATE_H
#define TAMBON_THAI_THAIDATE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/date.h"

/* Offset between the Buddhist Era and the Common Era as used in Thailand since 1941. */
#define THAI_BE_OFFSET 543

/* Accepted Buddhist Era years when parsing typed input. A year below this is almost surely a CE year
 * typed by mistake (2026 read as BE would be CE 1483), so the parser refuses it rather than guess. */
#define THAI_BE_PARSE_MIN 2400

/* The BE year of CE year ce_year (ce_year + 543). */
int thai_be_year(int ce_year);

enum thai_date_style {
    THAI_DATE_FULL,   /* "24 พฤศจิกายน 2569": letters, notices, certificates */
    THAI_DATE_SHORT,  /* "24 พ.ย. 2569": tables, lists */
    THAI_DATE_NUMERIC /* "24/11/2569"; day and month always two digits ("01/10/2568") */
};

/* Flag for thai_date_format: write Thai digits (๒๔ พฤศจิกายน ๒๕๖๙) instead of ASCII digits. */
#define THAI_DATE_THAI_DIGITS 1

/*
 * Appends d in the given style with a BE year. The day is written without a leading zero in FULL and
 * SHORT. ERR_RANGE when d is not a valid date, ERR_INVAL for an unknown style or flag, ERR_TOOBIG
 * when out is full (out is then unchanged).
 */
__attribute__((warn_unused_result)) int thai_date_format(struct date d, enum thai_date_style style, int flags,
                                                         struct buf *out);

/* "มกราคม" .. "ธันวาคม" for m = 1..12; NULL otherwise. */
const char *thai_month_name(int m);
/* "ม.ค." .. "ธ.ค." for m = 1..12; NULL otherwise. */
const char *thai_month_abbr(int m);

/*
 * Parses a date typed the Thai way: day, month and a four-digit BE year separated by '/' (also '-' or
 * '.', the same one twice), day and month of one or two digits, ASCII or Thai digits, surrounding white
 * space ignored: "1/10/2568", "01/10/2568", "๑/๑๐/๒๕๖๘". ERR_INVAL when the text is not of that form;
 * ERR_RANGE when it is but names no real date (31/4/2569, 29/2/2569) or the year is below
 * THAI_BE_PARSE_MIN. *out is written only on success.
 */
__attribute__((warn_unused_result)) int thai_date_parse_be(const char *s, size_t len, struct date *out);

/* The BE fiscal year containing d: 2025-10-01 .. 2026-09-30 is 2569. d must be valid. */
int thai_fiscal_year(struct date d);

/* First (1 October of CE fy_be - 544) and last (30 September of CE fy_be - 543) day of fiscal year
 * fy_be. Either pointer may be NULL. */
void thai_fiscal_year_bounds(int fy_be, struct date *first, struct date *last);

/*
 * The last day in service of someone born on birth, under a rule retiring staff at the end of the
 * fiscal year in which they reach retirement_age (60 under the rules in force in 2569; the caller
 * takes it from the effective-dated rule set). Age is counted as the Civil and Commercial Code does
 * (s.16, s.193/5): the day of birth is day one, so a person completes N years on the day before the
 * Nth birthday; someone born on 29 February completes N years on 28 February when that year has no
 * 29 February. Hence born 1 Oct 2509 BE -> retires 30 Sep 2569; born 2 Oct 2509 -> 30 Sep 2570.
 * Returns {0, 0, 0} (an invalid date) when birth is invalid, retirement_age is outside 1..150, or the
 * result would pass year 9999.
 */
struct date thai_retirement_date(struct date birth, int retirement_age);

#endif
