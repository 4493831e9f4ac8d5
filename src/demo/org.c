/*
 * One LAO's units and positions (see org.h).
 */
#include "demo/org.h"

#include <string.h>

/* A งาน (work unit) inside a division, with the lines that staff it. */
struct work_tpl {
    const char *name_th, *name_en;
    enum demo_line academic, general;         /* civil-servant lines */
    enum demo_line employee, mission, labour; /* permanent employee, mission and general contract lines */
    unsigned manual;                          /* weight of this work in the employee and contract budget */
};

struct div_tpl {
    const char *code;
    enum demo_unit_kind kind;
    const char *name_th, *name_en;
    enum demo_line director;             /* DEMO_LINES: no director (internal audit) */
    const char *section_th, *section_en; /* big LAOs: the second ฝ่าย holding all works but the first */
    struct work_tpl works[6];
};

#define W(th, en, a, g, e, m, l, w)                                                                          \
    {                                                                                                        \
        th, en, DEMO_L_##a, DEMO_L_##g, DEMO_L_##e, DEMO_L_##m, DEMO_L_##l, w                                \
    }

enum {
    DIV_OFFICE,
    DIV_FINANCE,
    DIV_WORKS,
    DIV_EDUCATION,
    DIV_HEALTH,
    DIV_WELFARE,
    DIV_AGRICULTURE,
    DIV_STRATEGY,
    DIV_PERSONNEL,
    DIV_SUPPLY,
    DIV_MEDICAL,
    DIV_AUDIT,
    DIVS
};

static const struct div_tpl DIVISIONS[DIVS] = {
    [DIV_OFFICE] =
        {"01",
         DEMO_UNIT_OFFICE,
         "สำนักปลัด",
         "Office of the Permanent Secretary",
         DEMO_L_DIR_GENERAL,
         "ฝ่ายปกครอง",
         "Administration Section",
         {W("งานบริหารทั่วไป", "General Administration", A_ADMIN, G_ADMIN, E_MACHINE, C_DRIVER, C_LABOURER, 3),
          W("งานป้องกันและบรรเทาสาธารณภัย", "Disaster Prevention and Relief", A_DISASTER, G_DISASTER, E_MACHINE,
            C_FIREFIGHTER, C_GUARD, 4),
          W("งานการเจ้าหน้าที่", "Personnel", A_HR, G_ADMIN, E_JANITOR, C_ADMIN_ASSISTANT, C_WORKER, 1),
          W("งานนโยบายและแผน", "Policy and Planning", A_PLAN, G_ADMIN, E_JANITOR, C_ADMIN_ASSISTANT, C_WORKER,
            1),
          W("งานกฎหมายและคดี", "Legal Affairs", A_LEGAL, G_ADMIN, E_JANITOR, C_ADMIN_ASSISTANT, C_WORKER, 1),
          W("งานทะเบียนราษฎร", "Civil Registration", A_ADMIN, G_REGISTRY, E_JANITOR, C_ADMIN_ASSISTANT,
            C_WORKER, 1)}},
    [DIV_FINANCE] =
        {"02",
         DEMO_UNIT_DIVISION,
         "กองคลัง",
         "Finance Division",
         DEMO_L_DIR_FINANCE,
         "ฝ่ายพัฒนารายได้",
         "Revenue Section",
         {W("งานการเงิน", "Finance", A_FINANCE, G_FINANCE, E_JANITOR, C_FINANCE_ASSISTANT, C_WORKER, 1),
          W("งานพัฒนาและจัดเก็บรายได้", "Revenue Collection", A_REVENUE, G_REVENUE, E_PUMP, C_REVENUE_ASSISTANT,
            C_WORKER, 2),
          W("งานบัญชี", "Accounting", A_FINANCE, G_FINANCE, E_JANITOR, C_FINANCE_ASSISTANT, C_WORKER, 1),
          W("งานทะเบียนทรัพย์สินและพัสดุ", "Assets and Supplies", A_SUPPLY, G_SUPPLY, E_PUMP, C_SUPPLY_ASSISTANT,
            C_WORKER, 1)}},
    [DIV_WORKS] = {"03",
                   DEMO_UNIT_DIVISION,
                   "กองช่าง",
                   "Public Works Division",
                   DEMO_L_DIR_WORKS,
                   "ฝ่ายการโยธา",
                   "Civil Works Section",
                   {W("งานบริหารงานทั่วไป", "General Administration", A_ADMIN, G_ADMIN, E_MACHINE,
                      C_ADMIN_ASSISTANT, C_WORKER, 1),
                    W("งานก่อสร้าง", "Construction", A_CIVIL_ENGINEER, G_CIVIL_TECH, E_MACHINE,
                      C_CIVIL_ASSISTANT, C_WORKER, 6),
                    W("งานออกแบบและควบคุมอาคาร", "Building Design and Control", A_ARCHITECT, G_CIVIL_TECH,
                      E_PUMP, C_CIVIL_ASSISTANT, C_WORKER, 2),
                    W("งานไฟฟ้าสาธารณะ", "Public Lighting", A_CIVIL_ENGINEER, G_ELECTRICAL_TECH, E_PUMP,
                      C_ELECTRICAL_ASSISTANT, C_WORKER, 3)}},
    [DIV_EDUCATION] = {"04",
                       DEMO_UNIT_DIVISION,
                       "กองการศึกษา",
                       "Education Division",
                       DEMO_L_DIR_EDUCATION,
                       "ฝ่ายส่งเสริมการศึกษา ศาสนาและวัฒนธรรม",
                       "Education, Religion and Culture Section",
                       {W("งานบริหารการศึกษา", "Education Administration", A_EDUCATION, G_ADMIN, E_JANITOR,
                          C_ADMIN_ASSISTANT, C_LABOURER, 1),
                        W("งานส่งเสริมการศึกษา ศาสนาและวัฒนธรรม", "Education, Religion and Culture", A_EDUCATION,
                          G_LIBRARY, E_JANITOR, C_CHILDCARE_ASSISTANT, C_LABOURER, 3),
                        W("งานกีฬาและนันทนาการ", "Sports and Recreation", A_EDUCATION, G_ADMIN, E_PUMP,
                          C_ADMIN_ASSISTANT, C_WORKER, 1)}},
    [DIV_HEALTH] = {"05",
                    DEMO_UNIT_DIVISION,
                    "กองสาธารณสุขและสิ่งแวดล้อม",
                    "Public Health and Environment Division",
                    DEMO_L_DIR_HEALTH,
                    "ฝ่ายบริการสาธารณสุข",
                    "Public Health Services Section",
                    {W("งานบริหารทั่วไป", "General Administration", A_PUBLIC_HEALTH, G_ADMIN, E_MACHINE,
                       C_ADMIN_ASSISTANT, C_WORKER, 1),
                     W("งานรักษาความสะอาด", "Cleansing", A_SANITATION, G_HEALTH, E_MACHINE, C_DRIVER,
                       C_LABOURER, 8),
                     W("งานส่งเสริมสุขภาพ", "Health Promotion", A_PUBLIC_HEALTH, G_HEALTH, E_JANITOR,
                       C_ADMIN_ASSISTANT, C_WORKER, 1),
                     W("งานสิ่งแวดล้อม", "Environment", A_ENVIRONMENT, G_HEALTH, E_PUMP, C_ADMIN_ASSISTANT,
                       C_LABOURER, 3)}},
    [DIV_WELFARE] = {"06",
                     DEMO_UNIT_DIVISION,
                     "กองสวัสดิการสังคม",
                     "Social Welfare Division",
                     DEMO_L_DIR_WELFARE,
                     "ฝ่ายพัฒนาชุมชน",
                     "Community Development Section",
                     {W("งานสังคมสงเคราะห์", "Social Work", A_SOCIAL_WORK, G_COMMUNITY, E_JANITOR,
                        C_ADMIN_ASSISTANT, C_WORKER, 1),
                      W("งานพัฒนาชุมชน", "Community Development", A_COMMUNITY, G_COMMUNITY, E_JANITOR,
                        C_ADMIN_ASSISTANT, C_WORKER, 1)}},
    [DIV_AGRICULTURE] = {"07",
                         DEMO_UNIT_DIVISION,
                         "กองส่งเสริมการเกษตร",
                         "Agricultural Promotion Division",
                         DEMO_L_DIR_AGRICULTURE,
                         "ฝ่ายส่งเสริมการเกษตร",
                         "Agricultural Promotion Section",
                         {W("งานส่งเสริมการเกษตร", "Agricultural Promotion", A_AGRICULTURE, G_AGRICULTURE,
                            E_PUMP, C_ADMIN_ASSISTANT, C_WORKER, 1),
                          W("งานส่งเสริมปศุสัตว์", "Livestock Promotion", A_AGRICULTURE, G_AGRICULTURE, E_PUMP,
                            C_ADMIN_ASSISTANT, C_WORKER, 1)}},
    [DIV_STRATEGY] = {"08",
                      DEMO_UNIT_DIVISION,
                      "กองยุทธศาสตร์และงบประมาณ",
                      "Strategy and Budget Division",
                      DEMO_L_DIR_GENERAL,
                      "ฝ่ายวิชาการและแผนงาน",
                      "Planning Section",
                      {W("งานงบประมาณ", "Budget", A_PLAN, G_ADMIN, E_JANITOR, C_ADMIN_ASSISTANT, C_WORKER, 1),
                       W("งานวิเคราะห์นโยบายและแผน", "Policy and Plan Analysis", A_PLAN, G_ADMIN, E_JANITOR,
                         C_ADMIN_ASSISTANT, C_WORKER, 1),
                       W("งานประชาสัมพันธ์", "Public Relations", A_PR, G_ADMIN, E_JANITOR, C_ADMIN_ASSISTANT,
                         C_WORKER, 1),
                       W("งานเทคโนโลยีสารสนเทศ", "Information Technology", A_COMPUTER, G_ADMIN, E_JANITOR,
                         C_ADMIN_ASSISTANT, C_WORKER, 1)}},
    [DIV_PERSONNEL] = {"09",
                       DEMO_UNIT_DIVISION,
                       "กองการเจ้าหน้าที่",
                       "Personnel Division",
                       DEMO_L_DIR_GENERAL,
                       "ฝ่ายบริหารงานบุคคล",
                       "Personnel Administration Section",
                       {W("งานสรรหาและบรรจุแต่งตั้ง", "Recruitment and Appointment", A_HR, G_ADMIN, E_JANITOR,
                          C_ADMIN_ASSISTANT, C_WORKER, 1),
                        W("งานพัฒนาบุคลากร", "Staff Development", A_HR, G_ADMIN, E_JANITOR, C_ADMIN_ASSISTANT,
                          C_WORKER, 1),
                        W("งานวินัยและสวัสดิการ", "Discipline and Welfare", A_LEGAL, G_ADMIN, E_JANITOR,
                          C_ADMIN_ASSISTANT, C_WORKER, 1)}},
    [DIV_SUPPLY] = {"10",
                    DEMO_UNIT_DIVISION,
                    "กองพัสดุและทรัพย์สิน",
                    "Procurement and Assets Division",
                    DEMO_L_DIR_FINANCE,
                    "ฝ่ายทะเบียนทรัพย์สิน",
                    "Asset Register Section",
                    {W("งานจัดซื้อจัดจ้าง", "Procurement", A_SUPPLY, G_SUPPLY, E_PUMP, C_SUPPLY_ASSISTANT,
                       C_WORKER, 1),
                     W("งานทะเบียนทรัพย์สิน", "Asset Register", A_SUPPLY, G_SUPPLY, E_PUMP, C_ADMIN_ASSISTANT,
                       C_WORKER, 1)}},
    [DIV_MEDICAL] = {"11",
                     DEMO_UNIT_DIVISION,
                     "กองการแพทย์",
                     "Medical Services Division",
                     DEMO_L_DIR_HEALTH,
                     "ฝ่ายบริการการแพทย์",
                     "Medical Services Section",
                     {W("งานบริหารทั่วไป", "General Administration", A_PUBLIC_HEALTH, G_ADMIN, E_MACHINE,
                        C_ADMIN_ASSISTANT, C_LABOURER, 1),
                      W("งานศูนย์บริการสาธารณสุข", "Public Health Centres", A_NURSE, G_HEALTH, E_JANITOR,
                        C_ADMIN_ASSISTANT, C_LABOURER, 2),
                      W("งานการพยาบาล", "Nursing", A_NURSE, G_HEALTH, E_JANITOR, C_ADMIN_ASSISTANT,
                        C_LABOURER, 2)}},
    [DIV_AUDIT] = {"12",
                   DEMO_UNIT_UNIT,
                   "หน่วยตรวจสอบภายใน",
                   "Internal Audit Unit",
                   DEMO_LINES,
                   NULL,
                   NULL,
                   {W("งานตรวจสอบภายใน", "Internal Audit", A_AUDIT, G_FINANCE, E_JANITOR, C_ADMIN_ASSISTANT,
                      C_WORKER, 0)}},
};
#undef W

static size_t nworks(const struct div_tpl *d)
{
    size_t n = 0;
    while (n < sizeof d->works / sizeof d->works[0] && d->works[n].name_th)
        n++;
    return n;
}

static const char *const UNIT_KIND_CODES[] = {"office", "division", "section", "unit"};
static const char *const POST_STATUS_CODES[] = {"filled", "vacant", "frozen"};

const char *demo_unit_kind_code(enum demo_unit_kind k)
{
    return (unsigned)k < 4 ? UNIT_KIND_CODES[k] : "";
}

const char *demo_post_status_code(enum demo_post_status s)
{
    return (unsigned)s < 3 ? POST_STATUS_CODES[s] : "";
}

/*
 * Posts (employees and contract staff included, teachers apart) by type and size class before a
 * ±15% spread; calibrated so that the national plan gives about 480,000 people (tests/unit/demo).
 */
static const unsigned BASE_POSTS[DEMO_LAO_TYPES][DEMO_SIZES] = {
    [DEMO_PAO] = {840, 560, 560},  [DEMO_CITY] = {1350, 1350, 1350},
    [DEMO_TOWN] = {450, 310, 310}, [DEMO_SUBDISTRICT_MUNI] = {84, 84, 56},
    [DEMO_SAO] = {70, 48, 34},     [DEMO_PATTAYA] = {1750, 1750, 1750},
};

/* Teachers of a LAO that runs schools (or child development centres), before the spread. */
static const unsigned BASE_TEACHERS[DEMO_LAO_TYPES] = {
    [DEMO_PAO] = 90, [DEMO_CITY] = 160,    [DEMO_TOWN] = 60, [DEMO_SUBDISTRICT_MUNI] = 14,
    [DEMO_SAO] = 8,  [DEMO_PATTAYA] = 160,
};

/* Share of the posts (per mille) by kind of staff, for everyone but executives and directors. */
#define SHARE_CIVIL 400
#define SHARE_EMPLOYEE 120
#define SHARE_MISSION 280 /* the rest are general contract staff */

/* Divisions by type and size; optional ones are drawn with the rng. */
static bool has_division(const struct demo_lao *lao, int div, struct demo_rng *rng)
{
    bool big = lao->type == DEMO_PAO || lao->type == DEMO_CITY || lao->type == DEMO_TOWN ||
               lao->type == DEMO_PATTAYA;
    switch (div) {
    case DIV_OFFICE:
    case DIV_FINANCE:
    case DIV_WORKS:
    case DIV_EDUCATION:
    case DIV_AUDIT:
        return true;
    case DIV_HEALTH:
        return big || lao->size != DEMO_SMALL || lao->type == DEMO_SUBDISTRICT_MUNI ||
               demo_rng_permille(rng, 500);
    case DIV_WELFARE:
        return big || lao->size != DEMO_SMALL || demo_rng_permille(rng, 250);
    case DIV_AGRICULTURE:
        return lao->type == DEMO_SAO ? lao->size != DEMO_SMALL || demo_rng_permille(rng, 300)
                                     : demo_rng_permille(rng, big ? 150 : 250);
    case DIV_STRATEGY:
        return big || lao->size == DEMO_LARGE || (lao->size == DEMO_MEDIUM && demo_rng_permille(rng, 500));
    case DIV_PERSONNEL:
    case DIV_SUPPLY:
        return big && lao->type != DEMO_TOWN ? true : lao->type == DEMO_TOWN && lao->size == DEMO_LARGE;
    case DIV_MEDICAL:
        return lao->type == DEMO_CITY || lao->type == DEMO_PATTAYA;
    default:
        return false;
    }
}

struct builder {
    struct arena *a;
    struct demo_rng *rng;
    struct demo_org *org;
    size_t cap_units, cap_posts;
    unsigned seq; /* position numbers */
};

static int add_unit(struct builder *b, int parent, const char *code, enum demo_unit_kind kind, const char *th,
                    const char *en, int sort)
{
    struct demo_org *o = b->org;
    if (o->nunits == b->cap_units) {
        size_t ncap = b->cap_units ? b->cap_units * 2 : 32;
        struct demo_unit *u = arena_alloc(b->a, ncap * sizeof *u);
        if (o->nunits)
            memcpy(u, o->units, o->nunits * sizeof *u);
        o->units = u;
        b->cap_units = ncap;
    }
    o->units[o->nunits] = (struct demo_unit){parent, code, kind, th, en, sort};
    return (int)o->nunits++;
}

static void add_post(struct builder *b, int unit, enum demo_line line, enum demo_level lo, enum demo_level hi)
{
    struct demo_org *o = b->org;
    if (o->nposts == b->cap_posts) {
        size_t ncap = b->cap_posts ? b->cap_posts * 2 : 64;
        struct demo_post *p = arena_alloc(b->a, ncap * sizeof *p);
        if (o->nposts)
            memcpy(p, o->posts, o->nposts * sizeof *p);
        o->posts = p;
        b->cap_posts = ncap;
    }
    /* Executives are rarely left vacant; director posts more often wait for a central exam list. */
    enum demo_ptype t = demo_line_info(line)->type;
    int vacant = t == DEMO_PT_EXECUTIVE ? 40 : t == DEMO_PT_DIRECTOR ? 130 : 95;
    uint64_t x = demo_rng_below(b->rng, 1000);
    enum demo_post_status st = x < 15                       ? DEMO_POST_FROZEN
                               : x < 15u + (unsigned)vacant ? DEMO_POST_VACANT
                                                            : DEMO_POST_FILLED;
    b->seq++;
    o->posts[o->nposts++] = (struct demo_post){
        unit, arena_printf(b->a, "%s-%04u", o->units[unit].code, b->seq), line, lo, hi, st,
    };
}

/* n drawn from base with a spread of ±15%, at least 1 when base > 0. */
static unsigned spread(struct demo_rng *rng, unsigned base)
{
    if (base == 0)
        return 0;
    int64_t v = (int64_t)base * demo_rng_range(rng, 850, 1150) / 1000;
    return v < 1 ? 1u : (unsigned)v;
}

void demo_org_build(const struct demo_lao *lao, struct demo_rng *rng, struct arena *arena,
                    struct demo_org *org)
{
    memset(org, 0, sizeof *org);
    struct builder b = {arena, rng, org, 0, 0, 0};
    bool big = lao->type == DEMO_PAO || lao->type == DEMO_CITY || lao->type == DEMO_PATTAYA ||
               (lao->type == DEMO_TOWN && lao->size == DEMO_LARGE);
    size_t works_per_div = big ? 6 : lao->size == DEMO_SMALL ? 2 : 4;

    /* Level ranges for the heads, by weight of the LAO. */
    enum demo_level exec_lo, exec_hi, deputy_lo, deputy_hi, dir_lo, dir_hi;
    if (big || lao->size == DEMO_LARGE) {
        exec_lo = DEMO_LV_EXECUTIVE_MID, exec_hi = DEMO_LV_EXECUTIVE_HIGH;
        deputy_lo = DEMO_LV_EXECUTIVE_LOW, deputy_hi = DEMO_LV_EXECUTIVE_MID;
        dir_lo = DEMO_LV_DIRECTOR_MID, dir_hi = DEMO_LV_DIRECTOR_HIGH;
    } else if (lao->size == DEMO_MEDIUM) {
        exec_lo = DEMO_LV_EXECUTIVE_LOW, exec_hi = DEMO_LV_EXECUTIVE_MID;
        deputy_lo = deputy_hi = DEMO_LV_EXECUTIVE_LOW;
        dir_lo = DEMO_LV_DIRECTOR_LOW, dir_hi = DEMO_LV_DIRECTOR_MID;
    } else {
        exec_lo = exec_hi = DEMO_LV_EXECUTIVE_LOW;
        deputy_lo = deputy_hi = DEMO_LV_EXECUTIVE_LOW;
        dir_lo = dir_hi = DEMO_LV_DIRECTOR_LOW;
    }
    unsigned deputies = lao->type == DEMO_CITY || lao->type == DEMO_PATTAYA || lao->type == DEMO_PAO ? 3
                        : lao->type == DEMO_TOWN                                                     ? 2
                        : lao->size == DEMO_SMALL                                                    ? 0
                                                                                                     : 1;

    /* Units: divisions, then ฝ่าย (big LAOs) and งาน. work_unit[d][w] is where the posts of a work go. */
    int work_unit[DIVS][6];
    bool present[DIVS];
    int div_unit[DIVS];
    for (int d = 0; d < DIVS; d++) {
        present[d] = has_division(lao, d, rng);
        div_unit[d] = -1;
        if (!present[d])
            continue;
        const struct div_tpl *t = &DIVISIONS[d];
        div_unit[d] = add_unit(&b, -1, t->code, t->kind, t->name_th, t->name_en, d + 1);
        size_t nw = nworks(t);
        if (nw > works_per_div)
            nw = works_per_div;
        int sections[2] = {div_unit[d], div_unit[d]};
        if (big && nw > 1 && t->section_th) {
            sections[0] = add_unit(&b, div_unit[d], arena_printf(arena, "%s1", t->code), DEMO_UNIT_SECTION,
                                   "ฝ่ายบริหารงานทั่วไป", "General Administration Section", 1);
            sections[1] = add_unit(&b, div_unit[d], arena_printf(arena, "%s2", t->code), DEMO_UNIT_SECTION,
                                   t->section_th, t->section_en, 2);
        }
        for (size_t w = 0; w < 6; w++)
            work_unit[d][w] = -1;
        for (size_t w = 0; w < nw; w++) {
            int parent = sections[w == 0 ? 0 : 1];
            const char *pcode = org->units[parent].code;
            work_unit[d][w] = add_unit(&b, parent, arena_printf(arena, "%s%02zu", pcode, w + 1),
                                       DEMO_UNIT_UNIT, t->works[w].name_th, t->works[w].name_en, (int)w + 1);
        }
    }

    /* Executive and director posts. */
    add_post(&b, div_unit[DIV_OFFICE], DEMO_L_LOCAL_EXECUTIVE, exec_lo, exec_hi);
    for (unsigned i = 0; i < deputies; i++)
        add_post(&b, div_unit[DIV_OFFICE], DEMO_L_LOCAL_EXECUTIVE, deputy_lo, deputy_hi);
    for (int d = 0; d < DIVS; d++) {
        if (!present[d] || DIVISIONS[d].director == DEMO_LINES)
            continue;
        add_post(&b, div_unit[d], DIVISIONS[d].director, dir_lo, dir_hi);
        if (big) /* หัวหน้าฝ่าย: director posts of the lowest level heading each ฝ่าย */
            for (size_t u = 0; u < org->nunits; u++)
                if (org->units[u].kind == DEMO_UNIT_SECTION && org->units[u].parent == div_unit[d])
                    add_post(&b, (int)u, DIVISIONS[d].director, DEMO_LV_DIRECTOR_LOW, DEMO_LV_DIRECTOR_LOW);
    }

    /* The budget of the other posts. */
    unsigned total = spread(rng, BASE_POSTS[lao->type][lao->size]);
    unsigned heads = (unsigned)org->nposts;
    unsigned civil = total * SHARE_CIVIL / 1000;
    civil = civil > heads ? civil - heads : 0;
    unsigned employees = total * SHARE_EMPLOYEE / 1000;
    unsigned mission = total * SHARE_MISSION / 1000;
    unsigned labour =
        total > heads + civil + employees + mission ? total - heads - civil - employees - mission : 0;

    /* Civil servants: round robin over the works, academic then general line. */
    size_t slots = 0;
    struct {
        int unit;
        const struct work_tpl *w;
    } all[DIVS * 6];
    for (int d = 0; d < DIVS; d++)
        for (size_t w = 0; w < 6; w++)
            if (present[d] && work_unit[d][w] >= 0) {
                all[slots].unit = work_unit[d][w];
                all[slots].w = &DIVISIONS[d].works[w];
                slots++;
            }
    for (unsigned i = 0; i < civil && slots; i++) {
        size_t k = i % slots;
        bool academic = (i / slots) % 2 == 0;
        if (academic) {
            /* In big LAOs the first academic post of a work may reach ชำนาญการพิเศษ. */
            bool senior = big && i < slots;
            add_post(&b, all[k].unit, all[k].w->academic,
                     senior ? DEMO_LV_ACADEMIC_PROFESSIONAL : DEMO_LV_ACADEMIC_PRACTITIONER,
                     senior ? DEMO_LV_ACADEMIC_SENIOR : DEMO_LV_ACADEMIC_PROFESSIONAL);
        } else {
            bool senior = demo_rng_permille(rng, 200);
            add_post(&b, all[k].unit, all[k].w->general,
                     senior ? DEMO_LV_GENERAL_EXPERIENCED : DEMO_LV_GENERAL_OPERATIONAL,
                     senior ? DEMO_LV_GENERAL_SENIOR : DEMO_LV_GENERAL_EXPERIENCED);
        }
    }

    /* Employees and contract staff, spread over the works by their manual weight. */
    unsigned weights[DIVS * 6];
    for (size_t k = 0; k < slots; k++)
        weights[k] = all[k].w->manual;
    for (unsigned i = 0; i < employees + mission + labour && slots; i++) {
        size_t k = demo_rng_weighted(rng, weights, slots);
        enum demo_line line = i < employees             ? all[k].w->employee
                              : i < employees + mission ? all[k].w->mission
                                                        : all[k].w->labour;
        enum demo_level lv = i < employees ? DEMO_LV_EMPLOYEE : DEMO_LV_CONTRACT;
        add_post(&b, all[k].unit, line, lv, lv);
    }

    /* Teachers: child development centres everywhere that has them, schools in the bigger LAOs. */
    if (lao->schools) {
        unsigned teachers = spread(rng, BASE_TEACHERS[lao->type]);
        bool schools = lao->type == DEMO_PAO || lao->type == DEMO_CITY || lao->type == DEMO_TOWN ||
                       lao->type == DEMO_PATTAYA;
        unsigned childcare = schools ? teachers * 15 / 100 : teachers;
        int edu = div_unit[DIV_EDUCATION];
        int centre =
            add_unit(&b, edu, "04C", DEMO_UNIT_UNIT, "ศูนย์พัฒนาเด็กเล็ก", "Child Development Centre", 90);
        for (unsigned i = 0; i < childcare; i++)
            add_post(&b, centre, DEMO_L_T_CHILDCARE, DEMO_LV_TEACHER_ASSISTANT, DEMO_LV_TEACHER_K2);
        unsigned in_schools = teachers - childcare;
        unsigned nschools = (in_schools + 29) / 30;
        for (unsigned s = 0; s < nschools; s++) {
            int unit = add_unit(&b, edu, arena_printf(arena, "04S%02u", s + 1), DEMO_UNIT_UNIT,
                                arena_printf(arena, "โรงเรียนในสังกัด แห่งที่ %u", s + 1),
                                arena_printf(arena, "School no. %u", s + 1), 91 + (int)s);
            unsigned here = in_schools / nschools + (s < in_schools % nschools ? 1 : 0);
            for (unsigned i = 0; i < here; i++)
                add_post(&b, unit, DEMO_L_T_TEACHER, DEMO_LV_TEACHER_ASSISTANT, DEMO_LV_TEACHER_K3);
        }
    }
}
