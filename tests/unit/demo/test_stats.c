/*
 * Unit tests for demo/demo and demo/stats against a real SQLite database: generating one LAO into an
 * initialised database, the counts `tambon stats` reports for it, the refusal to generate over
 * existing LAOs without replace, replace regenerating the same data, unknown provinces; and the
 * thousands separators of the summaries.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "db/db.h"
#include "db/migrate.h"
#include "demo/demo.h"
#include "demo/stats.h"
#include "modules/modules.h"
#include "testutil.h"

static void test_format_count(void **state)
{
    (void)state;
    static const struct {
        int64_t n;
        const char *want;
    } cases[] = {
        {0, "0"},
        {7, "7"},
        {999, "999"},
        {1000, "1,000"},
        {12345, "12,345"},
        {477432, "477,432"},
        {1000000, "1,000,000"},
        {-1, "-1"},
        {-1000, "-1,000"},
        {INT64_MAX, "9,223,372,036,854,775,807"},
        {INT64_MIN, "-9,223,372,036,854,775,808"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[32];
        assert_string_equal(demo_format_count(cases[i].n, out), cases[i].want);
    }
}

struct fixture {
    char *dir;
    struct db *db;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = testutil_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/demo.db", f->dir);
    char err[256];
    if (db_open(path, &f->db, err, sizeof err) != ERR_OK || migrate_up(f->db, NULL) != ERR_OK ||
        modules_seed(f->db, NULL) != ERR_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    db_close(f->db);
    testutil_rmtree(f->dir);
    free(f);
    return 0;
}

static json_int_t count_of(const json_t *s, const char *obj, const char *key)
{
    return json_integer_value(json_object_get(json_object_get(s, obj), key));
}

static void test_generate_lao_and_stats(void **state)
{
    struct fixture *f = *state;
    setenv("TAMBON_TODAY", "2026-11-24", 1);
    setenv("TAMBON_QUIET", "1", 1);
    struct demo_options opt = {DEMO_SCALE_LAO, 7, "40", false};
    struct demo_counts n;
    assert_int_equal(demo_generate(f->db, &opt, &n), ERR_OK);
    assert_int_equal(n.laos, 1);
    assert_true(n.units >= 5);
    assert_true(n.positions > n.people && n.people > 10);
    assert_true(n.employments >= n.people);
    assert_true(n.appointments >= n.people);
    assert_true(n.salaries > n.people);
    assert_int_equal(n.lines_replaced, 0); /* every line the generator uses is seeded */

    json_t *s = NULL;
    assert_int_equal(demo_stats_collect(f->db, &s), ERR_OK);
    assert_int_equal(json_integer_value(json_object_get(s, "laos")), 1);
    json_t *types = json_object_get(s, "lao_types");
    assert_int_equal(json_array_size(types), 6);
    for (size_t i = 0; i < json_array_size(types); i++) {
        json_t *t = json_array_get(types, i);
        bool muni = strcmp(json_string_value(json_object_get(t, "code")), "subdistrict_municipality") == 0;
        assert_int_equal(json_integer_value(json_object_get(t, "laos")), muni ? 1 : 0);
    }
    json_t *provinces = json_object_get(s, "provinces");
    assert_int_equal(json_array_size(provinces), 1);
    json_t *p = json_array_get(provinces, 0);
    assert_string_equal(json_string_value(json_object_get(p, "code")), "40");
    assert_int_equal(json_integer_value(json_object_get(p, "positions")), n.positions);
    assert_int_equal(json_integer_value(json_object_get(p, "people")), n.people);
    assert_int_equal(count_of(s, "positions", "total"), n.positions);
    assert_int_equal(count_of(s, "positions", "filled"), n.people);
    assert_int_equal(count_of(s, "positions", "filled") + count_of(s, "positions", "vacant") +
                         count_of(s, "positions", "frozen"),
                     n.positions);
    assert_int_equal(count_of(s, "people", "total"), n.people);
    json_int_t cats = count_of(s, "people", "civil_servant") + count_of(s, "people", "teacher") +
                      count_of(s, "people", "permanent_employee") +
                      count_of(s, "people", "mission_contract") + count_of(s, "people", "general_contract");
    assert_int_equal(cats, n.people);
    json_decref(s);

    /* Existing LAOs: refused without replace, nothing changed. */
    struct demo_counts again;
    opt.seed = 8;
    assert_int_equal(demo_generate(f->db, &opt, &again), ERR_EXISTS);
    int64_t people = 0;
    assert_int_equal(db_query_int64(f->db, &people, "SELECT count(*) FROM person", ""), ERR_OK);
    assert_int_equal(people, n.people);

    /* Replace with the first seed: the same counts and the same first person. */
    char first_id[14] = {0};
    struct db_stmt *st;
    assert_int_equal(db_prepare(f->db, "SELECT national_id FROM person ORDER BY id LIMIT 1", &st), ERR_OK);
    assert_int_equal(db_step(st), DB_ROW);
    memcpy(first_id, db_column_text(st, 0), 13);
    db_finalize(st);
    opt.seed = 7;
    opt.replace = true;
    assert_int_equal(demo_generate(f->db, &opt, &again), ERR_OK);
    assert_memory_equal(&again, &n, sizeof n);
    assert_int_equal(db_prepare(f->db, "SELECT national_id FROM person ORDER BY id LIMIT 1", &st), ERR_OK);
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_column_text(st, 0), first_id);
    db_finalize(st);
}

static void test_unknown_provinces(void **state)
{
    struct fixture *f = *state;
    static const char *const bad[] = {"10", "99", "00"}; /* Bangkok has no LAOs; 99 and 00 do not exist */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct demo_options opt = {DEMO_SCALE_PROVINCE, 1, bad[i], true};
        struct demo_counts n;
        assert_int_equal(demo_generate(f->db, &opt, &n), ERR_NOTFOUND);
    }
    enum demo_scale sc;
    assert_int_equal(demo_parse_scale("lao", &sc), ERR_OK);
    assert_int_equal(sc, DEMO_SCALE_LAO);
    assert_int_equal(demo_parse_scale("national", &sc), ERR_OK);
    assert_int_equal(sc, DEMO_SCALE_NATIONAL);
    assert_int_equal(demo_parse_scale("Province", &sc), ERR_INVAL);
    assert_int_equal(demo_parse_scale("", &sc), ERR_INVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_count),
        cmocka_unit_test_setup_teardown(test_generate_lao_and_stats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_provinces, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
