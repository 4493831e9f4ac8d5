/*
 * The iam module's process-wide settings, its clock (with the test hook), and the small cryptographic
 * helpers the other files share (iam_internal.h).
 */
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "modules/iam/iam_internal.h"

static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static bool config_set;
static struct iam_config config;

struct iam_config iam_config_defaults(void)
{
    return (struct iam_config){
        .pwhash_opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE,
        .pwhash_memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE,
        .hash_concurrency = 2,
        .hash_wait_ms = 10000,
        .password_min_chars = 10,
        .session_idle = 30 * 60,
        .session_absolute = 12 * 3600,
        .touch_interval = 60,
        .login_user_limit = 5,
        .login_ip_limit = 20,
        .login_window = 15 * 60,
    };
}

int iam_configure(const struct iam_config *c)
{
    if (c->pwhash_opslimit < crypto_pwhash_OPSLIMIT_MIN || c->pwhash_opslimit > crypto_pwhash_OPSLIMIT_MAX ||
        c->pwhash_memlimit < crypto_pwhash_MEMLIMIT_MIN || c->pwhash_memlimit > crypto_pwhash_MEMLIMIT_MAX ||
        c->hash_concurrency < 1 || c->hash_concurrency > 64 || c->hash_wait_ms < 0 ||
        c->password_min_chars < 8 || c->password_min_chars > 128 || c->session_idle <= 0 ||
        c->session_absolute <= 0 || c->session_idle > c->session_absolute || c->touch_interval < 0 ||
        c->login_user_limit < 1 || c->login_ip_limit < 1 || c->login_window <= 0)
        return ERR_INVAL;
    pthread_mutex_lock(&config_lock);
    config = *c;
    config_set = true;
    pthread_mutex_unlock(&config_lock);
    return ERR_OK;
}

struct iam_config iam_config_get(void)
{
    pthread_mutex_lock(&config_lock);
    if (!config_set) {
        config = iam_config_defaults();
        config_set = true;
    }
    struct iam_config c = config;
    pthread_mutex_unlock(&config_lock);
    return c;
}

static int64_t (*_Atomic clock_hook)(void);

int64_t iam_now(void)
{
    int64_t (*fn)(void) = atomic_load(&clock_hook);
    return fn ? fn() : clock_now();
}

void iam_clock_set(int64_t (*now_fn)(void))
{
    atomic_store(&clock_hook, now_fn);
}

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;

static void sodium_start(void)
{
    if (sodium_init() < 0) {
        fputs("tambon: libsodium could not start (no secure random source)\n", stderr);
        abort();
    }
}

void iam_sodium_ready(void)
{
    pthread_once(&sodium_once, sodium_start);
}

void iam_hex(const unsigned char *bytes, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 0x0f];
    }
    out[2 * n] = '\0';
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

bool iam_unhex(const char *hex, unsigned char *bytes, size_t n)
{
    if (!hex || strlen(hex) != 2 * n)
        return false;
    for (size_t i = 0; i < n; i++) {
        int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        bytes[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

void iam_sha256_hex(const void *s, size_t len, char out[IAM_HASH_HEX_LEN + 1])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, s, len);
    iam_hex(digest, sizeof digest, out);
}

void iam_random_token(char out[IAM_TOKEN_LEN + 1])
{
    unsigned char raw[32];
    iam_sodium_ready();
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, IAM_TOKEN_LEN + 1, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

void iam_random_hex32(char out[IAM_HASH_HEX_LEN + 1])
{
    unsigned char raw[32];
    iam_sodium_ready();
    randombytes_buf(raw, sizeof raw);
    iam_hex(raw, sizeof raw, out);
    sodium_memzero(raw, sizeof raw);
}

bool iam_token_wellformed(const char *s)
{
    if (!s)
        return false;
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_';
        if (!ok || n >= IAM_TOKEN_LEN)
            return false;
    }
    return n == IAM_TOKEN_LEN;
}

int iam_tx_begin(struct db *db, bool *own)
{
    *own = !db_in_transaction(db);
    return *own ? db_begin(db) : ERR_OK;
}

int iam_tx_end(struct db *db, bool own, int rc)
{
    if (!own)
        return rc;
    if (rc == ERR_OK)
        return db_commit(db);
    db_rollback(db);
    return rc;
}
