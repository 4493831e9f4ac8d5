/*
 * Display text shared by the handlers: dates and money in the request's language, names in two
 * languages, catalog texts of codes (see handlers.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "thai/thaidate.h"
#include "web/handlers.h"

static const char *const EN_MONTHS[12] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

const char *web_date_text(struct web_ctx *c, const char *iso)
{
    struct date d;
    if (!iso)
        return NULL;
    if (date_parse_iso(iso, strlen(iso), &d) != ERR_OK)
        return iso;
    if (strcmp(c->lang, "en") == 0)
        return arena_printf(c->arena, "%d %s %d", d.d, EN_MONTHS[d.m - 1], d.y);
    struct buf b;
    buf_init(&b, 128);
    const char *out = iso;
    if (thai_date_format(d, THAI_DATE_FULL, 0, &b) == ERR_OK)
        out = arena_strdup(c->arena, buf_str(&b));
    buf_release(&b);
    return out;
}

const char *web_money_text(struct web_ctx *c, int64_t satang)
{
    /* Work on the magnitude as unsigned so that INT64_MIN has one too. */
    uint64_t mag = satang < 0 ? (uint64_t)0 - (uint64_t)satang : (uint64_t)satang;
    char digits[24], grouped[40];
    int len = snprintf(digits, sizeof digits, "%" PRIu64, mag / 100);
    size_t o = 0;
    if (satang < 0)
        grouped[o++] = '-';
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            grouped[o++] = ',';
        grouped[o++] = digits[i];
    }
    grouped[o] = '\0';
    return arena_printf(c->arena, "%s.%02u", grouped, (unsigned)(mag % 100));
}

const char *web_name(const struct web_ctx *c, const json_t *row, const char *base)
{
    char key[64];
    if (strcmp(c->lang, "en") == 0) {
        snprintf(key, sizeof key, "%s_en", base);
        const char *en = json_string_value(json_object_get(row, key));
        if (en && *en)
            return en;
    }
    snprintf(key, sizeof key, "%s_th", base);
    return json_string_value(json_object_get(row, key));
}

const char *web_text_of(struct web_ctx *c, const char *prefix, const char *code)
{
    if (!code)
        return "";
    return web_text(c, arena_printf(c->arena, "%s%s", prefix, code));
}
