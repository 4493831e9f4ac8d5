/*
 * Browser sessions, stored in the database so that any server process can answer any request. The
 * browser holds a random token; the table holds only its SHA-256, so a copy of the database (a backup,
 * a replica) cannot be used to sign in. A session ends after session_idle seconds without a request
 * or session_absolute seconds after sign-in, whichever comes first.
 */
#include <sodium.h>
#include <string.h>

#include "modules/iam/iam_internal.h"

/* Longest user agent kept: enough to recognise a browser on the "your sessions" page. */
#define USER_AGENT_MAX 300
#define IP_MAX 64

/* Copies printable ASCII of s (at most max bytes) into out, other bytes as '?': headers are not
 * trusted to be UTF-8, and PostgreSQL refuses text that is not. NULL stays NULL. */
static const char *ascii_copy(const char *s, char *out, size_t max)
{
    if (!s)
        return NULL;
    size_t i = 0;
    for (; s[i] && i < max; i++)
        out[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
    out[i] = '\0';
    return out;
}

int iam_session_create(struct db *db, int64_t user_id, const char *ip, const char *user_agent,
                       char token[IAM_TOKEN_LEN + 1], struct iam_session *out)
{
    struct iam_config cfg = iam_config_get();
    struct iam_session s = {.user_id = user_id};
    char csrf_hex[IAM_HASH_HEX_LEN + 1];
    char ua[USER_AGENT_MAX + 1], addr[IP_MAX + 1];
    bool own = false;

    iam_random_token(token);
    iam_sha256_hex(token, IAM_TOKEN_LEN, s.id_hash);
    iam_random_hex32(csrf_hex);
    if (!iam_unhex(csrf_hex, s.csrf_key, sizeof s.csrf_key))
        return ERR_INTERNAL;
    s.created_at = s.last_seen_at = iam_now();
    s.expires_at = s.created_at + cfg.session_absolute;

    int rc = iam_tx_begin(db, &own);
    if (rc != ERR_OK)
        goto out;
    rc = db_execf(db, "DELETE FROM session WHERE user_id = $1 AND (expires_at <= $2 OR last_seen_at <= $3)",
                  "iii", user_id, s.created_at, s.created_at - cfg.session_idle);
    if (rc == ERR_OK)
        rc = db_execf(
            db,
            "INSERT INTO session (id_hash, user_id, csrf_secret, created_at, last_seen_at, expires_at, ip,"
            " user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)",
            "titiitt", s.id_hash, user_id, csrf_hex, s.created_at, s.expires_at, ascii_copy(ip, addr, IP_MAX),
            ascii_copy(user_agent, ua, USER_AGENT_MAX));
    if (rc == ERR_CONSTRAINT)
        rc = ERR_NOTFOUND; /* the user does not exist (a token collision is beyond belief) */
    rc = iam_tx_end(db, own, rc);
out:
    sodium_memzero(csrf_hex, sizeof csrf_hex);
    if (rc == ERR_OK && out)
        *out = s;
    if (rc != ERR_OK)
        sodium_memzero(token, IAM_TOKEN_LEN + 1);
    sodium_memzero(&s, sizeof s);
    return rc;
}

int iam_session_lookup(struct db *db, const char *token, struct iam_session *out)
{
    struct iam_config cfg = iam_config_get();
    struct iam_session s;
    struct db_stmt *st = NULL;
    if (!iam_token_wellformed(token))
        return ERR_NOTFOUND;
    iam_sha256_hex(token, IAM_TOKEN_LEN, s.id_hash);
    int rc = db_prepare(db,
                        "SELECT s.user_id, s.csrf_secret, s.created_at, s.last_seen_at, s.expires_at"
                        " FROM session s JOIN app_user u ON u.id = s.user_id"
                        " WHERE s.id_hash = $1 AND u.status = 'active'",
                        &st);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 1, s.id_hash);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        s.user_id = db_column_int64(st, 0);
        rc = iam_unhex(db_column_text(st, 1), s.csrf_key, sizeof s.csrf_key) ? ERR_OK : ERR_INTERNAL;
        s.created_at = db_column_int64(st, 2);
        s.last_seen_at = db_column_int64(st, 3);
        s.expires_at = db_column_int64(st, 4);
    } else if (rc == ERR_OK) {
        rc = ERR_NOTFOUND;
    }
    db_finalize(st);
    if (rc != ERR_OK)
        goto out;
    int64_t now = iam_now();
    if (now >= s.expires_at || now - s.last_seen_at >= cfg.session_idle) {
        /* Over: delete it now rather than wait for the purge. */
        rc = db_execf(db, "DELETE FROM session WHERE id_hash = $1", "t", s.id_hash);
        rc = rc == ERR_OK ? ERR_NOTFOUND : rc;
        goto out;
    }
    if (now - s.last_seen_at >= cfg.touch_interval) {
        rc = db_execf(db, "UPDATE session SET last_seen_at = $1 WHERE id_hash = $2", "it", now, s.id_hash);
        s.last_seen_at = now;
    }
    if (rc == ERR_OK)
        *out = s;
out:
    sodium_memzero(&s, sizeof s);
    return rc;
}

int iam_session_revoke(struct db *db, const char *token)
{
    char id_hash[IAM_HASH_HEX_LEN + 1];
    if (!iam_token_wellformed(token))
        return ERR_NOTFOUND;
    iam_sha256_hex(token, IAM_TOKEN_LEN, id_hash);
    int rc = db_execf(db, "DELETE FROM session WHERE id_hash = $1", "t", id_hash);
    if (rc == ERR_OK && db_changes(db) == 0)
        rc = ERR_NOTFOUND;
    return rc;
}

int iam_session_revoke_all(struct db *db, int64_t user_id, int64_t *n)
{
    int rc = db_execf(db, "DELETE FROM session WHERE user_id = $1", "i", user_id);
    if (rc == ERR_OK && n)
        *n = db_changes(db);
    return rc;
}

int iam_purge(struct db *db, int64_t *sessions, int64_t *counters)
{
    struct iam_config cfg = iam_config_get();
    int64_t now = iam_now();
    int rc = db_execf(db, "DELETE FROM session WHERE expires_at <= $1 OR last_seen_at <= $2", "ii", now,
                      now - cfg.session_idle);
    if (rc == ERR_OK && sessions)
        *sessions = db_changes(db);
    if (rc == ERR_OK)
        rc = db_execf(db, "DELETE FROM rate_limit WHERE window_start <= $1", "i", now - cfg.login_window);
    if (rc == ERR_OK && counters)
        *counters = db_changes(db);
    return rc;
}
