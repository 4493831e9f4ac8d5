/*
 * tambon stats [--db PATH|postgres://...] [--json]: counts by province and by LAO type, positions by
 * status, people by employment category (src/demo/stats.h). Thai text with aligned columns by default;
 * --json prints the counts as one JSON object with sorted keys, for scripts and tests.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/jsonx.h"
#include "cli/cli.h"
#include "db/db.h"
#include "demo/stats.h"

/*
 * Columns a terminal gives s: one per character except Thai marks written above or below the
 * consonant (mai han-akat, the upper and lower vowels, tone marks and the other diacritics), which
 * take none. Enough to align tables of Thai names.
 */
static int display_width(const char *s)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int n;
        if (*p < 0x80)
            cp = *p, n = 1;
        else if ((*p & 0xe0) == 0xc0)
            cp = *p & 0x1fu, n = 2;
        else if ((*p & 0xf0) == 0xe0)
            cp = *p & 0x0fu, n = 3;
        else
            cp = *p & 0x07u, n = 4;
        for (int i = 1; i < n && p[i]; i++)
            cp = (cp << 6) | (p[i] & 0x3fu);
        for (int i = 0; i < n && *p; i++)
            p++;
        bool mark = cp == 0x0e31 || (cp >= 0x0e34 && cp <= 0x0e3a) || (cp >= 0x0e47 && cp <= 0x0e4e);
        w += mark ? 0 : 1;
    }
    return w;
}

/* Prints s right-aligned in a column of `width` terminal cells. */
static void print_cell_right(const char *s, int width)
{
    for (int i = display_width(s); i < width; i++)
        putchar(' ');
    fputs(s, stdout);
}

/* Prints s left-aligned in a column of `width` terminal cells. */
static void print_cell(const char *s, int width)
{
    int pad = width - display_width(s);
    fputs(s, stdout);
    for (int i = 0; i < pad; i++)
        putchar(' ');
}

static json_int_t ival(const json_t *obj, const char *key)
{
    return json_integer_value(json_object_get(obj, key));
}

static void print_text(const json_t *s, const char *target)
{
    char a[32], b[32], c[32], d[32];
    const json_t *pos = json_object_get(s, "positions"), *people = json_object_get(s, "people");
    printf("สรุปข้อมูล %s\n\n", target);
    printf("อปท. ทั้งหมด %s แห่ง\n", demo_format_count(ival(s, "laos"), a));
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(s, "lao_types"), i, t)
    {
        printf("  ");
        print_cell(json_string_value(json_object_get(t, "name_th")), 30);
        printf("%8s\n", demo_format_count(ival(t, "laos"), a));
    }

    json_int_t total = ival(pos, "total");
    printf("\nตำแหน่ง ทั้งหมด %s\n", demo_format_count(total, a));
    printf("  ");
    print_cell("มีผู้ครอง", 30);
    printf("%8s\n  ", demo_format_count(ival(pos, "filled"), a));
    print_cell("ว่าง", 30);
    printf("%8s  (%.1f%%)\n  ", demo_format_count(ival(pos, "vacant"), a),
           total ? 100.0 * (double)ival(pos, "vacant") / (double)total : 0.0);
    print_cell("ตรึงไว้", 30);
    printf("%8s\n", demo_format_count(ival(pos, "frozen"), a));

    static const struct {
        const char *key, *th;
    } cats[] = {
        {"civil_servant", "ข้าราชการ/พนักงานส่วนท้องถิ่น"}, {"teacher", "ครูและบุคลากรทางการศึกษา"},
        {"permanent_employee", "ลูกจ้างประจำ"},         {"mission_contract", "พนักงานจ้างตามภารกิจ"},
        {"general_contract", "พนักงานจ้างทั่วไป"},
    };
    printf("\nบุคลากรปัจจุบัน %s คน\n", demo_format_count(ival(people, "total"), a));
    for (size_t k = 0; k < sizeof cats / sizeof cats[0]; k++) {
        printf("  ");
        print_cell(cats[k].th, 30);
        printf("%8s\n", demo_format_count(ival(people, cats[k].key), a));
    }

    printf("\n");
    print_cell("จังหวัด", 22);
    static const char *const heads[] = {"อปท.", "ตำแหน่ง", "ว่าง", "บุคลากร"};
    static const int widths[] = {6, 10, 8, 10};
    for (int k = 0; k < 4; k++) {
        putchar(' ');
        print_cell_right(heads[k], widths[k]);
    }
    putchar('\n');
    json_array_foreach(json_object_get(s, "provinces"), i, t)
    {
        print_cell(json_string_value(json_object_get(t, "name_th")), 22);
        printf(" %6s %10s %8s %10s\n", demo_format_count(ival(t, "laos"), a),
               demo_format_count(ival(t, "positions"), b), demo_format_count(ival(t, "vacant"), c),
               demo_format_count(ival(t, "people"), d));
    }
}

int cmd_stats(int argc, char **argv)
{
    const char *target = cli_default_db();
    bool as_json = false;
    for (int i = 0; i < argc;) {
        int m = cli_option(argc, argv, &i, "--db", &target);
        if (m == 0 && strcmp(argv[i], "--json") == 0) {
            as_json = true;
            i++;
            m = 1;
        }
        if (m < 0)
            return 2;
        if (m == 0) {
            fprintf(stderr,
                    "tambon stats: ไม่รู้จักตัวเลือก '%s' (unknown option)\n"
                    "การใช้งาน (usage): tambon stats [--db PATH|postgres://...] [--json]\n",
                    argv[i]);
            return 2;
        }
    }
    char errbuf[512];
    struct db *db = NULL;
    if (db_open(target, &db, errbuf, sizeof errbuf) != ERR_OK) {
        fprintf(stderr, "tambon stats: เปิดฐานข้อมูลไม่ได้ (cannot open database): %s\n", errbuf);
        return 1;
    }
    json_t *s = NULL;
    int rc = demo_stats_collect(db, &s);
    if (rc != ERR_OK) {
        fprintf(stderr, "tambon stats: อ่านข้อมูลไม่สำเร็จ (query failed): %s\n", db_errmsg(db));
        db_close(db);
        return 1;
    }
    if (as_json) {
        char *text = jsonx_dump(s);
        printf("%s\n", text);
        free(text);
    } else {
        print_text(s, target);
    }
    json_decref(s);
    db_close(db);
    return 0;
}
