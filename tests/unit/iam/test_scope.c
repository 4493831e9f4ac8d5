/*
 * Unit tests for scope containment and scope filters, on SQLite and PostgreSQL. One table gives, for
 * each kind of principal (every role with its scope, a combination, nobody) and a permission, the
 * expected answer for every target: two provinces, three LAOs and a missing one, seven people with
 * current, ended (yesterday, today) and no employment, and a missing person. The same table checks
 * iam_can_see_province/_lao/_person and the rows that real list queries return through the filter,
 * so the single-record checks and the list filter can never disagree. Also the filter's SQL text.
 */
#include "iamfix.h"

enum { N_PRINCIPALS = 8 };

static const struct iam_grant g_emp = {1, IAM_ROLE_EMPLOYEE, {IAM_SCOPE_SELF, 0, ""}};
static const struct iam_grant g_hr1 = {2, IAM_ROLE_LAO_HR, {IAM_SCOPE_LAO, 1, ""}};
static const struct iam_grant g_exec1 = {3, IAM_ROLE_LAO_EXEC, {IAM_SCOPE_LAO, 1, ""}};
static const struct iam_grant g_prov50 = {4, IAM_ROLE_PROVINCE_OFFICER, {IAM_SCOPE_PROVINCE, 0, "50"}};
static const struct iam_grant g_nation = {5, IAM_ROLE_NATION_OFFICER, {IAM_SCOPE_NATION, 0, ""}};
static const struct iam_grant g_admin = {6, IAM_ROLE_ADMIN, {IAM_SCOPE_NATION, 0, ""}};
static const struct iam_grant g_combined[] = {
    {7, IAM_ROLE_LAO_HR, {IAM_SCOPE_LAO, 2, ""}},
    {8, IAM_ROLE_EMPLOYEE, {IAM_SCOPE_SELF, 0, ""}},
};

static const struct iam_principal principals[N_PRINCIPALS] = {
    {1, "emp", "", 1, &g_emp, 1},     /* 0: employee, person 1 */
    {2, "hr", "", 0, &g_hr1, 1},      /* 1: lao_hr lao:1 */
    {3, "exec", "", 0, &g_exec1, 1},  /* 2: lao_exec lao:1 */
    {4, "prov", "", 0, &g_prov50, 1}, /* 3: province_officer province:50 */
    {5, "dla", "", 0, &g_nation, 1},  /* 4: nation_officer */
    {6, "admin", "", 0, &g_admin, 1}, /* 5: admin */
    {7, "hr2", "", 3, g_combined, 2}, /* 6: lao_hr lao:2 and employee self (person 3, in LAO 3) */
    {8, "nobody", "", 0, NULL, 0},    /* 7: no grants */
};

/* The targets, in the order of the expectation strings. */
static const char *const provinces[] = {"50", "51"};
static const int64_t laos[] = {1, 2, 3, 999};
static const int64_t people[] = {1, 2, 3, 4, 5, 6, 7, 999};
enum { N_TARGETS = 2 + 4 + 8 };

/* 'y' where the principal may see the target with the permission: P50 P51 | L1 L2 L3 L999 | p1..p7 p999
 * (the bars are for reading and are skipped). */
static const struct {
    int who;
    const char *perm;
    const char *want;
} table[] = {
    /* one principal and permission per line */
    /* clang-format off */
    {0, "person.view", "nn|nnnn|nnnnnnnn"},
    {0, "profile.view_own", "nn|nnnn|ynnnnnnn"},
    {0, "person.view_full_id", "nn|nnnn|ynnnnnnn"},
    {1, "person.view", "nn|ynnn|ynnnynnn"},
    {1, "person.edit", "nn|ynnn|ynnnynnn"},
    {1, "profile.view_own", "nn|nnnn|nnnnnnnn"},
    {2, "person.view", "nn|ynnn|ynnnynnn"},
    {2, "person.edit", "nn|nnnn|nnnnnnnn"},
    {3, "person.view", "yn|yynn|yynnynnn"},
    {3, "lao.list", "yn|yynn|yynnynnn"},
    {3, "person.edit", "nn|nnnn|nnnnnnnn"},
    {4, "person.view", "yy|yyyy|yyyyyyyy"},
    {4, "audit.view", "yy|yyyy|yyyyyyyy"},
    {4, "user.manage", "nn|nnnn|nnnnnnnn"},
    {5, "person.view", "yy|yyyy|yyyyyyyy"},
    {5, "person.edit", "nn|nnnn|nnnnnnnn"},
    {6, "person.view", "nn|nynn|nynnnnnn"},
    {6, "profile.view_own", "nn|nnnn|nnynnnnn"},
    {6, "person.view_full_id", "nn|nynn|nyynnnnn"},
    {7, "person.view", "nn|nnnn|nnnnnnnn"},
    {5, "no.such.permission", "nn|nnnn|nnnnnnnn"},
    /* clang-format on */
};

/* Row i's expectations without the bars: N_TARGETS letters. */
static void expectations(size_t i, char out[N_TARGETS + 1])
{
    size_t n = 0;
    for (const char *c = table[i].want; *c; c++)
        if (*c != '|') {
            assert_true(n < N_TARGETS);
            out[n++] = *c;
        }
    out[n] = '\0';
    assert_int_equal(n, N_TARGETS);
}

static void test_containment(void **state)
{
    struct modfix *fx = *state;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const struct iam_principal *p = &principals[table[i].who];
        char want[N_TARGETS + 1];
        expectations(i, want);
        size_t t = 0;
        for (size_t k = 0; k < 2; k++, t++) {
            int rc = iam_can_see_province(p, table[i].perm, provinces[k]);
            if (rc != (want[t] == 'y' ? ERR_OK : ERR_PERM))
                print_error("row %zu (%s %s) province %s: got %s\n", i, p->username, table[i].perm,
                            provinces[k], err_name(rc));
            assert_int_equal(rc, want[t] == 'y' ? ERR_OK : ERR_PERM);
        }
        for (size_t k = 0; k < 4; k++, t++) {
            int rc = iam_can_see_lao(fx->db, p, table[i].perm, laos[k]);
            if (rc != (want[t] == 'y' ? ERR_OK : ERR_PERM))
                print_error("row %zu (%s %s) lao %lld: got %s\n", i, p->username, table[i].perm,
                            (long long)laos[k], err_name(rc));
            assert_int_equal(rc, want[t] == 'y' ? ERR_OK : ERR_PERM);
        }
        for (size_t k = 0; k < 8; k++, t++) {
            int rc = iam_can_see_person(fx->db, p, table[i].perm, people[k]);
            if (rc != (want[t] == 'y' ? ERR_OK : ERR_PERM))
                print_error("row %zu (%s %s) person %lld: got %s\n", i, p->username, table[i].perm,
                            (long long)people[k], err_name(rc));
            assert_int_equal(rc, want[t] == 'y' ? ERR_OK : ERR_PERM);
        }
    }
    assert_int_equal(iam_can_see_lao(fx->db, NULL, "lao.view", 1), ERR_PERM);
    assert_int_equal(iam_can_see_person(fx->db, NULL, "person.view", 1), ERR_PERM);
    assert_int_equal(iam_can_see_province(NULL, "lao.view", "50"), ERR_PERM);
}

/* Runs sql + the filter's predicate (from $first) with $1 bound to today when first is 2; returns ids. */
static void run_filtered(struct db *db, const char *head, const char *tail, int first,
                         const struct iam_filter *f, const struct iam_filter_columns *cols, struct buf *got)
{
    struct buf sql;
    buf_init(&sql, 4096);
    int next = 0;
    assert_int_equal(buf_appends(&sql, head), ERR_OK);
    assert_int_equal(iam_filter_sql(f, cols, first, &sql, &next), ERR_OK);
    assert_int_equal(buf_appends(&sql, tail), ERR_OK);
    struct db_stmt *st;
    assert_ok(db, db_prepare(db, buf_str(&sql), &st));
    if (first == 2)
        assert_ok(db, db_bind_text(st, 1, "2025-06-01"));
    assert_ok(db, iam_filter_bind(f, cols, st, first));
    int rc;
    buf_reset(got);
    while ((rc = db_step(st)) == DB_ROW)
        assert_int_equal(buf_printf(got, "%s ", db_column_text(st, 0)), ERR_OK);
    assert_ok(db, rc);
    db_finalize(st);
    buf_release(&sql);
}

static void test_filter_in_queries(void **state)
{
    struct modfix *fx = *state;
    static const struct iam_filter_columns person_cols = {"l.province_code", "e.lao_id", "p.id"};
    static const struct iam_filter_columns lao_cols = {"l.province_code", "l.id", NULL};
    static const struct iam_filter_columns province_cols = {"pr.code", NULL, NULL};
    struct buf got, want;
    buf_init(&got, 1024);
    buf_init(&want, 1024);
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const struct iam_principal *p = &principals[table[i].who];
        char w[N_TARGETS + 1];
        expectations(i, w);
        struct arena a;
        arena_init(&a, 0);
        struct iam_filter f;
        assert_int_equal(iam_filter_build(p, table[i].perm, &a, &f), ERR_OK);

        /* People employed today (1..5; 6 left yesterday, 7 never worked), as the filter lets through. */
        run_filtered(fx->db,
                     "SELECT DISTINCT p.id FROM person p JOIN employment e ON e.person_id = p.id"
                     " AND (e.end_date IS NULL OR e.end_date >= $1) JOIN lao l ON l.id = e.lao_id WHERE ",
                     " ORDER BY p.id", 2, &f, &person_cols, &got);
        buf_reset(&want);
        for (int k = 0; k < 5; k++)
            if (w[6 + k] == 'y')
                assert_int_equal(buf_printf(&want, "%d ", k + 1), ERR_OK);
        if (strcmp(buf_str(&got), buf_str(&want)) != 0)
            print_error("row %zu (%s %s) people: got '%s', want '%s'\n", i, p->username, table[i].perm,
                        buf_str(&got), buf_str(&want));
        assert_string_equal(buf_str(&got), buf_str(&want));

        /* LAOs. */
        run_filtered(fx->db, "SELECT l.id FROM lao l WHERE ", " ORDER BY l.id", 1, &f, &lao_cols, &got);
        buf_reset(&want);
        for (int k = 0; k < 3; k++)
            if (w[2 + k] == 'y')
                assert_int_equal(buf_printf(&want, "%d ", k + 1), ERR_OK);
        assert_string_equal(buf_str(&got), buf_str(&want));

        /* Provinces. */
        run_filtered(fx->db, "SELECT pr.code FROM province pr WHERE ", " ORDER BY pr.code", 1, &f,
                     &province_cols, &got);
        buf_reset(&want);
        for (int k = 0; k < 2; k++)
            if (w[k] == 'y')
                assert_int_equal(buf_printf(&want, "%s ", provinces[k]), ERR_OK);
        assert_string_equal(buf_str(&got), buf_str(&want));
        arena_release(&a);
    }
    buf_release(&got);
    buf_release(&want);
}

static void test_filter_sql(void **state)
{
    (void)state;
    const struct iam_grant many[] = {
        {1, IAM_ROLE_LAO_HR, {IAM_SCOPE_LAO, 7, ""}},
        {2, IAM_ROLE_PROVINCE_OFFICER, {IAM_SCOPE_PROVINCE, 0, "50"}},
        {3, IAM_ROLE_EMPLOYEE, {IAM_SCOPE_SELF, 0, ""}},
        {4, IAM_ROLE_LAO_EXEC, {IAM_SCOPE_LAO, 7, ""}}, /* the same LAO again: one placeholder */
        {5, IAM_ROLE_LAO_EXEC, {IAM_SCOPE_LAO, 8, ""}},
    };
    const struct iam_principal p = {1, "x", "x", 42, many, 5};
    const struct iam_principal self_only_no_person = {2, "y", "y", 0, &g_emp, 1};
    static const struct iam_filter_columns all_cols = {"l.province_code", "e.lao_id", "p.id"};
    static const struct iam_filter_columns lao_cols = {"l.province_code", "l.id", NULL};
    static const struct iam_filter_columns none = {NULL, NULL, NULL};
    static const struct iam_filter_columns bad = {"l.province_code; DROP TABLE lao", NULL, NULL};
    static const struct iam_filter_columns bad2 = {"1abc", NULL, NULL};
    const struct {
        const struct iam_principal *who;
        const char *perm;
        const struct iam_filter_columns *cols;
        int first;
        int rc;
        const char *sql;
        int next;
    } cases[] = {
        {&p, "person.view", &all_cols, 3, ERR_OK, "(e.lao_id = $3 OR l.province_code = $4 OR e.lao_id = $5)",
         6},
        {&p, "person.view_full_id", &all_cols, 1, ERR_OK, "(e.lao_id = $1 OR p.id = $2)", 3},
        {&p, "profile.view_own", &all_cols, 1, ERR_OK, "(p.id = $1)", 2},
        {&p, "profile.view_own", &lao_cols, 1, ERR_OK, "(1 = 0)", 1}, /* no person column */
        {&p, "person.view", &none, 1, ERR_OK, "(1 = 0)", 1},
        {&p, "user.manage", &all_cols, 1, ERR_OK, "(1 = 0)", 1},
        {&principals[4], "person.view", &all_cols, 2, ERR_OK, "(1 = 1)", 2},
        {&self_only_no_person, "profile.view_own", &all_cols, 1, ERR_OK, "(1 = 0)", 1},
        {&p, "person.view", &bad, 1, ERR_INVAL, "", 0},
        {&p, "person.view", &bad2, 1, ERR_INVAL, "", 0},
        {&p, "person.view", &all_cols, 0, ERR_INVAL, "", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a, 0);
        struct iam_filter f;
        assert_int_equal(iam_filter_build(cases[i].who, cases[i].perm, &a, &f), ERR_OK);
        struct buf sql;
        buf_init(&sql, 1024);
        int next = 0;
        int rc = iam_filter_sql(&f, cases[i].cols, cases[i].first, &sql, &next);
        if (rc != cases[i].rc || strcmp(buf_str(&sql), cases[i].sql) != 0)
            print_error("case %zu: got %s '%s'\n", i, err_name(rc), buf_str(&sql));
        assert_int_equal(rc, cases[i].rc);
        assert_string_equal(buf_str(&sql), cases[i].sql);
        if (rc == ERR_OK)
            assert_int_equal(next, cases[i].next);
        buf_release(&sql);
        arena_release(&a);
    }
    /* A full buffer: an error, and the SQL written so far is left as it was. */
    struct arena a;
    arena_init(&a, 0);
    struct iam_filter f;
    assert_int_equal(iam_filter_build(&p, "person.view", &a, &f), ERR_OK);
    struct buf small;
    buf_init(&small, 24);
    assert_int_equal(buf_appends(&small, "WHERE "), ERR_OK);
    int next = 0;
    assert_int_equal(iam_filter_sql(&f, &all_cols, 1, &small, &next), ERR_TOOBIG);
    assert_string_equal(buf_str(&small), "WHERE ");
    buf_release(&small);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest sqlite_tests[] = {
        cmocka_unit_test(test_filter_sql),
        IAMFIX_TEST(test_containment, iam_sqlite_store),
        IAMFIX_TEST(test_filter_in_queries, iam_sqlite_store),
    };
    const struct CMUnitTest pg_tests[] = {
        IAMFIX_TEST(test_containment, iam_pg_store),
        IAMFIX_TEST(test_filter_in_queries, iam_pg_store),
    };
    return iamfix_main("iam scopes", sqlite_tests, sizeof sqlite_tests / sizeof sqlite_tests[0], pg_tests,
                       sizeof pg_tests / sizeof pg_tests[0]);
}
