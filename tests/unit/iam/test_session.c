/*
 * Unit tests for sessions and CSRF tokens on SQLite and PostgreSQL, with the module's clock moved by
 * hand: tokens and what is stored (the hash, never the token), malformed and unknown tokens, idle and
 * absolute expiry at their boundaries, last_seen_at written at most once a minute, sign-out, sign-out
 * everywhere, purging, disabled accounts, and CSRF tokens accepted and refused.
 */
#include "iamfix.h"

static int64_t t0;

static void start(struct modfix *fx, int64_t *user)
{
    *user = iamfix_user(fx->db, "somchai", 0);
    t0 = iamfix_time;
}

static void test_create_and_store(void **state)
{
    struct modfix *fx = *state;
    int64_t u;
    start(fx, &u);
    char token[IAM_TOKEN_LEN + 1];
    struct iam_session s;
    assert_ok(fx->db,
              iam_session_create(fx->db, u, "203.0.113.9", "Mozilla/5.0 (X11) \xe0\xb8\x81 ok", token, &s));
    assert_int_equal(strlen(token), IAM_TOKEN_LEN);
    assert_int_equal(strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                     IAM_TOKEN_LEN);
    assert_int_equal(s.user_id, u);
    assert_int_equal(s.created_at, t0);
    assert_int_equal(s.last_seen_at, t0);
    assert_int_equal(s.expires_at, t0 + 12 * 3600);

    /* The row's key is the SHA-256 of the token; the token itself is stored nowhere. */
    unsigned char digest[crypto_hash_sha256_BYTES];
    char hex[2 * sizeof digest + 1];
    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    assert_string_equal(s.id_hash, hex);
    int64_t n = -1;
    assert_ok(fx->db,
              db_query_int64(fx->db, &n, "SELECT count(*) FROM session WHERE id_hash = $1", "t", hex));
    assert_int_equal(n, 1);
    assert_ok(fx->db, db_query_int64(fx->db, &n,
                                     "SELECT count(*) FROM session WHERE id_hash = $1 OR csrf_secret = $1"
                                     " OR ip = $1 OR user_agent = $1",
                                     "t", token));
    assert_int_equal(n, 0);
    /* Headers are kept as printable ASCII (PostgreSQL refuses bytes that are not UTF-8). */
    assert_ok(fx->db, db_query_int64(fx->db, &n,
                                     "SELECT count(*) FROM session WHERE ip = '203.0.113.9'"
                                     " AND user_agent = 'Mozilla/5.0 (X11) ??? ok'",
                                     ""));
    assert_int_equal(n, 1);

    /* Two sessions never share a token or a CSRF secret. */
    char token2[IAM_TOKEN_LEN + 1];
    struct iam_session s2;
    assert_ok(fx->db, iam_session_create(fx->db, u, NULL, NULL, token2, &s2));
    assert_string_not_equal(token, token2);
    assert_memory_not_equal(s.csrf_key, s2.csrf_key, sizeof s.csrf_key);

    assert_int_equal(iam_session_create(fx->db, 999, NULL, NULL, token2, NULL), ERR_NOTFOUND);
}

static void test_lookup_malformed(void **state)
{
    struct modfix *fx = *state;
    int64_t u;
    start(fx, &u);
    char token[IAM_TOKEN_LEN + 1];
    assert_ok(fx->db, iam_session_create(fx->db, u, NULL, NULL, token, NULL));
    char longer[IAM_TOKEN_LEN + 2], shorter[IAM_TOKEN_LEN], flipped[IAM_TOKEN_LEN + 1],
        padded[IAM_TOKEN_LEN + 1];
    snprintf(longer, sizeof longer, "%sA", token);
    memcpy(shorter, token, IAM_TOKEN_LEN - 1);
    shorter[IAM_TOKEN_LEN - 1] = '\0';
    snprintf(flipped, sizeof flipped, "%s", token);
    flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
    snprintf(padded, sizeof padded, "%s", token);
    padded[IAM_TOKEN_LEN - 1] = '=';
    const char *bad[] = {NULL, "", shorter, longer, flipped, padded, "' OR 1=1 --"};
    struct iam_session s;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(iam_session_lookup(fx->db, bad[i], &s), ERR_NOTFOUND);
    assert_ok(fx->db, iam_session_lookup(fx->db, token, &s));
    assert_int_equal(s.user_id, u);
}

static void test_idle_and_absolute_expiry(void **state)
{
    struct modfix *fx = *state;
    int64_t u;
    start(fx, &u);
    /* Idle: 30 minutes without a request. Each case is a fresh session looked up once after d seconds. */
    static const struct {
        int64_t d;
        int want;
    } idle[] = {{0, ERR_OK},          {59, ERR_OK},         {1799, ERR_OK},
                {1800, ERR_NOTFOUND}, {1801, ERR_NOTFOUND}, {86400, ERR_NOTFOUND}};
    for (size_t i = 0; i < sizeof idle / sizeof idle[0]; i++) {
        char token[IAM_TOKEN_LEN + 1];
        iamfix_time = t0;
        assert_ok(fx->db, iam_session_create(fx->db, u, NULL, NULL, token, NULL));
        iamfix_time = t0 + idle[i].d;
        struct iam_session s;
        int rc = iam_session_lookup(fx->db, token, &s);
        if (rc != idle[i].want)
            print_error("idle %lld s: got %s\n", (long long)idle[i].d, err_name(rc));
        assert_int_equal(rc, idle[i].want);
        if (rc != ERR_OK)
            assert_int_equal(iam_session_lookup(fx->db, token, &s), ERR_NOTFOUND); /* stays ended */
    }

    /* Absolute: a session used every 20 minutes still ends 12 hours after sign-in. */
    char token[IAM_TOKEN_LEN + 1];
    iamfix_time = t0;
    assert_ok(fx->db, iam_session_create(fx->db, u, NULL, NULL, token, NULL));
    struct iam_session s;
    for (int64_t t = 1200; t < 12 * 3600; t += 1200) {
        iamfix_time = t0 + t;
        assert_ok(fx->db, iam_session_lookup(fx->db, token, &s));
    }
    iamfix_time = t0 + 12 * 3600 - 1;
    assert_ok(fx->db, iam_session_lookup(fx->db, token, &s));
    iamfix_time = t0 + 12 * 3600;
    assert_int_equal(iam_session_lookup(fx->db, token, &s), ERR_NOTFOUND);
    /* The ended row is gone already, not only refused. */
    int64_t n = -1;
    assert_ok(fx->db,
              db_query_int64(fx->db, &n, "SELECT count(*) FROM session WHERE id_hash = $1", "t", s.id_hash));
    assert_int_equal(n, 0);
}

static void test_touch_once_a_minute(void **state)
{
    struct modfix *fx = *state;
    int64_t u;
    start(fx, &u);
    char token[IAM_TOKEN_LEN + 1];
    assert_ok(fx->db, iam_session_create(fx->db, u, NULL, NULL, token, NULL));
    struct iam_session s;
    static const struct {
        int64_t at, stored; /* after a lookup at t0+at, last_seen_at in the table is t0+stored */
    } steps[] = {{10, 0}, {59, 0}, {60, 60}, {61, 60}, {119, 60}, {120, 120}, {1000, 1000}};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        iamfix_time = t0 + steps[i].at;
        assert_ok(fx->db, iam_session_lookup(fx->db, token, &s));
        assert_int_equal(s.last_seen_at, t0 + steps[i].stored);
        assert_int_equal(modfix_int(fx->db, "SELECT last_seen_at FROM session"), t0 + steps[i].stored);
    }
    /* Idle time counts from what is stored: a request at +1059 (not written) does not extend it. */
    iamfix_time = t0 + 1059;
    assert_ok(fx->db, iam_session_lookup(fx->db, token, &s));
    iamfix_time = t0 + 1000 + 1800;
    assert_int_equal(iam_session_lookup(fx->db, token, &s), ERR_NOTFOUND);
}

static void test_revoke(void **state)
{
    struct modfix *fx = *state;
    int64_t a_user, b_user = 0;
    start(fx, &a_user);
    b_user = iamfix_user(fx->db, "somsri", 0);
    char a1[IAM_TOKEN_LEN + 1], a2[IAM_TOKEN_LEN + 1], a3[IAM_TOKEN_LEN + 1], b1[IAM_TOKEN_LEN + 1];
    assert_ok(fx->db, iam_session_create(fx->db, a_user, NULL, NULL, a1, NULL));
    assert_ok(fx->db, iam_session_create(fx->db, a_user, NULL, NULL, a2, NULL));
    assert_ok(fx->db, iam_session_create(fx->db, a_user, NULL, NULL, a3, NULL));
    assert_ok(fx->db, iam_session_create(fx->db, b_user, NULL, NULL, b1, NULL));
    struct iam_session s;

    assert_ok(fx->db, iam_session_revoke(fx->db, a1));
    assert_int_equal(iam_session_lookup(fx->db, a1, &s), ERR_NOTFOUND);
    assert_int_equal(iam_session_revoke(fx->db, a1), ERR_NOTFOUND);
    assert_int_equal(iam_session_revoke(fx->db, "not a token"), ERR_NOTFOUND);
    assert_ok(fx->db, iam_session_lookup(fx->db, a2, &s));

    int64_t n = -1;
    assert_ok(fx->db, iam_session_revoke_all(fx->db, a_user, &n));
    assert_int_equal(n, 2);
    assert_int_equal(iam_session_lookup(fx->db, a2, &s), ERR_NOTFOUND);
    assert_int_equal(iam_session_lookup(fx->db, a3, &s), ERR_NOTFOUND);
    assert_ok(fx->db, iam_session_lookup(fx->db, b1, &s)); /* another user's session is untouched */
    assert_ok(fx->db, iam_session_revoke_all(fx->db, a_user, &n));
    assert_int_equal(n, 0);
}

static void test_purge(void **state)
{
    struct modfix *fx = *state;
    int64_t u;
    start(fx, &u);
    int64_t other = iamfix_user(fx->db, "somsri", 0);
    char live[IAM_TOKEN_LEN + 1], idle[IAM_TOKEN_LEN + 1], old[IAM_TOKEN_LEN + 1];
    /* Another user's, so that the sign-ins below (which clear the user's own ended sessions) leave it. */
    iamfix_time = t0 - 13 * 3600;
    assert_ok(fx->db, iam_session_create(fx->db, other, NULL, NULL, old, NULL));
    iamfix_time = t0 - 1800;
    assert_ok(fx->db, iam_session_create(fx->db, u, NULL, NULL, idle, NULL));
    iamfix_time = t0 - 1799;
    assert_ok(fx->db, iam_session_create(fx->db, u, NULL, NULL, live, NULL));
    iamfix_time = t0 - 15 * 60;
    assert_ok(fx->db, iam_throttle_hit(fx->db, "login_user:old", 15 * 60));
    iamfix_time = t0 - 15 * 60 + 1;
    assert_ok(fx->db, iam_throttle_hit(fx->db, "login_user:recent", 15 * 60));
    iamfix_time = t0;
    int64_t sessions = -1, counters = -1;
    assert_ok(fx->db, iam_purge(fx->db, &sessions, &counters));
    assert_int_equal(sessions, 2);
    assert_int_equal(counters, 1);
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM session"), 1);
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM rate_limit WHERE key = 'login_user:recent'"),
                     1);
    struct iam_session s;
    assert_ok(fx->db, iam_session_lookup(fx->db, live, &s));

    /* A new sign-in clears the user's own ended sessions too, and only those. */
    iamfix_time = t0 - 13 * 3600;
    assert_ok(fx->db, iam_session_create(fx->db, other, NULL, NULL, old, NULL));
    iamfix_time = t0 + 3 * 3600;
    char fresh[IAM_TOKEN_LEN + 1];
    assert_ok(fx->db, iam_session_create(fx->db, u, NULL, NULL, fresh, NULL));
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM session"), 2); /* fresh, and the other's old */
    assert_ok(fx->db, iam_session_create(fx->db, other, NULL, NULL, old, NULL));
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM session"), 2); /* the old one went */
}

static void test_disabled_user(void **state)
{
    struct modfix *fx = *state;
    int64_t u;
    start(fx, &u);
    char token[IAM_TOKEN_LEN + 1];
    assert_ok(fx->db, iam_session_create(fx->db, u, NULL, NULL, token, NULL));
    /* Disabled behind the module's back (another process, an SQL fix): the session is refused anyway. */
    assert_ok(fx->db, db_exec(fx->db, "UPDATE app_user SET status = 'disabled'"));
    struct iam_session s;
    assert_int_equal(iam_session_lookup(fx->db, token, &s), ERR_NOTFOUND);
}

static void test_csrf(void **state)
{
    struct modfix *fx = *state;
    int64_t u;
    start(fx, &u);
    char t1[IAM_TOKEN_LEN + 1], t2[IAM_TOKEN_LEN + 1];
    struct iam_session s1, s2, again;
    assert_ok(fx->db, iam_session_create(fx->db, u, NULL, NULL, t1, &s1));
    assert_ok(fx->db, iam_session_create(fx->db, u, NULL, NULL, t2, &s2));
    char c1[IAM_TOKEN_LEN + 1], c1b[IAM_TOKEN_LEN + 1], c2[IAM_TOKEN_LEN + 1], c_loaded[IAM_TOKEN_LEN + 1];
    iam_csrf_token(&s1, c1);
    iam_csrf_token(&s1, c1b);
    iam_csrf_token(&s2, c2);
    assert_int_equal(strlen(c1), IAM_TOKEN_LEN);
    assert_string_equal(c1, c1b);    /* stable: forms in several tabs all work */
    assert_string_not_equal(c1, c2); /* but only for its own session */
    assert_string_not_equal(c1, t1); /* and not the session token */
    /* Another request (another process) loads the session from the database: the same token. */
    iamfix_time += 120;
    assert_ok(fx->db, iam_session_lookup(fx->db, t1, &again));
    iam_csrf_token(&again, c_loaded);
    assert_string_equal(c_loaded, c1);

    char flipped[IAM_TOKEN_LEN + 1], longer[IAM_TOKEN_LEN + 2], shorter[IAM_TOKEN_LEN];
    snprintf(flipped, sizeof flipped, "%s", c1);
    flipped[IAM_TOKEN_LEN - 1] = flipped[IAM_TOKEN_LEN - 1] == 'A' ? 'B' : 'A';
    snprintf(longer, sizeof longer, "%s=", c1);
    memcpy(shorter, c1, IAM_TOKEN_LEN - 1);
    shorter[IAM_TOKEN_LEN - 1] = '\0';
    const struct {
        const char *token;
        int want;
    } cases[] = {
        {c1, ERR_OK},        {c_loaded, ERR_OK}, {c2, ERR_PERM},   {flipped, ERR_PERM}, {longer, ERR_PERM},
        {shorter, ERR_PERM}, {"", ERR_PERM},     {NULL, ERR_PERM}, {t1, ERR_PERM},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (iam_csrf_check(&again, cases[i].token) != cases[i].want)
            print_error("case %zu\n", i);
        assert_int_equal(iam_csrf_check(&again, cases[i].token), cases[i].want);
    }
    assert_int_equal(iam_csrf_check(&s2, c2), ERR_OK);
    assert_int_equal(iam_csrf_check(&s2, c1), ERR_PERM);
}

#define ALL(store)                                                                                           \
    IAMFIX_TEST(test_create_and_store, store), IAMFIX_TEST(test_lookup_malformed, store),                    \
        IAMFIX_TEST(test_idle_and_absolute_expiry, store), IAMFIX_TEST(test_touch_once_a_minute, store),     \
        IAMFIX_TEST(test_revoke, store), IAMFIX_TEST(test_purge, store),                                     \
        IAMFIX_TEST(test_disabled_user, store), IAMFIX_TEST(test_csrf, store)

int main(void)
{
    const struct CMUnitTest sqlite_tests[] = {ALL(iam_sqlite_store)};
    const struct CMUnitTest pg_tests[] = {ALL(iam_pg_store)};
    return iamfix_main("iam sessions", sqlite_tests, sizeof sqlite_tests / sizeof sqlite_tests[0], pg_tests,
                       sizeof pg_tests / sizeof pg_tests[0]);
}
