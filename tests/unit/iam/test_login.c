/*
 * Unit tests for signing in, throttling and API tokens on SQLite and PostgreSQL: fixed windows at
 * their boundaries, lockout per user name and per address (IPv6 counted per /64), refusal without
 * hashing while locked out, the dummy hash for unknown users, counters cleared on success (the user
 * name's only), hash upgrades on sign-in, and API tokens (form, storage, expiry, revocation).
 */
#include "iamfix.h"

static const char *const good = "correct horse battery";

static void test_throttle_window(void **state)
{
    struct modfix *fx = *state;
    int64_t t0 = iamfix_time, wait = -1;
    for (int i = 0; i < 3; i++)
        assert_ok(fx->db, iam_throttle_hit(fx->db, "k", 900));
    static const struct {
        int64_t at;
        int limit;
        int want;
        int64_t wait;
    } cases[] = {
        {0, 4, ERR_OK, -1},    /* 3 of 4 used */
        {0, 3, ERR_BUSY, 900}, /* limit reached */
        {899, 3, ERR_BUSY, 1},
        {900, 3, ERR_OK, -1}, /* the window is over */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        iamfix_time = t0 + cases[i].at;
        wait = -1;
        assert_db(fx->db, iam_throttle_check(fx->db, "k", cases[i].limit, 900, &wait), cases[i].want);
        assert_int_equal(wait, cases[i].wait);
    }
    /* A hit after the window starts a new one with a count of 1. */
    iamfix_time = t0 + 900;
    assert_ok(fx->db, iam_throttle_hit(fx->db, "k", 900));
    assert_int_equal(modfix_int(fx->db, "SELECT count FROM rate_limit WHERE key = 'k'"), 1);
    assert_int_equal(modfix_int(fx->db, "SELECT window_start FROM rate_limit WHERE key = 'k'"), t0 + 900);
    assert_ok(fx->db, iam_throttle_check(fx->db, "k", 2, 900, NULL));
    assert_ok(fx->db, iam_throttle_hit(fx->db, "k", 900));
    assert_int_equal(iam_throttle_check(fx->db, "k", 2, 900, NULL), ERR_BUSY);
    assert_ok(fx->db, iam_throttle_reset(fx->db, "k"));
    assert_ok(fx->db, iam_throttle_check(fx->db, "k", 1, 900, NULL));
    assert_ok(fx->db, iam_throttle_check(fx->db, "never seen", 1, 900, NULL));
}

static void test_ip_key(void **state)
{
    (void)state;
    static const struct {
        const char *ip, *key;
    } cases[] = {
        {"192.0.2.1", "192.0.2.1"},
        {"::ffff:192.0.2.1", "192.0.2.1"}, /* IPv4 seen through an IPv6 socket */
        {"2001:db8::1", "2001:db8::/64"},
        {"2001:DB8:0:0:ffff:1:2:3", "2001:db8::/64"}, /* same /64 */
        {"2001:db8:0:1::1", "2001:db8:0:1::/64"},     /* the next /64 */
        {"unix socket", "unix?socket"},
        {"", ""},
        {NULL, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char key[64];
        iam_throttle_ip_key(cases[i].ip, key);
        assert_string_equal(key, cases[i].key);
    }
    char long_ip[200], key[64];
    memset(long_ip, 'x', sizeof long_ip - 1);
    long_ip[sizeof long_ip - 1] = '\0';
    iam_throttle_ip_key(long_ip, key);
    assert_int_equal(strlen(key), 63);
}

static void test_login_ok(void **state)
{
    struct modfix *fx = *state;
    int64_t u = iamfix_user(fx->db, "somchai", 0);
    struct iam_login_result r;
    assert_ok(fx->db, iam_login(fx->db, "  SomChai ", good, "192.0.2.1", "test agent", &r));
    assert_int_equal(r.user_id, u);
    assert_int_equal(strlen(r.token), IAM_TOKEN_LEN);
    struct iam_session s;
    assert_ok(fx->db, iam_session_lookup(fx->db, r.token, &s));
    assert_int_equal(s.user_id, u);
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM session WHERE ip = '192.0.2.1'"), 1);

    static const struct {
        const char *user, *pw;
    } wrong[] = {
        {"somchai", "correct horse batterY"},
        {"somchai", ""},
        {"somchai", NULL},
        {"nobody", good},
        {"", good},
        {NULL, good},
        {"bad name!", good},
    };
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        assert_int_equal(iam_login(fx->db, wrong[i].user, wrong[i].pw, "192.0.2.2", NULL, &r), ERR_PERM);
        assert_int_equal(r.user_id, 0);
        assert_string_equal(r.token, "");
    }
    /* Failures were counted for the named users and the address. */
    assert_int_equal(modfix_int(fx->db, "SELECT count FROM rate_limit WHERE key = 'login_user:somchai'"), 3);
    assert_int_equal(modfix_int(fx->db, "SELECT count FROM rate_limit WHERE key = 'login_user:nobody'"), 1);
    assert_int_equal(modfix_int(fx->db, "SELECT count FROM rate_limit WHERE key = 'login_ip:192.0.2.2'"), 7);
}

static void test_user_lockout(void **state)
{
    struct modfix *fx = *state;
    iamfix_user(fx->db, "somchai", 0);
    int64_t t0 = iamfix_time;
    struct iam_login_result r;
    char ip[32];
    /* Four failures from four addresses: the fifth attempt is still heard (and succeeds). */
    for (int i = 0; i < 4; i++) {
        snprintf(ip, sizeof ip, "198.51.100.%d", i + 1);
        iamfix_time = t0 + i;
        assert_int_equal(iam_login(fx->db, "somchai", "wrong password", ip, NULL, &r), ERR_PERM);
    }
    assert_ok(fx->db, iam_login(fx->db, "somchai", good, "198.51.100.9", NULL, &r));
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM rate_limit WHERE key = 'login_user:somchai'"),
                     0);

    /* Five failures lock the name for the rest of the window, even with the right password. */
    for (int i = 0; i < 5; i++) {
        iamfix_time = t0 + 100 + i;
        assert_int_equal(iam_login(fx->db, "somchai", "wrong password", "198.51.100.10", NULL, &r), ERR_PERM);
    }
    iamfix_time = t0 + 200;
    assert_int_equal(iam_login(fx->db, "somchai", good, "203.0.113.1", NULL, &r), ERR_BUSY);
    assert_int_equal(r.retry_after, 100 + 900 - 200);
    assert_string_equal(r.token, "");

    /* While locked out nothing is hashed: with every hashing slot taken the answer is still the lockout's. */
    struct iam_config busy = iam_config_get();
    busy.hash_wait_ms = 0;
    assert_int_equal(iam_configure(&busy), ERR_OK);
    assert_int_equal(iam_hash_slot_try_acquire(), ERR_OK);
    assert_int_equal(iam_hash_slot_try_acquire(), ERR_OK);
    assert_int_equal(iam_login(fx->db, "somchai", good, "203.0.113.1", NULL, &r), ERR_BUSY);
    assert_int_equal(r.retry_after, 800);
    /* An unknown name is hashed (against the dummy) like a real one: here it meets the full slots. */
    assert_int_equal(iam_login(fx->db, "nobody", good, "203.0.113.1", NULL, &r), ERR_BUSY);
    assert_int_equal(r.retry_after, 1);
    iam_hash_slot_release();
    iam_hash_slot_release();
    struct iam_config cfg = iamfix_config();
    assert_int_equal(iam_configure(&cfg), ERR_OK);

    /* Locked-out attempts are not counted: the window is not extended. */
    assert_int_equal(modfix_int(fx->db, "SELECT count FROM rate_limit WHERE key = 'login_user:somchai'"), 5);
    iamfix_time = t0 + 100 + 899;
    assert_int_equal(iam_login(fx->db, "somchai", good, "203.0.113.1", NULL, &r), ERR_BUSY);
    assert_int_equal(r.retry_after, 1);
    iamfix_time = t0 + 100 + 900;
    assert_ok(fx->db, iam_login(fx->db, "somchai", good, "203.0.113.1", NULL, &r));
}

static void test_unlock(void **state)
{
    struct modfix *fx = *state;
    iamfix_user(fx->db, "somchai", 0);
    struct iam_login_result r;
    for (int i = 0; i < 5; i++)
        assert_int_equal(iam_login(fx->db, "somchai", "wrong password", "192.0.2.1", NULL, &r), ERR_PERM);
    assert_int_equal(iam_login(fx->db, "somchai", good, "192.0.2.2", NULL, &r), ERR_BUSY);
    assert_int_equal(iam_login_unlock(fx->db, "bad name!"), ERR_INVAL);
    assert_ok(fx->db, iam_login_unlock(fx->db, " SomChai"));
    assert_ok(fx->db, iam_login(fx->db, "somchai", good, "192.0.2.2", NULL, &r));
    /* The address's count is not the name's: it stays. */
    assert_int_equal(modfix_int(fx->db, "SELECT count FROM rate_limit WHERE key = 'login_ip:192.0.2.1'"), 5);
}

static void test_ip_lockout(void **state)
{
    struct modfix *fx = *state;
    iamfix_user(fx->db, "somchai", 0);
    struct iam_login_result r;
    char name[32];
    /* Twenty failures from one /64, each against another name, lock the address out. */
    for (int i = 0; i < 20; i++) {
        snprintf(name, sizeof name, "guess%d", i);
        char ip[64];
        snprintf(ip, sizeof ip, "2001:db8:1:2::%x", i + 1);
        assert_int_equal(iam_login(fx->db, name, good, ip, NULL, &r), ERR_PERM);
    }
    assert_int_equal(iam_login(fx->db, "somchai", good, "2001:db8:1:2::ffff", NULL, &r), ERR_BUSY);
    assert_int_equal(r.retry_after, 900);
    /* Another address, and the same user, are fine. */
    assert_ok(fx->db, iam_login(fx->db, "somchai", good, "2001:db8:1:3::1", NULL, &r));
    /* Without an address only the name is throttled. */
    assert_ok(fx->db, iam_login(fx->db, "somchai", good, NULL, NULL, &r));
}

static void test_success_keeps_address_count(void **state)
{
    struct modfix *fx = *state;
    iamfix_user(fx->db, "somchai", 0);
    iamfix_user(fx->db, "somsri", 0);
    struct iam_login_result r;
    for (int i = 0; i < 4; i++)
        assert_int_equal(iam_login(fx->db, "somsri", "wrong password", "192.0.2.7", NULL, &r), ERR_PERM);
    /* Signing in to one's own account does not wipe what the address did to somsri's. */
    assert_ok(fx->db, iam_login(fx->db, "somchai", good, "192.0.2.7", NULL, &r));
    assert_int_equal(modfix_int(fx->db, "SELECT count FROM rate_limit WHERE key = 'login_ip:192.0.2.7'"), 4);
    assert_int_equal(modfix_int(fx->db, "SELECT count FROM rate_limit WHERE key = 'login_user:somsri'"), 4);
}

static void test_rehash_on_login(void **state)
{
    struct modfix *fx = *state;
    int64_t u = iamfix_user(fx->db, "somchai", 0);
    int64_t changed = modfix_int(fx->db, "SELECT password_changed_at FROM app_user");
    struct iam_config stronger = iamfix_config();
    stronger.pwhash_opslimit = 3;
    stronger.pwhash_memlimit = 1u << 20;
    assert_int_equal(iam_configure(&stronger), ERR_OK);
    iamfix_time += 10;
    struct iam_login_result r;
    /* A failed sign-in changes nothing. */
    assert_int_equal(iam_login(fx->db, "somchai", "wrong password", NULL, NULL, &r), ERR_PERM);
    struct arena a;
    arena_init(&a, 0);
    struct db_stmt *st;
    assert_ok(fx->db, db_prepare(fx->db, "SELECT password_hash FROM app_user WHERE id = $1", &st));
    assert_ok(fx->db, db_bind_int64(st, 1, u));
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(strncmp(db_column_text(st, 0), "$argon2id$v=19$m=8,t=1,", 23), 0);
    db_finalize(st);

    assert_ok(fx->db, iam_login(fx->db, "somchai", good, NULL, NULL, &r));
    assert_ok(fx->db, db_prepare(fx->db, "SELECT password_hash FROM app_user WHERE id = $1", &st));
    assert_ok(fx->db, db_bind_int64(st, 1, u));
    assert_int_equal(db_step(st), DB_ROW);
    const char *h = arena_strdup(&a, db_column_text(st, 0));
    db_finalize(st);
    assert_int_equal(strncmp(h, "$argon2id$v=19$m=1024,t=3,", 26), 0);
    assert_false(iam_password_needs_rehash(h));
    assert_int_equal(iam_password_verify(good, h), ERR_OK);
    /* Same password: its change date stays. */
    assert_int_equal(modfix_int(fx->db, "SELECT password_changed_at FROM app_user"), changed);
    assert_ok(fx->db, iam_login(fx->db, "somchai", good, NULL, NULL, &r));
    arena_release(&a);
    struct iam_config cfg = iamfix_config();
    assert_int_equal(iam_configure(&cfg), ERR_OK);
}

static void test_api_tokens(void **state)
{
    struct modfix *fx = *state;
    int64_t u = iamfix_user(fx->db, "robot", 0);
    int64_t t0 = iamfix_time;
    char tok[IAM_API_TOKEN_LEN + 1], tok2[IAM_API_TOKEN_LEN + 1], tmp[IAM_API_TOKEN_LEN + 1];
    int64_t id = 0;
    assert_ok(fx->db, iam_token_create(fx->db, u, "รายงานประจำเดือน", 0, tok, &id));
    assert_true(id > 0);
    assert_int_equal(strlen(tok), IAM_API_TOKEN_LEN);
    assert_int_equal(strncmp(tok, "tbn_", 4), 0);
    assert_ok(fx->db, iam_token_create(fx->db, u, "expiring", t0 + 100, tok2, NULL));
    /* Only the hash is stored. */
    int64_t n = -1;
    assert_ok(fx->db,
              db_query_int64(fx->db, &n, "SELECT count(*) FROM api_token WHERE token_hash = $1 OR name = $1",
                             "t", tok));
    assert_int_equal(n, 0);

    char long_name[102];
    memset(long_name, 'n', 101);
    long_name[101] = '\0';
    static const struct {
        int64_t user;
        const char *name;
        int64_t expires;
        int want;
    } bad[] = {
        {0, "รายงานประจำเดือน", 0, ERR_EXISTS},
        {999, "x", 0, ERR_NOTFOUND},
        {0, "", 0, ERR_INVAL},
        {0, "   ", 0, ERR_INVAL},
        {0, "bell\x07", 0, ERR_INVAL},
        {0, "\xff", 0, ERR_INVAL},
        {0, "past", 1, ERR_INVAL},
        {0, "now", -1, ERR_INVAL}, /* replaced by t0 below */
        {0, "negative", -5, ERR_INVAL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t expires = bad[i].expires == -1 ? t0 : bad[i].expires;
        int rc = iam_token_create(fx->db, bad[i].user ? bad[i].user : u, bad[i].name, expires, tmp, NULL);
        if (rc != bad[i].want)
            print_error("case %zu: got %s\n", i, err_name(rc));
        assert_int_equal(rc, bad[i].want);
    }
    assert_int_equal(iam_token_create(fx->db, u, long_name, 0, tmp, NULL), ERR_INVAL);
    long_name[100] = '\0';
    assert_ok(fx->db, iam_token_create(fx->db, u, long_name, 0, tmp, NULL)); /* 100 characters */

    struct arena a;
    arena_init(&a, 0);
    struct iam_api_token t;
    assert_ok(fx->db, iam_token_lookup(fx->db, tok, &a, &t));
    assert_int_equal(t.id, id);
    assert_int_equal(t.user_id, u);
    assert_string_equal(t.name, "รายงานประจำเดือน");
    assert_int_equal(t.expires_at, 0);
    assert_int_equal(t.last_used_at, t0);

    char no_prefix[IAM_TOKEN_LEN + 1], other_prefix[IAM_API_TOKEN_LEN + 1], flipped[IAM_API_TOKEN_LEN + 1];
    snprintf(no_prefix, sizeof no_prefix, "%s", tok + 4);
    snprintf(other_prefix, sizeof other_prefix, "tbx_%s", tok + 4);
    snprintf(flipped, sizeof flipped, "%s", tok);
    flipped[20] = flipped[20] == 'A' ? 'B' : 'A';
    const char *malformed[] = {NULL, "", "tbn_", no_prefix, other_prefix, flipped};
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++)
        assert_int_equal(iam_token_lookup(fx->db, malformed[i], &a, &t), ERR_NOTFOUND);

    /* last_used_at at most once a minute. */
    iamfix_time = t0 + 59;
    assert_ok(fx->db, iam_token_lookup(fx->db, tok, &a, &t));
    assert_int_equal(t.last_used_at, t0);
    iamfix_time = t0 + 60;
    assert_ok(fx->db, iam_token_lookup(fx->db, tok, &a, &t));
    assert_int_equal(t.last_used_at, t0 + 60);
    assert_ok(fx->db,
              db_query_int64(fx->db, &n, "SELECT last_used_at FROM api_token WHERE id = $1", "i", id));
    assert_int_equal(n, t0 + 60);

    /* Expiry. */
    iamfix_time = t0 + 99;
    assert_ok(fx->db, iam_token_lookup(fx->db, tok2, &a, &t));
    assert_int_equal(t.expires_at, t0 + 100);
    iamfix_time = t0 + 100;
    assert_int_equal(iam_token_lookup(fx->db, tok2, &a, &t), ERR_NOTFOUND);

    struct iam_api_token *list;
    size_t count = 0;
    assert_ok(fx->db, iam_token_list(fx->db, u, &a, &list, &count));
    assert_int_equal(count, 3);
    assert_string_equal(list[0].name, "expiring");
    assert_string_equal(list[2].name, "รายงานประจำเดือน");

    /* Disabled accounts' tokens stop working; enabled again, they work. */
    assert_ok(fx->db, iam_user_set_active(fx->db, u, false));
    assert_int_equal(iam_token_lookup(fx->db, tok, &a, &t), ERR_NOTFOUND);
    assert_ok(fx->db, iam_user_set_active(fx->db, u, true));
    assert_ok(fx->db, iam_token_lookup(fx->db, tok, &a, &t));

    /* Revoking by name (Thai typed in another mark order is the same name). */
    assert_ok(fx->db, iam_token_revoke(fx->db, u, "รายงานประจำเดือน"));
    assert_int_equal(iam_token_lookup(fx->db, tok, &a, &t), ERR_NOTFOUND);
    assert_int_equal(iam_token_revoke(fx->db, u, "รายงานประจำเดือน"), ERR_NOTFOUND);
    assert_int_equal(iam_token_revoke(fx->db, u, ""), ERR_NOTFOUND);
    assert_ok(fx->db, iam_token_create(fx->db, u, "\xe0\xb8\x99\xe0\xb8\xb3\xe0\xb9\x89", 0, tmp, NULL));
    assert_ok(fx->db, iam_token_revoke(fx->db, u, "\xe0\xb8\x99\xe0\xb9\x89\xe0\xb8\xb3"));
    arena_release(&a);
}

#define ALL(store)                                                                                           \
    IAMFIX_TEST(test_throttle_window, store), IAMFIX_TEST(test_login_ok, store),                             \
        IAMFIX_TEST(test_user_lockout, store), IAMFIX_TEST(test_unlock, store),                              \
        IAMFIX_TEST(test_ip_lockout, store), IAMFIX_TEST(test_success_keeps_address_count, store),           \
        IAMFIX_TEST(test_rehash_on_login, store), IAMFIX_TEST(test_api_tokens, store)

int main(void)
{
    const struct CMUnitTest sqlite_tests[] = {cmocka_unit_test(test_ip_key), ALL(iam_sqlite_store)};
    const struct CMUnitTest pg_tests[] = {ALL(iam_pg_store)};
    return iamfix_main("iam sign-in", sqlite_tests, sizeof sqlite_tests / sizeof sqlite_tests[0], pg_tests,
                       sizeof pg_tests / sizeof pg_tests[0]);
}
