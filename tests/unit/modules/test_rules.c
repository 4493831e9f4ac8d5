/*
 * Unit tests for the rules module on SQLite and (TAMBON_TEST_PG) PostgreSQL: "which rule set applied on
 * this date?" across the 10 January 2569 (2026-01-10) switch from step raises to percentage raises,
 * with local rule sets of every scope competing with the national defaults; scope chains of LAOs; and
 * the scope syntax.
 */
#include "modfix.h"

#include "base/arena.h"
#include "base/jsonx.h"
#include "modules/rules/rules.h"

static const struct modfix_store sqlite_store = {"sqlite", false, true};
static const struct modfix_store pg_store = {"postgres", true, true};

/* Local rule sets next to the national defaults loaded by the seed (steps 2015-04-01, percent 2026-01-10). */
static const char *const local_rules[] = {
    "INSERT INTO rule_set (kind, issuer, scope, effective_from, body, source)"
    " VALUES ('raise_regime', 'ก.อบต.', 'lao_type:sao', '2020-01-01', '{\"regime\": \"sao_steps\"}', 'test')",
    "INSERT INTO rule_set (kind, issuer, scope, effective_from, body, source)"
    " VALUES ('raise_regime', 'ก.อบต.จังหวัดเชียงใหม่', 'province:50', '2026-01-10',"
    " '{\"regime\": \"province_percent\"}', 'test')",
    "INSERT INTO rule_set (kind, issuer, scope, effective_from, body, source)"
    " VALUES ('raise_regime', 'นายก อบต.', 'lao:1', '2026-03-01', '{\"regime\": \"lao_percent\"}', 'test')",
    "INSERT INTO lao (id, code, type_code, size_class, name_th, province_code, district_code)"
    " VALUES (1, 'T0001', 'sao', 'small', 'องค์การบริหารส่วนตำบลศรีภูมิ', '50', '5001')",
    "INSERT INTO lao (id, code, type_code, size_class, name_th, province_code, district_code)"
    " VALUES (2, 'T0002', 'pao', 'large', 'องค์การบริหารส่วนจังหวัดนครราชสีมา', '30', '3001')",
};

static const char *const chain_lao1[] = {"lao:1", "province:50", "lao_type:sao", "nation", NULL};
static const char *const chain_lao2[] = {"lao:2", "province:30", "lao_type:pao", "nation", NULL};
static const char *const chain_lao3[] = {"lao:3", "province:30", "lao_type:sao", "nation", NULL};
static const char *const chain_nation[] = {"nation", NULL};
static const char *const chain_lao1_only[] = {"lao:1", NULL};
static const char *const chain_empty[] = {NULL};

static const struct {
    const char *kind;
    const char *const *chain;
    const char *on;
    int rc;
    const char *regime; /* body.regime, or for retirement body.age as text */
} cases[] = {
    /* the national defaults around the switch */
    {"raise_regime", chain_nation, "2015-03-31", ERR_NOTFOUND, NULL},
    {"raise_regime", chain_nation, "2015-04-01", ERR_OK, "steps"},
    {"raise_regime", chain_nation, "2025-12-31", ERR_OK, "steps"},
    {"raise_regime", chain_nation, "2026-01-09", ERR_OK, "steps"},
    {"raise_regime", chain_nation, "2026-01-10", ERR_OK, "percent"},
    {"raise_regime", chain_nation, "2026-01-11", ERR_OK, "percent"},
    {"raise_regime", chain_nation, "2099-12-31", ERR_OK, "percent"},
    /* a SAO in Chiang Mai: its type's rule from 2020, its province's from the switch, its own from March */
    {"raise_regime", chain_lao1, "2019-12-31", ERR_OK, "steps"},
    {"raise_regime", chain_lao1, "2020-01-01", ERR_OK, "sao_steps"},
    {"raise_regime", chain_lao1, "2026-01-09", ERR_OK, "sao_steps"},
    {"raise_regime", chain_lao1, "2026-01-10", ERR_OK,
     "province_percent"}, /* same date as nation: province wins */
    {"raise_regime", chain_lao1, "2026-02-28", ERR_OK, "province_percent"},
    {"raise_regime", chain_lao1, "2026-03-01", ERR_OK, "lao_percent"},
    /* a PAO in Nakhon Ratchasima: no local rule applies, only the nation's */
    {"raise_regime", chain_lao2, "2026-01-09", ERR_OK, "steps"},
    {"raise_regime", chain_lao2, "2026-01-10", ERR_OK, "percent"},
    {"raise_regime", chain_lao2, "2026-03-01", ERR_OK, "percent"},
    /* a SAO elsewhere: the SAO rule of 2020 applies until the newer national rule of 2026 */
    {"raise_regime", chain_lao3, "2025-06-01", ERR_OK, "sao_steps"},
    {"raise_regime", chain_lao3, "2026-01-10", ERR_OK, "percent"},
    /* scopes outside the chain never apply */
    {"raise_regime", chain_lao1_only, "2026-02-01", ERR_NOTFOUND, NULL},
    {"raise_regime", chain_lao1_only, "2026-03-01", ERR_OK, "lao_percent"},
    /* other kinds */
    {"retirement", chain_lao1, "2026-01-10", ERR_OK, "60"},
    {"retirement", chain_nation, "1999-11-29", ERR_NOTFOUND, NULL},
    {"salary_ranges", chain_lao2, "2026-01-10", ERR_OK, NULL},
    {"no_such_kind", chain_lao1, "2026-01-10", ERR_NOTFOUND, NULL},
    /* bad questions */
    {"raise_regime", chain_empty, "2026-01-10", ERR_INVAL, NULL},
    {"raise_regime", NULL, "2026-01-10", ERR_INVAL, NULL},
};

static void test_find(void **state)
{
    struct modfix *fx = *state;
    for (size_t i = 0; i < sizeof local_rules / sizeof local_rules[0]; i++)
        assert_ok(fx->db, db_exec(fx->db, local_rules[i]));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct date on;
        assert_int_equal(date_parse_iso(cases[i].on, strlen(cases[i].on), &on), ERR_OK);
        json_t *body = (json_t *)1;
        int rc = rules_find(fx->db, cases[i].kind, cases[i].chain, on, &body);
        if (rc != cases[i].rc)
            print_error("case %zu (%s on %s): got %s, want %s (%s)\n", i, cases[i].kind, cases[i].on,
                        err_name(rc), err_name(cases[i].rc), db_errmsg(fx->db));
        assert_int_equal(rc, cases[i].rc);
        if (rc != ERR_OK) {
            assert_null(body);
            continue;
        }
        assert_true(json_is_object(body));
        if (strcmp(cases[i].kind, "retirement") == 0) {
            assert_int_equal(json_integer_value(json_object_get(body, "age")), 60);
            assert_string_equal(json_string_value(json_object_get(body, "last_day")), "fiscal_year_end");
        } else if (strcmp(cases[i].kind, "salary_ranges") == 0) {
            /* The 2558 range of ชำนาญการ, in satang: 13,160-43,600 baht. */
            json_t *lvl = json_object_get(json_object_get(body, "levels"), "academic_professional");
            assert_int_equal(json_integer_value(json_object_get(lvl, "min")), 1316000);
            assert_int_equal(json_integer_value(json_object_get(lvl, "max")), 4360000);
        } else {
            assert_string_equal(json_string_value(json_object_get(body, "regime")), cases[i].regime);
        }
        json_decref(body);
    }
}

/* An invalid date is refused before any query. */
static void test_find_bad_date(void **state)
{
    struct modfix *fx = *state;
    json_t *body = NULL;
    struct date bad = {2026, 2, 30};
    assert_int_equal(rules_find(fx->db, "raise_regime", chain_nation, bad, &body), ERR_INVAL);
    assert_null(body);
}

/* The percentage regime's parameters as shipped, read through rules_find as a raise round would. */
static void test_default_percent_regime(void **state)
{
    struct modfix *fx = *state;
    json_t *body = NULL;
    struct date on = {2026, 4, 1};
    assert_ok(fx->db, rules_find(fx->db, "raise_regime", chain_nation, on, &body));
    int64_t v = 0;
    assert_int_equal(jsonx_int(body, "pool_percent_of_salary_mass", &v), ERR_OK);
    assert_int_equal(v, 3);
    assert_int_equal(jsonx_int(body, "max_rate_percent", &v), ERR_OK);
    assert_int_equal(v, 6);
    assert_int_equal(jsonx_int(body, "round_up_to_satang", &v), ERR_OK);
    assert_int_equal(v, 1000);
    assert_int_equal(json_array_size(json_object_get(body, "rounds")), 2);
    json_decref(body);
    /* Source and confidence travel with the rule set. */
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM rule_set WHERE kind = 'raise_regime'"
                                        " AND effective_from = '2026-01-10' AND confidence = 'I'"
                                        " AND source LIKE '%ฉบับที่ 21%'"),
                     1);
}

static void test_scope_chain_for_lao(void **state)
{
    struct modfix *fx = *state;
    for (size_t i = 0; i < sizeof local_rules / sizeof local_rules[0]; i++)
        assert_ok(fx->db, db_exec(fx->db, local_rules[i]));
    struct arena a;
    arena_init(&a, 0);
    const char *chain[RULES_CHAIN_MAX + 1];
    assert_ok(fx->db, rules_scope_chain_for_lao(fx->db, 1, &a, chain));
    for (int i = 0; i < RULES_CHAIN_MAX; i++)
        assert_string_equal(chain[i], chain_lao1[i]);
    assert_null(chain[RULES_CHAIN_MAX]);
    assert_ok(fx->db, rules_scope_chain_for_lao(fx->db, 2, &a, chain));
    for (int i = 0; i < RULES_CHAIN_MAX; i++)
        assert_string_equal(chain[i], chain_lao2[i]);
    assert_db(fx->db, rules_scope_chain_for_lao(fx->db, 99, &a, chain), ERR_NOTFOUND);
    /* The chain answers questions directly. */
    assert_ok(fx->db, rules_scope_chain_for_lao(fx->db, 1, &a, chain));
    json_t *body = NULL;
    struct date on = {2026, 3, 1};
    assert_ok(fx->db, rules_find(fx->db, "raise_regime", chain, on, &body));
    assert_string_equal(json_string_value(json_object_get(body, "regime")), "lao_percent");
    json_decref(body);
    arena_release(&a);
}

static void test_scope_syntax(void **state)
{
    (void)state;
    static const struct {
        const char *scope;
        bool valid;
    } scopes[] = {
        {"nation", true},
        {"lao_type:sao", true},
        {"lao_type:subdistrict_municipality", true},
        {"province:50", true},
        {"province:10", true},
        {"lao:1", true},
        {"lao:123456789012345678", true},
        {"lao:1234567890123456789", false},
        {"lao:0", false},
        {"lao:01", false},
        {"lao:", false},
        {"lao:-1", false},
        {"lao:1a", false},
        {"province:5", false},
        {"province:500", false},
        {"province:ab", false},
        {"lao_type:", false},
        {"lao_type:SAO", false},
        {"region:1", false},
        {"Nation", false},
        {"nation ", false},
        {"", false},
        {NULL, false},
    };
    for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++)
        assert_int_equal(rules_scope_valid(scopes[i].scope), scopes[i].valid);
}

#define STORE_TESTS(store)                                                                                   \
    cmocka_unit_test_prestate_setup_teardown(test_find, modfix_setup, modfix_teardown, (void *)&store),      \
        cmocka_unit_test_prestate_setup_teardown(test_find_bad_date, modfix_setup, modfix_teardown,          \
                                                 (void *)&store),                                            \
        cmocka_unit_test_prestate_setup_teardown(test_default_percent_regime, modfix_setup, modfix_teardown, \
                                                 (void *)&store),                                            \
        cmocka_unit_test_prestate_setup_teardown(test_scope_chain_for_lao, modfix_setup, modfix_teardown,    \
                                                 (void *)&store)

int main(void)
{
    const struct CMUnitTest common_tests[] = {cmocka_unit_test(test_scope_syntax)};
    const struct CMUnitTest sqlite_tests[] = {STORE_TESTS(sqlite_store)};
    const struct CMUnitTest pg_tests[] = {STORE_TESTS(pg_store)};
    int failed = cmocka_run_group_tests_name("rules", common_tests, NULL, NULL);
    failed += cmocka_run_group_tests_name("rules on sqlite", sqlite_tests, NULL, NULL);
    if (testutil_pg_url())
        failed += cmocka_run_group_tests_name("rules on postgres", pg_tests, NULL, NULL);
    else
        printf("rules on postgres: skipped (set TAMBON_TEST_PG to a throwaway database URL)\n");
    return failed ? 1 : 0;
}
