/*
 * tambon demo [--scale lao|province|national] [--seed N] [--province CODE] [--replace]
 *             [--db PATH|postgres://...]
 * Initialises the database if needed (as tambon init does) and fills it with deterministic demo data
 * (src/demo/demo.h), then creates one demo account per role (src/demo/accounts.h; --replace makes them
 * anew) and prints a short summary in Thai with the accounts and their demo-only password.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/num.h"
#include "cli/cli.h"
#include "db/db.h"
#include "demo/accounts.h"
#include "demo/demo.h"
#include "demo/stats.h"
#include "modules/iam/iam.h"

static const char USAGE[] = "การใช้งาน (usage): tambon demo [--scale lao|province|national] [--seed N] "
                            "[--province CODE] [--replace] [--db PATH|postgres://...]\n";

/* Creates the demo accounts and lists them with their password; the command's exit status. */
static int print_accounts(struct db *db)
{
    struct arena a;
    struct demo_account acc[DEMO_ACCOUNTS];
    char today[DATE_ISO_LEN + 1];
    arena_init(&a, 0);
    date_format_iso(clock_today(), today);
    int rc = demo_accounts_create(db, today, &a, acc);
    if (rc != ERR_OK) {
        fprintf(stderr, "tambon demo: สร้างบัญชีตัวอย่างไม่สำเร็จ (demo accounts failed): %s%s%s\n",
                err_message_th(rc), db_errmsg(db)[0] ? ": " : "", db_errmsg(db));
        arena_release(&a);
        return 1;
    }
    printf("บัญชีตัวอย่าง (demo accounts), รหัสผ่านทุกบัญชี (password): %s\n", DEMO_PASSWORD);
    printf("  ใช้เพื่อการสาธิตเท่านั้น ห้ามใช้กับข้อมูลบุคคลจริง (for demonstrations only, never with real people)\n");
    for (int i = 0; i < DEMO_ACCOUNTS; i++) {
        enum iam_role role;
        const char *role_th =
            iam_role_parse(acc[i].role, &role) == ERR_OK ? iam_role_name_th(role) : acc[i].role;
        printf("  %-9s %s: %s%s\n", acc[i].username, role_th, acc[i].covers,
               acc[i].created ? "" : " (มีบัญชีชื่อนี้อยู่แล้ว ไม่ได้แก้ไข; existed, left as it was)");
    }
    arena_release(&a);
    return 0;
}

int cmd_demo(int argc, char **argv)
{
    const char *target = cli_default_db();
    const char *scale = "province", *seed = "1", *province = NULL;
    struct demo_options opt = {DEMO_SCALE_PROVINCE, 1, NULL, false};
    for (int i = 0; i < argc;) {
        int m = cli_option(argc, argv, &i, "--db", &target);
        if (m == 0)
            m = cli_option(argc, argv, &i, "--scale", &scale);
        if (m == 0)
            m = cli_option(argc, argv, &i, "--seed", &seed);
        if (m == 0)
            m = cli_option(argc, argv, &i, "--province", &province);
        if (m == 0 && strcmp(argv[i], "--replace") == 0) {
            opt.replace = true;
            i++;
            m = 1;
        }
        if (m < 0)
            return 2;
        if (m == 0) {
            fprintf(stderr, "tambon demo: ไม่รู้จักตัวเลือก '%s' (unknown option)\n%s", argv[i], USAGE);
            return 2;
        }
    }
    int64_t seed_value;
    if (demo_parse_scale(scale, &opt.scale) != ERR_OK) {
        fprintf(stderr, "tambon demo: --scale ต้องเป็น lao, province หรือ national (got '%s')\n%s", scale,
                USAGE);
        return 2;
    }
    if (num_parse_i64(seed, strlen(seed), 0, INT64_MAX, &seed_value) != ERR_OK) {
        fprintf(stderr, "tambon demo: --seed ต้องเป็นจำนวนเต็มไม่ติดลบ (must be a non-negative integer)\n%s",
                USAGE);
        return 2;
    }
    opt.seed = (uint64_t)seed_value;
    opt.province = province;
    if (province && opt.scale == DEMO_SCALE_NATIONAL) {
        fprintf(stderr, "tambon demo: --province ใช้กับ --scale lao หรือ province เท่านั้น "
                        "(--province applies to the lao and province scales)\n");
        return 2;
    }
    if (province && (strlen(province) != 2 || province[0] < '0' || province[0] > '9' || province[1] < '0' ||
                     province[1] > '9')) {
        fprintf(stderr, "tambon demo: --province ต้องเป็นรหัสจังหวัด 2 หลัก เช่น 65 (a 2-digit province code)\n");
        return 2;
    }

    struct db *db;
    if (cli_open_and_init(target, &db) != ERR_OK)
        return 1;
    int64_t started = clock_mono_ns();
    struct demo_counts n;
    /* The demo accounts point at generated LAOs and people, so they go before the data they name. */
    int rc = opt.replace ? demo_accounts_remove(db, NULL) : ERR_OK;
    if (rc == ERR_OK)
        rc = demo_generate(db, &opt, &n);
    double secs = (double)(clock_mono_ns() - started) / 1e9;
    int status = 0;
    if (rc == ERR_EXISTS) {
        fprintf(stderr,
                "tambon demo: ฐานข้อมูลนี้มีข้อมูล อปท. อยู่แล้ว ใช้ --replace เพื่อลบและสร้างใหม่\n"
                "             (the database already has LAOs; --replace deletes them and generates anew)\n");
        status = 1;
    } else if (rc != ERR_OK) {
        fprintf(stderr, "tambon demo: สร้างข้อมูลตัวอย่างไม่สำเร็จ (generation failed): %s%s%s\n",
                err_message_th(rc), db_errmsg(db)[0] ? ": " : "", db_errmsg(db));
        status = 1;
    } else {
        char a[32], b[32], c[32], d[32];
        printf("สร้างข้อมูลตัวอย่างเสร็จ (%s, seed %" PRIu64 ", %s)\n", scale, opt.seed,
               db_dialect_name(db_dialect(db)));
        printf("  อปท. %s แห่ง  หน่วยงาน %s  ตำแหน่ง %s  บุคลากร %s คน\n", demo_format_count(n.laos, a),
               demo_format_count(n.units, b), demo_format_count(n.positions, c),
               demo_format_count(n.people, d));
        printf("  การแต่งตั้ง %s รายการ  ประวัติเงินเดือน %s รายการ\n", demo_format_count(n.appointments, a),
               demo_format_count(n.salaries, b));
        printf("  ใช้เวลา %.1f วินาที\n", secs);
        status = print_accounts(db);
    }
    db_close(db);
    return status;
}
