/*
 * The demo generator's view of the position classification (see catalog.h).
 */
#include "demo/catalog.h"

#include <jansson.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/jsonx.h"
#include "base/log.h"
#include "db/db.h"
#include "modules/org/org.h"
#include "modules/rules/rules.h"

static const char *const PTYPE_CODES[DEMO_PTYPES] = {
    "executive", "director", "academic", "general", "cgrade", "teacher", "employee", "contract",
};

static const char *const LEVEL_CODES[DEMO_LEVELS] = {
    [DEMO_LV_EXECUTIVE_LOW] = "executive_low",
    [DEMO_LV_EXECUTIVE_MID] = "executive_mid",
    [DEMO_LV_EXECUTIVE_HIGH] = "executive_high",
    [DEMO_LV_DIRECTOR_LOW] = "director_low",
    [DEMO_LV_DIRECTOR_MID] = "director_mid",
    [DEMO_LV_DIRECTOR_HIGH] = "director_high",
    [DEMO_LV_ACADEMIC_PRACTITIONER] = "academic_practitioner",
    [DEMO_LV_ACADEMIC_PROFESSIONAL] = "academic_professional",
    [DEMO_LV_ACADEMIC_SENIOR] = "academic_senior",
    [DEMO_LV_ACADEMIC_EXPERT] = "academic_expert",
    [DEMO_LV_GENERAL_OPERATIONAL] = "general_operational",
    [DEMO_LV_GENERAL_EXPERIENCED] = "general_experienced",
    [DEMO_LV_GENERAL_SENIOR] = "general_senior",
    [DEMO_LV_C1 + 0] = "cgrade_1",
    [DEMO_LV_C1 + 1] = "cgrade_2",
    [DEMO_LV_C1 + 2] = "cgrade_3",
    [DEMO_LV_C1 + 3] = "cgrade_4",
    [DEMO_LV_C1 + 4] = "cgrade_5",
    [DEMO_LV_C1 + 5] = "cgrade_6",
    [DEMO_LV_C1 + 6] = "cgrade_7",
    [DEMO_LV_C1 + 7] = "cgrade_8",
    [DEMO_LV_C1 + 8] = "cgrade_9",
    [DEMO_LV_C1 + 9] = "cgrade_10",
    [DEMO_LV_C1 + 10] = "cgrade_11",
    [DEMO_LV_TEACHER_ASSISTANT] = "teacher_assistant",
    [DEMO_LV_TEACHER_K1] = "teacher_k1",
    [DEMO_LV_TEACHER_K2] = "teacher_k2",
    [DEMO_LV_TEACHER_K3] = "teacher_k3",
    [DEMO_LV_TEACHER_K4] = "teacher_k4",
    /* employee, contract: resolved from the database (one level each) */
};

/* Baht per month; see catalog.h for which figures have a source. */
#define B(x) ((int64_t)(x)*100)
static const struct demo_range RANGES[DEMO_LEVELS] = {
    /* [?] demo assumptions for the local executive and director levels */
    [DEMO_LV_EXECUTIVE_LOW] = {B(26660), B(59500)},
    [DEMO_LV_EXECUTIVE_MID] = {B(29980), B(66480)},
    [DEMO_LV_EXECUTIVE_HIGH] = {B(32850), B(76800)},
    [DEMO_LV_DIRECTOR_LOW] = {B(19860), B(59500)},
    [DEMO_LV_DIRECTOR_MID] = {B(22460), B(63500)},
    [DEMO_LV_DIRECTOR_HIGH] = {B(25390), B(70360)},
    /* [S] 2558 ranges, domain notes §3 (the same figures as rules/salary_ranges-2015-04-01.json) */
    [DEMO_LV_ACADEMIC_PRACTITIONER] = {B(7140), B(26900)},
    [DEMO_LV_ACADEMIC_PROFESSIONAL] = {B(13160), B(43600)},
    [DEMO_LV_ACADEMIC_SENIOR] = {B(19860), B(58390)},
    [DEMO_LV_ACADEMIC_EXPERT] = {B(24400), B(69040)},
    [DEMO_LV_GENERAL_OPERATIONAL] = {B(4870), B(21010)},
    [DEMO_LV_GENERAL_EXPERIENCED] = {B(10190), B(38750)},
    [DEMO_LV_GENERAL_SENIOR] = {B(15410), B(54820)},
    /* [?] demo assumptions for the C-grades (before 2558), teachers, employees, contract staff */
    [DEMO_LV_C1 + 0] = {B(3800), B(15000)},
    [DEMO_LV_C1 + 1] = {B(4200), B(17500)},
    [DEMO_LV_C1 + 2] = {B(5200), B(20500)},
    [DEMO_LV_C1 + 3] = {B(6100), B(23500)},
    [DEMO_LV_C1 + 4] = {B(7300), B(27500)},
    [DEMO_LV_C1 + 5] = {B(8700), B(32500)},
    [DEMO_LV_C1 + 6] = {B(10800), B(38500)},
    [DEMO_LV_C1 + 7] = {B(13500), B(47000)},
    [DEMO_LV_C1 + 8] = {B(17000), B(55000)},
    [DEMO_LV_C1 + 9] = {B(21000), B(62000)},
    [DEMO_LV_C1 + 10] = {B(25000), B(67000)},
    [DEMO_LV_TEACHER_ASSISTANT] = {B(9000), B(26900)},
    [DEMO_LV_TEACHER_K1] = {B(10500), B(36000)},
    [DEMO_LV_TEACHER_K2] = {B(14000), B(45000)},
    [DEMO_LV_TEACHER_K3] = {B(19000), B(58390)},
    [DEMO_LV_TEACHER_K4] = {B(24000), B(69040)},
    [DEMO_LV_EMPLOYEE] = {B(7000), B(38000)},
    [DEMO_LV_CONTRACT] = {B(9000), B(28000)},
};
#undef B

#define CS DEMO_CAT_CIVIL_SERVANT
#define LINE(th, type, cat, edu, field)                                                                      \
    {                                                                                                        \
        th, DEMO_PT_##type, cat, DEMO_EDU_##edu, field                                                       \
    }
#define MISSION(th, edu, field) LINE(th, CONTRACT, DEMO_CAT_MISSION_CONTRACT, edu, field)
static const struct demo_line_info LINES[DEMO_LINES] = {
    [DEMO_L_LOCAL_EXECUTIVE] = LINE("นักบริหารงานท้องถิ่น", EXECUTIVE, CS, BACHELOR, "รัฐประศาสนศาสตร์"),
    [DEMO_L_DIR_GENERAL] = LINE("นักบริหารงานทั่วไป", DIRECTOR, CS, BACHELOR, "รัฐศาสตร์"),
    [DEMO_L_DIR_FINANCE] = LINE("นักบริหารงานการคลัง", DIRECTOR, CS, BACHELOR, "บัญชี"),
    [DEMO_L_DIR_WORKS] = LINE("นักบริหารงานช่าง", DIRECTOR, CS, BACHELOR, "วิศวกรรมโยธา"),
    [DEMO_L_DIR_EDUCATION] = LINE("นักบริหารงานการศึกษา", DIRECTOR, CS, BACHELOR, "ศึกษาศาสตร์"),
    [DEMO_L_DIR_HEALTH] = LINE("นักบริหารงานสาธารณสุขและสิ่งแวดล้อม", DIRECTOR, CS, BACHELOR, "สาธารณสุขศาสตร์"),
    [DEMO_L_DIR_WELFARE] = LINE("นักบริหารงานสวัสดิการสังคม", DIRECTOR, CS, BACHELOR, "สังคมสงเคราะห์ศาสตร์"),
    [DEMO_L_DIR_AGRICULTURE] = LINE("นักบริหารงานการเกษตร", DIRECTOR, CS, BACHELOR, "เกษตรศาสตร์"),
    [DEMO_L_A_ADMIN] = LINE("นักจัดการงานทั่วไป", ACADEMIC, CS, BACHELOR, "รัฐประศาสนศาสตร์"),
    [DEMO_L_A_HR] = LINE("นักทรัพยากรบุคคล", ACADEMIC, CS, BACHELOR, "รัฐศาสตร์"),
    [DEMO_L_A_LEGAL] = LINE("นิติกร", ACADEMIC, CS, BACHELOR, "นิติศาสตร์"),
    [DEMO_L_A_PLAN] = LINE("นักวิเคราะห์นโยบายและแผน", ACADEMIC, CS, BACHELOR, "รัฐประศาสนศาสตร์"),
    [DEMO_L_A_FINANCE] = LINE("นักวิชาการเงินและบัญชี", ACADEMIC, CS, BACHELOR, "บัญชี"),
    [DEMO_L_A_SUPPLY] = LINE("นักวิชาการพัสดุ", ACADEMIC, CS, BACHELOR, "บริหารธุรกิจ"),
    [DEMO_L_A_REVENUE] = LINE("นักวิชาการจัดเก็บรายได้", ACADEMIC, CS, BACHELOR, "บริหารธุรกิจ"),
    [DEMO_L_A_AUDIT] = LINE("นักวิชาการตรวจสอบภายใน", ACADEMIC, CS, BACHELOR, "บัญชี"),
    [DEMO_L_A_CIVIL_ENGINEER] = LINE("วิศวกรโยธา", ACADEMIC, CS, BACHELOR, "วิศวกรรมโยธา"),
    [DEMO_L_A_ARCHITECT] = LINE("สถาปนิก", ACADEMIC, CS, BACHELOR, "สถาปัตยกรรมศาสตร์"),
    [DEMO_L_A_EDUCATION] = LINE("นักวิชาการศึกษา", ACADEMIC, CS, BACHELOR, "ศึกษาศาสตร์"),
    [DEMO_L_A_PUBLIC_HEALTH] = LINE("นักวิชาการสาธารณสุข", ACADEMIC, CS, BACHELOR, "สาธารณสุขศาสตร์"),
    [DEMO_L_A_SANITATION] = LINE("นักวิชาการสุขาภิบาล", ACADEMIC, CS, BACHELOR, "วิทยาศาสตร์สิ่งแวดล้อม"),
    [DEMO_L_A_COMMUNITY] = LINE("นักพัฒนาชุมชน", ACADEMIC, CS, BACHELOR, "พัฒนาชุมชน"),
    [DEMO_L_A_SOCIAL_WORK] = LINE("นักสังคมสงเคราะห์", ACADEMIC, CS, BACHELOR, "สังคมสงเคราะห์ศาสตร์"),
    [DEMO_L_A_AGRICULTURE] = LINE("นักวิชาการเกษตร", ACADEMIC, CS, BACHELOR, "เกษตรศาสตร์"),
    [DEMO_L_A_DISASTER] = LINE("นักป้องกันและบรรเทาสาธารณภัย", ACADEMIC, CS, BACHELOR, "รัฐศาสตร์"),
    [DEMO_L_A_PR] = LINE("นักประชาสัมพันธ์", ACADEMIC, CS, BACHELOR, "นิเทศศาสตร์"),
    [DEMO_L_A_COMPUTER] = LINE("นักวิชาการคอมพิวเตอร์", ACADEMIC, CS, BACHELOR, "วิทยาการคอมพิวเตอร์"),
    [DEMO_L_A_NURSE] = LINE("พยาบาลวิชาชีพ", ACADEMIC, CS, BACHELOR, "พยาบาลศาสตร์"),
    [DEMO_L_A_ENVIRONMENT] = LINE("นักวิชาการสิ่งแวดล้อม", ACADEMIC, CS, BACHELOR, "วิทยาศาสตร์สิ่งแวดล้อม"),
    [DEMO_L_G_ADMIN] = LINE("เจ้าพนักงานธุรการ", GENERAL, CS, DIPLOMA, "การจัดการทั่วไป"),
    [DEMO_L_G_FINANCE] = LINE("เจ้าพนักงานการเงินและบัญชี", GENERAL, CS, DIPLOMA, "การบัญชี"),
    [DEMO_L_G_SUPPLY] = LINE("เจ้าพนักงานพัสดุ", GENERAL, CS, DIPLOMA, "การบัญชี"),
    [DEMO_L_G_REVENUE] = LINE("เจ้าพนักงานจัดเก็บรายได้", GENERAL, CS, DIPLOMA, "การบัญชี"),
    [DEMO_L_G_CIVIL_TECH] = LINE("นายช่างโยธา", GENERAL, CS, DIPLOMA, "ช่างก่อสร้าง"),
    [DEMO_L_G_ELECTRICAL_TECH] = LINE("นายช่างไฟฟ้า", GENERAL, CS, DIPLOMA, "ช่างไฟฟ้า"),
    [DEMO_L_G_HEALTH] = LINE("เจ้าพนักงานสาธารณสุข", GENERAL, CS, DIPLOMA, "สาธารณสุขชุมชน"),
    [DEMO_L_G_DISASTER] = LINE("เจ้าพนักงานป้องกันและบรรเทาสาธารณภัย", GENERAL, CS, DIPLOMA, NULL),
    [DEMO_L_G_COMMUNITY] = LINE("เจ้าพนักงานพัฒนาชุมชน", GENERAL, CS, DIPLOMA, NULL),
    [DEMO_L_G_REGISTRY] = LINE("เจ้าพนักงานทะเบียน", GENERAL, CS, DIPLOMA, NULL),
    [DEMO_L_G_LIBRARY] = LINE("เจ้าพนักงานห้องสมุด", GENERAL, CS, DIPLOMA, NULL),
    [DEMO_L_G_AGRICULTURE] = LINE("เจ้าพนักงานการเกษตร", GENERAL, CS, VOCATIONAL, "เกษตรกรรม"),
    [DEMO_L_T_TEACHER] = LINE("ครู", TEACHER, DEMO_CAT_TEACHER, BACHELOR, "ศึกษาศาสตร์"),
    [DEMO_L_T_CHILDCARE] = LINE("ครูผู้ดูแลเด็ก", TEACHER, DEMO_CAT_TEACHER, BACHELOR, "การศึกษาปฐมวัย"),
    [DEMO_L_E_JANITOR] = LINE("นักการภารโรง", EMPLOYEE, DEMO_CAT_PERMANENT_EMPLOYEE, BELOW_SECONDARY, NULL),
    [DEMO_L_E_MACHINE] =
        LINE("พนักงานขับเครื่องจักรกลขนาดกลาง", EMPLOYEE, DEMO_CAT_PERMANENT_EMPLOYEE, SECONDARY, NULL),
    [DEMO_L_E_PUMP] = LINE("พนักงานสูบน้ำ", EMPLOYEE, DEMO_CAT_PERMANENT_EMPLOYEE, BELOW_SECONDARY, NULL),
    [DEMO_L_C_ADMIN_ASSISTANT] = MISSION("ผู้ช่วยเจ้าพนักงานธุรการ", VOCATIONAL, "คอมพิวเตอร์ธุรกิจ"),
    [DEMO_L_C_FINANCE_ASSISTANT] = MISSION("ผู้ช่วยเจ้าพนักงานการเงินและบัญชี", VOCATIONAL, "การบัญชี"),
    [DEMO_L_C_SUPPLY_ASSISTANT] = MISSION("ผู้ช่วยเจ้าพนักงานพัสดุ", VOCATIONAL, "การบัญชี"),
    [DEMO_L_C_REVENUE_ASSISTANT] = MISSION("ผู้ช่วยเจ้าพนักงานจัดเก็บรายได้", VOCATIONAL, "การบัญชี"),
    [DEMO_L_C_CIVIL_ASSISTANT] = MISSION("ผู้ช่วยนายช่างโยธา", VOCATIONAL, "ช่างก่อสร้าง"),
    [DEMO_L_C_ELECTRICAL_ASSISTANT] = MISSION("ผู้ช่วยนายช่างไฟฟ้า", VOCATIONAL, "ช่างไฟฟ้า"),
    [DEMO_L_C_DISASTER] = MISSION("ผู้ช่วยเจ้าพนักงานป้องกันและบรรเทาสาธารณภัย", SECONDARY, NULL),
    [DEMO_L_C_FIREFIGHTER] = MISSION("พนักงานดับเพลิง", SECONDARY, NULL),
    [DEMO_L_C_DRIVER] = MISSION("พนักงานขับรถยนต์", SECONDARY, NULL),
    [DEMO_L_C_CHILDCARE_ASSISTANT] = MISSION("ผู้ดูแลเด็ก", SECONDARY, NULL),
    [DEMO_L_C_TEACHING_ASSISTANT] = MISSION("ผู้ช่วยครู", BACHELOR, "ศึกษาศาสตร์"),
    [DEMO_L_C_WORKER] = LINE("คนงานทั่วไป", CONTRACT, DEMO_CAT_GENERAL_CONTRACT, BELOW_SECONDARY, NULL),
    [DEMO_L_C_LABOURER] = LINE("คนงาน", CONTRACT, DEMO_CAT_GENERAL_CONTRACT, BELOW_SECONDARY, NULL),
    [DEMO_L_C_GUARD] = LINE("ยาม", CONTRACT, DEMO_CAT_GENERAL_CONTRACT, BELOW_SECONDARY, NULL),
};
#undef LINE
#undef MISSION
#undef CS

static const char *const CATEGORY_CODES[DEMO_CATEGORIES] = {
    "civil_servant", "permanent_employee", "mission_contract", "general_contract", "teacher",
};

static const char *const EDUCATION_CODES[DEMO_EDUCATIONS] = {
    "below_secondary", "secondary", "vocational", "diploma", "bachelor", "master", "doctorate",
};

const char *demo_ptype_code(enum demo_ptype t)
{
    return (unsigned)t < DEMO_PTYPES ? PTYPE_CODES[t] : "";
}

const char *demo_level_builtin_code(enum demo_level l)
{
    return (unsigned)l < DEMO_LEVELS ? LEVEL_CODES[l] : NULL;
}

enum demo_ptype demo_level_type(enum demo_level l)
{
    if (l <= DEMO_LV_EXECUTIVE_HIGH)
        return DEMO_PT_EXECUTIVE;
    if (l <= DEMO_LV_DIRECTOR_HIGH)
        return DEMO_PT_DIRECTOR;
    if (l <= DEMO_LV_ACADEMIC_EXPERT)
        return DEMO_PT_ACADEMIC;
    if (l <= DEMO_LV_GENERAL_SENIOR)
        return DEMO_PT_GENERAL;
    if (l <= DEMO_LV_C11)
        return DEMO_PT_CGRADE;
    if (l <= DEMO_LV_TEACHER_K4)
        return DEMO_PT_TEACHER;
    return l == DEMO_LV_EMPLOYEE ? DEMO_PT_EMPLOYEE : DEMO_PT_CONTRACT;
}

const struct demo_line_info *demo_line_info(enum demo_line l)
{
    return &LINES[(unsigned)l < DEMO_LINES ? l : 0];
}

const char *demo_category_code(enum demo_category c)
{
    return (unsigned)c < DEMO_CATEGORIES ? CATEGORY_CODES[c] : "";
}

const char *demo_education_code(enum demo_education e)
{
    return (unsigned)e < DEMO_EDUCATIONS ? EDUCATION_CODES[e] : "";
}

struct demo_range demo_level_range_default(enum demo_level l)
{
    return (unsigned)l < DEMO_LEVELS ? RANGES[l] : (struct demo_range){0, 0};
}

void demo_catalog_builtin(struct demo_catalog *c)
{
    memset(c, 0, sizeof *c);
    for (int l = 0; l < DEMO_LINES; l++)
        c->line_code[l] = LINES[l].name_th;
    for (int l = 0; l < DEMO_LEVELS; l++) {
        c->level_code[l] = LEVEL_CODES[l];
        c->range[l] = RANGES[l];
    }
    c->level_code[DEMO_LV_EMPLOYEE] = "employee_permanent";
    c->level_code[DEMO_LV_CONTRACT] = "contract_staff";
}

/* The lowest-ranked level of a position type, or ERR_NOTFOUND. */
static int single_level(struct db *db, struct arena *arena, const char *type, const char **out)
{
    struct db_stmt *st = NULL;
    int rc =
        db_prepare(db, "SELECT code FROM position_level WHERE type_code = $1 ORDER BY rank LIMIT 1", &st);
    if (rc != ERR_OK)
        goto out;
    db_bind_text(st, 1, type);
    rc = db_step(st);
    if (rc == DB_ROW) {
        *out = arena_strdup(arena, db_column_text(st, 0));
        rc = ERR_OK;
    } else if (rc == ERR_OK) {
        log_error("demo: no position level of type %s; run tambon init", type);
        rc = ERR_NOTFOUND;
    }
out:
    db_finalize(st);
    return rc;
}

/* Replaces built-in ranges by those of the national salary_ranges rule set in force today, if any. */
static int load_ranges(struct db *db, struct demo_catalog *c)
{
    static const char *const nation[] = {"nation", NULL};
    json_t *body = NULL;
    int rc = rules_find(db, "salary_ranges", nation, clock_today(), &body);
    if (rc == ERR_NOTFOUND)
        return ERR_OK; /* none loaded: keep the built-in figures */
    if (rc != ERR_OK)
        return rc;
    json_t *levels = json_object_get(body, "levels");
    for (int l = 0; l < DEMO_LEVELS; l++) {
        json_t *r = c->level_code[l] ? json_object_get(levels, c->level_code[l]) : NULL;
        int64_t min, max;
        if (!r || jsonx_int(r, "min", &min) != ERR_OK || jsonx_int(r, "max", &max) != ERR_OK || min <= 0 ||
            max < min)
            continue;
        c->range[l] = (struct demo_range){min, max};
        c->ranges_from_rules = true;
    }
    json_decref(body);
    return ERR_OK;
}

int demo_catalog_retirement_age(struct db *db, int *age)
{
    static const char *const nation[] = {"nation", NULL};
    json_t *body = NULL;
    *age = 60;
    int rc = rules_find(db, "retirement", nation, clock_today(), &body);
    if (rc == ERR_NOTFOUND)
        return ERR_OK;
    if (rc != ERR_OK)
        return rc;
    int64_t v;
    if (jsonx_int(body, "age", &v) == ERR_OK && v >= 40 && v <= 80)
        *age = (int)v;
    json_decref(body);
    return ERR_OK;
}

int demo_catalog_resolve(struct db *db, struct arena *arena, struct demo_catalog *c)
{
    demo_catalog_builtin(c);
    struct org_position_line *lines = NULL;
    size_t n = 0;
    int rc = org_position_lines(db, NULL, arena, &lines, &n);
    if (rc != ERR_OK)
        return rc;
    for (int l = 0; l < DEMO_LINES; l++) {
        const char *type = PTYPE_CODES[LINES[l].type];
        const char *found = NULL, *any = NULL;
        for (size_t i = 0; i < n && !found; i++) {
            if (strcmp(lines[i].type_code, type) != 0)
                continue;
            if (!any)
                any = lines[i].code;
            if (strcmp(lines[i].name_th, LINES[l].name_th) == 0)
                found = lines[i].code;
        }
        if (!found) {
            if (!any) {
                log_error("demo: no position line of type %s; run tambon init", type);
                return ERR_NOTFOUND;
            }
            /* Prefer a line of the same type already resolved by name, else the first in Thai order. */
            for (int k = 0; k < l && !found; k++)
                if (LINES[k].type == LINES[l].type && c->line_code[k] != LINES[k].name_th)
                    found = c->line_code[k];
            if (!found)
                found = any;
            c->lines_replaced++;
            if (!c->first_missing_line)
                c->first_missing_line = LINES[l].name_th;
            log_debug("demo: position line %s not found; using %s", LINES[l].name_th, found);
        }
        c->line_code[l] = found;
    }
    for (int l = 0; l < DEMO_LEVELS; l++) {
        if (l == DEMO_LV_EMPLOYEE || l == DEMO_LV_CONTRACT) {
            if ((rc = single_level(db, arena, PTYPE_CODES[demo_level_type((enum demo_level)l)],
                                   &c->level_code[l])) != ERR_OK)
                return rc;
            continue;
        }
        struct org_position_level lv;
        if ((rc = org_position_level_get(db, LEVEL_CODES[l], arena, &lv)) != ERR_OK) {
            log_error("demo: position level %s missing; run tambon init", LEVEL_CODES[l]);
            return rc;
        }
    }
    return load_ranges(db, c);
}
