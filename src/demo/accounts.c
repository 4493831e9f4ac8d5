/*
 * Demo accounts (see accounts.h): choosing the LAO and the employee from the generated data, then
 * creating the accounts and their grants through modules/iam with audit records.
 */
#include "demo/accounts.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "modules/audit/audit.h"
#include "modules/iam/iam.h"

/* Who the audit trail names as the maker of demo accounts. */
#define ACTOR "demo"

/* The LAO and the people the accounts are about. */
struct choice {
    int64_t lao_id;
    const char *lao_name, *province_code, *province_name;
    int64_t person_id;
    const char *person_name;
};

/* The LAO with the most people employed on today, its province, and the employee to link. */
static int choose(struct db *db, const char *today, struct arena *a, struct choice *ch)
{
    struct db_stmt *st = NULL;
    int rc =
        db_prepare(db,
                   "SELECT l.id, l.name_th, l.province_code, p.name_th FROM lao l"
                   " JOIN province p ON p.code = l.province_code"
                   " JOIN (SELECT e.lao_id, count(DISTINCT e.person_id) AS n FROM employment e"
                   " WHERE e.end_date IS NULL OR e.end_date >= $1 GROUP BY e.lao_id) s ON s.lao_id = l.id"
                   " ORDER BY s.n DESC, l.id LIMIT 1",
                   &st);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 1, today);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        ch->lao_id = db_column_int64(st, 0);
        ch->lao_name = arena_strdup(a, db_column_text(st, 1));
        ch->province_code = arena_strdup(a, db_column_text(st, 2));
        ch->province_name = arena_strdup(a, db_column_text(st, 3));
        rc = ERR_OK;
    } else if (rc == ERR_OK) {
        rc = ERR_NOTFOUND;
    }
    db_finalize(st);
    if (rc != ERR_OK)
        return rc;

    /* Someone holding a numbered post there today who has no account yet. */
    rc = db_prepare(db,
                    "SELECT per.id, per.title_th || per.first_name_th || ' ' || per.last_name_th"
                    " FROM appointment ap JOIN employment e ON e.id = ap.employment_id"
                    " JOIN person per ON per.id = ap.person_id"
                    " WHERE ap.lao_id = $1 AND ap.kind <> 'acting' AND ap.position_id IS NOT NULL"
                    " AND ap.effective_from <= $2 AND (ap.effective_to IS NULL OR ap.effective_to >= $2)"
                    " AND (e.end_date IS NULL OR e.end_date >= $2)"
                    " AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.person_id = per.id)"
                    " ORDER BY CASE WHEN e.category = 'civil_servant' THEN 0 ELSE 1 END,"
                    " (SELECT count(*) FROM appointment x WHERE x.person_id = per.id) DESC, per.id LIMIT 1",
                    &st);
    if (rc == ERR_OK)
        rc = db_bind_int64(st, 1, ch->lao_id);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 2, today);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        ch->person_id = db_column_int64(st, 0);
        ch->person_name = arena_strdup(a, db_column_text(st, 1));
        rc = ERR_OK;
    } else if (rc == ERR_OK) {
        rc = ERR_NOTFOUND;
    }
    db_finalize(st);
    return rc;
}

/* Records a change made by the demo in the open transaction; before and after (may be NULL) are taken over.
 */
static int audit(struct db *db, const char *entity, int64_t id, const char *action, int64_t lao_id,
                 json_t *before, json_t *after)
{
    char entity_id[24];
    snprintf(entity_id, sizeof entity_id, "%" PRId64, id);
    const struct audit_entry e = {
        .actor = ACTOR,
        .lao_id = lao_id,
        .entity = entity,
        .entity_id = entity_id,
        .action = action,
        .before = before,
        .after = after,
    };
    int rc = audit_record(db, &e);
    json_decref(before);
    json_decref(after);
    return rc;
}

/* Creates one account and its grant (unless the name is taken), with audit records. */
static int make_account(struct db *db, struct demo_account *acc, const char *hash, int64_t lao_id)
{
    struct arena tmp;
    struct iam_user existing;
    arena_init(&tmp, 0);
    int rc = iam_user_find(db, acc->username, &tmp, &existing);
    if (rc == ERR_OK) {
        acc->user_id = existing.id;
        acc->created = 0;
        goto out;
    }
    if (rc != ERR_NOTFOUND)
        goto out;
    rc = iam_user_add(db, acc->username, acc->display_name, acc->person_id, hash, &acc->user_id);
    if (rc == ERR_OK) {
        json_t *after = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)acc->user_id, "username",
                                  acc->username, "display_name", acc->display_name, "status", "active");
        json_object_set_new(after, "person_id", acc->person_id ? json_integer(acc->person_id) : json_null());
        rc = audit(db, "app_user", acc->user_id, "create", 0, NULL, after);
    }
    int64_t grant_id = 0;
    struct iam_problem why = {"", ""};
    if (rc == ERR_OK)
        rc = iam_grant_add(db, acc->user_id, acc->role, acc->scope, 0, &grant_id, &why);
    if (rc == ERR_OK)
        rc = audit(db, "role_grant", grant_id, "create", strncmp(acc->scope, "lao:", 4) == 0 ? lao_id : 0,
                   NULL,
                   json_pack("{s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)grant_id, "user_id",
                             (json_int_t)acc->user_id, "username", acc->username, "role", acc->role, "scope",
                             acc->scope));
    if (rc == ERR_OK)
        acc->created = 1;
out:
    arena_release(&tmp);
    return rc;
}

int demo_accounts_create(struct db *db, const char *today_iso, struct arena *a,
                         struct demo_account out[DEMO_ACCOUNTS])
{
    struct choice ch;
    memset(&ch, 0, sizeof ch);
    int rc = choose(db, today_iso, a, &ch);
    if (rc != ERR_OK)
        return rc;
    const char *lao_scope = arena_printf(a, "lao:%" PRId64, ch.lao_id);
    const char *province_scope = arena_printf(a, "province:%s", ch.province_code);
    const char *province_text = arena_printf(a, "จังหวัด%s", ch.province_name);
    const struct demo_account plan[DEMO_ACCOUNTS] = {
        {"admin", "admin", "nation", "ผู้ดูแลระบบ (ตัวอย่าง)", "ทั้งประเทศ", 0, 0, 0},
        {"nation", "nation_officer", "nation", "เจ้าหน้าที่กรมส่งเสริมการปกครองท้องถิ่น (ตัวอย่าง)", "ทั้งประเทศ", 0, 0,
         0},
        {"province", "province_officer", province_scope,
         arena_printf(a, "เจ้าหน้าที่ท้องถิ่น%s (ตัวอย่าง)", province_text), province_text, 0, 0, 0},
        {"hr", "lao_hr", lao_scope, arena_printf(a, "เจ้าหน้าที่งานบุคคล %s (ตัวอย่าง)", ch.lao_name), ch.lao_name,
         0, 0, 0},
        {"exec", "lao_exec", lao_scope, arena_printf(a, "ผู้บริหาร %s (ตัวอย่าง)", ch.lao_name), ch.lao_name, 0, 0,
         0},
        {"employee", "employee", "self", ch.person_name, ch.person_name, 0, ch.person_id, 0},
    };
    memcpy(out, plan, sizeof plan);

    /* Hash before the transaction: each hash takes time and 64 MiB, one at a time. */
    char hashes[DEMO_ACCOUNTS][IAM_HASH_MAX];
    for (int i = 0; rc == ERR_OK && i < DEMO_ACCOUNTS; i++)
        rc = iam_password_hash(DEMO_PASSWORD, hashes[i]);
    if (rc != ERR_OK)
        return rc;
    rc = db_begin(db);
    for (int i = 0; rc == ERR_OK && i < DEMO_ACCOUNTS; i++)
        rc = make_account(db, &out[i], hashes[i], ch.lao_id);
    if (rc == ERR_OK)
        rc = db_commit(db);
    else if (db_in_transaction(db))
        db_rollback(db);
    return rc;
}

int demo_accounts_remove(struct db *db, int64_t *n)
{
    static const char *const names[DEMO_ACCOUNTS] = {"admin", "nation", "province", "hr", "exec", "employee"};
    struct arena tmp;
    int64_t removed = 0;
    arena_init(&tmp, 0);
    int rc = db_begin(db);
    for (int i = 0; rc == ERR_OK && i < DEMO_ACCOUNTS; i++) {
        struct iam_user u;
        rc = iam_user_find(db, names[i], &tmp, &u);
        if (rc == ERR_NOTFOUND) {
            rc = ERR_OK;
            continue;
        }
        json_t *before = NULL;
        if (rc == ERR_OK) {
            before = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)u.id, "username", u.username,
                               "display_name", u.display_name);
            json_object_set_new(before, "person_id", u.person_id ? json_integer(u.person_id) : json_null());
            /*
             * TEMPORARY: modules/iam has no way to delete an account yet (grants, sessions and tokens
             * go with it by ON DELETE CASCADE); this belongs there as iam_user_delete.
             */
            rc = db_execf(db, "DELETE FROM app_user WHERE id = $1", "i", u.id);
        }
        if (rc == ERR_OK) {
            rc = audit(db, "app_user", u.id, "delete", 0, before, NULL);
            before = NULL;
            removed++;
        }
        json_decref(before);
    }
    if (rc == ERR_OK)
        rc = db_commit(db);
    else if (db_in_transaction(db))
        db_rollback(db);
    arena_release(&tmp);
    if (rc == ERR_OK && n)
        *n = removed;
    return rc;
}
