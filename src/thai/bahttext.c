/*
 * Baht amounts in Thai words. Numbers are read in groups of six digits (หน่วย สิบ ร้อย พัน หมื่น แสน);
 * each higher group is a count of ล้าน read by the same rules, so 10^12 is หนึ่งล้านล้าน.
 */
#include "thai/bahttext.h"

#include <stdbool.h>

#include "base/err.h"

static const char *const digit_words[10] = {
    "ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า",
};
/* Place names for positions 0..5 of a group; position 0 has none. */
static const char *const place_words[6] = {"", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"};

#define MILLION 1000000u

/*
 * Appends n (> 0) in words. higher says that digits above n were already read (n is the rest after
 * some ล้าน), which matters for the final เอ็ด.
 */
static int say(struct buf *out, uint64_t n, bool higher, int flags)
{
    int rc = ERR_OK;
    if (n >= MILLION) {
        rc = say(out, n / MILLION, false, flags);
        if (rc == ERR_OK)
            rc = buf_appends(out, "ล้าน");
        if (rc != ERR_OK || n % MILLION == 0)
            return rc;
        n %= MILLION;
        higher = true;
    }
    int d[6];
    uint64_t g = n;
    for (int p = 0; p < 6; p++) {
        d[p] = (int)(g % 10);
        g /= 10;
    }
    for (int p = 5; p >= 0 && rc == ERR_OK; p--) {
        if (d[p] == 0)
            continue;
        if (p == 1) {
            if (d[p] == 2)
                rc = buf_appends(out, "ยี่");
            else if (d[p] != 1)
                rc = buf_appends(out, digit_words[d[p]]);
            if (rc == ERR_OK)
                rc = buf_appends(out, "สิบ");
        } else if (p == 0) {
            bool ed;
            if (flags & THAI_BAHTTEXT_NUENG)
                ed = d[1] != 0;
            else
                ed = higher || n >= 10;
            rc = buf_appends(out, d[0] == 1 && ed ? "เอ็ด" : digit_words[d[0]]);
        } else {
            rc = buf_appends(out, digit_words[d[p]]);
            if (rc == ERR_OK)
                rc = buf_appends(out, place_words[p]);
        }
    }
    return rc;
}

int thai_bahttext_ex(int64_t satang, int flags, struct buf *out)
{
    size_t start_len = out->len;
    int rc = ERR_OK;

    if (flags & ~THAI_BAHTTEXT_NUENG)
        return ERR_INVAL;
    /* Magnitude without overflow, INT64_MIN included. */
    uint64_t mag = satang < 0 ? (uint64_t)0 - (uint64_t)satang : (uint64_t)satang;
    uint64_t baht = mag / 100, st = mag % 100;

    if (satang < 0)
        rc = buf_appends(out, "ลบ");
    if (rc == ERR_OK && (baht > 0 || st == 0)) {
        rc = baht > 0 ? say(out, baht, false, flags) : buf_appends(out, digit_words[0]);
        if (rc == ERR_OK)
            rc = buf_appends(out, "บาท");
    }
    if (rc == ERR_OK) {
        if (st == 0)
            rc = buf_appends(out, "ถ้วน");
        else if ((rc = say(out, st, false, flags)) == ERR_OK)
            rc = buf_appends(out, "สตางค์");
    }
    if (rc != ERR_OK)
        buf_truncate(out, start_len);
    return rc;
}

int thai_bahttext(int64_t satang, struct buf *out)
{
    return thai_bahttext_ex(satang, 0, out);
}
