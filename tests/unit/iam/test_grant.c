/*
 * Unit tests for roles, scopes and permissions: role and scope parsing with boundaries, the permission
 * table as a matrix of every role and permission, iam_allows, and on SQLite and PostgreSQL granting
 * (role/scope fit, existence of the LAO or province, the employee's linked person, duplicates), the
 * database's own refusal of inconsistent rows, revoking, listing and loading a principal.
 */
#include "iamfix.h"

static void test_roles(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int rc;
        enum iam_role role;
        enum iam_scope_kind kind;
    } cases[] = {
        {"employee", ERR_OK, IAM_ROLE_EMPLOYEE, IAM_SCOPE_SELF},
        {"lao_hr", ERR_OK, IAM_ROLE_LAO_HR, IAM_SCOPE_LAO},
        {"lao_exec", ERR_OK, IAM_ROLE_LAO_EXEC, IAM_SCOPE_LAO},
        {"province_officer", ERR_OK, IAM_ROLE_PROVINCE_OFFICER, IAM_SCOPE_PROVINCE},
        {"nation_officer", ERR_OK, IAM_ROLE_NATION_OFFICER, IAM_SCOPE_NATION},
        {"admin", ERR_OK, IAM_ROLE_ADMIN, IAM_SCOPE_NATION},
        {"Admin", ERR_INVAL, 0, 0},
        {"root", ERR_INVAL, 0, 0},
        {"", ERR_INVAL, 0, 0},
        {NULL, ERR_INVAL, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum iam_role r = IAM_ROLE__COUNT;
        assert_int_equal(iam_role_parse(cases[i].name, &r), cases[i].rc);
        if (cases[i].rc != ERR_OK)
            continue;
        assert_int_equal(r, cases[i].role);
        assert_string_equal(iam_role_name(r), cases[i].name);
        assert_non_null(iam_role_name_th(r));
        assert_int_equal(iam_role_scope_kind(r), cases[i].kind);
    }
    assert_null(iam_role_name(IAM_ROLE__COUNT));
}

static void test_scopes(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int rc;
        enum iam_scope_kind kind;
        int64_t lao;
        const char *province;
    } cases[] = {
        {"self", ERR_OK, IAM_SCOPE_SELF, 0, ""},
        {"nation", ERR_OK, IAM_SCOPE_NATION, 0, ""},
        {"lao:1", ERR_OK, IAM_SCOPE_LAO, 1, ""},
        {"lao:7850", ERR_OK, IAM_SCOPE_LAO, 7850, ""},
        {"lao:9223372036854775807", ERR_OK, IAM_SCOPE_LAO, INT64_MAX, ""},
        {"lao:9223372036854775808", ERR_INVAL, 0, 0, NULL},
        {"lao:0", ERR_INVAL, 0, 0, NULL},
        {"lao:01", ERR_INVAL, 0, 0, NULL},
        {"lao:+1", ERR_INVAL, 0, 0, NULL},
        {"lao:-1", ERR_INVAL, 0, 0, NULL},
        {"lao:", ERR_INVAL, 0, 0, NULL},
        {"lao:1a", ERR_INVAL, 0, 0, NULL},
        {"lao:1 ", ERR_INVAL, 0, 0, NULL},
        {"province:50", ERR_OK, IAM_SCOPE_PROVINCE, 0, "50"},
        {"province:10", ERR_OK, IAM_SCOPE_PROVINCE, 0, "10"},
        {"province:5", ERR_INVAL, 0, 0, NULL},
        {"province:500", ERR_INVAL, 0, 0, NULL},
        {"province:ab", ERR_INVAL, 0, 0, NULL},
        {"province:", ERR_INVAL, 0, 0, NULL},
        {"Province:50", ERR_INVAL, 0, 0, NULL},
        {"nation ", ERR_INVAL, 0, 0, NULL},
        {"Self", ERR_INVAL, 0, 0, NULL},
        {"", ERR_INVAL, 0, 0, NULL},
        {NULL, ERR_INVAL, 0, 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct iam_scope s;
        int rc = iam_scope_parse(cases[i].text, &s);
        if (rc != cases[i].rc)
            print_error("case %zu '%s': got %s\n", i, cases[i].text, err_name(rc));
        assert_int_equal(rc, cases[i].rc);
        if (rc != ERR_OK)
            continue;
        assert_int_equal(s.kind, cases[i].kind);
        assert_int_equal(s.lao_id, cases[i].lao);
        assert_string_equal(s.province, cases[i].province);
        char text[IAM_SCOPE_TEXT_MAX];
        iam_scope_format(&s, text);
        assert_string_equal(text, cases[i].text); /* the canonical form round-trips */
    }
}

/* The permission table as people would check it: every role against every permission. */
static void test_permission_matrix(void **state)
{
    (void)state;
    /* employee, lao_hr, lao_exec, province_officer, nation_officer, admin */
    static const struct {
        const char *perm;
        bool held[IAM_ROLE__COUNT];
    } matrix[] = {
        {"dashboard.view", {false, true, true, true, true, true}},
        {"lao.list", {false, true, true, true, true, true}},
        {"lao.view", {false, true, true, true, true, true}},
        {"person.view", {false, true, true, true, true, true}},
        {"person.view_full_id", {true, true, false, false, false, false}},
        {"person.edit", {false, true, false, false, false, false}},
        {"profile.view_own", {true, false, false, false, false, false}},
        {"user.manage", {false, false, false, false, false, true}},
        {"audit.view", {false, false, false, false, true, true}},
    };
    assert_int_equal(iam_permissions_count, sizeof matrix / sizeof matrix[0]);
    for (size_t i = 0; i < sizeof matrix / sizeof matrix[0]; i++) {
        const struct iam_permission *p = iam_permission_find(matrix[i].perm);
        assert_non_null(p);
        assert_non_null(p->doc);
        for (int r = 0; r < IAM_ROLE__COUNT; r++) {
            if (iam_role_has((enum iam_role)r, matrix[i].perm) != matrix[i].held[r])
                print_error("%s / %s\n", matrix[i].perm, iam_role_name((enum iam_role)r));
            assert_int_equal(iam_role_has((enum iam_role)r, matrix[i].perm), matrix[i].held[r]);
        }
    }
    for (size_t i = 0; i < iam_permissions_count; i++)
        for (size_t k = i + 1; k < iam_permissions_count; k++)
            assert_string_not_equal(iam_permissions[i].name, iam_permissions[k].name);
    assert_null(iam_permission_find("person.delete"));
    assert_null(iam_permission_find(NULL));
    assert_false(iam_role_has(IAM_ROLE_ADMIN, "person.delete"));
}

static void test_allows(void **state)
{
    (void)state;
    const struct iam_grant emp = {1, IAM_ROLE_EMPLOYEE, {IAM_SCOPE_SELF, 0, ""}};
    const struct iam_grant hr = {2, IAM_ROLE_LAO_HR, {IAM_SCOPE_LAO, 1, ""}};
    const struct iam_grant admin = {3, IAM_ROLE_ADMIN, {IAM_SCOPE_NATION, 0, ""}};
    const struct iam_grant both[] = {emp, hr};
    const struct iam_principal nobody = {1, "nobody", "nobody", 0, NULL, 0};
    const struct iam_principal employee = {2, "emp", "emp", 1, &emp, 1};
    const struct iam_principal hr_emp = {3, "hr", "hr", 1, both, 2};
    const struct iam_principal adm = {4, "adm", "adm", 0, &admin, 1};
    static const struct {
        int who;
        const char *perm;
        bool want;
    } cases[] = {
        {0, "dashboard.view", false}, {0, "profile.view_own", false},   {1, "profile.view_own", true},
        {1, "person.view", false},    {1, "person.view_full_id", true}, {2, "profile.view_own", true},
        {2, "person.edit", true},     {2, "user.manage", false},        {3, "user.manage", true},
        {3, "person.edit", false},    {3, "no.such.permission", false},
    };
    const struct iam_principal *who[] = {&nobody, &employee, &hr_emp, &adm};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (iam_allows(who[cases[i].who], cases[i].perm) != cases[i].want)
            print_error("case %zu\n", i);
        assert_int_equal(iam_allows(who[cases[i].who], cases[i].perm), cases[i].want);
    }
    assert_false(iam_allows(NULL, "dashboard.view"));
}

static void test_grant_add(void **state)
{
    struct modfix *fx = *state;
    int64_t hr = iamfix_user(fx->db, "hr", 0);
    int64_t emp = iamfix_user(fx->db, "emp", 1);
    static const struct {
        int user; /* 0 hr, 1 emp, 2 no such user */
        const char *role, *scope;
        int want;
    } cases[] = {
        {0, "lao_hr", "lao:1", ERR_OK},
        {0, "lao_hr", "lao:1", ERR_EXISTS},
        {0, "lao_hr", "lao:999", ERR_NOTFOUND},
        {0, "lao_hr", "province:50", ERR_INVAL},
        {0, "lao_hr", "nation", ERR_INVAL},
        {0, "lao_exec", "lao:2", ERR_OK},
        {0, "province_officer", "province:51", ERR_OK},
        {0, "province_officer", "province:99", ERR_NOTFOUND},
        {0, "province_officer", "lao:1", ERR_INVAL},
        {0, "nation_officer", "nation", ERR_OK},
        {0, "admin", "nation", ERR_OK},
        {0, "admin", "province:50", ERR_INVAL},
        {0, "employee", "self", ERR_INVAL}, /* no linked person */
        {1, "employee", "self", ERR_OK},
        {1, "employee", "lao:1", ERR_INVAL},
        {1, "lao_hr", "lao:1", ERR_OK}, /* the same LAO for two users */
        {0, "superuser", "nation", ERR_INVAL},
        {0, "lao_hr", "lao:abc", ERR_INVAL},
        {2, "lao_hr", "lao:1", ERR_NOTFOUND},
    };
    int64_t users[] = {hr, emp, 999};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct iam_problem why = {NULL, NULL};
        int64_t id = 0;
        int rc = iam_grant_add(fx->db, users[cases[i].user], cases[i].role, cases[i].scope, 0, &id, &why);
        if (rc != cases[i].want)
            print_error("case %zu (%s %s): got %s (%s)\n", i, cases[i].role, cases[i].scope, err_name(rc),
                        db_errmsg(fx->db));
        assert_int_equal(rc, cases[i].want);
        if (rc == ERR_OK) {
            assert_true(id > 0);
        } else {
            assert_true(why.th && *why.th && why.en && *why.en); /* a reason for people, both languages */
        }
    }
    /* granted_by is kept. */
    assert_ok(fx->db, iam_grant_add(fx->db, emp, "lao_exec", "lao:3", hr, NULL, NULL));
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM role_grant WHERE granted_by IS NOT NULL"), 1);
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM role_grant WHERE lao_id = 1"), 2);
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM role_grant WHERE province_code = '51'"), 1);

    /* The database itself refuses rows whose parts disagree. */
    static const char *const refused[] = {
        "INSERT INTO role_grant (user_id, role, scope, lao_id, granted_at) VALUES (1, 'lao_hr', 'lao:2', 1, "
        "0)",
        "INSERT INTO role_grant (user_id, role, scope, granted_at) VALUES (1, 'lao_hr', 'nation', 0)",
        "INSERT INTO role_grant (user_id, role, scope, lao_id, granted_at) VALUES (1, 'lao_hr', 'lao:999', "
        "999, 0)",
        "INSERT INTO role_grant (user_id, role, scope, province_code, granted_at)"
        " VALUES (1, 'admin', 'province:50', '50', 0)",
        "INSERT INTO role_grant (user_id, role, scope, granted_at) VALUES (1, 'root', 'nation', 0)",
        "INSERT INTO role_grant (user_id, role, scope, lao_id, granted_at) VALUES (1, 'employee', 'self', 1, "
        "0)",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        int rc = modfix_try(fx->db, refused[i]);
        if (rc == ERR_OK)
            print_error("accepted: %s\n", refused[i]);
        assert_int_equal(rc, ERR_CONSTRAINT);
    }
}

static void test_revoke_list_principal(void **state)
{
    struct modfix *fx = *state;
    int64_t u = iamfix_user(fx->db, "emp", 1);
    assert_ok(fx->db, iam_grant_add(fx->db, u, "lao_hr", "lao:2", 0, NULL, NULL));
    assert_ok(fx->db, iam_grant_add(fx->db, u, "employee", "self", 0, NULL, NULL));
    assert_ok(fx->db, iam_grant_add(fx->db, u, "lao_hr", "lao:1", 0, NULL, NULL));
    struct arena a;
    arena_init(&a, 0);
    struct iam_principal p;
    assert_ok(fx->db, iam_principal_load(fx->db, u, &a, &p));
    assert_int_equal(p.user_id, u);
    assert_string_equal(p.username, "emp");
    assert_int_equal(p.person_id, 1);
    assert_int_equal(p.ngrants, 3);
    /* ordered by role, then scope */
    assert_int_equal(p.grants[0].role, IAM_ROLE_EMPLOYEE);
    assert_int_equal(p.grants[1].role, IAM_ROLE_LAO_HR);
    assert_int_equal(p.grants[1].scope.lao_id, 1);
    assert_int_equal(p.grants[2].scope.lao_id, 2);
    assert_true(iam_allows(&p, "person.edit"));

    assert_ok(fx->db, iam_grant_revoke(fx->db, u, "lao_hr", "lao:1"));
    assert_int_equal(iam_grant_revoke(fx->db, u, "lao_hr", "lao:1"), ERR_NOTFOUND);
    assert_int_equal(iam_grant_revoke(fx->db, u, "lao_hr", "lao:01"), ERR_INVAL);
    assert_int_equal(iam_grant_revoke(fx->db, u, "boss", "lao:2"), ERR_INVAL);
    assert_int_equal(iam_grant_revoke(fx->db, u, "lao_exec", "lao:2"), ERR_NOTFOUND);
    assert_ok(fx->db, iam_grant_revoke(fx->db, u, "lao_hr", "lao:2"));
    assert_ok(fx->db, iam_principal_load(fx->db, u, &a, &p));
    assert_int_equal(p.ngrants, 1);
    assert_false(iam_allows(&p, "person.edit"));
    assert_true(iam_allows(&p, "profile.view_own"));
    assert_int_equal(iam_principal_load(fx->db, 999, &a, &p), ERR_NOTFOUND);

    int64_t bare = iamfix_user(fx->db, "bare", 0);
    assert_ok(fx->db, iam_principal_load(fx->db, bare, &a, &p));
    assert_int_equal(p.ngrants, 0);
    assert_false(iam_allows(&p, "dashboard.view"));
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest sqlite_tests[] = {
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_scopes),
        cmocka_unit_test(test_permission_matrix),
        cmocka_unit_test(test_allows),
        IAMFIX_TEST(test_grant_add, iam_sqlite_store),
        IAMFIX_TEST(test_revoke_list_principal, iam_sqlite_store),
    };
    const struct CMUnitTest pg_tests[] = {
        IAMFIX_TEST(test_grant_add, iam_pg_store),
        IAMFIX_TEST(test_revoke_list_principal, iam_pg_store),
    };
    return iamfix_main("iam grants", sqlite_tests, sizeof sqlite_tests / sizeof sqlite_tests[0], pg_tests,
                       sizeof pg_tests / sizeof pg_tests[0]);
}
