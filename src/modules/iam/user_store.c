/*
 * User accounts (app_user): names, display names, password hashes, the link to a person for
 * self-service, and the active/disabled status. Hashing happens before these functions are called
 * (password.c), so none of them holds a write lock while a hash is computed.
 */
#include <string.h>

#include "modules/iam/iam_internal.h"
#include "thai/normalize.h"

#define USER_COLUMNS "id, username, display_name, person_id, status, created_at, password_changed_at"

int iam_username_normalize(const char *in, char out[IAM_USERNAME_MAX + 1])
{
    size_t start = 0, end = strlen(in);
    while (start < end && (in[start] == ' ' || in[start] == '\t'))
        start++;
    while (end > start && (in[end - 1] == ' ' || in[end - 1] == '\t'))
        end--;
    if (end == start || end - start > IAM_USERNAME_MAX)
        return ERR_INVAL;
    for (size_t i = start; i < end; i++) {
        char c = in[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == start || (c != '.' && c != '_' && c != '-')))
            return ERR_INVAL;
        out[i - start] = c;
    }
    out[end - start] = '\0';
    return ERR_OK;
}

static void read_user(struct db_stmt *st, struct arena *a, struct iam_user *u)
{
    u->id = db_column_int64(st, 0);
    u->username = arena_strdup(a, db_column_text(st, 1));
    u->display_name = arena_strdup(a, db_column_text(st, 2));
    u->person_id = db_column_int64(st, 3);
    u->active = strcmp(db_column_text(st, 4), "active") == 0;
    u->created_at = db_column_int64(st, 5);
    u->password_changed_at = db_column_int64(st, 6);
}

static bool hash_wellformed(const char *hash)
{
    return hash && strncmp(hash, "$argon2id$", 10) == 0 && strnlen(hash, IAM_HASH_MAX) < IAM_HASH_MAX;
}

int iam_user_add(struct db *db, const char *username, const char *display_name, int64_t person_id,
                 const char *password_hash, int64_t *id)
{
    char norm_user[IAM_USERNAME_MAX + 1];
    struct buf name;
    int64_t n = 0;
    buf_init(&name, 800);
    int rc = ERR_INVAL;
    if (!username || iam_username_normalize(username, norm_user) != ERR_OK ||
        strcmp(norm_user, username) != 0 || !hash_wellformed(password_hash) || person_id < 0)
        goto out;
    const char *shown = display_name ? display_name : username;
    rc = thai_normalize(shown, strlen(shown), &name);
    if (rc != ERR_OK || name.len == 0) {
        rc = ERR_INVAL;
        goto out;
    }
    for (size_t i = 0; i < name.len; i++)
        if (((unsigned char)name.data[i] & 0xc0) != 0x80)
            n++;
    if (n > 200) {
        rc = ERR_INVAL;
        goto out;
    }
    rc = db_query_int64(db, &n, "SELECT count(*) FROM app_user WHERE username = $1", "t", username);
    if (rc == ERR_OK && n > 0)
        rc = ERR_EXISTS;
    if (rc == ERR_OK && person_id > 0) {
        rc = db_query_int64(db, &n, "SELECT count(*) FROM person WHERE id = $1", "i", person_id);
        if (rc == ERR_OK && n == 0)
            rc = ERR_NOTFOUND;
        if (rc == ERR_OK)
            rc = db_query_int64(db, &n, "SELECT count(*) FROM app_user WHERE person_id = $1", "i", person_id);
        if (rc == ERR_OK && n > 0)
            rc = ERR_EXISTS;
    }
    if (rc != ERR_OK)
        goto out;
    int64_t now = iam_now(), new_id = 0;
    rc =
        person_id > 0
            ? db_query_int64(db, &new_id,
                             "INSERT INTO app_user (username, display_name, password_hash, person_id, status,"
                             " created_at, password_changed_at) VALUES ($1, $2, $3, $4, 'active', $5, $5)"
                             " RETURNING id",
                             "tttii", username, buf_str(&name), password_hash, person_id, now)
            : db_query_int64(db, &new_id,
                             "INSERT INTO app_user (username, display_name, password_hash, person_id, status,"
                             " created_at, password_changed_at) VALUES ($1, $2, $3, NULL, 'active', $4, $4)"
                             " RETURNING id",
                             "ttti", username, buf_str(&name), password_hash, now);
    if (rc == ERR_CONSTRAINT)
        rc = ERR_EXISTS; /* another process took the name or the person meanwhile */
    if (rc == ERR_OK && id)
        *id = new_id;
out:
    buf_release(&name);
    return rc;
}

static int find_one(struct db *db, const char *sql, const char *text, int64_t num, struct arena *a,
                    struct iam_user *out)
{
    struct db_stmt *st = NULL;
    int rc = db_prepare(db, sql, &st);
    if (rc == ERR_OK)
        rc = text ? db_bind_text(st, 1, text) : db_bind_int64(st, 1, num);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        read_user(st, a, out);
        rc = ERR_OK;
    } else if (rc == ERR_OK) {
        rc = ERR_NOTFOUND;
    }
    db_finalize(st);
    return rc;
}

int iam_user_find(struct db *db, const char *username, struct arena *a, struct iam_user *out)
{
    return find_one(db, "SELECT " USER_COLUMNS " FROM app_user WHERE username = $1", username, 0, a, out);
}

int iam_user_get(struct db *db, int64_t id, struct arena *a, struct iam_user *out)
{
    return find_one(db, "SELECT " USER_COLUMNS " FROM app_user WHERE id = $1", NULL, id, a, out);
}

int iam_user_list(struct db *db, struct arena *a, struct iam_user **out, size_t *n)
{
    struct db_stmt *st = NULL;
    size_t cap = 16, count = 0;
    struct iam_user *users = arena_calloc(a, cap, sizeof *users);
    int rc = db_prepare(db, "SELECT " USER_COLUMNS " FROM app_user ORDER BY username", &st);
    while (rc == ERR_OK && (rc = db_step(st)) == DB_ROW) {
        if (count == cap) {
            struct iam_user *bigger = arena_calloc(a, cap * 2, sizeof *bigger);
            memcpy(bigger, users, count * sizeof *users);
            users = bigger;
            cap *= 2;
        }
        read_user(st, a, &users[count++]);
        rc = ERR_OK;
    }
    db_finalize(st);
    if (rc == ERR_OK) {
        *out = users;
        *n = count;
    }
    return rc;
}

int iam_user_set_password(struct db *db, int64_t user_id, const char *password_hash)
{
    bool own = false;
    if (!hash_wellformed(password_hash))
        return ERR_INVAL;
    int rc = iam_tx_begin(db, &own);
    if (rc != ERR_OK)
        return rc;
    rc = db_execf(db, "UPDATE app_user SET password_hash = $1, password_changed_at = $2 WHERE id = $3", "tii",
                  password_hash, iam_now(), user_id);
    if (rc == ERR_OK && db_changes(db) == 0)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        rc = db_execf(db, "DELETE FROM session WHERE user_id = $1", "i", user_id);
    return iam_tx_end(db, own, rc);
}

int iam_user_set_active(struct db *db, int64_t user_id, bool active)
{
    bool own = false;
    int rc = iam_tx_begin(db, &own);
    if (rc != ERR_OK)
        return rc;
    rc = db_execf(db, "UPDATE app_user SET status = $1 WHERE id = $2", "ti", active ? "active" : "disabled",
                  user_id);
    if (rc == ERR_OK && db_changes(db) == 0)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK && !active)
        rc = db_execf(db, "DELETE FROM session WHERE user_id = $1", "i", user_id);
    return iam_tx_end(db, own, rc);
}
