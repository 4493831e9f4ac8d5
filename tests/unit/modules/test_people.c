/*
 * Unit tests for the people module's store on SQLite and (TAMBON_TEST_PG) PostgreSQL: finding a person
 * by national ID and the effective-dated question "which appointment did this person hold on that
 * day?", on a career with a closed first appointment, a promotion, an acting appointment and a
 * transfer to another LAO.
 */
#include "modfix.h"

#include "base/arena.h"
#include "modules/people/people.h"

static const struct modfix_store sqlite_store = {"sqlite", false, true};
static const struct modfix_store pg_store = {"postgres", true, true};

static const char *const career[] = {
    "INSERT INTO lao (id, code, type_code, size_class, name_th, province_code, district_code)"
    " VALUES (1, 'T0001', 'sao', 'small', 'องค์การบริหารส่วนตำบลศรีภูมิ', '50', '5001')",
    "INSERT INTO lao (id, code, type_code, size_class, name_th, province_code, district_code)"
    " VALUES (2, 'T0002', 'town', 'medium', 'เทศบาลเมืองทดสอบ', '50', '5001')",
    "INSERT INTO org_unit (id, lao_id, code, kind, name_th) VALUES (1, 1, '04', 'division', 'กองคลัง')",
    "INSERT INTO org_unit (id, lao_id, code, kind, name_th) VALUES (2, 2, '04', 'division', 'กองคลัง')",
    "INSERT INTO position (id, lao_id, unit_id, number, line_code, type_code, level_min, level_max, status)"
    " VALUES (1, 1, 1, '04-3200-001', 'c042', 'academic', 'academic_practitioner', 'academic_senior', "
    "'filled')",
    "INSERT INTO position (id, lao_id, unit_id, number, line_code, type_code, level_min, level_max, status)"
    " VALUES (2, 1, 1, '04-2100-001', 'l003', 'director', 'director_low', 'director_low', 'vacant')",
    "INSERT INTO position (id, lao_id, unit_id, number, line_code, type_code, level_min, level_max, status)"
    " VALUES (3, 2, 2, '04-3200-001', 'c042', 'academic', 'academic_practitioner', 'academic_senior', "
    "'filled')",
    "INSERT INTO person (id, national_id, title_th, first_name_th, last_name_th, gender, birth_date,"
    " education_level) VALUES (1, '1509900000011', 'นางสาว', 'กมล', 'แก้วใส', 'female', '1985-03-15', "
    "'bachelor')",
    "INSERT INTO employment (id, person_id, lao_id, category, start_date, end_date, end_reason)"
    " VALUES (1, 1, 1, 'civil_servant', '2010-01-04', '2020-09-30', 'transferred')",
    "INSERT INTO employment (id, person_id, lao_id, category, start_date) VALUES (2, 1, 2, 'civil_servant',"
    " '2020-10-01')",
    "INSERT INTO appointment (id, person_id, employment_id, lao_id, position_id, line_code, level_code,"
    " salary_satang, effective_from, effective_to, kind, order_ref) VALUES (1, 1, 1, 1, 1, 'c042',"
    " 'academic_practitioner', 1506000, '2010-01-04', '2015-12-31', 'first', 'คำสั่ง 12/2553')",
    "INSERT INTO appointment (id, person_id, employment_id, lao_id, position_id, line_code, level_code,"
    " salary_satang, effective_from, effective_to, kind) VALUES (2, 1, 1, 1, 1, 'c042', "
    "'academic_professional',"
    " 2200000, '2016-01-01', '2020-09-30', 'promotion')",
    "INSERT INTO appointment (id, person_id, employment_id, lao_id, position_id, line_code, level_code,"
    " salary_satang, effective_from, effective_to, kind) VALUES (3, 1, 1, 1, 2, 'l003', 'director_low',"
    " 2200000, '2018-01-01', '2018-06-30', 'acting')",
    "INSERT INTO appointment (id, person_id, employment_id, lao_id, position_id, line_code, level_code,"
    " salary_satang, effective_from, kind) VALUES (4, 1, 2, 2, 3, 'c042', 'academic_professional',"
    " 2500000, '2020-10-01', 'transfer')",
};

static void load_career(struct modfix *fx)
{
    for (size_t i = 0; i < sizeof career / sizeof career[0]; i++)
        assert_ok(fx->db, db_exec(fx->db, career[i]));
}

static void test_person_id(void **state)
{
    struct modfix *fx = *state;
    load_career(fx);
    static const struct {
        const char *national_id;
        int rc;
        int64_t id;
    } cases[] = {
        {"1509900000011", ERR_OK, 1},
        {"1509900000012", ERR_NOTFOUND, 0},
        {"150990000001", ERR_NOTFOUND, 0},
        {"1-5099-00000-01-1", ERR_NOTFOUND, 0}, /* stored without dashes: callers strip them first */
        {"", ERR_NOTFOUND, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t id = -1;
        assert_db(fx->db, people_person_id(fx->db, cases[i].national_id, &id), cases[i].rc);
        if (cases[i].rc == ERR_OK)
            assert_int_equal(id, cases[i].id);
    }
}

static void test_appointment_on(void **state)
{
    struct modfix *fx = *state;
    load_career(fx);
    static const struct {
        int64_t person;
        const char *on;
        int rc;
        int64_t id, lao, position, salary;
        const char *level, *to;
    } cases[] = {
        {1, "2010-01-03", ERR_NOTFOUND, 0, 0, 0, 0, NULL, NULL}, /* before the first day */
        {1, "2010-01-04", ERR_OK, 1, 1, 1, 1506000, "academic_practitioner", "2015-12-31"},
        {1, "2015-12-31", ERR_OK, 1, 1, 1, 1506000, "academic_practitioner", "2015-12-31"},
        {1, "2016-01-01", ERR_OK, 2, 1, 1, 2200000, "academic_professional", "2020-09-30"},
        {1, "2018-03-01", ERR_OK, 2, 1, 1, 2200000, "academic_professional",
         "2020-09-30"}, /* acting ignored */
        {1, "2020-09-30", ERR_OK, 2, 1, 1, 2200000, "academic_professional", "2020-09-30"},
        {1, "2020-10-01", ERR_OK, 4, 2, 3, 2500000, "academic_professional", NULL},
        {1, "2030-01-01", ERR_OK, 4, 2, 3, 2500000, "academic_professional", NULL},
        {2, "2020-10-01", ERR_NOTFOUND, 0, 0, 0, 0, NULL, NULL}, /* nobody */
    };
    struct arena a;
    arena_init(&a, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct date on;
        assert_int_equal(date_parse_iso(cases[i].on, strlen(cases[i].on), &on), ERR_OK);
        struct people_appointment ap;
        int rc = people_appointment_on(fx->db, cases[i].person, on, &a, &ap);
        if (rc != cases[i].rc)
            print_error("case %zu (%s): got %s (%s)\n", i, cases[i].on, err_name(rc), db_errmsg(fx->db));
        assert_int_equal(rc, cases[i].rc);
        if (rc != ERR_OK)
            continue;
        assert_int_equal(ap.id, cases[i].id);
        assert_int_equal(ap.lao_id, cases[i].lao);
        assert_int_equal(ap.position_id, cases[i].position);
        assert_int_equal(ap.salary_satang, cases[i].salary);
        assert_string_equal(ap.level_code, cases[i].level);
        assert_string_equal(ap.line_code, "c042");
        if (cases[i].to)
            assert_string_equal(ap.effective_to, cases[i].to);
        else
            assert_null(ap.effective_to);
    }
    struct people_appointment ap;
    struct date first = {2010, 1, 4};
    assert_ok(fx->db, people_appointment_on(fx->db, 1, first, &a, &ap));
    assert_string_equal(ap.order_ref, "คำสั่ง 12/2553");
    assert_string_equal(ap.kind, "first");
    assert_string_equal(ap.effective_from, "2010-01-04");
    struct date bad = {2021, 2, 29};
    assert_int_equal(people_appointment_on(fx->db, 1, bad, &a, &ap), ERR_INVAL);
    arena_release(&a);
}

#define STORE_TESTS(store)                                                                                   \
    cmocka_unit_test_prestate_setup_teardown(test_person_id, modfix_setup, modfix_teardown, (void *)&store), \
        cmocka_unit_test_prestate_setup_teardown(test_appointment_on, modfix_setup, modfix_teardown,         \
                                                 (void *)&store)

int main(void)
{
    const struct CMUnitTest sqlite_tests[] = {STORE_TESTS(sqlite_store)};
    const struct CMUnitTest pg_tests[] = {STORE_TESTS(pg_store)};
    int failed = cmocka_run_group_tests_name("people on sqlite", sqlite_tests, NULL, NULL);
    if (testutil_pg_url())
        failed += cmocka_run_group_tests_name("people on postgres", pg_tests, NULL, NULL);
    else
        printf("people on postgres: skipped (set TAMBON_TEST_PG to a throwaway database URL)\n");
    return failed ? 1 : 0;
}
