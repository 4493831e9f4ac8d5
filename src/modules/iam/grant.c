/*
 * Roles, scopes and permissions: the role table, the permission table (code, not data: a permission
 * is a promise the code makes, so adding one is a code change reviewed with the route that checks it),
 * granting and revoking roles over scopes, and the principal loaded once per request.
 */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/num.h"
#include "modules/iam/iam_internal.h"

static const struct {
    const char *name, *name_th;
    enum iam_scope_kind scope;
} roles[IAM_ROLE__COUNT] = {
    [IAM_ROLE_EMPLOYEE] = {"employee", "พนักงาน (บริการตนเอง)", IAM_SCOPE_SELF},
    [IAM_ROLE_LAO_HR] = {"lao_hr", "เจ้าหน้าที่บุคคลของ อปท.", IAM_SCOPE_LAO},
    [IAM_ROLE_LAO_EXEC] = {"lao_exec", "ผู้บริหารของ อปท.", IAM_SCOPE_LAO},
    [IAM_ROLE_PROVINCE_OFFICER] = {"province_officer", "เจ้าหน้าที่ท้องถิ่นจังหวัด", IAM_SCOPE_PROVINCE},
    [IAM_ROLE_NATION_OFFICER] = {"nation_officer", "เจ้าหน้าที่กรมส่งเสริมการปกครองท้องถิ่น", IAM_SCOPE_NATION},
    [IAM_ROLE_ADMIN] = {"admin", "ผู้ดูแลระบบ", IAM_SCOPE_NATION},
};

#define ROLE(r) (1u << IAM_ROLE_##r)
#define OFFICIALS                                                                                            \
    (ROLE(LAO_HR) | ROLE(LAO_EXEC) | ROLE(PROVINCE_OFFICER) | ROLE(NATION_OFFICER) | ROLE(ADMIN))

/*
 * Who holds what. Officials read within their scope; only an LAO's personnel officer edits people and
 * sees full national IDs (besides each employee's own, through "self"); accounts belong to the
 * administrators, who do not edit personnel records (separation of duties).
 */
const struct iam_permission iam_permissions[] = {
    {"dashboard.view", OFFICIALS, "See the dashboard of counts for one's scope"},
    {"lao.list", OFFICIALS, "List the LAOs in one's scope"},
    {"lao.view", OFFICIALS, "See an LAO's details, units and positions"},
    {"person.view", OFFICIALS, "See the records of people employed in one's scope"},
    {"person.view_full_id", ROLE(LAO_HR) | ROLE(EMPLOYEE), "See full national ID numbers (otherwise masked)"},
    {"person.edit", ROLE(LAO_HR), "Change the records of people employed in one's LAO"},
    {"profile.view_own", ROLE(EMPLOYEE), "See one's own record (self-service)"},
    {"user.manage", ROLE(ADMIN), "Create accounts, grant and revoke roles"},
    {"audit.view", ROLE(NATION_OFFICER) | ROLE(ADMIN), "Read the audit trail"},
};
const size_t iam_permissions_count = sizeof iam_permissions / sizeof iam_permissions[0];

const char *iam_role_name(enum iam_role role)
{
    return (unsigned)role < IAM_ROLE__COUNT ? roles[role].name : NULL;
}

const char *iam_role_name_th(enum iam_role role)
{
    return (unsigned)role < IAM_ROLE__COUNT ? roles[role].name_th : NULL;
}

int iam_role_parse(const char *name, enum iam_role *out)
{
    for (int i = 0; name && i < IAM_ROLE__COUNT; i++)
        if (strcmp(name, roles[i].name) == 0) {
            *out = (enum iam_role)i;
            return ERR_OK;
        }
    return ERR_INVAL;
}

enum iam_scope_kind iam_role_scope_kind(enum iam_role role)
{
    return (unsigned)role < IAM_ROLE__COUNT ? roles[role].scope : IAM_SCOPE_NATION;
}

int iam_scope_parse(const char *text, struct iam_scope *out)
{
    if (!text)
        return ERR_INVAL;
    if (strcmp(text, "self") == 0 || strcmp(text, "nation") == 0) {
        *out = (struct iam_scope){text[0] == 's' ? IAM_SCOPE_SELF : IAM_SCOPE_NATION, 0, ""};
        return ERR_OK;
    }
    if (strncmp(text, "province:", 9) == 0) {
        const char *c = text + 9;
        if (c[0] < '0' || c[0] > '9' || c[1] < '0' || c[1] > '9' || c[2] != '\0')
            return ERR_INVAL;
        *out = (struct iam_scope){IAM_SCOPE_PROVINCE, 0, {c[0], c[1], '\0'}};
        return ERR_OK;
    }
    if (strncmp(text, "lao:", 4) == 0) {
        const char *d = text + 4;
        size_t len = strlen(d);
        int64_t id;
        if (len == 0 || d[0] < '1' || d[0] > '9' || strspn(d, "0123456789") != len ||
            num_parse_i64(d, len, 1, INT64_MAX, &id) != ERR_OK)
            return ERR_INVAL;
        *out = (struct iam_scope){IAM_SCOPE_LAO, id, ""};
        return ERR_OK;
    }
    return ERR_INVAL;
}

void iam_scope_format(const struct iam_scope *s, char out[IAM_SCOPE_TEXT_MAX])
{
    switch (s->kind) {
    case IAM_SCOPE_SELF:
        snprintf(out, IAM_SCOPE_TEXT_MAX, "self");
        break;
    case IAM_SCOPE_LAO:
        snprintf(out, IAM_SCOPE_TEXT_MAX, "lao:%" PRId64, s->lao_id);
        break;
    case IAM_SCOPE_PROVINCE:
        snprintf(out, IAM_SCOPE_TEXT_MAX, "province:%.2s", s->province);
        break;
    case IAM_SCOPE_NATION:
        snprintf(out, IAM_SCOPE_TEXT_MAX, "nation");
        break;
    }
}

const struct iam_permission *iam_permission_find(const char *name)
{
    for (size_t i = 0; name && i < iam_permissions_count; i++)
        if (strcmp(iam_permissions[i].name, name) == 0)
            return &iam_permissions[i];
    return NULL;
}

bool iam_role_has(enum iam_role role, const char *permission)
{
    const struct iam_permission *perm = iam_permission_find(permission);
    return perm && (unsigned)role < IAM_ROLE__COUNT && (perm->roles & (1u << role)) != 0;
}

bool iam_allows(const struct iam_principal *p, const char *permission)
{
    static atomic_int warned;
    const struct iam_permission *perm = iam_permission_find(permission);
    if (!perm) {
        if (atomic_exchange(&warned, 1) == 0)
            log_error("iam: unknown permission '%s' asked for (a bug: add it to iam_permissions)",
                      permission ? permission : "(null)");
        return false;
    }
    for (size_t i = 0; p && i < p->ngrants; i++)
        if (perm->roles & (1u << p->grants[i].role))
            return true;
    return false;
}

static void set_why(struct iam_problem *why, const char *th, const char *en)
{
    if (why) {
        why->th = th;
        why->en = en;
    }
}

int iam_grant_add(struct db *db, int64_t user_id, const char *role_name, const char *scope_text,
                  int64_t granted_by, int64_t *id, struct iam_problem *why)
{
    enum iam_role role;
    struct iam_scope scope;
    char canon[IAM_SCOPE_TEXT_MAX];
    int64_t n = 0, person_id = 0, new_id = 0;
    set_why(why, "", "");
    if (iam_role_parse(role_name, &role) != ERR_OK) {
        set_why(why, "ไม่รู้จักบทบาทนี้ (ใช้ employee, lao_hr, lao_exec, province_officer, nation_officer, admin)",
                "unknown role (use employee, lao_hr, lao_exec, province_officer, nation_officer, admin)");
        return ERR_INVAL;
    }
    if (iam_scope_parse(scope_text, &scope) != ERR_OK) {
        set_why(why, "ขอบเขตไม่ถูกรูปแบบ (self, lao:<รหัส>, province:<รหัสจังหวัด>, nation)",
                "malformed scope (self, lao:<id>, province:<code>, nation)");
        return ERR_INVAL;
    }
    if (scope.kind != roles[role].scope) {
        set_why(why,
                "บทบาทนี้ใช้กับขอบเขตชนิดอื่น (employee: self; lao_hr, lao_exec: lao:<รหัส>;"
                " province_officer: province:<รหัส>; nation_officer, admin: nation)",
                "this role takes another kind of scope (employee: self; lao_hr, lao_exec: lao:<id>;"
                " province_officer: province:<code>; nation_officer, admin: nation)");
        return ERR_INVAL;
    }
    iam_scope_format(&scope, canon);

    int rc = db_query_int64(db, &person_id, "SELECT coalesce(person_id, 0) FROM app_user WHERE id = $1", "i",
                            user_id);
    if (rc == ERR_NOTFOUND)
        set_why(why, "ไม่พบผู้ใช้", "no such user");
    if (rc != ERR_OK)
        return rc;
    if (scope.kind == IAM_SCOPE_SELF && person_id == 0) {
        set_why(why, "บัญชีนี้ยังไม่ได้ผูกกับบุคลากร (เพิ่มผู้ใช้ด้วย --person เลขประจำตัวประชาชน)",
                "the account is not linked to a person (add the user with --person NATIONAL_ID)");
        return ERR_INVAL;
    }
    if (scope.kind == IAM_SCOPE_LAO) {
        rc = db_query_int64(db, &n, "SELECT count(*) FROM lao WHERE id = $1", "i", scope.lao_id);
        if (rc == ERR_OK && n == 0) {
            set_why(why, "ไม่พบ อปท. รหัสนี้", "no LAO with this id");
            rc = ERR_NOTFOUND;
        }
    } else if (scope.kind == IAM_SCOPE_PROVINCE) {
        rc = db_query_int64(db, &n, "SELECT count(*) FROM province WHERE code = $1", "t", scope.province);
        if (rc == ERR_OK && n == 0) {
            set_why(why, "ไม่พบจังหวัดรหัสนี้", "no province with this code");
            rc = ERR_NOTFOUND;
        }
    }
    if (rc != ERR_OK)
        return rc;
    rc = db_query_int64(db, &n,
                        "SELECT count(*) FROM role_grant WHERE user_id = $1 AND role = $2 AND scope = $3",
                        "itt", user_id, roles[role].name, canon);
    if (rc == ERR_OK && n > 0) {
        set_why(why, "ผู้ใช้มีบทบาทนี้ในขอบเขตนี้อยู่แล้ว", "the user holds this role over this scope already");
        rc = ERR_EXISTS;
    }
    if (rc != ERR_OK)
        return rc;
    struct db_stmt *st = NULL;
    rc = db_prepare(
        db,
        "INSERT INTO role_grant (user_id, role, scope, lao_id, province_code, granted_at, granted_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        &st);
    if (rc == ERR_OK)
        rc = db_bind_int64(st, 1, user_id);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 2, roles[role].name);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 3, canon);
    if (rc == ERR_OK)
        rc = scope.kind == IAM_SCOPE_LAO ? db_bind_int64(st, 4, scope.lao_id) : db_bind_null(st, 4);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 5, scope.kind == IAM_SCOPE_PROVINCE ? scope.province : NULL);
    if (rc == ERR_OK)
        rc = db_bind_int64(st, 6, iam_now());
    if (rc == ERR_OK)
        rc = granted_by > 0 ? db_bind_int64(st, 7, granted_by) : db_bind_null(st, 7);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        new_id = db_column_int64(st, 0);
        rc = ERR_OK;
    } else if (rc == ERR_OK) {
        rc = ERR_INTERNAL; /* RETURNING gives a row */
    } else if (rc == ERR_CONSTRAINT) {
        set_why(why, "ผู้ใช้มีบทบาทนี้ในขอบเขตนี้อยู่แล้ว", "the user holds this role over this scope already");
        rc = ERR_EXISTS; /* granted by another process meanwhile */
    }
    db_finalize(st);
    if (rc == ERR_OK && id)
        *id = new_id;
    return rc;
}

int iam_grant_revoke(struct db *db, int64_t user_id, const char *role_name, const char *scope_text)
{
    enum iam_role role;
    struct iam_scope scope;
    char canon[IAM_SCOPE_TEXT_MAX];
    if (iam_role_parse(role_name, &role) != ERR_OK || iam_scope_parse(scope_text, &scope) != ERR_OK)
        return ERR_INVAL;
    iam_scope_format(&scope, canon);
    int rc = db_execf(db, "DELETE FROM role_grant WHERE user_id = $1 AND role = $2 AND scope = $3", "itt",
                      user_id, roles[role].name, canon);
    if (rc == ERR_OK && db_changes(db) == 0)
        rc = ERR_NOTFOUND;
    return rc;
}

int iam_grant_list(struct db *db, int64_t user_id, struct arena *a, struct iam_grant **out, size_t *n)
{
    struct db_stmt *st = NULL;
    size_t cap = 8, count = 0;
    struct iam_grant *grants = arena_calloc(a, cap, sizeof *grants);
    int rc =
        db_prepare(db, "SELECT id, role, scope FROM role_grant WHERE user_id = $1 ORDER BY role, scope", &st);
    if (rc == ERR_OK)
        rc = db_bind_int64(st, 1, user_id);
    while (rc == ERR_OK && (rc = db_step(st)) == DB_ROW) {
        struct iam_grant g = {.id = db_column_int64(st, 0)};
        rc = iam_role_parse(db_column_text(st, 1), &g.role);
        if (rc == ERR_OK)
            rc = iam_scope_parse(db_column_text(st, 2), &g.scope);
        if (rc != ERR_OK) {
            log_error("iam: grant %" PRId64 " has an unreadable role or scope", g.id);
            rc = ERR_INTERNAL; /* the table's CHECK constraints make this impossible */
            break;
        }
        if (count == cap) {
            struct iam_grant *bigger = arena_calloc(a, cap * 2, sizeof *bigger);
            memcpy(bigger, grants, count * sizeof *grants);
            grants = bigger;
            cap *= 2;
        }
        grants[count++] = g;
    }
    db_finalize(st);
    if (rc == ERR_OK) {
        *out = grants;
        *n = count;
    }
    return rc;
}

int iam_principal_load(struct db *db, int64_t user_id, struct arena *a, struct iam_principal *out)
{
    struct iam_user u;
    struct iam_grant *grants = NULL;
    size_t n = 0;
    int rc = iam_user_get(db, user_id, a, &u);
    if (rc == ERR_OK && !u.active)
        rc = ERR_PERM;
    if (rc == ERR_OK)
        rc = iam_grant_list(db, user_id, a, &grants, &n);
    if (rc == ERR_OK)
        *out = (struct iam_principal){u.id, u.username, u.display_name, u.person_id, grants, n};
    return rc;
}
