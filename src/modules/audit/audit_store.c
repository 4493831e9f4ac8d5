/*
 * The audit trail's storage: the only file of the module that speaks SQL. Appends entries in the
 * caller's transaction (serialised per store, see audit_record), walks the chain to verify it, reads
 * the latest entry and lists entries for operators.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "modules/audit/audit.h"

/*
 * Takes the PostgreSQL advisory lock that orders writers of the chain. Its key is "audit" in ASCII as
 * an integer (0x6175646974 = 418581342580); every server process uses the same key, so at most one
 * transaction at a time is between reading the latest hash and committing its entry. (db/migrate.c
 * uses another key.) A constant statement without parameters: db_exec sends it in one round trip,
 * where a prepared statement takes three.
 */
#define AUDIT_PG_LOCK_SQL "SELECT pg_advisory_xact_lock(418581342580)"

/* Rows read per query while verifying: bounds memory, as libpq holds a whole result at once. */
#define VERIFY_PAGE 1000

/* The columns of a row, in the order of struct audit_row; hash last. */
#define AUDIT_COLUMNS                                                                                        \
    "id, at, actor_user_id, actor, lao_id, entity, entity_id, action, before, after, request_id, "           \
    "prev_hash, hash"

/* Copies at most AUDIT_HASH_HEX bytes of s (NULL: "") into out. */
static void copy_hash(char out[AUDIT_HASH_HEX + 1], const char *s)
{
    size_t n = s ? strnlen(s, AUDIT_HASH_HEX) : 0;
    memcpy(out, s ? s : "", n);
    out[n] = '\0';
}

/* Decimal text of v, or NULL when v is 0 (the entry's "none"). */
static const char *id_text(int64_t v, char out[24])
{
    if (v == 0)
        return NULL;
    snprintf(out, 24, "%" PRId64, v);
    return out;
}

/* The current UTC time in the column's format. */
static void now_text(char out[AUDIT_AT_LEN + 1])
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    audit_format_time((int64_t)ts.tv_sec, (int32_t)(ts.tv_nsec / 1000), out);
}

/* The latest row's id and hash; ERR_NOTFOUND when the log is empty. */
static int read_head(struct db *db, struct audit_head *out)
{
    struct db_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", &st);
    if (rc != ERR_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        out->id = db_column_int64(st, 0);
        copy_hash(out->hash, db_column_text(st, 1));
        rc = ERR_OK;
    } else if (rc == ERR_OK) {
        rc = ERR_NOTFOUND;
    }
    db_finalize(st);
    return rc;
}

int audit_record(struct db *db, const struct audit_entry *e)
{
    char *before = NULL, *after = NULL;
    struct db_stmt *st = NULL;
    struct audit_head head = {0};
    char id[24], user_id[24], lao_id[24], at[AUDIT_AT_LEN + 1], hash[AUDIT_HASH_HEX + 1];
    int rc = ERR_INTERNAL;

    if (!db_in_transaction(db)) {
        log_error("audit_record called outside a transaction: the change and its entry must commit together");
        goto out;
    }
    rc = audit_entry_check(e);
    if (rc == ERR_OK)
        rc = audit_json_text(e->before, &before);
    if (rc == ERR_OK)
        rc = audit_json_text(e->after, &after);
    if (rc != ERR_OK)
        goto out;

    /* From here until the caller commits, no other writer can read the head. */
    if (db_dialect(db) == DB_POSTGRES) {
        rc = db_exec(db, AUDIT_PG_LOCK_SQL);
        if (rc != ERR_OK)
            goto out;
    }
    rc = read_head(db, &head);
    if (rc == ERR_NOTFOUND) {
        head.id = 0;
        copy_hash(head.hash, AUDIT_GENESIS_HASH);
        rc = ERR_OK;
    }
    if (rc == ERR_OK && head.id == INT64_MAX)
        rc = ERR_RANGE;
    if (rc != ERR_OK)
        goto out;

    now_text(at);
    struct audit_row r = {
        .id = id_text(head.id + 1, id),
        .at = at,
        .actor_user_id = id_text(e->actor_user_id, user_id),
        .actor = e->actor,
        .lao_id = id_text(e->lao_id, lao_id),
        .entity = e->entity,
        .entity_id = e->entity_id,
        .action = e->action,
        .before = before,
        .after = after,
        .request_id = e->request_id,
        .prev_hash = head.hash,
    };
    audit_hash(&r, hash);

    rc = db_prepare(db,
                    "INSERT INTO audit_log (" AUDIT_COLUMNS ")"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                    &st);
    if (rc != ERR_OK)
        goto out;
    db_bind_int64(st, 1, head.id + 1);
    db_bind_text(st, 2, r.at);
    if (e->actor_user_id)
        db_bind_int64(st, 3, e->actor_user_id);
    else
        db_bind_null(st, 3);
    db_bind_text(st, 4, r.actor);
    if (e->lao_id)
        db_bind_int64(st, 5, e->lao_id);
    else
        db_bind_null(st, 5);
    db_bind_text(st, 6, r.entity);
    db_bind_text(st, 7, r.entity_id);
    db_bind_text(st, 8, r.action);
    db_bind_text(st, 9, r.before);
    db_bind_text(st, 10, r.after);
    db_bind_text(st, 11, r.request_id);
    db_bind_text(st, 12, r.prev_hash);
    db_bind_text(st, 13, hash);
    rc = db_step(st);
out:
    db_finalize(st);
    free(before);
    free(after);
    return rc;
}

int audit_head_get(struct db *db, struct audit_head *out)
{
    struct audit_head h;
    int rc = read_head(db, &h);
    if (rc == ERR_OK)
        *out = h;
    return rc;
}

/* The row under st's cursor (columns in AUDIT_COLUMNS order); text valid until the next step. */
static struct audit_row row_of(struct db_stmt *st)
{
    return (struct audit_row){
        .id = db_column_text(st, 0),
        .at = db_column_text(st, 1),
        .actor_user_id = db_column_text(st, 2),
        .actor = db_column_text(st, 3),
        .lao_id = db_column_text(st, 4),
        .entity = db_column_text(st, 5),
        .entity_id = db_column_text(st, 6),
        .action = db_column_text(st, 7),
        .before = db_column_text(st, 8),
        .after = db_column_text(st, 9),
        .request_id = db_column_text(st, 10),
        .prev_hash = db_column_text(st, 11),
        .hash = db_column_text(st, 12),
    };
}

/* Notes a problem at row id; only the first one is described. */
static void report_problem(struct audit_report *out, enum audit_problem p, int64_t id, const char *expected,
                           const char *found)
{
    out->problems++;
    if (out->problem != AUDIT_INTACT)
        return;
    out->problem = p;
    out->bad_id = id;
    copy_hash(out->expected, expected);
    copy_hash(out->found, found);
}

int audit_verify_expect(struct db *db, const char *expect_head, struct audit_report *out)
{
    struct db_stmt *st = NULL;
    char prev[AUDIT_HASH_HEX + 1], computed[AUDIT_HASH_HEX + 1];
    bool head_seen = false;
    int64_t after_id = INT64_MIN;
    int rc;

    memset(out, 0, sizeof *out);
    if (expect_head && !audit_hash_wellformed(expect_head))
        return ERR_INVAL;
    copy_hash(prev, AUDIT_GENESIS_HASH);
    rc = db_prepare(db, "SELECT " AUDIT_COLUMNS " FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2", &st);
    if (rc != ERR_OK)
        goto out;
    db_bind_int64(st, 2, VERIFY_PAGE);
    for (;;) {
        int64_t in_page = 0;
        db_reset(st);
        db_bind_int64(st, 1, after_id);
        while ((rc = db_step(st)) == DB_ROW) {
            struct audit_row r = row_of(st);
            int64_t id = db_column_int64(st, 0);
            in_page++;
            out->checked++;
            audit_hash(&r, computed);
            bool content_ok = r.hash && strcmp(computed, r.hash) == 0;
            bool link_ok = r.prev_hash && strcmp(r.prev_hash, prev) == 0;
            if (!content_ok)
                report_problem(out, AUDIT_CONTENT, id, computed, r.hash);
            else if (!link_ok)
                report_problem(out, AUDIT_LINK, id, prev, r.prev_hash);
            if (content_ok && expect_head && strcmp(r.hash, expect_head) == 0)
                head_seen = true;
            /* The next row links to what this row holds, so one bad row counts once. */
            copy_hash(prev, r.hash);
            out->head.id = id;
            copy_hash(out->head.hash, r.hash);
            after_id = id;
        }
        if (rc != ERR_OK || in_page < VERIFY_PAGE)
            break;
    }
    if (rc == ERR_OK && expect_head && !head_seen)
        report_problem(out, AUDIT_HEAD_MISSING, 0, expect_head, "");
out:
    db_finalize(st);
    return rc;
}

int audit_verify(struct db *db, struct audit_report *out)
{
    return audit_verify_expect(db, NULL, out);
}

/* A copy of s in a, NULL staying NULL. */
static const char *dup_or_null(struct arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

int audit_list(struct db *db, const struct audit_filter *f, struct arena *a, struct audit_row **rows,
               size_t *n)
{
    struct db_stmt *st = NULL;
    struct buf sql;
    int rc = ERR_INVAL;
    int param = 0;

    *rows = NULL;
    *n = 0;
    buf_init(&sql, 1024);
    if (f->limit < 1 || f->limit > AUDIT_LIST_MAX || (f->entity_id && !f->entity) || f->lao_id < 0 ||
        f->before_id < 0)
        goto out;
    /* The statement is made of fixed pieces only; every value is a parameter. */
    rc = buf_appends(&sql, "SELECT " AUDIT_COLUMNS " FROM audit_log WHERE 1 = 1");
    if (rc == ERR_OK && f->entity)
        rc = buf_printf(&sql, " AND entity = $%d", ++param);
    if (rc == ERR_OK && f->entity_id)
        rc = buf_printf(&sql, " AND entity_id = $%d", ++param);
    if (rc == ERR_OK && f->lao_id)
        rc = buf_printf(&sql, " AND lao_id = $%d", ++param);
    if (rc == ERR_OK && f->before_id)
        rc = buf_printf(&sql, " AND id < $%d", ++param);
    if (rc == ERR_OK)
        rc = buf_printf(&sql, " ORDER BY id DESC LIMIT $%d", ++param);
    if (rc == ERR_OK)
        rc = db_prepare(db, buf_str(&sql), &st);
    if (rc != ERR_OK)
        goto out;
    param = 0;
    if (f->entity)
        db_bind_text(st, ++param, f->entity);
    if (f->entity_id)
        db_bind_text(st, ++param, f->entity_id);
    if (f->lao_id)
        db_bind_int64(st, ++param, f->lao_id);
    if (f->before_id)
        db_bind_int64(st, ++param, f->before_id);
    db_bind_int64(st, ++param, f->limit);

    struct audit_row *out = arena_calloc(a, (size_t)f->limit, sizeof *out);
    size_t count = 0;
    while ((rc = db_step(st)) == DB_ROW && count < (size_t)f->limit) {
        struct audit_row r = row_of(st);
        out[count++] = (struct audit_row){
            .id = dup_or_null(a, r.id),
            .at = dup_or_null(a, r.at),
            .actor_user_id = dup_or_null(a, r.actor_user_id),
            .actor = dup_or_null(a, r.actor),
            .lao_id = dup_or_null(a, r.lao_id),
            .entity = dup_or_null(a, r.entity),
            .entity_id = dup_or_null(a, r.entity_id),
            .action = dup_or_null(a, r.action),
            .before = dup_or_null(a, r.before),
            .after = dup_or_null(a, r.after),
            .request_id = dup_or_null(a, r.request_id),
            .prev_hash = dup_or_null(a, r.prev_hash),
            .hash = dup_or_null(a, r.hash),
        };
    }
    if (rc == DB_ROW)
        rc = ERR_OK; /* cannot happen: LIMIT */
    if (rc == ERR_OK) {
        *rows = out;
        *n = count;
    }
out:
    db_finalize(st);
    buf_release(&sql);
    return rc;
}
