/*
 * Passwords: the policy for new ones, argon2id hashing and verification through libsodium, and the
 * process-wide limit on how many hashes run at once (each needs pwhash_memlimit bytes: 64 MiB by
 * default, so an unbounded burst of sign-ins could exhaust the machine's memory).
 *
 * Passwords are UTF-8 and their Thai clusters are normalised before hashing (thai_normalize_mapped,
 * which leaves white space alone): the same Thai password typed with its marks in another order, as
 * different keyboards and phones do, must still match. Copies of a password are wiped after use.
 */
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "modules/iam/iam_internal.h"
#include "thai/normalize.h"

/* ---- the hashing slots: a counting semaphore whose size follows the configuration ---- */

static pthread_once_t slots_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slots_freed;
static int slots_in_use, slots_peak;

static void slots_init(void)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&slots_freed, &attr);
    pthread_condattr_destroy(&attr);
}

/* Takes a slot when one is free; with wait_ms < 0 never waits. Called with slots_lock held. */
static int slot_take_locked(int64_t wait_ms)
{
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    if (wait_ms > 0) {
        deadline.tv_sec += (time_t)(wait_ms / 1000);
        deadline.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
    }
    for (;;) {
        /* Read the limit each time round: a smaller limit set meanwhile applies to new takers. */
        if (slots_in_use < iam_config_get().hash_concurrency) {
            slots_in_use++;
            if (slots_in_use > slots_peak)
                slots_peak = slots_in_use;
            return ERR_OK;
        }
        if (wait_ms <= 0)
            return ERR_BUSY;
        if (pthread_cond_timedwait(&slots_freed, &slots_lock, &deadline) == ETIMEDOUT &&
            slots_in_use >= iam_config_get().hash_concurrency)
            return ERR_BUSY;
    }
}

int iam_hash_slot_acquire(int64_t wait_ms)
{
    pthread_once(&slots_once, slots_init);
    pthread_mutex_lock(&slots_lock);
    int rc = slot_take_locked(wait_ms);
    pthread_mutex_unlock(&slots_lock);
    return rc;
}

int iam_hash_slot_try_acquire(void)
{
    return iam_hash_slot_acquire(0);
}

void iam_hash_slot_release(void)
{
    pthread_once(&slots_once, slots_init);
    pthread_mutex_lock(&slots_lock);
    if (slots_in_use > 0)
        slots_in_use--;
    else
        log_error("iam: hashing slot released that was not taken");
    pthread_cond_signal(&slots_freed);
    pthread_mutex_unlock(&slots_lock);
}

void iam_hash_slot_stats(int *in_use, int *peak)
{
    pthread_mutex_lock(&slots_lock);
    if (in_use)
        *in_use = slots_in_use;
    if (peak)
        *peak = slots_peak;
    pthread_mutex_unlock(&slots_lock);
}

/* ---- normalisation and policy ---- */

/*
 * The normalised form of password in out, which is initialised in every case and which the caller
 * wipes and releases. ERR_INVAL for text
 * that is not UTF-8 or longer than IAM_PASSWORD_MAX_BYTES.
 */
static int normalize_password(const char *password, struct buf *out)
{
    size_t len = strlen(password);
    size_t map[IAM_PASSWORD_MAX_BYTES + 1];
    buf_init(out, IAM_PASSWORD_MAX_BYTES);
    if (len > IAM_PASSWORD_MAX_BYTES)
        return ERR_INVAL;
    int rc = thai_normalize_mapped(password, len, out, map);
    if (rc == ERR_OK && out->data == NULL)
        rc = buf_append(out, "", 0); /* an empty password still gets a buffer */
    return rc == ERR_TOOBIG ? ERR_INVAL : rc;
}

static void wipe(struct buf *b)
{
    if (b->data)
        sodium_memzero(b->data, b->cap);
    buf_release(b);
}

static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            n++;
    return n;
}

static bool same_ignoring_ascii_case(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    if (alen != blen)
        return false;
    for (size_t i = 0; i < alen; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

enum iam_pw_problem iam_password_check(const char *username, const char *password)
{
    if (strlen(password) > IAM_PASSWORD_MAX_BYTES)
        return IAM_PW_TOO_LONG;
    struct buf norm;
    if (normalize_password(password, &norm) != ERR_OK) {
        wipe(&norm);
        return IAM_PW_NOT_UTF8;
    }
    enum iam_pw_problem problem = IAM_PW_OK;
    if (utf8_chars(norm.data, norm.len) < (size_t)iam_config_get().password_min_chars)
        problem = IAM_PW_TOO_SHORT;
    else if (username && same_ignoring_ascii_case(norm.data, norm.len, username))
        problem = IAM_PW_SAME_AS_USER;
    wipe(&norm);
    return problem;
}

const char *iam_password_problem_text(enum iam_pw_problem problem, struct arena *a)
{
    switch (problem) {
    case IAM_PW_OK:
        return arena_strdup(a, "รหัสผ่านใช้ได้ (the password is acceptable)");
    case IAM_PW_TOO_SHORT: {
        int n = iam_config_get().password_min_chars;
        return arena_printf(a, "รหัสผ่านสั้นเกินไป ต้องยาวอย่างน้อย %d ตัวอักษร (too short: at least %d characters)", n,
                            n);
    }
    case IAM_PW_TOO_LONG:
        return arena_printf(a, "รหัสผ่านยาวเกินไป ไม่เกิน %d ไบต์ (too long: at most %d bytes)",
                            IAM_PASSWORD_MAX_BYTES, IAM_PASSWORD_MAX_BYTES);
    case IAM_PW_SAME_AS_USER:
        return arena_strdup(a, "รหัสผ่านต้องไม่ซ้ำกับชื่อผู้ใช้ (the password must not be the user name)");
    case IAM_PW_NOT_UTF8:
        return arena_strdup(a, "รหัสผ่านมีอักขระที่อ่านไม่ได้ (the password is not valid UTF-8 text)");
    }
    return arena_strdup(a, "รหัสผ่านใช้ไม่ได้ (the password is not acceptable)");
}

/* ---- hashing ---- */

int iam_password_hash(const char *password, char out[IAM_HASH_MAX])
{
    struct iam_config cfg = iam_config_get();
    struct buf norm;
    bool slot = false;
    int rc = normalize_password(password, &norm);
    if (rc != ERR_OK)
        goto out;
    iam_sodium_ready();
    rc = iam_hash_slot_acquire(cfg.hash_wait_ms);
    if (rc != ERR_OK)
        goto out;
    slot = true;
    if (crypto_pwhash_str_alg(out, norm.data, norm.len, cfg.pwhash_opslimit, cfg.pwhash_memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        rc = ERR_NOMEM; /* the only way it fails with valid limits */
out:
    if (slot)
        iam_hash_slot_release();
    wipe(&norm);
    return rc;
}

int iam_password_verify(const char *password, const char *hash)
{
    struct buf norm;
    bool slot = false;
    int rc = ERR_PERM;
    bool hash_ok = hash && strnlen(hash, IAM_HASH_MAX) < IAM_HASH_MAX && strncmp(hash, "$argon2", 7) == 0;
    if (normalize_password(password, &norm) != ERR_OK || !hash_ok)
        goto out;
    iam_sodium_ready();
    rc = iam_hash_slot_acquire(iam_config_get().hash_wait_ms);
    if (rc != ERR_OK)
        goto out;
    slot = true;
    rc = crypto_pwhash_str_verify(hash, norm.data, norm.len) == 0 ? ERR_OK : ERR_PERM;
out:
    if (slot)
        iam_hash_slot_release();
    wipe(&norm);
    return rc;
}

bool iam_password_needs_rehash(const char *hash)
{
    struct iam_config cfg = iam_config_get();
    if (!hash || strnlen(hash, IAM_HASH_MAX) >= IAM_HASH_MAX)
        return true;
    iam_sodium_ready();
    return crypto_pwhash_str_needs_rehash(hash, cfg.pwhash_opslimit, cfg.pwhash_memlimit) != 0;
}
