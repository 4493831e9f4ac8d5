/*
 * Unit tests for accounts on SQLite and (TAMBON_TEST_PG) PostgreSQL: user-name rules, creating
 * accounts (duplicates, links to people, hashes, Thai display names), look-ups and lists, password
 * changes and disabling (both end the user's sessions).
 */
#include "iamfix.h"

static void test_username_normalize(void **state)
{
    (void)state;
    const struct {
        const char *in, *out; /* out NULL: refused */
    } cases[] = {
        {"somchai", "somchai"},
        {"SomChai", "somchai"},
        {"  somchai.k  ", "somchai.k"},
        {"a", "a"},
        {"7eleven", "7eleven"},
        {"so_m-ch.ai", "so_m-ch.ai"},
        {"", NULL},
        {"   ", NULL},
        {".somchai", NULL},
        {"-somchai", NULL},
        {"_somchai", NULL},
        {"som chai", NULL},
        {"som@chai", NULL},
        {"สมชาย", NULL},
        {"1234567890123456789012345678901234567890123456789012345678901234", /* 64 */
         "1234567890123456789012345678901234567890123456789012345678901234"},
        {"12345678901234567890123456789012345678901234567890123456789012345", NULL}, /* 65 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[IAM_USERNAME_MAX + 1];
        int rc = iam_username_normalize(cases[i].in, out);
        if ((rc == ERR_OK) != (cases[i].out != NULL))
            print_error("case %zu '%s': got %s\n", i, cases[i].in, err_name(rc));
        assert_int_equal(rc, cases[i].out ? ERR_OK : ERR_INVAL);
        if (cases[i].out)
            assert_string_equal(out, cases[i].out);
    }
}

static void test_user_add(void **state)
{
    struct modfix *fx = *state;
    char hash[IAM_HASH_MAX];
    assert_int_equal(iam_password_hash("correct horse battery", hash), ERR_OK);
    /* A name already in normal form is stored as typed; น้ำ typed with the tone after SARA AM is stored
     * in Unicode order (tone first), so it matches the same name typed the other way. */
    const char *typed = "นางดวงใจ รักษา";
    const char *tone_late = "\xe0\xb8\x99\xe0\xb8\xb3\xe0\xb9\x89"; /* น + sara am + mai tho */
    const char *tone_norm = "\xe0\xb8\x99\xe0\xb9\x89\xe0\xb8\xb3"; /* น + mai tho + sara am: น้ำ */
    char long_name[202 * 3 + 1] = "";
    for (int i = 0; i < 201; i++)
        memcpy(long_name + 3 * i, "ก", 3);
    long_name[201 * 3] = '\0';
    const struct {
        const char *user, *name;
        int64_t person;
        const char *hash;
        int want;
    } cases[] = {
        {"somchai", "สมชาย ใจดี", 0, hash, ERR_OK},
        {"somchai", NULL, 0, hash, ERR_EXISTS},
        {"SomChai", NULL, 0, hash, ERR_INVAL}, /* not normalised: the caller's bug */
        {"bad name", NULL, 0, hash, ERR_INVAL},
        {"emp1", typed, 1, hash, ERR_OK},
        {"emp1b", NULL, 1, hash, ERR_EXISTS},     /* person 1 has an account already */
        {"ghost", NULL, 999, hash, ERR_NOTFOUND}, /* no such person */
        {"nohash", NULL, 0, "secret", ERR_INVAL},
        {"argon2i", NULL, 0, "$argon2i$v=19$m=8,t=1,p=1$abc$def", ERR_INVAL},
        {"noname", "   ", 0, hash, ERR_INVAL},
        {"longname", long_name, 0, hash, ERR_INVAL},
        {"water", tone_late, 0, hash, ERR_OK},
        {"bytes", "\xff\xfe", 0, hash, ERR_INVAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t id = 0;
        int rc = iam_user_add(fx->db, cases[i].user, cases[i].name, cases[i].person, cases[i].hash, &id);
        if (rc != cases[i].want)
            print_error("case %zu (%s): got %s (%s)\n", i, cases[i].user, err_name(rc), db_errmsg(fx->db));
        assert_int_equal(rc, cases[i].want);
        if (rc == ERR_OK)
            assert_true(id > 0);
    }
    struct arena a;
    arena_init(&a, 0);
    struct iam_user u;
    assert_ok(fx->db, iam_user_find(fx->db, "somchai", &a, &u));
    assert_string_equal(u.display_name, "สมชาย ใจดี");
    assert_int_equal(u.person_id, 0);
    assert_true(u.active);
    assert_int_equal(u.created_at, iamfix_time);
    assert_int_equal(u.password_changed_at, iamfix_time);
    assert_ok(fx->db, iam_user_find(fx->db, "emp1", &a, &u));
    assert_int_equal(u.person_id, 1);
    assert_string_equal(u.display_name, typed);
    assert_ok(fx->db, iam_user_find(fx->db, "water", &a, &u));
    assert_string_equal(u.display_name, tone_norm);
    struct iam_user again;
    assert_ok(fx->db, iam_user_get(fx->db, u.id, &a, &again));
    assert_string_equal(again.username, "water");
    assert_int_equal(iam_user_find(fx->db, "nobody", &a, &u), ERR_NOTFOUND);
    assert_int_equal(iam_user_get(fx->db, 999, &a, &u), ERR_NOTFOUND);
    /* The database refuses what the code would: a user name of the wrong form. */
    assert_int_not_equal(modfix_try(fx->db, "INSERT INTO app_user (username, display_name, password_hash,"
                                            " created_at, password_changed_at) VALUES ('Upper', 'x',"
                                            " '$argon2id$x', 0, 0)"),
                         ERR_OK);

    struct iam_user *list;
    size_t n = 0;
    assert_ok(fx->db, iam_user_list(fx->db, &a, &list, &n));
    assert_int_equal(n, 3);
    assert_string_equal(list[0].username, "emp1");
    assert_string_equal(list[1].username, "somchai");
    assert_string_equal(list[2].username, "water");
    arena_release(&a);
}

static void test_password_change_and_disable(void **state)
{
    struct modfix *fx = *state;
    int64_t id = iamfix_user(fx->db, "somchai", 0);
    int64_t other = iamfix_user(fx->db, "somsri", 0);
    char t1[IAM_TOKEN_LEN + 1], t2[IAM_TOKEN_LEN + 1], t3[IAM_TOKEN_LEN + 1];
    assert_ok(fx->db, iam_session_create(fx->db, id, "192.0.2.1", "test", t1, NULL));
    assert_ok(fx->db, iam_session_create(fx->db, id, "192.0.2.2", "test", t2, NULL));
    assert_ok(fx->db, iam_session_create(fx->db, other, "192.0.2.3", "test", t3, NULL));

    iamfix_time += 100;
    char hash[IAM_HASH_MAX];
    assert_int_equal(iam_password_hash("a new password 2568", hash), ERR_OK);
    assert_ok(fx->db, iam_user_set_password(fx->db, id, hash));
    struct iam_session s;
    assert_int_equal(iam_session_lookup(fx->db, t1, &s), ERR_NOTFOUND);
    assert_int_equal(iam_session_lookup(fx->db, t2, &s), ERR_NOTFOUND);
    assert_ok(fx->db, iam_session_lookup(fx->db, t3, &s)); /* someone else's stays */
    struct arena a;
    arena_init(&a, 0);
    struct iam_user u;
    assert_ok(fx->db, iam_user_get(fx->db, id, &a, &u));
    assert_int_equal(u.password_changed_at, iamfix_time);
    assert_int_equal(u.created_at, iamfix_time - 100);
    struct iam_login_result r;
    assert_int_equal(iam_login(fx->db, "somchai", "correct horse battery", NULL, NULL, &r), ERR_PERM);
    assert_ok(fx->db, iam_login(fx->db, "somchai", "a new password 2568", NULL, NULL, &r));
    assert_int_equal(iam_user_set_password(fx->db, 999, hash), ERR_NOTFOUND);
    assert_int_equal(iam_user_set_password(fx->db, id, "plain"), ERR_INVAL);

    /* Disabling ends sessions, and the account can neither sign in nor be loaded as a principal. */
    assert_ok(fx->db, iam_user_set_active(fx->db, id, false));
    assert_int_equal(iam_session_lookup(fx->db, r.token, &s), ERR_NOTFOUND);
    assert_int_equal(iam_login(fx->db, "somchai", "a new password 2568", NULL, NULL, &r), ERR_PERM);
    struct iam_principal p;
    assert_int_equal(iam_principal_load(fx->db, id, &a, &p), ERR_PERM);
    assert_ok(fx->db, iam_user_set_active(fx->db, id, true));
    assert_ok(fx->db, iam_principal_load(fx->db, id, &a, &p));
    assert_int_equal(iam_user_set_active(fx->db, 999, false), ERR_NOTFOUND);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest sqlite_tests[] = {
        cmocka_unit_test(test_username_normalize),
        IAMFIX_TEST(test_user_add, iam_sqlite_store),
        IAMFIX_TEST(test_password_change_and_disable, iam_sqlite_store),
    };
    const struct CMUnitTest pg_tests[] = {
        IAMFIX_TEST(test_user_add, iam_pg_store),
        IAMFIX_TEST(test_password_change_and_disable, iam_pg_store),
    };
    return iamfix_main("iam users", sqlite_tests, sizeof sqlite_tests / sizeof sqlite_tests[0], pg_tests,
                       sizeof pg_tests / sizeof pg_tests[0]);
}
