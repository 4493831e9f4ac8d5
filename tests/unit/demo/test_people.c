/*
 * Unit tests for demo/org, demo/person and demo/names without a database: the national staffing plan
 * (about 480,000 people in the real proportions, 8-12% of posts vacant), and for every person of a
 * sample of LAOs the properties a user of the demo data relies on: valid and unique national IDs,
 * nobody past retirement, an ageing age pyramid, careers whose appointments chain without gaps or
 * overlaps and end in the post held, C-grades only before 1 April 2015, and every salary inside the
 * range of the level held on that date.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "demo/catalog.h"
#include "demo/geo.h"
#include "demo/laos.h"
#include "demo/names.h"
#include "demo/org.h"
#include "demo/person.h"
#include "thai/natid.h"
#include "thai/thaidate.h"

#define TODAY ((struct date){2026, 11, 24})

struct fixture {
    struct arena arena;
    struct demo_geo geo;
    struct demo_lao *laos;
    size_t nlaos;
    struct demo_names names;
    struct demo_catalog catalog;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    arena_init(&f->arena, 0);
    demo_geo_init(&f->geo, &f->arena);
    if (demo_geo_load_embedded(&f->geo) != ERR_OK ||
        demo_lao_plan(&f->geo, &f->arena, &f->laos, &f->nlaos) != ERR_OK ||
        demo_names_load(&f->arena, &f->names) != ERR_OK)
        return -1;
    demo_catalog_builtin(&f->catalog);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    arena_release(&f->arena);
    free(f);
    return 0;
}

static void test_names_lists(void **state)
{
    struct fixture *f = *state;
    /* Several hundred of each, Thai and Latin sides present. */
    assert_true(f->names.male.count >= 250);
    assert_true(f->names.female.count >= 250);
    assert_true(f->names.surname.count >= 400);
    for (size_t i = 0; i < f->names.surname.count; i++) {
        assert_true(strlen(f->names.surname.names[i].th) > 0);
        assert_true(strlen(f->names.surname.names[i].en) > 0);
    }

    struct arena a;
    arena_init(&a, 0);
    static const struct {
        const char *text;
        int rc;
        size_t count;
        size_t bad_line;
    } cases[] = {
        {"# comment\nสมชาย|Somchai\n\nสมศักดิ์|Somsak\n", ERR_OK, 2, 0},
        {"สมชาย|Somchai", ERR_OK, 1, 0},             /* no final newline */
        {"  สมชาย | Somchai  \r\n", ERR_OK, 1, 0},   /* spaces and CRLF trimmed */
        {"สมชาย|Somchai\nสมศักดิ์\n", ERR_INVAL, 0, 2}, /* no Latin side */
        {"สมชาย|Somchai|x\n", ERR_INVAL, 0, 1},      /* two separators */
        {"|Somchai\n", ERR_INVAL, 0, 1},
        {"สมชาย|\n", ERR_INVAL, 0, 1},
        {"สมชาย|สมชาย\n", ERR_INVAL, 0, 1}, /* Latin side not ASCII */
        {"\xff\xfe|x\n", ERR_INVAL, 0, 1},  /* not UTF-8 */
        {"# only comments\n\n", ERR_NOTFOUND, 0, 0},
        {"", ERR_NOTFOUND, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct demo_name_list l = {0};
        size_t bad = 0;
        int rc = demo_names_parse(cases[i].text, strlen(cases[i].text), &a, &l, &bad);
        assert_int_equal(rc, cases[i].rc);
        if (rc == ERR_OK)
            assert_int_equal(l.count, cases[i].count);
        if (rc == ERR_INVAL)
            assert_int_equal(bad, cases[i].bad_line);
    }
    struct demo_name_list l = {0};
    const char *typed = "ที่ดี|Thidi\n"; /* ท + ่ + ี: normalised to ท + ี + ่ */
    assert_int_equal(demo_names_parse(typed, strlen(typed), &a, &l, NULL), ERR_OK);
    assert_string_equal(l.names[0].th, "ที่ดี");
    assert_string_equal(l.names[0].en, "Thidi");
    arena_release(&a);
}

/* The national staffing plan: organisation of every LAO, counted without generating people. */
static void test_national_staffing(void **state)
{
    struct fixture *f = *state;
    int64_t by_cat[DEMO_CATEGORIES] = {0}, filled = 0, vacant = 0, frozen = 0, posts = 0;
    int64_t by_type_people[DEMO_LAO_TYPES] = {0};
    for (size_t i = 0; i < f->nlaos; i++) {
        struct arena a;
        arena_init(&a, 0);
        struct demo_rng rng;
        demo_rng_derive(&rng, 1, f->laos[i].code);
        struct demo_org org;
        demo_org_build(&f->laos[i], &rng, &a, &org);
        assert_true(org.nunits >= 5);
        /* Unit tree: parents precede children and belong to the same LAO (indexes in range). */
        for (size_t u = 0; u < org.nunits; u++) {
            assert_true(org.units[u].parent < (int)u);
            for (size_t v = u + 1; v < org.nunits; v++)
                assert_string_not_equal(org.units[u].code, org.units[v].code);
        }
        /* One ปลัด, in the first unit (สำนักปลัด). */
        assert_int_equal(org.posts[0].line, DEMO_L_LOCAL_EXECUTIVE);
        assert_int_equal(org.posts[0].unit, 0);
        assert_int_equal(org.units[0].kind, DEMO_UNIT_OFFICE);
        for (size_t p = 0; p < org.nposts; p++) {
            const struct demo_post *post = &org.posts[p];
            assert_true(post->unit >= 0 && (size_t)post->unit < org.nunits);
            assert_true(post->level_min <= post->level_max);
            assert_int_equal(demo_level_type(post->level_min), demo_line_info(post->line)->type);
            assert_int_equal(demo_level_type(post->level_max), demo_line_info(post->line)->type);
            posts++;
            if (post->status == DEMO_POST_FILLED) {
                filled++;
                by_cat[demo_line_info(post->line)->category]++;
                by_type_people[f->laos[i].type]++;
            } else if (post->status == DEMO_POST_VACANT) {
                vacant++;
            } else {
                frozen++;
            }
        }
        if (i < 200) /* position numbers unique within a LAO */
            for (size_t p = 0; p < org.nposts; p++)
                for (size_t q = p + 1; q < org.nposts; q++)
                    assert_string_not_equal(org.posts[p].number, org.posts[q].number);
        arena_release(&a);
    }
    print_message(
        "national: %lld posts, %lld people (civil %lld, teachers %lld, employees %lld, mission %lld, "
        "general %lld), %lld vacant, %lld frozen\n",
        (long long)posts, (long long)filled, (long long)by_cat[DEMO_CAT_CIVIL_SERVANT],
        (long long)by_cat[DEMO_CAT_TEACHER], (long long)by_cat[DEMO_CAT_PERMANENT_EMPLOYEE],
        (long long)by_cat[DEMO_CAT_MISSION_CONTRACT], (long long)by_cat[DEMO_CAT_GENERAL_CONTRACT],
        (long long)vacant, (long long)frozen);
    /* About 480,000 people (478,053 in FY2559). */
    assert_true(filled >= 455000 && filled <= 505000);
    /* Proportions: civil servants with teachers ~44%, permanent employees ~11%, contract ~45%. */
    int64_t civil = by_cat[DEMO_CAT_CIVIL_SERVANT] + by_cat[DEMO_CAT_TEACHER];
    int64_t contract = by_cat[DEMO_CAT_MISSION_CONTRACT] + by_cat[DEMO_CAT_GENERAL_CONTRACT];
    assert_true(civil * 1000 / filled >= 410 && civil * 1000 / filled <= 470);
    assert_true(by_cat[DEMO_CAT_PERMANENT_EMPLOYEE] * 1000 / filled >= 95);
    assert_true(by_cat[DEMO_CAT_PERMANENT_EMPLOYEE] * 1000 / filled <= 125);
    assert_true(contract * 1000 / filled >= 420 && contract * 1000 / filled <= 480);
    assert_true(by_cat[DEMO_CAT_TEACHER] > 0);
    /* 8-12% of posts vacant, and a few frozen. */
    assert_true(vacant * 1000 / posts >= 80 && vacant * 1000 / posts <= 120);
    assert_true(frozen > 0 && frozen * 1000 / posts <= 30);
    /* อบต. employ the most people in all, a เทศบาลนคร the most each. */
    assert_true(by_type_people[DEMO_SAO] > by_type_people[DEMO_SUBDISTRICT_MUNI]);
    assert_true(by_type_people[DEMO_CITY] / DEMO_TARGET_CITY > by_type_people[DEMO_TOWN] / DEMO_TARGET_TOWN);
    assert_true(by_type_people[DEMO_TOWN] / DEMO_TARGET_TOWN > by_type_people[DEMO_SAO] / DEMO_TARGET_SAO);
}

/* Checks one career against the post it ends in. */
static void check_career(const struct fixture *f, const struct demo_post *post, const struct demo_person *p,
                         const struct demo_career *c)
{
    struct date reclass = DEMO_RECLASS_DATE;
    assert_true(c->nemployments >= 1 && c->nemployments <= 2);
    assert_true(c->nappointments >= 1);
    assert_true(c->nsalaries >= 1);
    /* Employments: the last is open, here; a first one before a transfer ends the day before. */
    const struct demo_employment *cur = &c->employments[c->nemployments - 1];
    assert_false(cur->ended);
    assert_int_equal(cur->where, DEMO_HERE);
    assert_int_equal(cur->category, demo_line_info(post->line)->category);
    if (c->nemployments == 2) {
        assert_true(c->employments[0].ended);
        assert_int_equal(c->employments[0].where, DEMO_BEFORE);
        assert_int_equal(date_to_days(c->employments[0].end) + 1, date_to_days(cur->start));
        assert_true(date_cmp(c->employments[0].start, c->employments[0].end) <= 0);
    }
    /* Started after school age, not after today. */
    assert_true(date_years_between(p->birth, c->employments[0].start) >= 18);
    assert_true(date_cmp(c->employments[0].start, TODAY) <= 0);
    /* Appointments chain: each ends the day before the next begins; only the last is open. */
    for (int i = 0; i < c->nappointments; i++) {
        const struct demo_appointment *a = &c->appointments[i];
        const struct demo_employment *e = &c->employments[a->employment];
        assert_true(a->employment < c->nemployments);
        assert_int_equal(a->where, e->where);
        assert_true(date_cmp(a->from, e->start) >= 0);
        if (e->ended)
            assert_true(date_cmp(a->to, e->end) <= 0);
        if (i + 1 < c->nappointments) {
            assert_false(a->open);
            assert_int_equal(date_to_days(a->to) + 1, date_to_days(c->appointments[i + 1].from));
            assert_true(date_cmp(a->from, a->to) <= 0);
        } else {
            assert_true(a->open);
        }
        /* C-grades only before the reclassification, broadband levels only from it. */
        bool cgrade = a->level >= DEMO_LV_C1 && a->level <= DEMO_LV_C11;
        if (date_cmp(a->from, reclass) >= 0)
            assert_false(cgrade);
        else if (demo_line_info(post->line)->category == DEMO_CAT_CIVIL_SERVANT)
            assert_true(cgrade);
        /* The salary of an appointment lies inside its level's range. */
        struct demo_range r = f->catalog.range[a->level];
        assert_true(a->salary >= r.min && a->salary <= r.max);
        assert_int_equal(a->salary % 100, 0);
        if (i == 0)
            assert_int_equal(a->kind, DEMO_APPT_FIRST);
        else
            assert_int_not_equal(a->kind, DEMO_APPT_FIRST);
    }
    const struct demo_appointment *last = &c->appointments[c->nappointments - 1];
    assert_int_equal(last->line, post->line);
    assert_true(last->level >= post->level_min && last->level <= post->level_max);
    /* Salary rows: in date order, each within the range of the level held that day. */
    int ai = 0;
    for (int s = 0; s < c->nsalaries; s++) {
        const struct demo_salary_row *row = &c->salaries[s];
        if (s > 0)
            assert_true(date_cmp(c->salaries[s - 1].date, row->date) <= 0);
        assert_true(date_cmp(row->date, TODAY) <= 0);
        while (ai + 1 < c->nappointments && date_cmp(c->appointments[ai + 1].from, row->date) <= 0)
            ai++;
        struct demo_range r = f->catalog.range[c->appointments[ai].level];
        assert_true(row->salary >= r.min && row->salary <= r.max);
        assert_false(row->steps_x2 && row->percent_x10);
        if (row->kind == DEMO_SAL_RAISE) {
            assert_true(row->steps_x2 || row->percent_x10);
            assert_true(row->steps_x2 >= 0 && row->steps_x2 <= 4);
            assert_true(row->percent_x10 >= 0 && row->percent_x10 <= 60);
            /* Steps until 10 January 2026 for civil servants, percentages from then on. */
            if (demo_line_info(post->line)->category == DEMO_CAT_CIVIL_SERVANT)
                assert_int_equal(row->steps_x2 != 0, date_cmp(row->date, DEMO_PERCENT_REGIME_DATE) < 0);
        }
    }
    assert_int_equal(c->salaries[0].kind, DEMO_SAL_START);
    assert_int_equal(date_cmp(c->salaries[0].date, c->employments[0].start), 0);
    /* Civil servants get a raise every year of service (one round a year before 2026). */
    if (demo_line_info(post->line)->category == DEMO_CAT_CIVIL_SERVANT) {
        int years = date_years_between(c->employments[0].start, TODAY);
        int raises = 0;
        for (int s = 0; s < c->nsalaries; s++)
            raises += c->salaries[s].kind == DEMO_SAL_RAISE;
        int at_ceiling = c->salaries[c->nsalaries - 1].salary == f->catalog.range[last->level].max;
        assert_true(raises >= years - 1 || at_ceiling);
    }
}

static int cmp_id(const void *a, const void *b)
{
    return memcmp(a, b, 14);
}

static void test_people_of_sample_laos(void **state)
{
    struct fixture *f = *state;
    struct demo_person_ctx ctx = {&f->catalog, &f->names, TODAY, 60};
    size_t cap = 80000, n = 0;
    char(*ids)[14] = malloc(cap * sizeof *ids);
    int64_t civil = 0, civil_45_59 = 0, employees = 0, employees_45_59 = 0, contract = 0,
            contract_under_35 = 0;
    int64_t transfers = 0, people = 0, before_2015 = 0, female = 0;
    int64_t by_edu[DEMO_EDUCATIONS] = {0};
    /* Every LAO of two provinces (Khon Kaen 40, Nan 55) and every 40th LAO of the country. */
    for (size_t i = 0; i < f->nlaos; i++) {
        const char *pv = f->geo.provinces[f->laos[i].province].code;
        if (strcmp(pv, "40") != 0 && strcmp(pv, "55") != 0 && i % 40 != 0)
            continue;
        struct arena a;
        arena_init(&a, 0);
        struct demo_rng rng;
        demo_rng_derive(&rng, 1, f->laos[i].code);
        struct demo_org org;
        demo_org_build(&f->laos[i], &rng, &a, &org);
        unsigned serial = 0;
        for (size_t k = 0; k < org.nposts; k++) {
            if (org.posts[k].status != DEMO_POST_FILLED)
                continue;
            struct demo_person p;
            struct demo_career c;
            demo_person_make(&ctx, &rng, &f->laos[i], serial++, &org.posts[k], true, &p, &c);
            check_career(f, &org.posts[k], &p, &c);
            /* Valid national ID; first digit by birth year. */
            assert_true(natid_valid(p.national_id, 13));
            assert_int_equal(p.national_id[0], p.birth.y >= 1984 ? '1' : '3');
            assert_memory_equal(p.national_id + 1, f->laos[i].district_code, 4);
            if (n == cap) {
                cap *= 2;
                ids = realloc(ids, cap * sizeof *ids);
            }
            memcpy(ids[n++], p.national_id, 14);
            /* Nobody past retirement; everyone of working age. */
            assert_true(date_cmp(thai_retirement_date(p.birth, 60), TODAY) >= 0);
            int age = date_years_between(p.birth, TODAY);
            assert_true(age >= 18 && age <= 60);
            /* Title fits gender. */
            if (p.gender == DEMO_MALE)
                assert_string_equal(p.title_th, "นาย");
            else
                assert_true(strcmp(p.title_th, "นาง") == 0 || strcmp(p.title_th, "นางสาว") == 0);
            assert_non_null(p.first_th);
            assert_non_null(p.last_en);
            enum demo_category cat = demo_line_info(org.posts[k].line)->category;
            /* Education fits the line: academic and higher posts need a degree. */
            enum demo_ptype type = demo_line_info(org.posts[k].line)->type;
            if (type == DEMO_PT_ACADEMIC || type == DEMO_PT_DIRECTOR || type == DEMO_PT_EXECUTIVE ||
                type == DEMO_PT_TEACHER)
                assert_true(p.education >= DEMO_EDU_BACHELOR);
            if (type == DEMO_PT_GENERAL)
                assert_true(p.education >= DEMO_EDU_VOCATIONAL);
            by_edu[p.education]++;
            people++;
            female += p.gender == DEMO_FEMALE;
            transfers += c.nemployments == 2;
            before_2015 += date_cmp(c.employments[0].start, DEMO_RECLASS_DATE) < 0;
            if (cat == DEMO_CAT_CIVIL_SERVANT) {
                civil++;
                civil_45_59 += age >= 45;
            } else if (cat == DEMO_CAT_PERMANENT_EMPLOYEE) {
                employees++;
                employees_45_59 += age >= 45;
                assert_true(date_cmp(c.employments[0].start, (struct date){2009, 1, 1}) < 0);
            } else if (cat != DEMO_CAT_TEACHER) {
                contract++;
                contract_under_35 += age < 35;
            }
        }
        arena_release(&a);
    }
    print_message(
        "sample: %lld people, civil 45+ %lld/%lld, employees 45+ %lld/%lld, contract <35 %lld/%lld, "
        "transferred %lld, started before 2015 %lld, women %lld\n",
        (long long)people, (long long)civil_45_59, (long long)civil, (long long)employees_45_59,
        (long long)employees, (long long)contract_under_35, (long long)contract, (long long)transfers,
        (long long)before_2015, (long long)female);
    assert_true(people > 20000);
    /* An ageing pyramid: about half the civil servants 45-59, most permanent employees too. */
    assert_true(civil_45_59 * 100 / civil >= 40 && civil_45_59 * 100 / civil <= 70);
    assert_true(employees_45_59 * 100 / employees >= 70);
    /* Contract staff are younger. */
    assert_true(contract_under_35 * 100 / contract >= 20);
    /* Some civil servants transferred in; most careers began before the broadband reform. */
    assert_true(transfers > 0 && transfers * 100 / civil <= 20);
    assert_true(before_2015 * 100 / people >= 40);
    assert_true(female * 100 / people >= 30 && female * 100 / people <= 70);
    assert_true(by_edu[DEMO_EDU_MASTER] > 0 && by_edu[DEMO_EDU_BELOW_SECONDARY] > 0);
    /* National IDs are unique. */
    qsort(ids, n, sizeof *ids, cmp_id);
    for (size_t i = 1; i < n; i++)
        assert_true(memcmp(ids[i - 1], ids[i], 14) != 0);
    free(ids);
}

static void test_national_id_unique_by_construction(void **state)
{
    struct fixture *f = *state;
    /* Serials at both ends of their range in every LAO of the country: all valid, none repeated. */
    static const unsigned serials[] = {0, 1, 2, 9, 10, 99, 4321, 99998, 99999};
    size_t per = sizeof serials / sizeof serials[0];
    size_t n = f->nlaos * per;
    char(*ids)[14] = malloc(n * sizeof *ids);
    size_t k = 0;
    for (size_t i = 0; i < f->nlaos; i++)
        for (size_t s = 0; s < per; s++) {
            demo_national_id(&f->laos[i], serials[s], 1960 + (int)(s * 7), ids[k]);
            assert_true(natid_valid(ids[k], 13));
            k++;
        }
    qsort(ids, n, sizeof *ids, cmp_id);
    for (size_t i = 1; i < n; i++)
        assert_true(memcmp(ids[i - 1], ids[i], 14) != 0);
    free(ids);
    /* The birth year decides the first digit only. */
    char a[14], b[14];
    demo_national_id(&f->laos[0], 5, 1983, a);
    demo_national_id(&f->laos[0], 5, 1984, b);
    assert_int_equal(a[0], '3');
    assert_int_equal(b[0], '1');
    assert_memory_equal(a + 1, b + 1, 11);
}

static void test_same_stream_same_people(void **state)
{
    struct fixture *f = *state;
    struct demo_person_ctx ctx = {&f->catalog, &f->names, TODAY, 60};
    for (int run = 0; run < 2; run++) {
        static char first_ids[2][64][14];
        static int64_t salaries[2][64];
        struct arena a;
        arena_init(&a, 0);
        struct demo_rng rng;
        demo_rng_derive(&rng, 99, f->laos[3].code);
        struct demo_org org;
        demo_org_build(&f->laos[3], &rng, &a, &org);
        for (unsigned k = 0; k < 64 && k < org.nposts; k++) {
            struct demo_person p;
            struct demo_career c;
            demo_person_make(&ctx, &rng, &f->laos[3], k, &org.posts[k], false, &p, &c);
            memcpy(first_ids[run][k], p.national_id, 14);
            salaries[run][k] = c.salaries[c.nsalaries - 1].salary;
            assert_int_equal(c.nemployments, 1); /* no transfer when none is possible */
        }
        if (run == 1) {
            assert_memory_equal(first_ids[0], first_ids[1], sizeof first_ids[0]);
            assert_memory_equal(salaries[0], salaries[1], sizeof salaries[0]);
        }
        arena_release(&a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_lists),
        cmocka_unit_test(test_national_staffing),
        cmocka_unit_test(test_people_of_sample_laos),
        cmocka_unit_test(test_national_id_unique_by_construction),
        cmocka_unit_test(test_same_stream_same_people),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
