/*
 * Signing in: throttling, password verification in about the same time whether or not the account
 * exists, rehashing when the configured cost has changed, and a new session. See iam_login in iam.h
 * for the order of the steps and why.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "modules/iam/iam_internal.h"

/*
 * A hash of a random password made with the configured cost, for verifying sign-ins to accounts that
 * do not exist: they then take as long as real ones, so timing does not tell which user names exist.
 * Made again when the cost changes.
 */
static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;
static char dummy_hash[IAM_HASH_MAX];
static unsigned long long dummy_ops;
static size_t dummy_mem;

static int dummy_get(char out[IAM_HASH_MAX])
{
    struct iam_config cfg = iam_config_get();
    int rc = ERR_OK;
    pthread_mutex_lock(&dummy_lock);
    if (!dummy_hash[0] || dummy_ops != cfg.pwhash_opslimit || dummy_mem != cfg.pwhash_memlimit) {
        char pw[IAM_TOKEN_LEN + 1];
        iam_random_token(pw);
        rc = iam_password_hash(pw, dummy_hash);
        if (rc == ERR_OK) {
            dummy_ops = cfg.pwhash_opslimit;
            dummy_mem = cfg.pwhash_memlimit;
        } else {
            dummy_hash[0] = '\0';
        }
    }
    if (rc == ERR_OK)
        memcpy(out, dummy_hash, IAM_HASH_MAX);
    pthread_mutex_unlock(&dummy_lock);
    return rc;
}

/* The account's id, hash and status; *found false when there is none. */
static int account_get(struct db *db, const char *username, int64_t *id, char hash[IAM_HASH_MAX],
                       bool *active, bool *found)
{
    struct db_stmt *st = NULL;
    *found = false;
    int rc = db_prepare(db, "SELECT id, password_hash, status FROM app_user WHERE username = $1", &st);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 1, username);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_column_int64(st, 0);
        snprintf(hash, IAM_HASH_MAX, "%s", db_column_text(st, 1));
        *active = strcmp(db_column_text(st, 2), "active") == 0;
        *found = true;
        rc = ERR_OK;
    }
    db_finalize(st);
    return rc;
}

/* Stores a hash at the configured cost for a password that just verified against old_hash. */
static void rehash(struct db *db, int64_t user_id, const char *password, const char *old_hash)
{
    char fresh[IAM_HASH_MAX];
    int rc = iam_password_hash(password, fresh);
    if (rc == ERR_OK)
        /* Only if nobody changed the password meanwhile; password_changed_at stays: same password. */
        rc = db_execf(db, "UPDATE app_user SET password_hash = $1 WHERE id = $2 AND password_hash = $3",
                      "tit", fresh, user_id, old_hash);
    if (rc != ERR_OK)
        log_warn("iam: could not upgrade the password hash of user %lld: %s", (long long)user_id,
                 err_message(rc));
}

/* The throttling key of a user name (normal form). */
static void user_key_of(const char *name, char out[IAM_USERNAME_MAX + 16])
{
    snprintf(out, IAM_USERNAME_MAX + 16, "login_user:%s", name);
}

int iam_login_unlock(struct db *db, const char *username)
{
    char name[IAM_USERNAME_MAX + 1], key[IAM_USERNAME_MAX + 16];
    if (!username || iam_username_normalize(username, name) != ERR_OK)
        return ERR_INVAL;
    user_key_of(name, key);
    return iam_throttle_reset(db, key);
}

int iam_login(struct db *db, const char *username, const char *password, const char *ip,
              const char *user_agent, struct iam_login_result *out)
{
    struct iam_config cfg = iam_config_get();
    char name[IAM_USERNAME_MAX + 1] = "";
    char ipk[64], user_key[IAM_USERNAME_MAX + 16], ip_key[64 + 16];
    char hash[IAM_HASH_MAX] = "";
    int64_t user_id = 0, wait_user = 0, wait_ip = 0;
    bool found = false, active = false;
    memset(out, 0, sizeof *out);

    bool named = username && iam_username_normalize(username, name) == ERR_OK;
    user_key_of(name, user_key);
    if (ip) {
        iam_throttle_ip_key(ip, ipk);
        snprintf(ip_key, sizeof ip_key, "login_ip:%s", ipk);
    }

    /* 1. Refuse at once while locked out: no hashing, so a flood costs almost nothing. */
    int rc =
        named ? iam_throttle_check(db, user_key, cfg.login_user_limit, cfg.login_window, &wait_user) : ERR_OK;
    int rc2 = ip ? iam_throttle_check(db, ip_key, cfg.login_ip_limit, cfg.login_window, &wait_ip) : ERR_OK;
    if (rc == ERR_BUSY || rc2 == ERR_BUSY) {
        out->retry_after = wait_user > wait_ip ? wait_user : wait_ip;
        return ERR_BUSY;
    }
    if (rc != ERR_OK || rc2 != ERR_OK)
        return rc != ERR_OK ? rc : rc2;

    /* 2. The account, or the dummy hash so that unknown names cost the same. */
    if (named) {
        rc = account_get(db, name, &user_id, hash, &active, &found);
        if (rc != ERR_OK)
            goto out;
    }
    if (!found) {
        rc = dummy_get(hash);
        if (rc != ERR_OK)
            goto out;
    }

    /* 3. Verify. A server too busy to hash is not the user's failure: nothing is counted. */
    rc = iam_password_verify(password ? password : "", hash);
    if (rc == ERR_BUSY) {
        out->retry_after = 1;
        goto out;
    }
    if (rc == ERR_OK && (!found || !active))
        rc = ERR_PERM;
    if (rc == ERR_PERM) {
        int hit = named ? iam_throttle_hit(db, user_key, cfg.login_window) : ERR_OK;
        if (hit == ERR_OK && ip)
            hit = iam_throttle_hit(db, ip_key, cfg.login_window);
        if (hit != ERR_OK)
            rc = hit;
        goto out;
    }
    if (rc != ERR_OK)
        goto out;

    /* 4. Upgrade the hash if the cost changed since it was made. */
    if (iam_password_needs_rehash(hash))
        rehash(db, user_id, password, hash);

    /*
     * 5. Clear the user name's failures. The address's count stays: otherwise an attacker holding one
     * account could wipe their address's count by signing in to it between guesses at others.
     */
    rc = iam_throttle_reset(db, user_key);
    if (rc == ERR_OK)
        rc = iam_session_create(db, user_id, ip, user_agent, out->token, NULL);
    if (rc == ERR_OK)
        out->user_id = user_id;
out:
    sodium_memzero(hash, sizeof hash);
    return rc;
}
