/*
 * Throttling with fixed-window counters in the rate_limit table. Every server process reads and
 * writes the same rows, so the limits hold for the whole site, not per process. A window starts with
 * the first event counted after the previous window ended; check and hit are separate statements, so
 * processes racing on one key may let a few extra attempts through, which does not matter for limits
 * of this kind.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "modules/iam/iam_internal.h"

int iam_throttle_check(struct db *db, const char *key, int limit, int64_t window, int64_t *retry_after)
{
    struct db_stmt *st = NULL;
    int64_t now = iam_now();
    int rc = db_prepare(db, "SELECT window_start, count FROM rate_limit WHERE key = $1", &st);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 1, key);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        int64_t start = db_column_int64(st, 0), count = db_column_int64(st, 1);
        rc = ERR_OK;
        if (now - start < window && count >= limit) {
            rc = ERR_BUSY;
            if (retry_after)
                *retry_after = start + window - now;
        }
    }
    db_finalize(st);
    return rc;
}

int iam_throttle_hit(struct db *db, const char *key, int64_t window)
{
    int64_t now = iam_now();
    return db_execf(db,
                    "INSERT INTO rate_limit (key, window_start, count) VALUES ($1, $2, 1)"
                    " ON CONFLICT (key) DO UPDATE SET"
                    " window_start = CASE WHEN rate_limit.window_start <= $3 THEN $2"
                    " ELSE rate_limit.window_start END,"
                    " count = CASE WHEN rate_limit.window_start <= $3 THEN 1 ELSE rate_limit.count + 1 END",
                    "tii", key, now, now - window);
}

int iam_throttle_reset(struct db *db, const char *key)
{
    return db_execf(db, "DELETE FROM rate_limit WHERE key = $1", "t", key);
}

void iam_throttle_ip_key(const char *ip, char out[64])
{
    struct in_addr v4;
    struct in6_addr v6;
    char text[INET6_ADDRSTRLEN];
    if (!ip)
        ip = "";
    if (inet_pton(AF_INET, ip, &v4) == 1 && inet_ntop(AF_INET, &v4, text, sizeof text)) {
        snprintf(out, 64, "%s", text);
        return;
    }
    if (inet_pton(AF_INET6, ip, &v6) == 1) {
        if (IN6_IS_ADDR_V4MAPPED(&v6)) {
            memcpy(&v4, &v6.s6_addr[12], 4);
            if (inet_ntop(AF_INET, &v4, text, sizeof text)) {
                snprintf(out, 64, "%s", text);
                return;
            }
        }
        memset(&v6.s6_addr[8], 0, 8);
        if (inet_ntop(AF_INET6, &v6, text, sizeof text)) {
            snprintf(out, 64, "%s/64", text);
            return;
        }
    }
    size_t i = 0;
    for (; ip[i] && i < 63; i++)
        out[i] = (ip[i] > 0x20 && ip[i] < 0x7f) ? ip[i] : '?';
    out[i] = '\0';
}
