/*
 * tambon user: accounts from the command line (src/modules/iam/iam.h).
 *
 *   tambon user add USERNAME [--name "ชื่อ"] [--person NATIONAL_ID] [--password-stdin]
 *   tambon user passwd USERNAME [--password-stdin]        also signs the user out everywhere
 *   tambon user grant USERNAME ROLE SCOPE                  e.g. lao_hr lao:17, province_officer province:50
 *   tambon user revoke USERNAME ROLE SCOPE
 *   tambon user disable|enable USERNAME
 *   tambon user unlock USERNAME                            clears a sign-in lockout of the user name
 *   tambon user list [--json]
 *   tambon user token USERNAME NAME [--days N]             prints a new API token once
 * Every form takes --db PATH|postgres://... (default $TAMBON_DB or tambon.db).
 *
 * Every change is recorded in the audit trail (src/modules/audit) in the transaction that makes it, with
 * the actor "cli:<operating-system user>". Secrets (passwords, their hashes, tokens) are never recorded.
 *
 * Passwords never appear on the command line (where ps and shell history would show them): they are
 * typed twice with echo off when standard input is a terminal, or read as one line from standard
 * input with --password-stdin (for scripts); anything else is refused.
 */
#include <inttypes.h>
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/jsonx.h"
#include "base/num.h"
#include "cli/cli.h"
#include "db/db.h"
#include "db/migrate.h"
#include "modules/audit/audit.h"
#include "modules/iam/iam.h"
#include "modules/people/people.h"
#include "thai/natid.h"

static const char USAGE[] =
    "การใช้งาน (usage):\n"
    "  tambon user add USERNAME [--name \"ชื่อ\"] [--person เลขประจำตัวประชาชน] [--password-stdin]\n"
    "  tambon user passwd USERNAME [--password-stdin]\n"
    "  tambon user grant USERNAME ROLE SCOPE\n"
    "  tambon user revoke USERNAME ROLE SCOPE\n"
    "  tambon user disable USERNAME | tambon user enable USERNAME\n"
    "  tambon user unlock USERNAME\n"
    "  tambon user list [--json]\n"
    "  tambon user token USERNAME NAME [--days N]\n"
    "ทุกคำสั่งรับ --db PATH|postgres://... (every form takes --db)\n"
    "ROLE: employee (SCOPE self), lao_hr | lao_exec (lao:<id>), province_officer (province:<code>),\n"
    "      nation_officer | admin (nation)\n";

/* Options common to the sub-commands; positional arguments are collected in order. */
struct user_args {
    const char *db;
    const char *name;
    const char *person;
    const char *days;
    bool password_stdin;
    bool json;
    const char *pos[4];
    int npos;
};

/* 0 on success, 2 (after a message) on bad usage. */
static int parse_args(const char *sub, int argc, char **argv, struct user_args *a)
{
    for (int i = 0; i < argc;) {
        int m = cli_option(argc, argv, &i, "--db", &a->db);
        if (m == 0)
            m = cli_option(argc, argv, &i, "--name", &a->name);
        if (m == 0)
            m = cli_option(argc, argv, &i, "--person", &a->person);
        if (m == 0)
            m = cli_option(argc, argv, &i, "--days", &a->days);
        if (m == 0 && strcmp(argv[i], "--password-stdin") == 0) {
            a->password_stdin = true;
            i++;
            m = 1;
        }
        if (m == 0 && strcmp(argv[i], "--json") == 0) {
            a->json = true;
            i++;
            m = 1;
        }
        if (m < 0)
            return 2;
        if (m == 0 && argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "tambon user %s: ไม่รู้จักตัวเลือก '%s' (unknown option)\n%s", sub, argv[i], USAGE);
            return 2;
        }
        if (m == 0) {
            if (a->npos == (int)(sizeof a->pos / sizeof a->pos[0])) {
                fprintf(stderr, "tambon user %s: อาร์กิวเมนต์มากเกินไป (too many arguments)\n%s", sub, USAGE);
                return 2;
            }
            a->pos[a->npos++] = argv[i++];
        }
    }
    return 0;
}

/* Opens the database and applies pending migrations quietly (stdout may carry a token). */
static struct db *open_db(const char *target)
{
    char errbuf[512];
    struct db *db = NULL;
    if (db_open(target, &db, errbuf, sizeof errbuf) != ERR_OK) {
        fprintf(stderr, "tambon user: เปิดฐานข้อมูลไม่ได้ (cannot open database): %s\n", errbuf);
        return NULL;
    }
    if (migrate_up(db, NULL) != ERR_OK) {
        fprintf(stderr, "tambon user: ปรับโครงสร้างฐานข้อมูลไม่สำเร็จ (migration failed): %s\n", db_errmsg(db));
        db_close(db);
        return NULL;
    }
    return db;
}

static void db_failed(const char *what, struct db *db)
{
    fprintf(stderr, "tambon user: %s: %s\n", what, db_errmsg(db));
}

/* ---- passwords ---- */

/* Reads one line (without its line end) into buf of size n; false at end of input or when too long. */
static bool read_line(FILE *in, char *buf, size_t n)
{
    if (!fgets(buf, (int)n, in))
        return false;
    size_t len = strlen(buf);
    bool complete = len > 0 && buf[len - 1] == '\n';
    if (!complete && !feof(in)) {
        sodium_memzero(buf, n);
        return false; /* longer than the buffer */
    }
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        buf[--len] = '\0';
    return true;
}

/* Prompts on standard error and reads a line from the terminal with echo off. */
static bool read_hidden(const char *prompt, char *buf, size_t n)
{
    struct termios old, quiet;
    fputs(prompt, stderr);
    fflush(stderr);
    bool restore = tcgetattr(STDIN_FILENO, &old) == 0;
    if (restore) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    bool ok = read_line(stdin, buf, n);
    if (restore)
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
    fputc('\n', stderr);
    return ok;
}

/*
 * Gets a new password for username into buf (n bytes), checks the policy and hashes it into hash.
 * Returns 0, 1 (failure, message printed) or 2 (usage: no terminal and no --password-stdin).
 */
static int new_password_hash(const char *username, bool from_stdin, char hash[IAM_HASH_MAX])
{
    char pw[IAM_PASSWORD_MAX_BYTES + 2], again[IAM_PASSWORD_MAX_BYTES + 2];
    struct arena a;
    int status = 1;
    arena_init(&a, 0);
    again[0] = '\0';
    if (from_stdin) {
        if (!read_line(stdin, pw, sizeof pw)) {
            fprintf(stderr, "tambon user: อ่านรหัสผ่านจาก stdin ไม่ได้ หรือยาวเกินไป"
                            " (cannot read the password from standard input, or it is too long)\n");
            goto out;
        }
    } else if (isatty(STDIN_FILENO)) {
        if (!read_hidden("รหัสผ่านใหม่ (new password): ", pw, sizeof pw) ||
            !read_hidden("พิมพ์รหัสผ่านอีกครั้ง (again): ", again, sizeof again)) {
            fprintf(stderr, "tambon user: อ่านรหัสผ่านไม่ได้ (cannot read the password)\n");
            goto out;
        }
        if (strcmp(pw, again) != 0) {
            fprintf(stderr, "tambon user: รหัสผ่านสองครั้งไม่ตรงกัน (the passwords do not match)\n");
            goto out;
        }
    } else {
        fprintf(stderr, "tambon user: stdin ไม่ใช่เทอร์มินัล ใช้ --password-stdin เพื่ออ่านรหัสผ่านจาก stdin"
                        " (standard input is not a terminal: use --password-stdin)\n");
        status = 2;
        goto out;
    }
    enum iam_pw_problem problem = iam_password_check(username, pw);
    if (problem != IAM_PW_OK) {
        fprintf(stderr, "tambon user: %s\n", iam_password_problem_text(problem, &a));
        goto out;
    }
    int rc = iam_password_hash(pw, hash);
    if (rc != ERR_OK) {
        fprintf(stderr, "tambon user: คำนวณรหัสผ่านไม่สำเร็จ (hashing failed): %s\n", err_message(rc));
        goto out;
    }
    status = 0;
out:
    sodium_memzero(pw, sizeof pw);
    sodium_memzero(again, sizeof again);
    arena_release(&a);
    return status;
}

/* ---- helpers ---- */

/* Looks a user up by the name as typed; prints why not. */
static int find_user(struct db *db, const char *typed, struct arena *a, struct iam_user *u)
{
    char name[IAM_USERNAME_MAX + 1];
    if (iam_username_normalize(typed, name) != ERR_OK) {
        fprintf(stderr, "tambon user: ชื่อผู้ใช้ไม่ถูกรูปแบบ (a-z 0-9 . _ - ไม่เกิน 64 ตัว)"
                        " (malformed user name: a-z 0-9 . _ -, at most 64)\n");
        return ERR_INVAL;
    }
    int rc = iam_user_find(db, name, a, u);
    if (rc == ERR_NOTFOUND)
        fprintf(stderr, "tambon user: ไม่พบผู้ใช้ '%s' (no such user)\n", name);
    else if (rc != ERR_OK)
        db_failed("อ่านข้อมูลผู้ใช้ไม่สำเร็จ (cannot read the user)", db);
    return rc;
}

static void iso_time(int64_t t, char out[21])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Commits, or rolls back and reports; the status of the whole command. */
static int finish(struct db *db, int rc, const char *what)
{
    if (rc == ERR_OK)
        rc = db_commit(db);
    else
        db_rollback(db);
    if (rc != ERR_OK && what)
        db_failed(what, db);
    return rc;
}

/* "cli:<operating-system user>": who made a change from the command line. */
static const char *cli_actor(char out[80])
{
    const struct passwd *pw = getpwuid(geteuid());
    if (pw && pw->pw_name && *pw->pw_name)
        snprintf(out, 80, "cli:%s", pw->pw_name);
    else
        snprintf(out, 80, "cli:uid%lu", (unsigned long)geteuid());
    return out;
}

/*
 * Records a change in the audit trail inside the open transaction. before and after (may be NULL) are
 * taken over (their references released here). lao_id 0 when the change belongs to no LAO.
 */
static int audit_write(struct db *db, const char *entity, int64_t id, const char *action, int64_t lao_id,
                       json_t *before, json_t *after)
{
    char actor[80], entity_id[24];
    snprintf(entity_id, sizeof entity_id, "%" PRId64, id);
    const struct audit_entry e = {
        .actor = cli_actor(actor),
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

/* An account as the audit trail shows it: everything but the password hash. */
static json_t *user_json(const struct iam_user *u)
{
    json_t *j =
        json_pack("{s:I, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)u->id, "username", u->username,
                  "display_name", u->display_name, "status", u->active ? "active" : "disabled", "created_at",
                  (json_int_t)u->created_at, "password_changed_at", (json_int_t)u->password_changed_at);
    json_object_set_new(j, "person_id", u->person_id ? json_integer(u->person_id) : json_null());
    return j;
}

/* A grant as the audit trail shows it. */
static json_t *grant_json(const struct iam_user *u, const struct iam_grant *g)
{
    char scope[IAM_SCOPE_TEXT_MAX];
    iam_scope_format(&g->scope, scope);
    return json_pack("{s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)g->id, "user_id", (json_int_t)u->id,
                     "username", u->username, "role", iam_role_name(g->role), "scope", scope);
}

/* The grant of u matching role and scope (as typed), for the audit trail; ERR_NOTFOUND when none. */
static int grant_find(struct db *db, const struct iam_user *u, const char *role, const char *scope,
                      struct arena *ar, struct iam_grant *out)
{
    enum iam_role r;
    struct iam_scope sc;
    struct iam_grant *grants;
    size_t n = 0;
    if (iam_role_parse(role, &r) != ERR_OK || iam_scope_parse(scope, &sc) != ERR_OK)
        return ERR_INVAL;
    int rc = iam_grant_list(db, u->id, ar, &grants, &n);
    for (size_t i = 0; rc == ERR_OK && i < n; i++)
        if (grants[i].role == r && grants[i].scope.kind == sc.kind && grants[i].scope.lao_id == sc.lao_id &&
            strcmp(grants[i].scope.province, sc.province) == 0) {
            *out = grants[i];
            return ERR_OK;
        }
    return rc == ERR_OK ? ERR_NOTFOUND : rc;
}

/* ---- sub-commands ---- */

static int user_add(struct db *db, const struct user_args *a)
{
    char name[IAM_USERNAME_MAX + 1], hash[IAM_HASH_MAX];
    int64_t person_id = 0, id = 0;
    if (iam_username_normalize(a->pos[0], name) != ERR_OK) {
        fprintf(stderr,
                "tambon user add: ชื่อผู้ใช้ต้องเป็น a-z 0-9 . _ - ขึ้นต้นด้วยตัวอักษรหรือตัวเลข"
                " ไม่เกิน 64 ตัว (a user name is a-z 0-9 . _ -, starts with a letter or digit, at most 64)\n");
        return 1;
    }
    if (a->person) {
        char nid[NATID_LEN + 1];
        if (natid_normalize(a->person, strlen(a->person), nid) != ERR_OK) {
            fprintf(stderr, "tambon user add: เลขประจำตัวประชาชนไม่ถูกต้อง (invalid national ID)\n");
            return 1;
        }
        int rc = people_person_id(db, nid, &person_id);
        if (rc == ERR_NOTFOUND)
            fprintf(stderr, "tambon user add: ไม่พบบุคลากรที่มีเลขประจำตัวนี้ (no person with this national ID)\n");
        else if (rc != ERR_OK)
            db_failed("ค้นหาบุคลากรไม่สำเร็จ (cannot look up the person)", db);
        if (rc != ERR_OK)
            return 1;
    }
    /* Check the name before asking for a password, and hash before the transaction. */
    struct arena ar;
    arena_init(&ar, 0);
    struct iam_user existing;
    int rc = iam_user_find(db, name, &ar, &existing);
    arena_release(&ar);
    if (rc == ERR_OK) {
        fprintf(stderr, "tambon user add: มีผู้ใช้ชื่อ '%s' แล้ว (the user exists already)\n", name);
        return 1;
    }
    int status = new_password_hash(name, a->password_stdin, hash);
    if (status != 0)
        return status;
    struct iam_user added;
    arena_init(&ar, 0);
    rc = db_begin(db);
    if (rc == ERR_OK)
        rc = iam_user_add(db, name, a->name, person_id, hash, &id);
    if (rc == ERR_OK)
        rc = iam_user_get(db, id, &ar, &added);
    if (rc == ERR_OK)
        rc = audit_write(db, "app_user", id, "create", 0, NULL, user_json(&added));
    arena_release(&ar);
    if (rc == ERR_EXISTS)
        fprintf(stderr, "tambon user add: ชื่อผู้ใช้นี้หรือบุคลากรคนนี้มีบัญชีแล้ว"
                        " (the user name is taken or the person has an account already)\n");
    else if (rc == ERR_INVAL)
        fprintf(stderr, "tambon user add: ชื่อที่แสดงไม่ถูกต้อง (1-200 ตัวอักษร)"
                        " (invalid display name: 1-200 characters)\n");
    rc = finish(db, rc, rc == ERR_EXISTS || rc == ERR_INVAL ? NULL : "เพิ่มผู้ใช้ไม่สำเร็จ (cannot add the user)");
    if (rc != ERR_OK)
        return 1;
    printf("เพิ่มผู้ใช้ %s แล้ว (user added, id %" PRId64 ")\n", name, id);
    return 0;
}

static int user_passwd(struct db *db, const struct user_args *a)
{
    struct arena ar;
    struct iam_user u;
    char hash[IAM_HASH_MAX];
    int64_t sessions = 0;
    arena_init(&ar, 0);
    int status = 1;
    if (find_user(db, a->pos[0], &ar, &u) != ERR_OK)
        goto out;
    status = new_password_hash(u.username, a->password_stdin, hash);
    if (status != 0)
        goto out;
    status = 1;
    int rc = db_begin(db);
    if (rc == ERR_OK)
        rc = db_query_int64(db, &sessions, "SELECT count(*) FROM session WHERE user_id = $1", "i", u.id);
    if (rc == ERR_OK)
        rc = iam_user_set_password(db, u.id, hash);
    if (rc == ERR_OK)
        rc = audit_write(db, "app_user", u.id, "password_change", 0, NULL,
                         json_pack("{s:I}", "sessions_ended", (json_int_t)sessions));
    if (finish(db, rc, "เปลี่ยนรหัสผ่านไม่สำเร็จ (cannot change the password)") != ERR_OK)
        goto out;
    printf("เปลี่ยนรหัสผ่านของ %s แล้ว และออกจากระบบทุกอุปกรณ์ %" PRId64 " รายการ"
           " (password changed; %" PRId64 " sessions ended)\n",
           u.username, sessions, sessions);
    status = 0;
out:
    arena_release(&ar);
    return status;
}

static int user_grant(struct db *db, const struct user_args *a, bool grant)
{
    struct arena ar;
    struct iam_user u;
    struct iam_problem why = {"", ""};
    arena_init(&ar, 0);
    int status = 1;
    if (find_user(db, a->pos[0], &ar, &u) != ERR_OK)
        goto out;
    struct iam_grant g = {0};
    int rc = db_begin(db);
    if (rc == ERR_OK && grant) {
        rc = iam_grant_add(db, u.id, a->pos[1], a->pos[2], 0, NULL, &why);
        if (rc == ERR_OK)
            rc = grant_find(db, &u, a->pos[1], a->pos[2], &ar, &g);
        if (rc == ERR_OK)
            rc = audit_write(db, "role_grant", g.id, "create", g.scope.lao_id, NULL, grant_json(&u, &g));
    } else if (rc == ERR_OK) {
        rc = grant_find(db, &u, a->pos[1], a->pos[2], &ar, &g);
        if (rc == ERR_OK)
            rc = iam_grant_revoke(db, u.id, a->pos[1], a->pos[2]);
        if (rc == ERR_OK)
            rc = audit_write(db, "role_grant", g.id, "delete", g.scope.lao_id, grant_json(&u, &g), NULL);
    }
    bool explained = rc == ERR_INVAL || rc == ERR_NOTFOUND || rc == ERR_EXISTS;
    if (explained && grant)
        fprintf(stderr, "tambon user grant: %s (%s)\n", why.th, why.en);
    else if (rc == ERR_INVAL)
        fprintf(stderr, "tambon user revoke: บทบาทหรือขอบเขตไม่ถูกรูปแบบ (malformed role or scope)\n");
    else if (rc == ERR_NOTFOUND)
        fprintf(stderr, "tambon user revoke: ผู้ใช้ไม่มีบทบาทนี้ในขอบเขตนี้ (the user does not hold this role"
                        " over this scope)\n");
    if (finish(db, rc, explained ? NULL : "บันทึกไม่สำเร็จ (cannot save)") != ERR_OK)
        goto out;
    if (grant)
        printf("ให้บทบาท %s ขอบเขต %s แก่ %s แล้ว (role granted)\n", a->pos[1], a->pos[2], u.username);
    else
        printf("ถอนบทบาท %s ขอบเขต %s จาก %s แล้ว (role revoked)\n", a->pos[1], a->pos[2], u.username);
    status = 0;
out:
    arena_release(&ar);
    return status;
}

static int user_set_active(struct db *db, const struct user_args *a, bool active)
{
    struct arena ar;
    struct iam_user u;
    arena_init(&ar, 0);
    int status = 1;
    if (find_user(db, a->pos[0], &ar, &u) != ERR_OK)
        goto out;
    struct iam_user after;
    int rc = db_begin(db);
    if (rc == ERR_OK)
        rc = iam_user_set_active(db, u.id, active);
    if (rc == ERR_OK)
        rc = iam_user_get(db, u.id, &ar, &after);
    if (rc == ERR_OK)
        rc = audit_write(db, "app_user", u.id, "update", 0, user_json(&u), user_json(&after));
    if (finish(db, rc, "บันทึกไม่สำเร็จ (cannot save)") != ERR_OK)
        goto out;
    printf(active ? "เปิดใช้บัญชี %s แล้ว (account enabled)\n"
                  : "ระงับบัญชี %s แล้ว และออกจากระบบทุกอุปกรณ์ (account disabled; its sessions ended)\n",
           u.username);
    status = 0;
out:
    arena_release(&ar);
    return status;
}

/* Forgets the failed sign-ins counted against a user name, ending a lockout early. */
static int user_unlock(struct db *db, const struct user_args *a)
{
    struct arena ar;
    struct iam_user u;
    arena_init(&ar, 0);
    int status = 1;
    if (find_user(db, a->pos[0], &ar, &u) != ERR_OK)
        goto out;
    int rc = db_begin(db);
    if (rc == ERR_OK)
        rc = iam_login_unlock(db, u.username);
    if (rc == ERR_OK)
        rc = audit_write(db, "app_user", u.id, "unlock", 0, NULL, NULL);
    if (finish(db, rc, "บันทึกไม่สำเร็จ (cannot save)") != ERR_OK)
        goto out;
    printf("ปลดล็อกการเข้าสู่ระบบของ %s แล้ว (sign-in lockout cleared)\n", u.username);
    status = 0;
out:
    arena_release(&ar);
    return status;
}

static int user_token(struct db *db, const struct user_args *a)
{
    struct arena ar;
    struct iam_user u;
    char token[IAM_API_TOKEN_LEN + 1];
    int64_t expires = 0, days = 0;
    arena_init(&ar, 0);
    int status = 1;
    if (a->days && num_parse_i64(a->days, strlen(a->days), 1, 3650, &days) != ERR_OK) {
        fprintf(stderr, "tambon user token: --days ต้องเป็นจำนวนวัน 1-3650 (--days takes 1 to 3650)\n");
        status = 2;
        goto out;
    }
    if (find_user(db, a->pos[0], &ar, &u) != ERR_OK)
        goto out;
    if (days > 0)
        expires = iam_now() + days * 86400;
    int64_t token_id = 0;
    int rc = db_begin(db);
    if (rc == ERR_OK)
        rc = iam_token_create(db, u.id, a->pos[1], expires, token, &token_id);
    if (rc == ERR_OK) {
        json_t *after = json_pack("{s:I, s:I, s:s, s:s}", "id", (json_int_t)token_id, "user_id",
                                  (json_int_t)u.id, "username", u.username, "name", a->pos[1]);
        json_object_set_new(after, "expires_at", expires ? json_integer(expires) : json_null());
        rc = audit_write(db, "api_token", token_id, "create", 0, NULL, after);
    }
    if (rc == ERR_EXISTS)
        fprintf(stderr, "tambon user token: ผู้ใช้มีโทเค็นชื่อนี้แล้ว (the user has a token of this name)\n");
    else if (rc == ERR_INVAL)
        fprintf(stderr, "tambon user token: ชื่อโทเค็นต้องยาว 1-100 ตัวอักษร (a token name is 1-100 characters)\n");
    bool explained = rc == ERR_EXISTS || rc == ERR_INVAL;
    if (finish(db, rc, explained ? NULL : "สร้างโทเค็นไม่สำเร็จ (cannot create the token)") != ERR_OK)
        goto out;
    fprintf(stderr,
            "เก็บโทเค็นนี้ไว้ในที่ปลอดภัย ระบบจะไม่แสดงอีก (store this token safely: it will not be shown again)\n");
    printf("%s\n", token);
    status = 0;
out:
    sodium_memzero(token, sizeof token);
    arena_release(&ar);
    return status;
}

static int user_list(struct db *db, const struct user_args *a)
{
    struct arena ar;
    struct iam_user *users;
    size_t n = 0;
    arena_init(&ar, 0);
    int status = 1;
    if (iam_user_list(db, &ar, &users, &n) != ERR_OK) {
        db_failed("อ่านรายชื่อผู้ใช้ไม่สำเร็จ (cannot list users)", db);
        goto out;
    }
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        struct iam_grant *grants;
        size_t ng = 0;
        if (iam_grant_list(db, users[i].id, &ar, &grants, &ng) != ERR_OK) {
            db_failed("อ่านบทบาทไม่สำเร็จ (cannot list roles)", db);
            json_decref(list);
            goto out;
        }
        char created[21], changed[21];
        iso_time(users[i].created_at, created);
        iso_time(users[i].password_changed_at, changed);
        json_t *g = json_array();
        for (size_t k = 0; k < ng; k++) {
            char scope[IAM_SCOPE_TEXT_MAX];
            iam_scope_format(&grants[k].scope, scope);
            json_array_append_new(
                g, json_pack("{s:s, s:s}", "role", iam_role_name(grants[k].role), "scope", scope));
        }
        json_t *u = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "username", users[i].username, "display_name",
                              users[i].display_name, "status", users[i].active ? "active" : "disabled",
                              "created_at", created, "password_changed_at", changed, "grants", g);
        json_object_set_new(u, "person_id",
                            users[i].person_id ? json_integer(users[i].person_id) : json_null());
        json_array_append_new(list, u);
    }
    if (a->json) {
        json_t *doc = json_pack("{s:o}", "users", list);
        char *text = jsonx_dump(doc);
        printf("%s\n", text);
        free(text);
        json_decref(doc);
        status = 0;
        goto out;
    }
    printf("ผู้ใช้ %zu บัญชี (%zu users)\n", n, n);
    size_t i;
    json_t *u;
    json_array_foreach(list, i, u)
    {
        printf("%-20s %s  [%s]\n", jsonx_str(u, "username"), jsonx_str(u, "display_name"),
               strcmp(jsonx_str(u, "status"), "active") == 0 ? "ใช้งาน active" : "ระงับ disabled");
        size_t k;
        json_t *g;
        json_array_foreach(json_object_get(u, "grants"), k, g)
        {
            enum iam_role role;
            const char *th =
                iam_role_parse(jsonx_str(g, "role"), &role) == ERR_OK ? iam_role_name_th(role) : "";
            printf("    %s %s (%s)\n", jsonx_str(g, "role"), jsonx_str(g, "scope"), th);
        }
    }
    json_decref(list);
    status = 0;
out:
    arena_release(&ar);
    return status;
}

int cmd_user(int argc, char **argv)
{
    static const struct {
        const char *name;
        int npos; /* positional arguments after the sub-command */
    } subs[] = {{"add", 1},    {"passwd", 1}, {"grant", 3}, {"revoke", 3}, {"disable", 1},
                {"enable", 1}, {"unlock", 1}, {"list", 0},  {"token", 2}};
    if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "help") == 0) {
        fputs(USAGE, argc < 1 ? stderr : stdout);
        return argc < 1 ? 2 : 0;
    }
    const char *sub = argv[0];
    int want = -1;
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(sub, subs[i].name) == 0)
            want = subs[i].npos;
    if (want < 0) {
        fprintf(stderr, "tambon user: ไม่รู้จักคำสั่งย่อย '%s' (unknown sub-command)\n%s", sub, USAGE);
        return 2;
    }
    struct user_args a = {.db = cli_default_db()};
    int status = parse_args(sub, argc - 1, argv + 1, &a);
    if (status != 0)
        return status;
    if (a.npos != want) {
        fprintf(stderr, "tambon user %s: ต้องมีอาร์กิวเมนต์ %d ตัว (needs %d arguments)\n%s", sub, want, want,
                USAGE);
        return 2;
    }
    bool is_add = strcmp(sub, "add") == 0, is_passwd = strcmp(sub, "passwd") == 0;
    if ((a.name || a.person) && !is_add) {
        fprintf(stderr,
                "tambon user %s: --name และ --person ใช้กับ add เท่านั้น (--name and --person go with add)\n",
                sub);
        return 2;
    }
    if (a.password_stdin && !is_add && !is_passwd) {
        fprintf(stderr, "tambon user %s: --password-stdin ใช้กับ add และ passwd (goes with add and passwd)\n",
                sub);
        return 2;
    }
    if (a.json && strcmp(sub, "list") != 0) {
        fprintf(stderr, "tambon user %s: --json ใช้กับ list (goes with list)\n", sub);
        return 2;
    }
    if (a.days && strcmp(sub, "token") != 0) {
        fprintf(stderr, "tambon user %s: --days ใช้กับ token (goes with token)\n", sub);
        return 2;
    }
    struct db *db = open_db(a.db);
    if (!db)
        return 1;
    if (is_add)
        status = user_add(db, &a);
    else if (is_passwd)
        status = user_passwd(db, &a);
    else if (strcmp(sub, "grant") == 0 || strcmp(sub, "revoke") == 0)
        status = user_grant(db, &a, sub[0] == 'g');
    else if (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0)
        status = user_set_active(db, &a, sub[0] == 'e');
    else if (strcmp(sub, "unlock") == 0)
        status = user_unlock(db, &a);
    else if (strcmp(sub, "token") == 0)
        status = user_token(db, &a);
    else
        status = user_list(db, &a);
    db_close(db);
    return status;
}
