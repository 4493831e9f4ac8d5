/*
 * tambon: the single binary. Dispatches to the command named by the first argument.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "cli/cli.h"

static int cmd_help(int argc, char **argv);

static const struct cli_command commands[] = {
    {"init", "สร้างหรือปรับปรุงโครงสร้างฐานข้อมูลและข้อมูลอ้างอิง",
     "create or migrate a database and load reference data", cmd_init},
    {"demo", "สร้างข้อมูลตัวอย่างที่สมจริง", "generate realistic demo data", cmd_demo},
    {"stats", "สรุปจำนวน อปท. ตำแหน่ง และบุคลากร", "counts of LAOs, positions and staff", cmd_stats},
    {"serve", "เปิดบริการเว็บและ API (ค่าเริ่มต้น http://127.0.0.1:8080/)",
     "serve the web interface and the JSON API", cmd_serve},
    {"user", "จัดการบัญชีผู้ใช้ บทบาท และโทเค็น API", "manage user accounts, roles and API tokens", cmd_user},
    {"audit", "ตรวจสอบบันทึกการเปลี่ยนแปลง (verify, head, log, note)", "check and read the audit trail", cmd_audit},
    {"help", "แสดงวิธีใช้", "show usage", cmd_help},
};

static int cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("Tambon (ตำบล) ระบบสารสนเทศทรัพยากรบุคคลขององค์กรปกครองส่วนท้องถิ่น\n\nการใช้งาน: tambon คำสั่ง [ตัวเลือก]\n\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        printf("  %-8s %s\n           %s\n", commands[i].name, commands[i].summary_th, commands[i].summary_en);
    printf("\nฐานข้อมูล: --db PATH (SQLite, ค่าเริ่มต้น tambon.db) หรือ --db postgres://...\n");
    return 0;
}

/*
 * glibc returns freed memory at the top of the heap to the system at once (128 KiB trim threshold) and
 * takes it back on the next allocation. SQLite allocates and frees its statement journal for every
 * INSERT into a table with constraints, so a bulk load spent 90% of its time in brk and TLB flushes:
 * a province-scale demo took 46 s, and 4.7 s with these settings (docs/PERFORMANCE.md).
 */
static void tune_malloc(void)
{
    mallopt(M_TOP_PAD, 64 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
}

int main(int argc, char **argv)
{
    tune_malloc();
    log_init_from_env();
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cmd_help(0, NULL) == 0 && argc >= 2 ? 0 : 2;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 2, argv + 2);
    fprintf(stderr, "tambon: ไม่รู้จักคำสั่ง '%s' (unknown command); ดู tambon help\n", argv[1]);
    return 2;
}
