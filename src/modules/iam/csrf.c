/*
 * CSRF tokens: a form or a script that writes must send back a token that only a page of this site,
 * rendered for this session, could know. The token is an HMAC (libsodium crypto_auth, HMAC-SHA-512-256)
 * of the session's id under the session's own random secret: stable for the whole session, so any
 * number of forms open in several tabs all carry a valid token, and worthless for any other session.
 */
#include <sodium.h>
#include <string.h>

#include "modules/iam/iam_internal.h"

#define CSRF_CONTEXT "tambon-csrf-v1:"

void iam_csrf_token(const struct iam_session *s, char out[IAM_TOKEN_LEN + 1])
{
    unsigned char msg[sizeof CSRF_CONTEXT - 1 + IAM_HASH_HEX_LEN];
    unsigned char mac[crypto_auth_BYTES];
    _Static_assert(crypto_auth_BYTES == 32 && crypto_auth_KEYBYTES == sizeof s->csrf_key,
                   "a CSRF token is a 32-byte MAC under the 32-byte session secret");
    iam_sodium_ready();
    memcpy(msg, CSRF_CONTEXT, sizeof CSRF_CONTEXT - 1);
    memcpy(msg + sizeof CSRF_CONTEXT - 1, s->id_hash, IAM_HASH_HEX_LEN);
    crypto_auth(mac, msg, sizeof msg, s->csrf_key);
    sodium_bin2base64(out, IAM_TOKEN_LEN + 1, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int iam_csrf_check(const struct iam_session *s, const char *token)
{
    char want[IAM_TOKEN_LEN + 1];
    /* The length is public (every token has it); only the bytes are compared in constant time. */
    if (!token || strnlen(token, IAM_TOKEN_LEN + 1) != IAM_TOKEN_LEN)
        return ERR_PERM;
    iam_csrf_token(s, want);
    int rc = sodium_memcmp(want, token, IAM_TOKEN_LEN) == 0 ? ERR_OK : ERR_PERM;
    sodium_memzero(want, sizeof want);
    return rc;
}
