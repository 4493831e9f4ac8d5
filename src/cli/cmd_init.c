/*
 * tambon init [--db PATH|postgres://...]: creates the database if needed, applies every pending
 * migration and loads the reference data (geography, position classification, default rule sets).
 * Running it again on an up-to-date database changes nothing.
 */
#include <stdio.h>

#include "base/clock.h"
#include "base/progress.h"
#include "cli/cli.h"
#include "db/db.h"
#include "db/migrate.h"
#include "modules/modules.h"

int cli_open_and_init(const char *target, struct db **out)
{
    char errbuf[512];
    struct db *db = NULL;
    int rc = db_open(target, &db, errbuf, sizeof errbuf);
    if (rc != ERR_OK) {
        fprintf(stderr, "tambon: เปิดฐานข้อมูลไม่ได้ (cannot open database): %s\n", errbuf);
        return rc;
    }
    int applied = 0;
    rc = migrate_up(db, &applied);
    if (rc != ERR_OK) {
        fprintf(stderr, "tambon: ปรับโครงสร้างฐานข้อมูลไม่สำเร็จ (migration failed): %s\n", db_errmsg(db));
        goto out;
    }
    if (applied)
        printf("ปรับโครงสร้างฐานข้อมูล %d ขั้น (applied %d migrations)\n", applied, applied);
    rc = db_begin(db);
    if (rc == ERR_OK) {
        struct progress p;
        progress_start(&p, "ข้อมูลอ้างอิง", 0);
        rc = modules_seed(db, &p);
        if (rc == ERR_OK)
            rc = db_commit(db);
        else
            db_rollback(db);
    }
    if (rc != ERR_OK)
        fprintf(stderr, "tambon: โหลดข้อมูลอ้างอิงไม่สำเร็จ (loading reference data failed): %s\n",
                db_errmsg(db));
out:
    if (rc != ERR_OK) {
        db_close(db);
        return rc;
    }
    *out = db;
    return ERR_OK;
}

int cmd_init(int argc, char **argv)
{
    const char *target = cli_default_db();
    for (int i = 0; i < argc;) {
        int m = cli_option(argc, argv, &i, "--db", &target);
        if (m < 0)
            return 2;
        if (m == 0) {
            fprintf(stderr, "tambon init: ไม่รู้จักตัวเลือก '%s' (unknown option)\n"
                            "การใช้งาน: tambon init [--db PATH|postgres://...]\n",
                    argv[i]);
            return 2;
        }
    }
    struct db *db;
    if (cli_open_and_init(target, &db) != ERR_OK)
        return 1;
    printf("ฐานข้อมูลพร้อมใช้งาน: %s (%s)\n", target, db_dialect_name(db_dialect(db)));
    db_close(db);
    return 0;
}
