/*
 * Civil calendar arithmetic. Day numbers use the well-known era decomposition of the proleptic
 * Gregorian calendar (400-year cycles of 146097 days), valid for every year we accept.
 */
#include "base/date.h"

#include "base/err.h"

bool date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

bool date_valid(struct date d)
{
    return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
           d.d <= date_days_in_month(d.y, d.m);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int date_parse_iso(const char *s, size_t len, struct date *out)
{
    if (!s || len != DATE_ISO_LEN || s[4] != '-' || s[7] != '-')
        return ERR_INVAL;
    struct date d = {digits(s, 4), digits(s + 5, 2), digits(s + 8, 2)};
    if (d.y < 0 || d.m < 0 || d.d < 0)
        return ERR_INVAL;
    if (!date_valid(d))
        return ERR_RANGE;
    *out = d;
    return ERR_OK;
}

void date_format_iso(struct date d, char out[static DATE_ISO_LEN + 1])
{
    int v[3] = {d.y, d.m, d.d};
    int w[3] = {4, 2, 2};
    char *p = out;
    for (int i = 0; i < 3; i++) {
        int x = v[i] < 0 ? 0 : v[i];
        for (int k = w[i] - 1; k >= 0; k--) {
            p[k] = (char)('0' + x % 10);
            x /= 10;
        }
        p += w[i];
        if (i < 2)
            *p++ = '-';
    }
    *p = '\0';
}

int64_t date_to_days(struct date d)
{
    int64_t y = d.y - (d.m <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (d.m + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + d.d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct date date_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    return (struct date){(int)(y + (m <= 2)), (int)m, (int)d};
}

struct date date_add_days(struct date d, int64_t n)
{
    return date_from_days(date_to_days(d) + n);
}

int date_cmp(struct date a, struct date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

int date_weekday(struct date d)
{
    int64_t days = date_to_days(d); /* 1970-01-01 was a Thursday (3) */
    int64_t w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

int date_years_between(struct date from, struct date to)
{
    int years = to.y - from.y;
    if (to.m < from.m || (to.m == from.m && to.d < from.d))
        years--;
    return years < 0 ? 0 : years;
}
