/*
 * tambon audit: the operator's view of the audit trail (src/modules/audit/audit.h, docs/AUDIT.md).
 *
 *   tambon audit verify [--db ...] [--expect-head HASH]   walks the hash chain: exit 0 intact, 1 broken
 *   tambon audit head [--db ...]                          prints "ID HASH" of the latest entry, to keep
 *                                                         outside the database
 *   tambon audit log [--db ...] [--entity E] [--limit N]  lists recent entries, newest first
 *   tambon audit note [--db ...] TEXT                     appends an operator's note to the trail
 *
 * Messages are in Thai, then English. Exit status: 0 success (verify: intact), 1 failure (verify:
 * broken, naming the entry), 2 bad usage.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/jsonx.h"
#include "base/num.h"
#include "cli/cli.h"
#include "db/db.h"
#include "modules/audit/audit.h"
#include "thai/utf8.h"

#define LOG_DEFAULT_LIMIT 20
#define NOTE_MAX 2000

static const char usage_text[] =
    "การใช้งาน (usage):\n"
    "  tambon audit verify [--db PATH|postgres://...] [--expect-head HASH]\n"
    "      ตรวจสายโซ่ค่าแฮชของบันทึกการเปลี่ยนแปลง (check the audit trail's hash chain)\n"
    "  tambon audit head [--db ...]\n"
    "      แสดงเลขที่และค่าแฮชของรายการล่าสุด เพื่อเก็บไว้นอกฐานข้อมูล\n"
    "      (print the latest entry's id and hash, to keep outside the database)\n"
    "  tambon audit log [--db ...] [--entity ENTITY] [--limit N]\n"
    "      แสดงรายการล่าสุด (list recent entries, newest first; N up to 10000, default 20)\n"
    "  tambon audit note [--db ...] TEXT\n"
    "      เพิ่มบันทึกของผู้ดูแลระบบ (append an operator's note to the trail)\n";

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tambon audit: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n", stderr);
    fputs(usage_text, stderr);
    return 2;
}

/* Options shared by the subcommands; which ones a subcommand accepts is checked by the caller. */
struct audit_opts {
    const char *target;
    const char *expect_head;
    const char *entity;
    const char *limit;
    int limit_n;      /* --limit as a number (log) */
    const char *text; /* the one positional argument */
};

/* Parses argv; returns 0, or 2 after printing a usage message. */
static int parse_opts(int argc, char **argv, struct audit_opts *o)
{
    o->target = cli_default_db();
    for (int i = 0; i < argc;) {
        int m = cli_option(argc, argv, &i, "--db", &o->target);
        if (m == 0)
            m = cli_option(argc, argv, &i, "--expect-head", &o->expect_head);
        if (m == 0)
            m = cli_option(argc, argv, &i, "--entity", &o->entity);
        if (m == 0)
            m = cli_option(argc, argv, &i, "--limit", &o->limit);
        if (m < 0)
            return 2;
        if (m == 1)
            continue;
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return usage_error("ไม่รู้จักตัวเลือก '%s' (unknown option)", argv[i]);
        if (o->text)
            return usage_error("มีข้อความเกินมาหนึ่งรายการ: '%s' (unexpected argument)", argv[i]);
        o->text = argv[i++];
    }
    return 0;
}

static int open_db(const char *target, struct db **db)
{
    char errbuf[512];
    if (db_open(target, db, errbuf, sizeof errbuf) != ERR_OK) {
        fprintf(stderr, "tambon audit: เปิดฐานข้อมูลไม่ได้ (cannot open database): %s\n", errbuf);
        return 1;
    }
    return 0;
}

static void print_db_error(struct db *db, int rc)
{
    fprintf(stderr, "tambon audit: อ่านหรือเขียนบันทึกการตรวจสอบไม่สำเร็จ (audit trail query failed): %s: %s\n",
            err_name(rc), db_errmsg(db));
    fprintf(stderr, "  (ฐานข้อมูลสร้างด้วย tambon init แล้วหรือยัง? was the database made with tambon init?)\n");
}

static int run_verify(struct db *db, const struct audit_opts *o)
{
    struct audit_report rep;
    int rc = audit_verify_expect(db, o->expect_head, &rep);
    if (rc != ERR_OK) {
        print_db_error(db, rc);
        return 1;
    }
    if (rep.problem == AUDIT_INTACT) {
        printf("บันทึกการตรวจสอบครบถ้วน ไม่ถูกแก้ไข: ตรวจแล้ว %" PRId64 " รายการ\n", rep.checked);
        printf("audit trail intact: %" PRId64 " entries checked\n", rep.checked);
        if (rep.checked)
            printf("รายการล่าสุด (latest entry): #%" PRId64 " %s\n", rep.head.id, rep.head.hash);
        if (o->expect_head)
            printf("พบรายการล่าสุดที่บันทึกไว้ในสายโซ่ (the recorded head %s is in the chain)\n", o->expect_head);
        return 0;
    }
    if (rep.problem == AUDIT_HEAD_MISSING) {
        printf("บันทึกการตรวจสอบไม่ครบ: %s\n", audit_problem_text_th(rep.problem));
        printf("audit trail broken: %s\n", audit_problem_text(rep.problem));
        printf("  ค่าแฮชที่บันทึกไว้ (recorded head): %s\n", rep.expected);
        if (rep.checked)
            printf("  รายการล่าสุดที่มีอยู่ (latest entry present): #%" PRId64 " %s\n", rep.head.id, rep.head.hash);
        else
            printf("  ไม่มีรายการเหลืออยู่เลย (the log is empty)\n");
    } else {
        printf("บันทึกการตรวจสอบถูกแก้ไข ที่รายการ #%" PRId64 ": %s\n", rep.bad_id,
               audit_problem_text_th(rep.problem));
        printf("audit trail broken at entry #%" PRId64 ": %s\n", rep.bad_id, audit_problem_text(rep.problem));
        if (rep.problem == AUDIT_CONTENT)
            printf("  ค่าแฮชของเนื้อหา (hash of the content): %s\n  ค่าแฮชที่เก็บไว้ (stored hash):          %s\n",
                   rep.expected, rep.found[0] ? rep.found : "(ไม่มี none)");
        else
            printf("  ค่าแฮชของรายการก่อนหน้า (previous entry's hash): %s\n  prev_hash ที่เก็บไว้ (stored "
                   "prev_hash):     %s\n",
                   rep.expected, rep.found[0] ? rep.found : "(ไม่มี none)");
    }
    printf("พบปัญหา %" PRId64 " จุด จากที่ตรวจ %" PRId64 " รายการ (%" PRId64 " problems in %" PRId64
           " entries checked)\n",
           rep.problems, rep.checked, rep.problems, rep.checked);
    return 1;
}

static int run_head(struct db *db)
{
    struct audit_head h;
    int rc = audit_head_get(db, &h);
    if (rc == ERR_NOTFOUND) {
        fprintf(stderr, "บันทึกการตรวจสอบยังว่าง (the audit trail is empty)\n");
        return 0;
    }
    if (rc != ERR_OK) {
        print_db_error(db, rc);
        return 1;
    }
    printf("%" PRId64 " %s\n", h.id, h.hash);
    return 0;
}

/* A one-line summary of what an entry holds: changed keys of an update, the text of a note. */
static void print_detail(const struct audit_row *r)
{
    json_t *before = NULL, *after = NULL, *changes = NULL;
    if (r->before)
        (void)jsonx_parse(r->before, strlen(r->before), &before, NULL);
    if (r->after)
        (void)jsonx_parse(r->after, strlen(r->after), &after, NULL);
    const char *text = after ? jsonx_str(after, "text") : NULL;
    if (strcmp(r->action, "note") == 0 && text) {
        printf("  \"%s\"", text);
    } else if (before && after && audit_changes(before, after, &changes) == ERR_OK) {
        printf("  เปลี่ยน (changed):");
        const char *key;
        json_t *v;
        int n = 0;
        json_object_foreach(changes, key, v)
        {
            printf("%s %s", n++ ? "," : "", key);
        }
        if (n == 0)
            printf(" -");
    }
    json_decref(changes);
    json_decref(before);
    json_decref(after);
}

static int run_log(struct db *db, const struct audit_opts *o)
{
    struct audit_filter f = {.entity = o->entity, .limit = o->limit_n};
    struct arena a;
    arena_init(&a, 0);
    struct audit_row *rows;
    size_t n;
    int status = 0;
    int rc = audit_list(db, &f, &a, &rows, &n);
    if (rc != ERR_OK) {
        print_db_error(db, rc);
        status = 1;
        goto out;
    }
    if (n == 0)
        printf("ไม่มีรายการ (no entries)\n");
    for (size_t i = 0; i < n; i++) {
        const struct audit_row *r = &rows[i];
        printf("#%s %s %s %s %s", r->id, r->at, r->actor, r->action, r->entity);
        if (r->entity_id)
            printf(" %s", r->entity_id);
        if (r->lao_id)
            printf(" [อปท. lao %s]", r->lao_id);
        print_detail(r);
        putchar('\n');
    }
out:
    arena_release(&a);
    return status;
}

/* "cli:<user name of this process>" (falls back to the numeric uid). */
static void cli_actor(char *out, size_t size)
{
    struct passwd *pw = getpwuid(geteuid());
    if (pw && pw->pw_name && *pw->pw_name)
        snprintf(out, size, "cli:%s", pw->pw_name);
    else
        snprintf(out, size, "cli:uid%ld", (long)geteuid());
}

static int run_note(struct db *db, const struct audit_opts *o)
{
    size_t len = strlen(o->text);
    if (len == 0 || len > NOTE_MAX || !thai_utf8_valid(o->text, len))
        return usage_error(
            "ข้อความต้องเป็น UTF-8 ยาว 1 ถึง 2000 ไบต์ (the note must be 1..2000 bytes of UTF-8): '%s'", o->text);
    char actor[AUDIT_LABEL_MAX + 1];
    cli_actor(actor, sizeof actor);
    json_t *after = json_pack("{s:s}", "text", o->text);
    if (!after)
        arena_oom(0);
    struct audit_entry e = {.actor = actor, .entity = "note", .action = "note", .after = after};
    struct audit_head h = {0};
    int rc = db_begin(db);
    if (rc == ERR_OK)
        rc = audit_record(db, &e);
    if (rc == ERR_OK)
        rc = audit_head_get(db, &h);
    if (rc == ERR_OK)
        rc = db_commit(db);
    else if (db_in_transaction(db))
        db_rollback(db);
    json_decref(after);
    if (rc == ERR_INVAL) {
        fprintf(stderr,
                "tambon audit: ชื่อผู้ใช้ของระบบใช้เป็นผู้บันทึกไม่ได้ (the OS user name is not a valid actor): %s\n",
                actor);
        return 1;
    }
    if (rc != ERR_OK) {
        print_db_error(db, rc);
        return 1;
    }
    printf("บันทึกแล้ว รายการ #%" PRId64 " (recorded entry #%" PRId64 ") %s\n", h.id, h.id, h.hash);
    return 0;
}

int cmd_audit(int argc, char **argv)
{
    if (argc < 1)
        return usage_error("%s", "ต้องระบุคำสั่งย่อย (a subcommand is needed)");
    const char *sub = argv[0];
    if (strcmp(sub, "help") == 0 || strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    struct audit_opts o = {0};
    int rc = parse_opts(argc - 1, argv + 1, &o);
    if (rc != 0)
        return rc;
    bool verify = strcmp(sub, "verify") == 0, head = strcmp(sub, "head") == 0, log = strcmp(sub, "log") == 0,
         note = strcmp(sub, "note") == 0;
    if (!verify && !head && !log && !note)
        return usage_error("ไม่รู้จักคำสั่งย่อย '%s' (unknown subcommand)", sub);
    if (o.expect_head && !verify)
        return usage_error("%s", "--expect-head ใช้กับ verify เท่านั้น (only with verify)");
    if ((o.entity || o.limit) && !log)
        return usage_error("%s", "--entity และ --limit ใช้กับ log เท่านั้น (only with log)");
    if (o.text && !note)
        return usage_error("ไม่ต้องมีข้อความ '%s' (unexpected argument)", o.text);
    if (note && !o.text)
        return usage_error("%s", "note ต้องมีข้อความ (note needs a TEXT)");
    if (o.expect_head && !audit_hash_wellformed(o.expect_head))
        return usage_error("--expect-head ต้องเป็นเลขฐานสิบหก 64 ตัว (must be 64 lower-case hex digits): '%s'",
                           o.expect_head);
    o.limit_n = LOG_DEFAULT_LIMIT;
    if (o.limit && num_parse_int(o.limit, 1, AUDIT_LIST_MAX, &o.limit_n) != ERR_OK)
        return usage_error("--limit ต้องเป็นจำนวนเต็ม 1 ถึง 10000 ไม่ใช่ '%s' (--limit must be 1..10000)", o.limit);
    if (o.entity && (!*o.entity || strlen(o.entity) > AUDIT_NAME_MAX))
        return usage_error("--entity ไม่ถูกต้อง (invalid entity): '%s'", o.entity);

    struct db *db = NULL;
    if (open_db(o.target, &db) != 0)
        return 1;
    int status;
    if (verify)
        status = run_verify(db, &o);
    else if (head)
        status = run_head(db);
    else if (log)
        status = run_log(db, &o);
    else
        status = run_note(db, &o);
    db_close(db);
    return status;
}
