/*
 * Fixture shared by the iam tests: the database of tests/unit/modules/modfix.h (real migrations, on
 * SQLite and, with TAMBON_TEST_PG, PostgreSQL) without the national seeds, plus a small world of two
 * provinces, three LAOs and seven people with current, ended and no employment; cheap argon2id
 * settings so that tests hash quickly; and a clock the tests move by hand (iam_clock_set).
 * "Today" for employment is fixed with TAMBON_TODAY=2025-06-01 by iamfix_main.
 */
#ifndef TAMBON_TEST_IAMFIX_H
#define TAMBON_TEST_IAMFIX_H

#include "modules/modfix.h"

#include <sodium.h>

#include "base/arena.h"
#include "modules/iam/iam.h"

static const struct modfix_store iam_sqlite_store = {"sqlite", false, false};
static const struct modfix_store iam_pg_store = {"postgres", true, false};

/* The test clock: iam_now() returns this while iamfix_setup is in force. */
static int64_t iamfix_time = 1750000000;

static inline int64_t iamfix_clock(void)
{
    return iamfix_time;
}

/* Cheap hashing for tests (the production cost is tested where it matters). */
static inline struct iam_config iamfix_config(void)
{
    struct iam_config c = iam_config_defaults();
    c.pwhash_opslimit = crypto_pwhash_OPSLIMIT_MIN;
    c.pwhash_memlimit = crypto_pwhash_MEMLIMIT_MIN;
    return c;
}

/*
 * The world. LAO 1 and 2 lie in province 50, LAO 3 in province 51. Today is 2025-06-01.
 *   person 1: employed in LAO 1          person 5: in LAO 1 until 2025-06-01 (today: still counts)
 *   person 2: employed in LAO 2          person 6: in LAO 1 until 2025-05-31 (ended yesterday)
 *   person 3: employed in LAO 3          person 7: never employed
 *   person 4: LAO 1 until 2020 (transferred), now LAO 3
 */
static const char *const iamfix_world[] = {
    "INSERT INTO region (id, name_th, name_en) VALUES (1, 'ภาคเหนือ', 'North')",
    "INSERT INTO province (code, name_th, name_en, region_id) VALUES ('50', 'เชียงใหม่', 'Chiang Mai', 1)",
    "INSERT INTO province (code, name_th, name_en, region_id) VALUES ('51', 'ลำพูน', 'Lamphun', 1)",
    "INSERT INTO district (code, province_code, name_th, name_en) VALUES ('5001', '50', 'เมืองเชียงใหม่', "
    "'Mueang')",
    "INSERT INTO district (code, province_code, name_th, name_en) VALUES ('5101', '51', 'เมืองลำพูน', "
    "'Mueang')",
    "INSERT INTO lao_type (code, name_th, abbr_th, name_en, committee_th, sort)"
    " VALUES ('sao', 'องค์การบริหารส่วนตำบล', 'อบต.', 'Subdistrict Administrative Organisation', 'ก.อบต.', 1)",
    "INSERT INTO lao (id, code, type_code, size_class, name_th, province_code, district_code)"
    " VALUES (1, 'T1', 'sao', 'small', 'อบต.หนึ่ง', '50', '5001')",
    "INSERT INTO lao (id, code, type_code, size_class, name_th, province_code, district_code)"
    " VALUES (2, 'T2', 'sao', 'small', 'อบต.สอง', '50', '5001')",
    "INSERT INTO lao (id, code, type_code, size_class, name_th, province_code, district_code)"
    " VALUES (3, 'T3', 'sao', 'small', 'อบต.สาม', '51', '5101')",
    "INSERT INTO person (id, national_id, title_th, first_name_th, last_name_th, gender, birth_date,"
    " education_level) VALUES (1, '1000000000001', 'นาย', 'หนึ่ง', 'ทดสอบ', 'male', '1980-01-01', 'bachelor'),"
    " (2, '1000000000002', 'นาง', 'สอง', 'ทดสอบ', 'female', '1981-01-01', 'bachelor'),"
    " (3, '1000000000003', 'นาย', 'สาม', 'ทดสอบ', 'male', '1982-01-01', 'master'),"
    " (4, '1000000000004', 'นาง', 'สี่', 'ทดสอบ', 'female', '1983-01-01', 'bachelor'),"
    " (5, '1000000000005', 'นาย', 'ห้า', 'ทดสอบ', 'male', '1964-05-31', 'diploma'),"
    " (6, '1000000000006', 'นาย', 'หก', 'ทดสอบ', 'male', '1990-01-01', 'secondary'),"
    " (7, '1000000000007', 'นางสาว', 'เจ็ด', 'ทดสอบ', 'female', '1995-01-01', 'bachelor')",
    "INSERT INTO employment (id, person_id, lao_id, category, start_date, end_date, end_reason) VALUES"
    " (1, 1, 1, 'civil_servant', '2010-01-01', NULL, NULL),"
    " (2, 2, 2, 'civil_servant', '2011-01-01', NULL, NULL),"
    " (3, 3, 3, 'civil_servant', '2012-01-01', NULL, NULL),"
    " (4, 4, 1, 'civil_servant', '2005-01-01', '2020-09-30', 'transferred'),"
    " (5, 4, 3, 'civil_servant', '2020-10-01', NULL, NULL),"
    " (6, 5, 1, 'general_contract', '2024-06-01', '2025-06-01', 'contract_ended'),"
    " (7, 6, 1, 'general_contract', '2024-06-01', '2025-05-31', 'resigned')",
};

static inline int iamfix_setup(void **state)
{
    int rc = modfix_setup(state);
    struct modfix *fx = *state;
    for (size_t i = 0; i < sizeof iamfix_world / sizeof iamfix_world[0]; i++)
        assert_ok(fx->db, db_exec(fx->db, iamfix_world[i]));
    struct iam_config cfg = iamfix_config();
    assert_int_equal(iam_configure(&cfg), ERR_OK);
    iamfix_time = 1750000000;
    iam_clock_set(iamfix_clock);
    return rc;
}

static inline int iamfix_teardown(void **state)
{
    iam_clock_set(NULL);
    return modfix_teardown(state);
}

/* Adds an account with password "correct horse battery" (person_id 0: none); returns its id. */
static inline int64_t iamfix_user(struct db *db, const char *username, int64_t person_id)
{
    char hash[IAM_HASH_MAX];
    int64_t id = 0;
    assert_int_equal(iam_password_hash("correct horse battery", hash), ERR_OK);
    assert_ok(db, iam_user_add(db, username, NULL, person_id, hash, &id));
    assert_true(id > 0);
    return id;
}

/* Runs the tests of one file on SQLite and, when configured, on PostgreSQL. */
static inline int iamfix_main(const char *name, const struct CMUnitTest *sqlite_tests, size_t n_sqlite,
                              const struct CMUnitTest *pg_tests, size_t n_pg)
{
    setenv("TAMBON_TODAY", "2025-06-01", 1);
    char title[128];
    snprintf(title, sizeof title, "%s on sqlite", name);
    int failed = _cmocka_run_group_tests(title, sqlite_tests, n_sqlite, NULL, NULL);
    snprintf(title, sizeof title, "%s on postgres", name);
    if (testutil_pg_url())
        failed += _cmocka_run_group_tests(title, pg_tests, n_pg, NULL, NULL);
    else
        printf("%s: skipped (set TAMBON_TEST_PG to a throwaway database URL)\n", title);
    return failed ? 1 : 0;
}

#define IAMFIX_TEST(fn, store)                                                                               \
    cmocka_unit_test_prestate_setup_teardown(fn, iamfix_setup, iamfix_teardown, (void *)&store)

#endif
