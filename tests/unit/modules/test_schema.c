/*
 * Unit tests for the data model's migrations (0010-0013) on SQLite and, when TAMBON_TEST_PG is set,
 * PostgreSQL: the real migrations and seeds are applied, then a table of rows checks that the
 * declared constraints accept what the model allows and refuse the rest (foreign keys, CHECKs,
 * uniqueness, code prefixes, same-LAO references, one current appointment).
 */
#include "modfix.h"

static const struct modfix_store sqlite_store = {"sqlite", false, true};
static const struct modfix_store pg_store = {"postgres", true, true};

/* A small valid world the cases refer to: two LAOs, units, positions, people, spells, one appointment. */
static const char *const base_rows[] = {
    "INSERT INTO lao (id, code, type_code, size_class, name_th, name_en, province_code, district_code,"
    " subdistrict_code) VALUES (1, 'T0001', 'sao', 'small', 'องค์การบริหารส่วนตำบลศรีภูมิ', 'Si Phum SAO', '50',"
    " '5001', '500101')",
    "INSERT INTO lao (id, code, type_code, size_class, name_th, name_en, province_code, district_code,"
    " subdistrict_code) VALUES (2, 'T0002', 'pao', 'large', 'องค์การบริหารส่วนจังหวัดนครราชสีมา', NULL, '30',"
    " '3001', NULL)",
    "INSERT INTO org_unit (id, lao_id, parent_id, code, kind, name_th, sort)"
    " VALUES (1, 1, NULL, '01', 'office', 'สำนักปลัด', 1)",
    "INSERT INTO org_unit (id, lao_id, parent_id, code, kind, name_th, sort)"
    " VALUES (2, 1, 1, '01.1', 'section', 'งานบริหารทั่วไป', 1)",
    "INSERT INTO org_unit (id, lao_id, parent_id, code, kind, name_th, sort)"
    " VALUES (3, 2, NULL, '01', 'office', 'สำนักปลัด', 1)",
    "INSERT INTO position (id, lao_id, unit_id, number, line_code, type_code, level_min, level_max, status)"
    " VALUES (1, 1, 1, '01-0101-001', 'l001', 'executive', 'executive_low', 'executive_mid', 'filled')",
    "INSERT INTO position (id, lao_id, unit_id, number, line_code, type_code, level_min, level_max, status)"
    " VALUES (2, 1, 2, '01-0101-002', 'l010', 'academic', 'academic_practitioner', 'academic_professional',"
    " 'vacant')",
    "INSERT INTO position (id, lao_id, unit_id, number, line_code, type_code, level_min, level_max, status)"
    " VALUES (3, 2, 3, '01-0101-001', 'l001', 'executive', 'executive_mid', 'executive_high', 'filled')",
    "INSERT INTO person (id, national_id, title_th, first_name_th, last_name_th, gender, birth_date,"
    " education_level) VALUES (1, '1100100000011', 'นาย', 'สมชาย', 'ใจดี', 'male', '1970-05-01', 'master')",
    "INSERT INTO person (id, national_id, title_th, first_name_th, last_name_th, gender, birth_date,"
    " education_level, education_field) VALUES (2, '3500100000022', 'นางสาว', 'มาลี', 'ศรีสุข', 'female',"
    " '1988-02-29', 'bachelor', 'บัญชี')",
    "INSERT INTO employment (id, person_id, lao_id, category, start_date) VALUES (1, 1, 1, 'civil_servant',"
    " '2010-01-01')",
    "INSERT INTO employment (id, person_id, lao_id, category, start_date) VALUES (2, 2, 1, 'civil_servant',"
    " '2015-06-01')",
    "INSERT INTO appointment (id, person_id, employment_id, lao_id, position_id, line_code, level_code,"
    " salary_satang, effective_from, kind) VALUES (1, 1, 1, 1, 1, 'l001', 'executive_low', 3000000,"
    " '2010-01-01', 'first')",
};

/*
 * Inserts base_rows. PostgreSQL's identity columns do not see ids supplied by INSERT or COPY, so, as
 * every bulk loader must, move each sequence past the largest id before rows without ids follow.
 */
static void insert_base_rows(struct modfix *fx)
{
    static const char *const tables[] = {"lao",    "org_unit",   "position",
                                         "person", "employment", "appointment"};
    for (size_t i = 0; i < sizeof base_rows / sizeof base_rows[0]; i++)
        assert_ok(fx->db, db_exec(fx->db, base_rows[i]));
    for (size_t i = 0; fx->store->pg && i < sizeof tables / sizeof tables[0]; i++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT max(id) FROM %s))", tables[i],
                 tables[i]);
        assert_ok(fx->db, db_exec(fx->db, sql));
    }
}

#define OK ERR_OK
#define BAD ERR_CONSTRAINT

static const struct {
    const char *what;
    const char *sql;
    int want_sqlite, want_pg; /* PostgreSQL rejects some values at parsing, before any constraint */
} cases[] = {
    /* geography */
    {"province code of one digit", "INSERT INTO province VALUES ('1', 'ทดสอบ', 'Test', 1)", BAD, BAD},
    {"province in an unknown region", "INSERT INTO province VALUES ('99', 'ทดสอบ', 'Test', 42)", BAD, BAD},
    {"district outside its province's code", "INSERT INTO district VALUES ('5099', '30', 'ทดสอบ', 'Test')",
     BAD, BAD},
    {"district of an unknown province", "INSERT INTO district VALUES ('9901', '99', 'ทดสอบ', 'Test')", BAD,
     BAD},
    {"sub-district postcode of four digits",
     "INSERT INTO subdistrict VALUES ('500199', '5001', 'ทดสอบ', 'Test', '5020')", BAD, BAD},
    {"sub-district outside its district's code",
     "INSERT INTO subdistrict VALUES ('300199', '5001', 'ทดสอบ', 'Test', '50200')", BAD, BAD},
    {"a good sub-district", "INSERT INTO subdistrict VALUES ('500199', '5001', 'ทดสอบ', 'Test', '50200')", OK,
     OK},
    {"deleting a province that has LAOs", "DELETE FROM province WHERE code = '50'", BAD, BAD},
    /* LAOs */
    {"LAO without a sub-district",
     "INSERT INTO lao (code, type_code, size_class, name_th, province_code, district_code)"
     " VALUES ('T0003', 'town', 'medium', 'เทศบาลเมืองทดสอบ', '50', '5001')",
     OK, OK},
    {"LAO in Bangkok",
     "INSERT INTO lao (code, type_code, size_class, name_th, province_code, district_code)"
     " VALUES ('T0004', 'sao', 'small', 'ทดสอบ', '10', '1001')",
     BAD, BAD},
    {"LAO whose district is in another province",
     "INSERT INTO lao (code, type_code, size_class, name_th, province_code, district_code)"
     " VALUES ('T0005', 'sao', 'small', 'ทดสอบ', '30', '5001')",
     BAD, BAD},
    {"LAO whose sub-district is in another district",
     "INSERT INTO lao (code, type_code, size_class, name_th, province_code, district_code, subdistrict_code)"
     " VALUES ('T0006', 'sao', 'small', 'ทดสอบ', '30', '3001', '500101')",
     BAD, BAD},
    {"LAO of an unknown type",
     "INSERT INTO lao (code, type_code, size_class, name_th, province_code, district_code)"
     " VALUES ('T0007', 'village', 'small', 'ทดสอบ', '50', '5001')",
     BAD, BAD},
    {"LAO of an unknown size class",
     "INSERT INTO lao (code, type_code, size_class, name_th, province_code, district_code)"
     " VALUES ('T0008', 'sao', 'huge', 'ทดสอบ', '50', '5001')",
     BAD, BAD},
    {"LAO with a code already used",
     "INSERT INTO lao (code, type_code, size_class, name_th, province_code, district_code)"
     " VALUES ('T0001', 'sao', 'small', 'ทดสอบ', '50', '5001')",
     BAD, BAD},
    /* units */
    {"unit under a unit of the same LAO",
     "INSERT INTO org_unit (lao_id, parent_id, code, kind, name_th) VALUES (1, 2, '01.1.1', 'unit', "
     "'งานสารบรรณ')",
     OK, OK},
    {"unit under a unit of another LAO",
     "INSERT INTO org_unit (lao_id, parent_id, code, kind, name_th) VALUES (2, 1, '09', 'section', 'ทดสอบ')",
     BAD, BAD},
    {"unit of an unknown kind",
     "INSERT INTO org_unit (lao_id, code, kind, name_th) VALUES (1, '09', 'department', 'ทดสอบ')", BAD, BAD},
    {"unit code used twice in a LAO",
     "INSERT INTO org_unit (lao_id, code, kind, name_th) VALUES (1, '01', 'division', 'ทดสอบ')", BAD, BAD},
    {"the same unit code in another LAO",
     "INSERT INTO org_unit (lao_id, code, kind, name_th) VALUES (2, '01.1', 'section', 'ทดสอบ')", OK, OK},
    /* positions */
    {"position in a unit of another LAO",
     "INSERT INTO position (lao_id, unit_id, number, line_code, type_code, level_min, level_max, status)"
     " VALUES (2, 1, '09-001', 'l001', 'executive', 'executive_low', 'executive_low', 'vacant')",
     BAD, BAD},
    {"position whose levels are of another type",
     "INSERT INTO position (lao_id, unit_id, number, line_code, type_code, level_min, level_max, status)"
     " VALUES (1, 1, '09-002', 'l001', 'executive', 'academic_practitioner', 'executive_low', 'vacant')",
     BAD, BAD},
    {"position whose line is of another type",
     "INSERT INTO position (lao_id, unit_id, number, line_code, type_code, level_min, level_max, status)"
     " VALUES (1, 1, '09-003', 'l001', 'academic', 'academic_practitioner', 'academic_professional', "
     "'vacant')",
     BAD, BAD},
    {"position number used twice in a LAO",
     "INSERT INTO position (lao_id, unit_id, number, line_code, type_code, level_min, level_max, status)"
     " VALUES (1, 1, '01-0101-001', 'l001', 'executive', 'executive_low', 'executive_low', 'vacant')",
     BAD, BAD},
    {"position of an unknown status",
     "INSERT INTO position (lao_id, unit_id, number, line_code, type_code, level_min, level_max, status)"
     " VALUES (1, 1, '09-004', 'l001', 'executive', 'executive_low', 'executive_low', 'open')",
     BAD, BAD},
    {"a good frozen position",
     "INSERT INTO position (lao_id, unit_id, number, line_code, type_code, level_min, level_max, status)"
     " VALUES (1, 2, '09-005', 'l016', 'general', 'general_operational', 'general_senior', 'frozen')",
     OK, OK},
    /* persons */
    {"national ID of 12 digits",
     "INSERT INTO person (national_id, title_th, first_name_th, last_name_th, gender, birth_date, "
     "education_level)"
     " VALUES ('110010000001', 'นาย', 'ก', 'ข', 'male', '1980-01-01', 'bachelor')",
     BAD, BAD},
    {"national ID with a letter",
     "INSERT INTO person (national_id, title_th, first_name_th, last_name_th, gender, birth_date, "
     "education_level)"
     " VALUES ('110010000001X', 'นาย', 'ก', 'ข', 'male', '1980-01-01', 'bachelor')",
     BAD, BAD},
    {"national ID used twice",
     "INSERT INTO person (national_id, title_th, first_name_th, last_name_th, gender, birth_date, "
     "education_level)"
     " VALUES ('1100100000011', 'นาย', 'ก', 'ข', 'male', '1980-01-01', 'bachelor')",
     BAD, BAD},
    {"gender outside the list",
     "INSERT INTO person (national_id, title_th, first_name_th, last_name_th, gender, birth_date, "
     "education_level)"
     " VALUES ('1100100000038', 'นาย', 'ก', 'ข', 'x', '1980-01-01', 'bachelor')",
     BAD, BAD},
    {"birth date 30 February",
     "INSERT INTO person (national_id, title_th, first_name_th, last_name_th, gender, birth_date, "
     "education_level)"
     " VALUES ('1100100000038', 'นาย', 'ก', 'ข', 'male', '1980-02-30', 'bachelor')",
     BAD, ERR_DB},
    /* PostgreSQL's date type reads 1980/01/01 as a date and stores it as 1980-01-01: nothing is lost. */
    {"birth date with slashes",
     "INSERT INTO person (national_id, title_th, first_name_th, last_name_th, gender, birth_date, "
     "education_level)"
     " VALUES ('1100100000038', 'นาย', 'ก', 'ข', 'male', '1980/01/01', 'bachelor')",
     BAD, OK},
    {"education level outside the list",
     "INSERT INTO person (national_id, title_th, first_name_th, last_name_th, gender, birth_date, "
     "education_level)"
     " VALUES ('1100100000046', 'นาย', 'ก', 'ข', 'male', '1980-01-01', 'phd')",
     BAD, BAD},
    /* employment */
    {"spell ending before it starts",
     "INSERT INTO employment (person_id, lao_id, category, start_date, end_date, end_reason)"
     " VALUES (1, 2, 'civil_servant', '2020-01-01', '2019-12-31', 'resigned')",
     BAD, BAD},
    {"spell ended without a reason",
     "INSERT INTO employment (person_id, lao_id, category, start_date, end_date)"
     " VALUES (1, 2, 'civil_servant', '2005-01-01', '2009-12-31')",
     BAD, BAD},
    {"reason without an end",
     "INSERT INTO employment (person_id, lao_id, category, start_date, end_reason)"
     " VALUES (1, 2, 'civil_servant', '2005-01-01', 'resigned')",
     BAD, BAD},
    {"end reason outside the list",
     "INSERT INTO employment (person_id, lao_id, category, start_date, end_date, end_reason)"
     " VALUES (1, 2, 'civil_servant', '2005-01-01', '2009-12-31', 'fired')",
     BAD, BAD},
    {"category outside the list",
     "INSERT INTO employment (person_id, lao_id, category, start_date) VALUES (1, 2, 'intern', '2005-01-01')",
     BAD, BAD},
    {"a spell that ended by transfer",
     "INSERT INTO employment (person_id, lao_id, category, start_date, end_date, end_reason)"
     " VALUES (1, 2, 'civil_servant', '2005-01-01', '2009-12-31', 'transferred')",
     OK, OK},
    /* appointments */
    {"appointment on another person's spell",
     "INSERT INTO appointment (person_id, employment_id, lao_id, line_code, level_code, salary_satang,"
     " effective_from, kind) VALUES (2, 1, 1, 'l010', 'academic_practitioner', 1500000, '2016-01-01', "
     "'first')",
     BAD, BAD},
    {"appointment in another LAO than its spell",
     "INSERT INTO appointment (person_id, employment_id, lao_id, line_code, level_code, salary_satang,"
     " effective_from, kind) VALUES (2, 2, 2, 'l010', 'academic_practitioner', 1500000, '2016-01-01', "
     "'first')",
     BAD, BAD},
    {"appointment to a position of another LAO",
     "INSERT INTO appointment (person_id, employment_id, lao_id, position_id, line_code, level_code, "
     "salary_satang,"
     " effective_from, kind) VALUES (2, 2, 1, 3, 'l001', 'executive_mid', 1500000, '2016-01-01', 'first')",
     BAD, BAD},
    {"a second current appointment on one spell",
     "INSERT INTO appointment (person_id, employment_id, lao_id, position_id, line_code, level_code, "
     "salary_satang,"
     " effective_from, kind) VALUES (1, 1, 1, 2, 'l010', 'academic_professional', 3000000, '2012-01-01', "
     "'move')",
     BAD, BAD},
    {"a second current holder of one position",
     "INSERT INTO appointment (person_id, employment_id, lao_id, position_id, line_code, level_code, "
     "salary_satang,"
     " effective_from, kind) VALUES (2, 2, 1, 1, 'l001', 'executive_low', 2000000, '2016-01-01', 'first')",
     BAD, BAD},
    {"acting in a filled position",
     "INSERT INTO appointment (person_id, employment_id, lao_id, position_id, line_code, level_code, "
     "salary_satang,"
     " effective_from, kind) VALUES (2, 2, 1, 1, 'l001', 'executive_low', 2000000, '2016-01-01', 'acting')",
     OK, OK},
    {"a closed appointment before the current one",
     "INSERT INTO appointment (person_id, employment_id, lao_id, position_id, line_code, level_code, "
     "salary_satang,"
     " effective_from, effective_to, kind) VALUES (1, 1, 1, 2, 'l010', 'academic_professional', 2500000,"
     " '2008-01-01', '2009-12-31', 'first')",
     OK, OK},
    {"appointment ending before it starts",
     "INSERT INTO appointment (person_id, employment_id, lao_id, line_code, level_code, salary_satang,"
     " effective_from, effective_to, kind) VALUES (2, 2, 1, 'l010', 'academic_practitioner', 1500000,"
     " '2016-01-01', '2015-12-31', 'first')",
     BAD, BAD},
    {"negative salary",
     "INSERT INTO appointment (person_id, employment_id, lao_id, line_code, level_code, salary_satang,"
     " effective_from, kind) VALUES (2, 2, 1, 'l010', 'academic_practitioner', -1, '2016-01-01', 'first')",
     BAD, BAD},
    {"appointment kind outside the list",
     "INSERT INTO appointment (person_id, employment_id, lao_id, line_code, level_code, salary_satang,"
     " effective_from, kind) VALUES (2, 2, 1, 'l010', 'academic_practitioner', 1, '2016-01-01', 'hire')",
     BAD, BAD},
    {"unknown level",
     "INSERT INTO appointment (person_id, employment_id, lao_id, line_code, level_code, salary_satang,"
     " effective_from, kind) VALUES (2, 2, 1, 'l010', 'academic_master', 1, '2016-01-01', 'first')",
     BAD, BAD},
    {"a C-grade appointment in history",
     "INSERT INTO appointment (person_id, employment_id, lao_id, line_code, level_code, salary_satang,"
     " effective_from, effective_to, kind) VALUES (2, 2, 1, 'l010', 'cgrade_3', 900000, '2015-06-01',"
     " '2015-12-31', 'first')",
     OK, OK},
    /* salary history */
    {"a raise of one and a half steps",
     "INSERT INTO salary_history (person_id, lao_id, effective_date, salary_satang, change_kind, raise_steps)"
     " VALUES (1, 1, '2015-10-01', 3100000, 'raise', '1.5')",
     OK, OK},
    {"a raise of 2.5 percent",
     "INSERT INTO salary_history (person_id, lao_id, effective_date, salary_satang, change_kind, "
     "raise_percent)"
     " VALUES (1, 1, '2026-04-01', 3200000, 'raise', 2.5)",
     OK, OK},
    {"a raise of three steps",
     "INSERT INTO salary_history (person_id, lao_id, effective_date, salary_satang, change_kind, raise_steps)"
     " VALUES (1, 1, '2015-10-01', 3100000, 'raise', '3')",
     BAD, BAD},
    {"a raise in steps and percent at once",
     "INSERT INTO salary_history (person_id, lao_id, effective_date, salary_satang, change_kind, raise_steps,"
     " raise_percent) VALUES (1, 1, '2015-10-01', 3100000, 'raise', '1', 3)",
     BAD, BAD},
    {"salary change kind outside the list",
     "INSERT INTO salary_history (person_id, lao_id, effective_date, salary_satang, change_kind)"
     " VALUES (1, 1, '2015-10-01', 3100000, 'bonus')",
     BAD, BAD},
    {"salary history of an unknown person",
     "INSERT INTO salary_history (person_id, lao_id, effective_date, salary_satang, change_kind)"
     " VALUES (99, 1, '2015-10-01', 3100000, 'start')",
     BAD, BAD},
    /* classification and rule sets */
    {"position line name used twice",
     "INSERT INTO position_line VALUES ('l999', 'นักบริหารงานท้องถิ่น', 'X', 'executive', 'local')", BAD, BAD},
    {"position line of an unknown source",
     "INSERT INTO position_line VALUES ('l999', 'นักทดสอบ', 'Tester', 'academic', 'dla')", BAD, BAD},
    {"rule set for a province",
     "INSERT INTO rule_set (kind, issuer, scope, effective_from, body, source)"
     " VALUES ('retirement', 'ก.อบต.จังหวัด', 'province:50', '2020-01-01', '{\"age\": 60}', 'test')",
     OK, OK},
    {"rule set for a region",
     "INSERT INTO rule_set (kind, issuer, scope, effective_from, body, source)"
     " VALUES ('retirement', 'x', 'region:1', '2020-01-01', '{}', 'test')",
     BAD, BAD},
    {"rule set for a one-digit province",
     "INSERT INTO rule_set (kind, issuer, scope, effective_from, body, source)"
     " VALUES ('retirement', 'x', 'province:5', '2020-01-01', '{}', 'test')",
     BAD, BAD},
    {"rule set for lao:0",
     "INSERT INTO rule_set (kind, issuer, scope, effective_from, body, source)"
     " VALUES ('retirement', 'x', 'lao:0', '2020-01-01', '{}', 'test')",
     BAD, BAD},
    {"rule set whose body is not JSON",
     "INSERT INTO rule_set (kind, issuer, scope, effective_from, body, source)"
     " VALUES ('retirement', 'x', 'lao:1', '2020-01-01', '{x', 'test')",
     BAD, ERR_DB},
    {"rule set whose body is an array",
     "INSERT INTO rule_set (kind, issuer, scope, effective_from, body, source)"
     " VALUES ('retirement', 'x', 'lao:1', '2020-01-01', '[1]', 'test')",
     BAD, BAD},
    {"rule set of an unknown confidence",
     "INSERT INTO rule_set (kind, issuer, scope, effective_from, body, source, confidence)"
     " VALUES ('retirement', 'x', 'lao:1', '2020-01-01', '{}', 'test', 'maybe')",
     BAD, BAD},
    {"a second rule set of one kind, scope and date",
     "INSERT INTO rule_set (kind, issuer, scope, effective_from, body, source)"
     " VALUES ('retirement', 'x', 'nation', '1999-11-30', '{}', 'test')",
     BAD, BAD},
};

static void test_constraints(void **state)
{
    struct modfix *fx = *state;
    insert_base_rows(fx);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int want = fx->store->pg ? cases[i].want_pg : cases[i].want_sqlite;
        int rc = modfix_try(fx->db, cases[i].sql);
        if (rc != want)
            print_error("case \"%s\" on %s: got %s, want %s (%s)\n", cases[i].what, fx->store->name,
                        err_name(rc), err_name(want), db_errmsg(fx->db));
        assert_int_equal(rc, want);
    }
}

/* Every table of the model exists with the columns the rest of the program names. */
static void test_tables_and_columns(void **state)
{
    struct modfix *fx = *state;
    static const char *const selects[] = {
        "SELECT id, name_th, name_en FROM region",
        "SELECT code, name_th, name_en, region_id FROM province",
        "SELECT code, province_code, name_th, name_en FROM district",
        "SELECT code, district_code, name_th, name_en, postcode FROM subdistrict",
        "SELECT code, name_th, abbr_th, name_en, committee_th FROM lao_type",
        "SELECT id, code, type_code, size_class, name_th, name_en, province_code, district_code, "
        "subdistrict_code"
        " FROM lao",
        "SELECT id, lao_id, parent_id, code, kind, name_th, name_en, sort FROM org_unit",
        "SELECT code, name_th, name_en, sort FROM position_type",
        "SELECT code, type_code, name_th, name_en, rank FROM position_level",
        "SELECT code, name_th, name_en, type_code, source FROM position_line",
        "SELECT id, lao_id, unit_id, number, line_code, type_code, level_min, level_max, status FROM "
        "position",
        "SELECT id, national_id, title_th, first_name_th, last_name_th, first_name_en, last_name_en, gender,"
        " birth_date, education_level, education_field FROM person",
        "SELECT id, person_id, lao_id, category, start_date, end_date, end_reason FROM employment",
        "SELECT id, person_id, employment_id, lao_id, position_id, line_code, level_code, salary_satang,"
        " effective_from, effective_to, kind, order_ref FROM appointment",
        "SELECT id, person_id, lao_id, effective_date, salary_satang, change_kind, raise_steps, "
        "raise_percent,"
        " order_ref FROM salary_history",
        "SELECT id, kind, issuer, scope, effective_from, body, source, confidence, note FROM rule_set",
    };
    for (size_t i = 0; i < sizeof selects / sizeof selects[0]; i++) {
        struct db_stmt *st;
        assert_ok(fx->db, db_prepare(fx->db, selects[i], &st));
        int rc;
        while ((rc = db_step(st)) == DB_ROW)
            ;
        assert_ok(fx->db, rc);
        db_finalize(st);
    }
}

/* Ids are supplied by bulk loads (COPY) and generated otherwise, on both stores. */
static void test_ids_supplied_or_generated(void **state)
{
    struct modfix *fx = *state;
    insert_base_rows(fx);
    assert_ok(fx->db,
              db_exec(fx->db,
                      "INSERT INTO person (national_id, title_th, first_name_th, last_name_th, gender,"
                      " birth_date, education_level) VALUES ('1100100000054', 'นาง', 'ก', 'ข', 'female',"
                      " '1990-01-01', 'doctorate')"));
    assert_int_equal(modfix_int(fx->db, "SELECT id FROM person WHERE national_id = '1100100000054'"), 3);
}

#define STORE_TESTS(store)                                                                                   \
    cmocka_unit_test_prestate_setup_teardown(test_tables_and_columns, modfix_setup, modfix_teardown,         \
                                             (void *)&store),                                                \
        cmocka_unit_test_prestate_setup_teardown(test_constraints, modfix_setup, modfix_teardown,            \
                                                 (void *)&store),                                            \
        cmocka_unit_test_prestate_setup_teardown(test_ids_supplied_or_generated, modfix_setup,               \
                                                 modfix_teardown, (void *)&store)

int main(void)
{
    const struct CMUnitTest sqlite_tests[] = {STORE_TESTS(sqlite_store)};
    const struct CMUnitTest pg_tests[] = {STORE_TESTS(pg_store)};
    int failed = cmocka_run_group_tests_name("schema on sqlite", sqlite_tests, NULL, NULL);
    if (testutil_pg_url())
        failed += cmocka_run_group_tests_name("schema on postgres", pg_tests, NULL, NULL);
    else
        printf("schema on postgres: skipped (set TAMBON_TEST_PG to a throwaway database URL)\n");
    return failed ? 1 : 0;
}
