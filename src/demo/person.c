/*
 * Demo people and careers (see person.h).
 */
#include "demo/person.h"

#include <string.h>

#include "thai/natid.h"
#include "thai/thaidate.h"

static const char *const APPT_KIND_CODES[] = {"first", "promotion", "transfer", "reclassification"};
static const char *const SALARY_KIND_CODES[] = {"start", "raise", "promotion", "adjustment"};

const char *demo_appt_kind_code(enum demo_appt_kind k)
{
    return (unsigned)k < 4 ? APPT_KIND_CODES[k] : "";
}

const char *demo_salary_kind_code(enum demo_salary_kind k)
{
    return (unsigned)k < 4 ? SALARY_KIND_CODES[k] : "";
}

void demo_national_id(const struct demo_lao *lao, unsigned serial, int birth_year, char out[14])
{
    /* A bijection of 0..99999 so that neighbours in a LAO do not get neighbouring numbers. */
    unsigned scrambled = (unsigned)(((uint64_t)serial * 7919u + 4099u * lao->ordinal) % 100000u);
    char first12[13];
    first12[0] = birth_year >= 1984 ? '1' : '3';
    memcpy(first12 + 1, lao->district_code, 4);
    first12[5] = (char)('0' + lao->ordinal / 10 % 10);
    first12[6] = (char)('0' + lao->ordinal % 10);
    for (int i = 11; i >= 7; i--) {
        first12[i] = (char)('0' + scrambled % 10);
        scrambled /= 10;
    }
    first12[12] = '\0';
    memcpy(out, first12, 12);
    out[12] = (char)('0' + natid_check_digit(first12));
    out[13] = '\0';
}

/* ---- age ---- */

enum profile { PR_CIVIL, PR_HEAD, PR_TEACHER, PR_EMPLOYEE, PR_MISSION, PR_LABOUR, PROFILES };

/* Age bands (first age of each) and their weights by profile: an ageing workforce (many 45-59),
 * permanent employees older still, contract staff younger. */
static const int BAND_START[] = {18, 22, 25, 30, 35, 40, 45, 50, 55, 60};
#define NBANDS 9
static const unsigned AGE_WEIGHTS[PROFILES][NBANDS] = {
    [PR_CIVIL] = {0, 2, 7, 11, 13, 15, 17, 18, 17},    [PR_HEAD] = {0, 0, 0, 0, 4, 12, 22, 30, 32},
    [PR_TEACHER] = {0, 3, 10, 13, 13, 14, 16, 16, 15}, [PR_EMPLOYEE] = {0, 0, 0, 1, 3, 10, 22, 32, 32},
    [PR_MISSION] = {1, 5, 13, 16, 16, 15, 13, 11, 10}, [PR_LABOUR] = {6, 6, 10, 12, 14, 15, 14, 12, 11},
};

static enum profile profile_of(const struct demo_line_info *li)
{
    switch (li->category) {
    case DEMO_CAT_TEACHER:
        return PR_TEACHER;
    case DEMO_CAT_PERMANENT_EMPLOYEE:
        return PR_EMPLOYEE;
    case DEMO_CAT_MISSION_CONTRACT:
        return PR_MISSION;
    case DEMO_CAT_GENERAL_CONTRACT:
        return PR_LABOUR;
    default:
        return li->type == DEMO_PT_EXECUTIVE || li->type == DEMO_PT_DIRECTOR ? PR_HEAD : PR_CIVIL;
    }
}

/* A birth date giving an age drawn from the profile, never past retirement on today. */
static struct date draw_birth(const struct demo_person_ctx *ctx, struct demo_rng *rng, enum profile pr)
{
    size_t band = demo_rng_weighted(rng, AGE_WEIGHTS[pr], NBANDS);
    int age = (int)demo_rng_range(rng, BAND_START[band], BAND_START[band + 1] - 1);
    int64_t days = (int64_t)age * 365 + age / 4 + demo_rng_range(rng, 1, 365);
    struct date birth = date_add_days(ctx->today, -days);
    /* Those who would have left already are a year younger. */
    while (date_cmp(thai_retirement_date(birth, ctx->retirement_age), ctx->today) < 0)
        birth = date_add_days(birth, 366);
    return birth;
}

/* ---- education ---- */

static const int SCHOOL_LEAVING_AGE[DEMO_EDUCATIONS] = {18, 18, 19, 20, 22, 24, 28};

static enum demo_education draw_education(struct demo_rng *rng, const struct demo_line_info *li)
{
    enum demo_education e = li->education;
    unsigned x = (unsigned)demo_rng_below(rng, 1000);
    switch (li->type) {
    case DEMO_PT_EXECUTIVE:
        return x < 40 ? DEMO_EDU_DOCTORATE : x < 600 ? DEMO_EDU_MASTER : DEMO_EDU_BACHELOR;
    case DEMO_PT_DIRECTOR:
        return x < 20 ? DEMO_EDU_DOCTORATE : x < 470 ? DEMO_EDU_MASTER : DEMO_EDU_BACHELOR;
    case DEMO_PT_ACADEMIC:
    case DEMO_PT_TEACHER:
        return x < 5 ? DEMO_EDU_DOCTORATE : x < 200 ? DEMO_EDU_MASTER : DEMO_EDU_BACHELOR;
    case DEMO_PT_GENERAL:
        return x < 350 ? DEMO_EDU_BACHELOR : e;
    case DEMO_PT_EMPLOYEE:
        return x < 500 ? DEMO_EDU_SECONDARY : DEMO_EDU_BELOW_SECONDARY;
    default:
        if (li->category == DEMO_CAT_MISSION_CONTRACT)
            return x < 200 ? DEMO_EDU_BACHELOR : x < 500 ? DEMO_EDU_DIPLOMA : e;
        return x < 400 ? DEMO_EDU_SECONDARY : DEMO_EDU_BELOW_SECONDARY;
    }
}

/* Per mille of women among the holders of a line. */
static unsigned female_permille(enum demo_line l)
{
    switch (l) {
    case DEMO_L_A_FINANCE:
    case DEMO_L_G_FINANCE:
    case DEMO_L_A_NURSE:
    case DEMO_L_T_CHILDCARE:
    case DEMO_L_C_CHILDCARE_ASSISTANT:
    case DEMO_L_C_FINANCE_ASSISTANT:
    case DEMO_L_C_REVENUE_ASSISTANT:
    case DEMO_L_A_REVENUE:
    case DEMO_L_G_REVENUE:
        return 850;
    case DEMO_L_G_ADMIN:
    case DEMO_L_C_ADMIN_ASSISTANT:
    case DEMO_L_T_TEACHER:
    case DEMO_L_A_HR:
    case DEMO_L_A_SUPPLY:
    case DEMO_L_G_SUPPLY:
    case DEMO_L_C_SUPPLY_ASSISTANT:
    case DEMO_L_C_TEACHING_ASSISTANT:
    case DEMO_L_A_COMMUNITY:
    case DEMO_L_A_SOCIAL_WORK:
    case DEMO_L_G_COMMUNITY:
    case DEMO_L_G_LIBRARY:
        return 700;
    case DEMO_L_A_CIVIL_ENGINEER:
    case DEMO_L_G_CIVIL_TECH:
    case DEMO_L_G_ELECTRICAL_TECH:
    case DEMO_L_C_CIVIL_ASSISTANT:
    case DEMO_L_A_DISASTER:
    case DEMO_L_G_DISASTER:
    case DEMO_L_C_DISASTER:
    case DEMO_L_E_MACHINE:
    case DEMO_L_C_DRIVER:
    case DEMO_L_C_GUARD:
    case DEMO_L_C_FIREFIGHTER:
    case DEMO_L_C_ELECTRICAL_ASSISTANT:
        return 80;
    case DEMO_L_LOCAL_EXECUTIVE:
    case DEMO_L_DIR_WORKS:
        return 300;
    default:
        return 520;
    }
}

/* ---- ladders ---- */

#define MAX_STEPS 6
/* Permanent employees (ลูกจ้างประจำ) are being phased out: the demo hires none after this day. */
#define EMPLOYEE_LAST_HIRE ((struct date){2008, 12, 31})

struct ladder {
    enum demo_level level[MAX_STEPS];
    enum demo_line line[MAX_STEPS];
    int min_years[MAX_STEPS]; /* minimum years in step i before the next */
    int n;
};

/* The academic line a director of this line usually comes from. */
static enum demo_line feeder_line(enum demo_line dir)
{
    switch (dir) {
    case DEMO_L_DIR_FINANCE:
        return DEMO_L_A_FINANCE;
    case DEMO_L_DIR_WORKS:
        return DEMO_L_A_CIVIL_ENGINEER;
    case DEMO_L_DIR_EDUCATION:
        return DEMO_L_A_EDUCATION;
    case DEMO_L_DIR_HEALTH:
        return DEMO_L_A_PUBLIC_HEALTH;
    case DEMO_L_DIR_WELFARE:
        return DEMO_L_A_COMMUNITY;
    case DEMO_L_DIR_AGRICULTURE:
        return DEMO_L_A_AGRICULTURE;
    default:
        return DEMO_L_A_ADMIN;
    }
}

static void ladder_push(struct ladder *l, enum demo_level lv, enum demo_line line, int years)
{
    if (l->n < MAX_STEPS) {
        l->level[l->n] = lv;
        l->line[l->n] = line;
        l->min_years[l->n] = years;
        l->n++;
    }
}

/* The whole ladder a holder of line climbs, lowest step first (domain notes §9 for the years). */
static void ladder_for(enum demo_line line, enum demo_education edu, struct ladder *l)
{
    memset(l, 0, sizeof *l);
    int prac = edu >= DEMO_EDU_DOCTORATE ? 2 : edu == DEMO_EDU_MASTER ? 4 : 6;
    const struct demo_line_info *li = demo_line_info(line);
    switch (li->type) {
    case DEMO_PT_EXECUTIVE:
        ladder_push(l, DEMO_LV_ACADEMIC_PRACTITIONER, DEMO_L_A_ADMIN, prac);
        ladder_push(l, DEMO_LV_ACADEMIC_PROFESSIONAL, DEMO_L_A_ADMIN, 4);
        ladder_push(l, DEMO_LV_DIRECTOR_LOW, DEMO_L_DIR_GENERAL, 3);
        ladder_push(l, DEMO_LV_EXECUTIVE_LOW, line, 3);
        ladder_push(l, DEMO_LV_EXECUTIVE_MID, line, 3);
        ladder_push(l, DEMO_LV_EXECUTIVE_HIGH, line, 0);
        break;
    case DEMO_PT_DIRECTOR:
        ladder_push(l, DEMO_LV_ACADEMIC_PRACTITIONER, feeder_line(line), prac);
        ladder_push(l, DEMO_LV_ACADEMIC_PROFESSIONAL, feeder_line(line), 4);
        ladder_push(l, DEMO_LV_DIRECTOR_LOW, line, 3);
        ladder_push(l, DEMO_LV_DIRECTOR_MID, line, 3);
        ladder_push(l, DEMO_LV_DIRECTOR_HIGH, line, 0);
        break;
    case DEMO_PT_ACADEMIC:
        ladder_push(l, DEMO_LV_ACADEMIC_PRACTITIONER, line, prac);
        ladder_push(l, DEMO_LV_ACADEMIC_PROFESSIONAL, line, 4);
        ladder_push(l, DEMO_LV_ACADEMIC_SENIOR, line, 4);
        ladder_push(l, DEMO_LV_ACADEMIC_EXPERT, line, 0);
        break;
    case DEMO_PT_GENERAL:
        ladder_push(l, DEMO_LV_GENERAL_OPERATIONAL, line, 6);
        ladder_push(l, DEMO_LV_GENERAL_EXPERIENCED, line, 6);
        ladder_push(l, DEMO_LV_GENERAL_SENIOR, line, 0);
        break;
    case DEMO_PT_TEACHER:
        /* ครูผู้ช่วย for two years, then คศ.๑; คศ.๒ and up by assessment [I]. */
        ladder_push(l, DEMO_LV_TEACHER_ASSISTANT, line, 2);
        ladder_push(l, DEMO_LV_TEACHER_K1, line, 6);
        ladder_push(l, DEMO_LV_TEACHER_K2, line, 6);
        ladder_push(l, DEMO_LV_TEACHER_K3, line, 6);
        ladder_push(l, DEMO_LV_TEACHER_K4, line, 0);
        break;
    case DEMO_PT_EMPLOYEE:
        ladder_push(l, DEMO_LV_EMPLOYEE, line, 0);
        break;
    default:
        ladder_push(l, DEMO_LV_CONTRACT, line, 0);
        break;
    }
}

static int ladder_index(const struct ladder *l, enum demo_level lv)
{
    for (int i = 0; i < l->n; i++)
        if (l->level[i] == lv)
            return i;
    return 0;
}

/* The C-grades (1..11) that correspond to a broadband level, for history before 1 April 2015. */
static void cgrades_of(enum demo_level lv, enum demo_education edu, int *lo, int *hi)
{
    switch (lv) {
    case DEMO_LV_ACADEMIC_PRACTITIONER:
        *lo = edu >= DEMO_EDU_MASTER ? 4 : 3, *hi = 5;
        break;
    case DEMO_LV_ACADEMIC_PROFESSIONAL:
        *lo = 6, *hi = 7;
        break;
    case DEMO_LV_ACADEMIC_SENIOR:
        *lo = *hi = 8;
        break;
    case DEMO_LV_ACADEMIC_EXPERT:
        *lo = *hi = 9;
        break;
    case DEMO_LV_GENERAL_OPERATIONAL:
        *lo = edu >= DEMO_EDU_VOCATIONAL ? 2 : 1, *hi = 4;
        break;
    case DEMO_LV_GENERAL_EXPERIENCED:
        *lo = 5, *hi = 6;
        break;
    case DEMO_LV_GENERAL_SENIOR:
        *lo = 7, *hi = 8;
        break;
    case DEMO_LV_DIRECTOR_LOW:
        *lo = 7, *hi = 8;
        break;
    case DEMO_LV_DIRECTOR_MID:
    case DEMO_LV_EXECUTIVE_LOW:
        *lo = *hi = 8;
        break;
    case DEMO_LV_DIRECTOR_HIGH:
        *lo = *hi = 9;
        break;
    case DEMO_LV_EXECUTIVE_MID:
        *lo = 8, *hi = 9;
        break;
    case DEMO_LV_EXECUTIVE_HIGH:
        *lo = 9, *hi = 10;
        break;
    default:
        *lo = *hi = 0; /* teachers, employees, contract staff kept their own levels */
        break;
    }
}

/* ---- dates ---- */

static struct date add_years(struct date d, int years)
{
    struct date r = {d.y + years, d.m, d.d};
    if (r.m == 2 && r.d == 29 && !date_is_leap(r.y))
        r.d = 28;
    return r;
}

static struct date first_of_month(struct date d)
{
    return (struct date){d.y, d.m, 1};
}

static struct date min_date(struct date a, struct date b)
{
    return date_cmp(a, b) <= 0 ? a : b;
}

static struct date max_date(struct date a, struct date b)
{
    return date_cmp(a, b) >= 0 ? a : b;
}

static struct date draw_between(struct demo_rng *rng, struct date lo, struct date hi)
{
    if (date_cmp(hi, lo) <= 0)
        return lo;
    return date_add_days(lo, demo_rng_range(rng, 0, date_to_days(hi) - date_to_days(lo)));
}

/* ---- money ---- */

#define BAHT(x) ((int64_t)(x)*100)

static int64_t round_up_10_baht(int64_t satang)
{
    return (satang + 999) / 1000 * 1000;
}

static int64_t clamp_range(int64_t v, struct demo_range r)
{
    return v < r.min ? r.min : v > r.max ? r.max : v;
}

/* Starting pay (satang) for the entry level of a line in a year: 2015 figures by qualification
 * (domain notes §3 for academic lines), about 3.5% a year lower for each year before. */
static int64_t starting_pay(const struct demo_line_info *li, enum demo_education edu, int year)
{
    int64_t pay;
    if (li->type == DEMO_PT_EMPLOYEE || li->category == DEMO_CAT_GENERAL_CONTRACT)
        pay = BAHT(9000);
    else if (edu >= DEMO_EDU_DOCTORATE)
        pay = BAHT(21400);
    else if (edu == DEMO_EDU_MASTER)
        pay = BAHT(17570);
    else if (edu == DEMO_EDU_BACHELOR)
        pay = BAHT(15060);
    else if (edu == DEMO_EDU_DIPLOMA)
        pay = BAHT(11500);
    else if (edu == DEMO_EDU_VOCATIONAL)
        pay = BAHT(9400);
    else
        pay = BAHT(8200);
    for (int y = year; y < 2015; y++)
        pay = pay * 965 / 1000;
    return pay / 1000 * 1000;
}

/* ---- careers ---- */

/* A change of line or level on a date, before salaries are worked out. */
struct change {
    struct date date;
    enum demo_appt_kind kind;
    enum demo_line line;
    enum demo_level level;
};

struct builder {
    const struct demo_person_ctx *ctx;
    struct demo_rng *rng;
    struct demo_career *c;
    const struct demo_line_info *li;
    enum demo_education edu;
    bool transferred;
    struct date transfer;
    struct change changes[DEMO_MAX_APPOINTMENTS];
    int nchanges;
};

static void change_push(struct builder *b, struct date d, enum demo_appt_kind k, enum demo_line line,
                        enum demo_level lv)
{
    if (b->nchanges < DEMO_MAX_APPOINTMENTS)
        b->changes[b->nchanges++] = (struct change){d, k, line, lv};
}

static enum demo_where where_on(const struct builder *b, struct date d)
{
    return b->transferred && date_cmp(d, b->transfer) < 0 ? DEMO_BEFORE : DEMO_HERE;
}

/*
 * The changes of a career along a ladder: first appointment and promotions up to the step `target`;
 * for civil servants (cgrades) also C-grade promotions before 1 April 2015 and the reclassification on
 * that day. promo[i] is the day step i begins (promo[0] the start).
 */
static void ladder_changes(struct builder *b, const struct ladder *lad, int target, const struct date *promo,
                           bool cgrades)
{
    struct date reclass = DEMO_RECLASS_DATE;
    int c = 0; /* current C-grade while before the reclassification */
    bool reclassified = !cgrades || date_cmp(promo[0], reclass) >= 0;
    for (int i = 0; i <= target; i++) {
        struct date from = promo[i];
        struct date until = i < target ? promo[i + 1] : b->ctx->today;
        if (!reclassified && date_cmp(from, reclass) >= 0) {
            /* The reclassification happened while in the previous step (or on this promotion's day,
             * when the promotion itself is to the broadband level). */
            if (date_cmp(from, reclass) > 0)
                change_push(b, reclass, DEMO_APPT_RECLASS, lad->line[i - 1], lad->level[i - 1]);
            reclassified = true;
        }
        enum demo_appt_kind kind = i == 0 ? DEMO_APPT_FIRST : DEMO_APPT_PROMOTION;
        if (reclassified) {
            change_push(b, from, kind, lad->line[i], lad->level[i]);
            continue;
        }
        int lo, hi;
        cgrades_of(lad->level[i], b->edu, &lo, &hi);
        int next = c ? c + 1 : lo;
        if (next < lo)
            next = lo;
        if (next > hi)
            next = hi > c ? hi : c;
        c = next;
        change_push(b, from, kind, lad->line[i], DEMO_LV_C1 + c - 1);
        /* C-grade promotions within the step every 3 to 5 years, while still before 2015. */
        struct date d = from;
        for (;;) {
            d = first_of_month(add_years(d, (int)demo_rng_range(b->rng, 3, 5)));
            if (c >= hi || date_cmp(d, min_date(until, reclass)) >= 0)
                break;
            c++;
            change_push(b, d, DEMO_APPT_PROMOTION, lad->line[i], DEMO_LV_C1 + c - 1);
        }
        if (date_cmp(until, reclass) > 0 && date_cmp(reclass, from) > 0 &&
            (i == target || date_cmp(promo[i + 1], reclass) > 0)) {
            change_push(b, reclass, DEMO_APPT_RECLASS, lad->line[i], lad->level[i]);
            reclassified = true;
        }
    }
}

/*
 * The first raise round after d: 1 October each year under the step regime, then 1 April and
 * 1 October under the percentage regime (from 10 January 2026, so the first such round is 1 April
 * 2026).
 */
static struct date next_raise_date(struct date d)
{
    struct date percent_from = DEMO_PERCENT_REGIME_DATE;
    struct date april = {d.y, 4, 1}, october = {d.y, 10, 1};
    if (date_cmp(april, d) > 0 && date_cmp(april, percent_from) >= 0)
        return april;
    if (date_cmp(october, d) > 0)
        return october;
    april.y++;
    return date_cmp(april, percent_from) >= 0 ? april : (struct date){d.y + 1, 10, 1};
}

/* Salary rows and appointment salaries from the changes, raise by raise up to today. */
static void work_out_salaries(struct builder *b)
{
    const struct demo_catalog *cat = b->ctx->catalog;
    struct demo_career *c = b->c;
    struct date today = b->ctx->today;
    struct date percent_from = DEMO_PERCENT_REGIME_DATE;
    bool contract = b->li->type == DEMO_PT_CONTRACT;
    bool teacher = b->li->type == DEMO_PT_TEACHER;
    int64_t salary = 0;
    enum demo_level level = b->changes[0].level;
    struct date start = b->changes[0].date;
    int k = 0;
    struct date raise = contract ? add_years(start, 4) : next_raise_date(start);
    for (;;) {
        bool have_change = k < b->nchanges;
        bool have_raise = date_cmp(raise, today) <= 0;
        if (!have_change && !have_raise)
            break;
        if (have_raise && (!have_change || date_cmp(raise, b->changes[k].date) < 0)) {
            struct demo_range r = cat->range[level];
            if (salary < r.max && c->nsalaries < DEMO_MAX_SALARIES) {
                struct demo_salary_row row = {where_on(b, raise), raise, 0, DEMO_SAL_RAISE, 0, 0};
                int64_t amount;
                if (contract || teacher || date_cmp(raise, percent_from) >= 0) {
                    int pct_x10 = (int)demo_rng_range(b->rng, 4, 10) * 5; /* 2.0% .. 5.0% */
                    int64_t base = salary;
                    if (!contract && !teacher) {
                        int64_t mid = (r.min + r.max) / 2;
                        base = salary < mid ? (r.min + mid) / 2 : (mid + r.max) / 2;
                    }
                    amount = round_up_10_baht(base * pct_x10 / 1000);
                    row.percent_x10 = pct_x10;
                } else {
                    static const unsigned w[4] = {50, 600, 300, 50};
                    int half_steps = (int)demo_rng_weighted(b->rng, w, 4) + 1;
                    amount = round_up_10_baht(salary * 14 * half_steps / 1000); /* a step is about 2.8% */
                    row.steps_x2 = half_steps;
                }
                salary = salary + amount > r.max ? r.max : salary + amount;
                row.salary = salary;
                c->salaries[c->nsalaries++] = row;
            }
            raise = contract ? add_years(raise, 4) : next_raise_date(raise);
            continue;
        }
        const struct change *ch = &b->changes[k++];
        struct demo_range r = cat->range[ch->level];
        enum demo_salary_kind sk = DEMO_SAL_PROMOTION;
        bool row = true;
        if (ch->kind == DEMO_APPT_FIRST) {
            salary = clamp_range(starting_pay(b->li, b->edu, ch->date.y), r);
            sk = DEMO_SAL_START;
        } else if (ch->kind == DEMO_APPT_RECLASS) {
            int64_t s = clamp_range(salary, r);
            row = s != salary;
            salary = s;
            sk = DEMO_SAL_ADJUSTMENT;
        } else if (ch->kind == DEMO_APPT_TRANSFER) {
            row = false;
        } else {
            salary = clamp_range(salary, r);
        }
        level = ch->level;
        if (row && c->nsalaries < DEMO_MAX_SALARIES)
            c->salaries[c->nsalaries++] =
                (struct demo_salary_row){where_on(b, ch->date), ch->date, salary, sk, 0, 0};
        struct demo_appointment *a = &c->appointments[c->nappointments++];
        a->where = where_on(b, ch->date);
        a->employment = a->where == DEMO_BEFORE || c->nemployments == 1 ? 0 : 1;
        a->line = ch->line;
        a->level = ch->level;
        a->salary = salary;
        a->from = ch->date;
        a->open = true;
        a->kind = ch->kind;
        if (c->nappointments > 1) {
            struct demo_appointment *prev = &c->appointments[c->nappointments - 2];
            prev->open = false;
            prev->to = date_add_days(ch->date, -1);
        }
    }
}

void demo_person_make(const struct demo_person_ctx *ctx, struct demo_rng *rng, const struct demo_lao *lao,
                      unsigned serial, const struct demo_post *post, bool may_transfer, struct demo_person *p,
                      struct demo_career *c)
{
    memset(p, 0, sizeof *p);
    memset(c, 0, sizeof *c);
    const struct demo_line_info *li = demo_line_info(post->line);
    enum profile pr = profile_of(li);
    struct builder b = {ctx, rng, c, li, DEMO_EDU_BACHELOR, false, {0, 0, 0}, {{{0, 0, 0}, 0, 0, 0}}, 0};

    /* Birth, qualification and the ladder up to the post's level. */
    p->birth = draw_birth(ctx, rng, pr);
    b.edu = p->education = draw_education(rng, li);
    p->field_th = li->field_th;
    struct ladder lad;
    ladder_for(post->line, b.edu, &lad);
    int lo = ladder_index(&lad, post->level_min), hi = ladder_index(&lad, post->level_max);
    int need = 0; /* minimum years of service to reach the post's lowest level */
    for (int i = 0; i < lo; i++)
        need += lad.min_years[i];
    /* The latest start that still allows the post: permanent employees are no longer hired (none
     * since 2009), and a civil servant needs `need` years to reach the post's lowest level. */
    struct date latest = pr == PR_EMPLOYEE ? EMPLOYEE_LAST_HIRE : add_years(ctx->today, -need);
    struct date earliest = add_years(p->birth, SCHOOL_LEAVING_AGE[b.edu]);
    if (date_cmp(earliest, latest) > 0) {
        /* Too young for the post: an older holder (still short of retirement, as need <= 22 years and
         * the last hires of permanent employees are 18 years back). */
        p->birth = add_years(latest, -(SCHOOL_LEAVING_AGE[b.edu] + (int)demo_rng_range(rng, 1, 4)));
        p->birth = date_add_days(p->birth, -demo_rng_range(rng, 0, 364));
        while (date_cmp(thai_retirement_date(p->birth, ctx->retirement_age), ctx->today) < 0)
            p->birth = date_add_days(p->birth, 31);
        earliest = add_years(p->birth, SCHOOL_LEAVING_AGE[b.edu]);
    }

    /* Identity. */
    int age = date_years_between(p->birth, ctx->today);
    p->gender = demo_rng_permille(rng, (int)female_permille(post->line)) ? DEMO_FEMALE : DEMO_MALE;
    const struct demo_name_list *given = p->gender == DEMO_FEMALE ? &ctx->names->female : &ctx->names->male;
    const struct demo_name *first = &given->names[demo_rng_below(rng, given->count)];
    const struct demo_name *last = &ctx->names->surname.names[demo_rng_below(rng, ctx->names->surname.count)];
    p->first_th = first->th, p->first_en = first->en;
    p->last_th = last->th, p->last_en = last->en;
    if (p->gender == DEMO_MALE)
        p->title_th = "นาย";
    else
        p->title_th = demo_rng_permille(rng, age < 25 ? 150 : age < 35 ? 500 : 750) ? "นาง" : "นางสาว";
    demo_national_id(lao, serial, p->birth.y, p->national_id);

    /* Start of service. */
    struct date start;
    if (pr == PR_EMPLOYEE) {
        start = draw_between(rng, max_date(earliest, (struct date){1980, 1, 1}), EMPLOYEE_LAST_HIRE);
    } else if (pr == PR_MISSION || pr == PR_LABOUR) {
        int back = (int)demo_rng_range(rng, 0, pr == PR_MISSION ? 20 : 15);
        start = max_date(earliest, add_years(ctx->today, -back));
        start = draw_between(rng, start, min_date(add_years(start, 1), ctx->today));
    } else {
        static const unsigned gap_w[4] = {30, 35, 25, 10};
        static const int gap_years[5] = {0, 1, 3, 6, 10};
        size_t g = demo_rng_weighted(rng, gap_w, 4);
        start = draw_between(rng, add_years(earliest, gap_years[g]), add_years(earliest, gap_years[g + 1]));
        if (date_cmp(start, add_years(ctx->today, -need)) > 0) /* too recent for the post */
            start = max_date(earliest, add_years(ctx->today, -need - (int)demo_rng_range(rng, 0, 3)));
    }
    start = min_date(start, ctx->today);
    int years = date_years_between(start, ctx->today);

    /* The step reached: climb while the years allow, at about 1.3 times the minimum pace. */
    int target = 0, used = 0;
    while (target + 1 < lad.n && (used + lad.min_years[target]) * 13 / 10 <= years) {
        used += lad.min_years[target];
        target++;
    }
    target = target < lo ? lo : target > hi ? hi : target;

    /* Promotion dates: minimum gaps plus a random share of the slack, on the first of a month. */
    struct date promo[MAX_STEPS];
    promo[0] = start;
    int64_t span = date_to_days(ctx->today) - date_to_days(start);
    int64_t min_total = 0;
    for (int i = 0; i < target; i++)
        min_total += (int64_t)lad.min_years[i] * 365;
    int64_t slack = span - min_total;
    unsigned w[MAX_STEPS + 1];
    unsigned wsum = 0;
    for (int i = 0; i <= target; i++)
        wsum += w[i] = (unsigned)demo_rng_range(rng, 1, 100);
    int64_t t = 0;
    for (int i = 1; i <= target; i++) {
        int64_t gap = (int64_t)lad.min_years[i - 1] * 365;
        if (slack < 0)
            gap = min_total > 0 ? gap * span / min_total : 0; /* compressed */
        else
            gap += slack * w[i - 1] / wsum;
        t += gap;
        struct date d = first_of_month(date_add_days(start, t));
        if (date_cmp(d, promo[i - 1]) <= 0)
            d = first_of_month(date_add_days(promo[i - 1], 31));
        if (date_cmp(d, ctx->today) > 0) {
            target = i - 1; /* no room left: stays in the step reached */
            break;
        }
        promo[i] = d;
    }

    /* Some civil servants came from another LAO of the province, on a 16th (never a promotion day). */
    if (may_transfer && li->category == DEMO_CAT_CIVIL_SERVANT && years >= 6 && demo_rng_permille(rng, 150)) {
        struct date d = draw_between(rng, add_years(start, 2), add_years(ctx->today, -1));
        b.transferred = true;
        b.transfer = (struct date){d.y, d.m, 16};
    }

    /* Employments. */
    if (b.transferred) {
        c->employments[0] =
            (struct demo_employment){DEMO_BEFORE, li->category, start, true, date_add_days(b.transfer, -1)};
        c->employments[1] = (struct demo_employment){DEMO_HERE, li->category, b.transfer, false, {0, 0, 0}};
        c->nemployments = 2;
    } else {
        c->employments[0] = (struct demo_employment){DEMO_HERE, li->category, start, false, {0, 0, 0}};
        c->nemployments = 1;
    }

    /* Changes of line and level, then the transfer among them in date order. */
    if (lad.n > 1)
        ladder_changes(&b, &lad, target, promo, li->category == DEMO_CAT_CIVIL_SERVANT);
    else
        change_push(&b, start, DEMO_APPT_FIRST, post->line, lad.level[0]);
    /* The last change is the post held today. */
    b.changes[b.nchanges - 1].line = post->line;
    if (b.transferred && b.nchanges < DEMO_MAX_APPOINTMENTS) {
        int at = 0;
        while (at < b.nchanges && date_cmp(b.changes[at].date, b.transfer) < 0)
            at++;
        memmove(&b.changes[at + 1], &b.changes[at], (size_t)(b.nchanges - at) * sizeof b.changes[0]);
        b.changes[at] =
            (struct change){b.transfer, DEMO_APPT_TRANSFER, b.changes[at - 1].line, b.changes[at - 1].level};
        b.nchanges++;
    }
    work_out_salaries(&b);
}
