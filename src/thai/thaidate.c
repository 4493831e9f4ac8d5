/*
 * Buddhist Era dates, Thai month names, fiscal years and the retirement rule.
 */
#include "thai/thaidate.h"

#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "thai/digits.h"
#include "thai/utf8.h"

static const char *const month_names[12] = {
    "มกราคม",  "กุมภาพันธ์", "มีนาคม",  "เมษายน", "พฤษภาคม",  "มิถุนายน",
    "กรกฎาคม", "สิงหาคม",  "กันยายน", "ตุลาคม",  "พฤศจิกายน", "ธันวาคม",
};

static const char *const month_abbrs[12] = {
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
};

int thai_be_year(int ce_year)
{
    return ce_year + THAI_BE_OFFSET;
}

const char *thai_month_name(int m)
{
    return m >= 1 && m <= 12 ? month_names[m - 1] : NULL;
}

const char *thai_month_abbr(int m)
{
    return m >= 1 && m <= 12 ? month_abbrs[m - 1] : NULL;
}

int thai_date_format(struct date d, enum thai_date_style style, int flags, struct buf *out)
{
    char text[64];
    int n;
    int be = thai_be_year(d.y);

    if (!date_valid(d))
        return ERR_RANGE;
    if (flags & ~THAI_DATE_THAI_DIGITS)
        return ERR_INVAL;
    switch (style) {
    case THAI_DATE_FULL:
        n = snprintf(text, sizeof text, "%d %s %d", d.d, month_names[d.m - 1], be);
        break;
    case THAI_DATE_SHORT:
        n = snprintf(text, sizeof text, "%d %s %d", d.d, month_abbrs[d.m - 1], be);
        break;
    case THAI_DATE_NUMERIC:
        n = snprintf(text, sizeof text, "%02d/%02d/%d", d.d, d.m, be);
        break;
    default:
        return ERR_INVAL;
    }
    if (n < 0 || (size_t)n >= sizeof text)
        return ERR_INTERNAL;
    if (flags & THAI_DATE_THAI_DIGITS)
        return thai_digits_from_arabic(text, (size_t)n, out);
    return buf_append(out, text, (size_t)n);
}

static bool is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0;
}

/* Reads up to max digits (ASCII or Thai) at *pos; returns how many were read and their value. */
static int read_digits(const char *s, size_t len, size_t *pos, int max, int *value)
{
    int n = 0, v = 0;
    while (*pos < len) {
        size_t next = *pos;
        int32_t cp = thai_utf8_next(s, len, &next);
        int dv = thai_digit_value(cp);
        if (dv < 0)
            break;
        if (n == max)
            return max + 1; /* too many digits */
        v = v * 10 + dv;
        n++;
        *pos = next;
    }
    *value = v;
    return n;
}

int thai_date_parse_be(const char *s, size_t len, struct date *out)
{
    size_t pos = 0, end = len;
    int day, month, year;
    int32_t sep = 0;

    if (!s || !thai_utf8_valid(s, len))
        return ERR_INVAL;
    /* Trim white space at both ends (all of it is ASCII or U+00A0). */
    while (pos < end) {
        size_t next = pos;
        if (!is_space(thai_utf8_next(s, end, &next)))
            break;
        pos = next;
    }
    while (end > pos) {
        if (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r' || s[end - 1] == '\n')
            end--;
        else if (end - pos >= 2 && (unsigned char)s[end - 2] == 0xC2 && (unsigned char)s[end - 1] == 0xA0)
            end -= 2;
        else
            break;
    }

    int *fields[3] = {&day, &month, &year};
    const int widths_min[3] = {1, 1, 4}, widths_max[3] = {2, 2, 4};
    for (int f = 0; f < 3; f++) {
        int n = read_digits(s, end, &pos, widths_max[f], fields[f]);
        if (n < widths_min[f] || n > widths_max[f])
            return ERR_INVAL;
        if (f == 2)
            break;
        if (pos >= end)
            return ERR_INVAL;
        char c = s[pos];
        if (c != '/' && c != '-' && c != '.')
            return ERR_INVAL;
        if (f == 0)
            sep = c;
        else if (c != sep)
            return ERR_INVAL;
        pos++;
    }
    if (pos != end)
        return ERR_INVAL;
    if (year < THAI_BE_PARSE_MIN)
        return ERR_RANGE;
    struct date d = {year - THAI_BE_OFFSET, month, day};
    if (!date_valid(d))
        return ERR_RANGE;
    *out = d;
    return ERR_OK;
}

int thai_fiscal_year(struct date d)
{
    return thai_be_year(d.m >= 10 ? d.y + 1 : d.y);
}

void thai_fiscal_year_bounds(int fy_be, struct date *first, struct date *last)
{
    int ce = fy_be - THAI_BE_OFFSET;
    if (first)
        *first = (struct date){ce - 1, 10, 1};
    if (last)
        *last = (struct date){ce, 9, 30};
}

struct date thai_retirement_date(struct date birth, int retirement_age)
{
    struct date none = {0, 0, 0};
    struct date completed;

    if (!date_valid(birth) || retirement_age < 1 || retirement_age > 150)
        return none;
    int y = birth.y + retirement_age;
    if (y > 9998) /* the fiscal year may end in y + 1 */
        return none;
    if (birth.m == 2 && birth.d == 29 && !date_is_leap(y))
        completed = (struct date){y, 2, 28}; /* no corresponding day: the month's last day */
    else
        completed = date_add_days((struct date){y, birth.m, birth.d}, -1);
    struct date last;
    thai_fiscal_year_bounds(thai_fiscal_year(completed), NULL, &last);
    return last;
}
