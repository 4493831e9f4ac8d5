/*
 * API tokens for programs: "tbn_" followed by 32 random bytes in URL-safe base64. The prefix makes a
 * leaked token easy to find with grep or a secret scanner; only the token's SHA-256 is stored, so the
 * token is shown once, when it is made, and never again.
 */
#include <sodium.h>
#include <string.h>

#include "modules/iam/iam_internal.h"
#include "thai/normalize.h"

/* The stored hash of a presented token; false when it does not have the form of one. */
static bool token_hash(const char *token, char out[IAM_HASH_HEX_LEN + 1])
{
    size_t prefix = sizeof IAM_API_TOKEN_PREFIX - 1;
    if (!token || strncmp(token, IAM_API_TOKEN_PREFIX, prefix) != 0 || !iam_token_wellformed(token + prefix))
        return false;
    iam_sha256_hex(token, IAM_API_TOKEN_LEN, out);
    return true;
}

/*
 * The stored form of a token name: Thai-normalised (so that a name typed again matches), 1..100
 * characters, no control characters. ERR_INVAL otherwise. out is initialised in every case.
 */
static int name_normalize(const char *name, struct buf *out)
{
    buf_init(out, 800);
    if (!name || thai_normalize(name, strlen(name), out) != ERR_OK)
        return ERR_INVAL;
    size_t chars = 0;
    for (size_t i = 0; i < out->len; i++) {
        unsigned char c = (unsigned char)out->data[i];
        if (c < 0x20 || c == 0x7f)
            return ERR_INVAL;
        if ((c & 0xc0) != 0x80)
            chars++;
    }
    return chars >= 1 && chars <= 100 ? ERR_OK : ERR_INVAL;
}

int iam_token_create(struct db *db, int64_t user_id, const char *name_in, int64_t expires_at,
                     char token[IAM_API_TOKEN_LEN + 1], int64_t *id)
{
    char hash[IAM_HASH_HEX_LEN + 1];
    struct buf norm;
    int64_t now = iam_now(), n = 0, new_id = 0;
    int rc = name_normalize(name_in, &norm);
    const char *name = buf_str(&norm);
    if (rc != ERR_OK || expires_at < 0 || (expires_at > 0 && expires_at <= now)) {
        rc = ERR_INVAL;
        goto out;
    }
    rc = db_query_int64(db, &n, "SELECT count(*) FROM app_user WHERE id = $1", "i", user_id);
    if (rc == ERR_OK && n == 0)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        rc = db_query_int64(db, &n, "SELECT count(*) FROM api_token WHERE user_id = $1 AND name = $2", "it",
                            user_id, name);
    if (rc == ERR_OK && n > 0)
        rc = ERR_EXISTS;
    if (rc != ERR_OK)
        goto out;
    memcpy(token, IAM_API_TOKEN_PREFIX, sizeof IAM_API_TOKEN_PREFIX - 1);
    iam_random_token(token + sizeof IAM_API_TOKEN_PREFIX - 1);
    iam_sha256_hex(token, IAM_API_TOKEN_LEN, hash);
    rc = expires_at > 0
             ? db_query_int64(db, &new_id,
                              "INSERT INTO api_token (user_id, name, token_hash, created_at, expires_at)"
                              " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                              "ittii", user_id, name, hash, now, expires_at)
             : db_query_int64(db, &new_id,
                              "INSERT INTO api_token (user_id, name, token_hash, created_at)"
                              " VALUES ($1, $2, $3, $4) RETURNING id",
                              "itti", user_id, name, hash, now);
    if (rc == ERR_CONSTRAINT)
        rc = ERR_EXISTS; /* the same name made by another process meanwhile */
    if (rc != ERR_OK)
        sodium_memzero(token, IAM_API_TOKEN_LEN + 1);
    else if (id)
        *id = new_id;
out:
    buf_release(&norm);
    return rc;
}

static void read_token(struct db_stmt *st, struct arena *a, struct iam_api_token *t)
{
    t->id = db_column_int64(st, 0);
    t->user_id = db_column_int64(st, 1);
    t->name = arena_strdup(a, db_column_text(st, 2));
    t->created_at = db_column_int64(st, 3);
    t->expires_at = db_column_int64(st, 4);
    t->last_used_at = db_column_int64(st, 5);
}

#define TOKEN_COLUMNS "t.id, t.user_id, t.name, t.created_at, t.expires_at, t.last_used_at"

int iam_token_lookup(struct db *db, const char *token, struct arena *a, struct iam_api_token *out)
{
    char hash[IAM_HASH_HEX_LEN + 1];
    struct db_stmt *st = NULL;
    struct iam_api_token t;
    int64_t now = iam_now();
    if (!token_hash(token, hash))
        return ERR_NOTFOUND;
    int rc = db_prepare(db,
                        "SELECT " TOKEN_COLUMNS " FROM api_token t JOIN app_user u ON u.id = t.user_id"
                        " WHERE t.token_hash = $1 AND u.status = 'active'"
                        " AND (t.expires_at IS NULL OR t.expires_at > $2)",
                        &st);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 1, hash);
    if (rc == ERR_OK)
        rc = db_bind_int64(st, 2, now);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        read_token(st, a, &t);
        rc = ERR_OK;
    } else if (rc == ERR_OK) {
        rc = ERR_NOTFOUND;
    }
    db_finalize(st);
    if (rc == ERR_OK && (t.last_used_at == 0 || now - t.last_used_at >= iam_config_get().touch_interval)) {
        rc = db_execf(db, "UPDATE api_token SET last_used_at = $1 WHERE id = $2", "ii", now, t.id);
        t.last_used_at = now;
    }
    if (rc == ERR_OK)
        *out = t;
    return rc;
}

int iam_token_revoke(struct db *db, int64_t user_id, const char *name)
{
    struct buf norm;
    int rc = name_normalize(name, &norm);
    if (rc == ERR_OK)
        rc = db_execf(db, "DELETE FROM api_token WHERE user_id = $1 AND name = $2", "it", user_id,
                      buf_str(&norm));
    if (rc == ERR_OK && db_changes(db) == 0)
        rc = ERR_NOTFOUND;
    buf_release(&norm);
    return rc == ERR_INVAL ? ERR_NOTFOUND : rc;
}

int iam_token_list(struct db *db, int64_t user_id, struct arena *a, struct iam_api_token **out, size_t *n)
{
    struct db_stmt *st = NULL;
    size_t cap = 8, count = 0;
    struct iam_api_token *list = arena_calloc(a, cap, sizeof *list);
    int rc =
        db_prepare(db, "SELECT " TOKEN_COLUMNS " FROM api_token t WHERE t.user_id = $1 ORDER BY t.name", &st);
    if (rc == ERR_OK)
        rc = db_bind_int64(st, 1, user_id);
    while (rc == ERR_OK && (rc = db_step(st)) == DB_ROW) {
        if (count == cap) {
            struct iam_api_token *bigger = arena_calloc(a, cap * 2, sizeof *bigger);
            memcpy(bigger, list, count * sizeof *list);
            list = bigger;
            cap *= 2;
        }
        read_token(st, a, &list[count++]);
        rc = ERR_OK;
    }
    db_finalize(st);
    if (rc == ERR_OK) {
        *out = list;
        *n = count;
    }
    return rc;
}
