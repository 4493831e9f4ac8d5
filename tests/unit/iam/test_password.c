/*
 * Unit tests for passwords: the policy (length in characters, boundaries, the user name, UTF-8), its
 * Thai and English messages, argon2id hashing and verification (a wrong password fails), Thai
 * normalisation (marks typed in another order give the same password), rehash detection, the
 * production cost, configuration checks and the process-wide limit on concurrent hashing.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "modules/iam/iam.h"

static void cheap(void)
{
    struct iam_config c = iam_config_defaults();
    c.pwhash_opslimit = crypto_pwhash_OPSLIMIT_MIN;
    c.pwhash_memlimit = crypto_pwhash_MEMLIMIT_MIN;
    assert_int_equal(iam_configure(&c), ERR_OK);
}

static void test_policy(void **state)
{
    (void)state;
    cheap();
    char long_ok[IAM_PASSWORD_MAX_BYTES + 1], too_long[IAM_PASSWORD_MAX_BYTES + 2];
    memset(long_ok, 'a', IAM_PASSWORD_MAX_BYTES);
    long_ok[IAM_PASSWORD_MAX_BYTES] = '\0';
    memset(too_long, 'a', IAM_PASSWORD_MAX_BYTES + 1);
    too_long[IAM_PASSWORD_MAX_BYTES + 1] = '\0';
    static const char thai10[] = "กขคฆงจฉชซฌ"; /* 10 characters, 30 bytes */
    static const char thai9[] = "กขคฆงจฉชซ";
    const struct {
        const char *user, *pw;
        enum iam_pw_problem want;
    } cases[] = {
        {"somchai", "", IAM_PW_TOO_SHORT},
        {"somchai", "123456789", IAM_PW_TOO_SHORT}, /* 9: one short */
        {"somchai", "1234567890", IAM_PW_OK},       /* 10: the minimum */
        {"somchai", thai9, IAM_PW_TOO_SHORT},       /* characters, not bytes (27 bytes) */
        {"somchai", thai10, IAM_PW_OK},
        {"somchai", "  ที่ดิน  ", IAM_PW_OK}, /* spaces count and are kept */
        {"somchai.kl", "somchai.kl", IAM_PW_SAME_AS_USER},
        {"somchai.kl", "SomChai.KL", IAM_PW_SAME_AS_USER}, /* case does not make it different */
        {"somchai.kl", "somchai.kl1", IAM_PW_OK},
        {NULL, "somchai.kl", IAM_PW_OK}, /* no user name: rule skipped */
        {"somchai", "\xff\xfe abcdefghij", IAM_PW_NOT_UTF8},
        {"somchai", "abcdefghij\xe0\xb8", IAM_PW_NOT_UTF8}, /* truncated sequence */
        {"somchai", long_ok, IAM_PW_OK},
        {"somchai", too_long, IAM_PW_TOO_LONG},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum iam_pw_problem got = iam_password_check(cases[i].user, cases[i].pw);
        if (got != cases[i].want)
            print_error("case %zu: got %d, want %d\n", i, got, cases[i].want);
        assert_int_equal(got, cases[i].want);
    }

    /* A stricter minimum from the configuration applies at once. */
    struct iam_config c = iam_config_get();
    c.password_min_chars = 12;
    assert_int_equal(iam_configure(&c), ERR_OK);
    assert_int_equal(iam_password_check("x", "12345678901"), IAM_PW_TOO_SHORT);
    assert_int_equal(iam_password_check("x", "123456789012"), IAM_PW_OK);
    cheap();
}

static void test_problem_text(void **state)
{
    (void)state;
    cheap();
    struct arena a;
    arena_init(&a, 0);
    const char *s = iam_password_problem_text(IAM_PW_TOO_SHORT, &a);
    assert_non_null(strstr(s, "รหัสผ่านสั้นเกินไป"));
    assert_non_null(strstr(s, "at least 10 characters"));
    assert_true(strstr(s, "รหัสผ่าน") < strstr(s, "too short")); /* Thai first */
    assert_non_null(strstr(iam_password_problem_text(IAM_PW_SAME_AS_USER, &a), "user name"));
    assert_non_null(strstr(iam_password_problem_text(IAM_PW_TOO_LONG, &a), "1024"));
    assert_non_null(strstr(iam_password_problem_text(IAM_PW_NOT_UTF8, &a), "UTF-8"));
    arena_release(&a);
}

static void test_hash_verify(void **state)
{
    (void)state;
    cheap();
    char h1[IAM_HASH_MAX], h2[IAM_HASH_MAX];
    assert_int_equal(iam_password_hash("correct horse battery", h1), ERR_OK);
    assert_int_equal(iam_password_hash("correct horse battery", h2), ERR_OK);
    assert_int_equal(strncmp(h1, "$argon2id$v=19$m=8,t=1,p=1$", 27), 0);
    assert_string_not_equal(h1, h2); /* a fresh salt each time */
    const struct {
        const char *pw, *hash;
        int want;
    } cases[] = {
        {"correct horse battery", h1, ERR_OK},
        {"correct horse battery", h2, ERR_OK},
        {"correct horse batterY", h1, ERR_PERM},
        {"correct horse battery ", h1, ERR_PERM},
        {"", h1, ERR_PERM},
        {"correct horse battery", "", ERR_PERM},
        {"correct horse battery", "$argon2id$v=19$m=8,t=1,p=1$garbage", ERR_PERM},
        {"correct horse battery", "plain text", ERR_PERM},
        {"correct horse battery", NULL, ERR_PERM},
        {"\xff\xfe", h1, ERR_PERM},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = iam_password_verify(cases[i].pw, cases[i].hash);
        if (got != cases[i].want)
            print_error("case %zu: got %s\n", i, err_name(got));
        assert_int_equal(got, cases[i].want);
    }
    char h[IAM_HASH_MAX];
    assert_int_equal(iam_password_hash("\xff\xfe not text", h), ERR_INVAL);
    char too_long[IAM_PASSWORD_MAX_BYTES + 2];
    memset(too_long, 'a', sizeof too_long - 1);
    too_long[sizeof too_long - 1] = '\0';
    assert_int_equal(iam_password_hash(too_long, h), ERR_INVAL);
}

static void test_thai_normalised(void **state)
{
    (void)state;
    cheap();
    /* ที่ดิน typed as ท + mai ek + sara ii (a common order on phones) and as ท + sara ii + mai ek. */
    const char *typed_a =
        "\xe0\xb8\x97\xe0\xb9\x88\xe0\xb8\xb5\xe0\xb8\x94\xe0\xb8\xb4\xe0\xb8\x99 ของฉัน 2568";
    const char *typed_b =
        "\xe0\xb8\x97\xe0\xb8\xb5\xe0\xb9\x88\xe0\xb8\x94\xe0\xb8\xb4\xe0\xb8\x99 ของฉัน 2568";
    assert_string_not_equal(typed_a, typed_b);
    char h[IAM_HASH_MAX];
    assert_int_equal(iam_password_hash(typed_a, h), ERR_OK);
    assert_int_equal(iam_password_verify(typed_b, h), ERR_OK);
    assert_int_equal(iam_password_verify(typed_a, h), ERR_OK);
    /* White space is part of the password, not normalised away. */
    assert_int_equal(
        iam_password_verify(
            "\xe0\xb8\x97\xe0\xb8\xb5\xe0\xb9\x88\xe0\xb8\x94\xe0\xb8\xb4\xe0\xb8\x99  ของฉัน 2568", h),
        ERR_PERM);
}

static void test_rehash_and_production_cost(void **state)
{
    (void)state;
    cheap();
    char cheap_hash[IAM_HASH_MAX], strong[IAM_HASH_MAX];
    assert_int_equal(iam_password_hash("correct horse battery", cheap_hash), ERR_OK);
    assert_false(iam_password_needs_rehash(cheap_hash));

    struct iam_config d = iam_config_defaults();
    assert_int_equal(d.pwhash_memlimit, 64u << 20); /* the documented 64 MiB */
    assert_int_equal(d.pwhash_opslimit, 2);
    assert_int_equal(iam_configure(&d), ERR_OK);
    assert_true(iam_password_needs_rehash(cheap_hash));
    assert_int_equal(iam_password_hash("correct horse battery", strong), ERR_OK);
    assert_int_equal(strncmp(strong, "$argon2id$v=19$m=65536,t=2,p=1$", 31), 0);
    assert_false(iam_password_needs_rehash(strong));
    assert_int_equal(iam_password_verify("correct horse battery", strong), ERR_OK);
    assert_int_equal(iam_password_verify("correct horse batter", strong), ERR_PERM);
    /* Old hashes keep working after the cost changes: their parameters are in the string. */
    assert_int_equal(iam_password_verify("correct horse battery", cheap_hash), ERR_OK);

    /* Another algorithm (argon2i) needs a rehash too; malformed strings always do. */
    char argon2i[crypto_pwhash_argon2i_STRBYTES];
    assert_int_equal(crypto_pwhash_argon2i_str(argon2i, "x", 1, crypto_pwhash_argon2i_OPSLIMIT_MIN,
                                               crypto_pwhash_argon2i_MEMLIMIT_MIN),
                     0);
    cheap();
    assert_true(iam_password_needs_rehash(argon2i));
    assert_true(iam_password_needs_rehash("not a hash"));
    assert_true(iam_password_needs_rehash(NULL));
}

static bool same_config(struct iam_config a, struct iam_config b)
{
    return a.pwhash_opslimit == b.pwhash_opslimit && a.pwhash_memlimit == b.pwhash_memlimit &&
           a.hash_concurrency == b.hash_concurrency && a.hash_wait_ms == b.hash_wait_ms &&
           a.password_min_chars == b.password_min_chars && a.session_idle == b.session_idle &&
           a.session_absolute == b.session_absolute && a.touch_interval == b.touch_interval &&
           a.login_user_limit == b.login_user_limit && a.login_ip_limit == b.login_ip_limit &&
           a.login_window == b.login_window;
}

static void test_config(void **state)
{
    (void)state;
    cheap();
    struct iam_config before = iam_config_get();
    struct {
        const char *what;
        struct iam_config c;
    } bad[12];
    size_t n = 0;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        bad[i].c = before;
    bad[n].what = "no hashing slots", bad[n++].c.hash_concurrency = 0;
    bad[n].what = "65 slots", bad[n++].c.hash_concurrency = 65;
    bad[n].what = "minimum 7", bad[n++].c.password_min_chars = 7;
    bad[n].what = "minimum 129", bad[n++].c.password_min_chars = 129;
    bad[n].what = "idle 0", bad[n++].c.session_idle = 0;
    bad[n].what = "idle > absolute", bad[n].c.session_idle = 7200, bad[n++].c.session_absolute = 3600;
    bad[n].what = "memlimit below libsodium's", bad[n++].c.pwhash_memlimit = 1024;
    bad[n].what = "opslimit 0", bad[n++].c.pwhash_opslimit = 0;
    bad[n].what = "user limit 0", bad[n++].c.login_user_limit = 0;
    bad[n].what = "window 0", bad[n++].c.login_window = 0;
    bad[n].what = "negative wait", bad[n++].c.hash_wait_ms = -1;
    bad[n].what = "negative touch", bad[n++].c.touch_interval = -1;
    for (size_t i = 0; i < n; i++) {
        if (iam_configure(&bad[i].c) != ERR_INVAL)
            print_error("accepted: %s\n", bad[i].what);
        assert_int_equal(iam_configure(&bad[i].c), ERR_INVAL);
        assert_true(same_config(before, iam_config_get()));
    }
    struct iam_config ok = before;
    ok.session_idle = ok.session_absolute; /* equal is fine */
    assert_int_equal(iam_configure(&ok), ERR_OK);
    cheap();
}

/* ---- the hashing limit ---- */

static void *hash_worker(void *arg)
{
    char h[IAM_HASH_MAX];
    int *rc = arg;
    *rc = iam_password_hash("correct horse battery", h);
    if (*rc == ERR_OK)
        *rc = iam_password_verify("correct horse battery", h);
    return NULL;
}

static void test_concurrent_hashing_capped(void **state)
{
    (void)state;
    struct iam_config c = iam_config_defaults();
    c.pwhash_opslimit = crypto_pwhash_OPSLIMIT_MIN;
    c.pwhash_memlimit = 4u << 20; /* enough work for the threads to overlap */
    c.hash_concurrency = 2;
    assert_int_equal(iam_configure(&c), ERR_OK);
    pthread_t t[6];
    int rc[6];
    for (int i = 0; i < 6; i++)
        assert_int_equal(pthread_create(&t[i], NULL, hash_worker, &rc[i]), 0);
    for (int i = 0; i < 6; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(rc[i], ERR_OK);
    }
    int in_use = -1, peak = -1;
    iam_hash_slot_stats(&in_use, &peak);
    assert_int_equal(in_use, 0);
    assert_true(peak >= 1 && peak <= 2);
    cheap();
}

static void *slot_waiter(void *arg)
{
    int *rc = arg;
    *rc = iam_hash_slot_acquire(600000); /* released by the main thread */
    return NULL;
}

static void test_slots(void **state)
{
    (void)state;
    cheap(); /* 2 slots */
    int in_use = -1;
    assert_int_equal(iam_hash_slot_try_acquire(), ERR_OK);
    assert_int_equal(iam_hash_slot_try_acquire(), ERR_OK);
    assert_int_equal(iam_hash_slot_try_acquire(), ERR_BUSY);
    assert_int_equal(iam_hash_slot_acquire(20), ERR_BUSY); /* nobody releases: times out */
    iam_hash_slot_stats(&in_use, NULL);
    assert_int_equal(in_use, 2);

    /* With every slot taken, hashing answers busy instead of running. */
    struct iam_config c = iam_config_get();
    c.hash_wait_ms = 0;
    assert_int_equal(iam_configure(&c), ERR_OK);
    char h[IAM_HASH_MAX];
    assert_int_equal(iam_password_hash("correct horse battery", h), ERR_BUSY);
    assert_int_equal(iam_password_verify("correct horse battery", "$argon2id$v=19$m=8,t=1,p=1$x$y"),
                     ERR_BUSY);

    /* A waiter gets the slot that is given back. */
    pthread_t t;
    int waiter_rc = -1;
    assert_int_equal(pthread_create(&t, NULL, slot_waiter, &waiter_rc), 0);
    iam_hash_slot_release();
    pthread_join(t, NULL);
    assert_int_equal(waiter_rc, ERR_OK);
    iam_hash_slot_stats(&in_use, NULL);
    assert_int_equal(in_use, 2);

    /* A larger limit applies at once. */
    c.hash_concurrency = 3;
    assert_int_equal(iam_configure(&c), ERR_OK);
    assert_int_equal(iam_hash_slot_try_acquire(), ERR_OK);
    assert_int_equal(iam_hash_slot_try_acquire(), ERR_BUSY);
    iam_hash_slot_release();
    iam_hash_slot_release();
    iam_hash_slot_release();
    iam_hash_slot_stats(&in_use, NULL);
    assert_int_equal(in_use, 0);
    cheap();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policy),
        cmocka_unit_test(test_problem_text),
        cmocka_unit_test(test_hash_verify),
        cmocka_unit_test(test_thai_normalised),
        cmocka_unit_test(test_rehash_and_production_cost),
        cmocka_unit_test(test_config),
        cmocka_unit_test(test_concurrent_hashing_capped), /* before test_slots, which raises the peak */
        cmocka_unit_test(test_slots),
    };
    return cmocka_run_group_tests_name("iam passwords", tests, NULL, NULL);
}
