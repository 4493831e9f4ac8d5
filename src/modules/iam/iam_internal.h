/*
 * Helpers shared by the files of the iam module and by nothing else: libsodium start-up, hashing of
 * tokens, random tokens, and the check that a presented token has the right form before any lookup.
 */
#ifndef TAMBON_MODULES_IAM_INTERNAL_H
#define TAMBON_MODULES_IAM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "modules/iam/iam.h"

/* Initialises libsodium once per process; aborts if it cannot (no secure random source). */
void iam_sodium_ready(void);
/* Lower-case hex SHA-256 of len bytes at s. */
void iam_sha256_hex(const void *s, size_t len, char out[IAM_HASH_HEX_LEN + 1]);
/* Lower-case hex of n bytes (out holds 2n + 1). */
void iam_hex(const unsigned char *bytes, size_t n, char *out);
/* Decodes 2n hex digits into n bytes; false when hex is not exactly that. */
bool iam_unhex(const char *hex, unsigned char *bytes, size_t n);
/* 32 random bytes as URL-safe base64 without padding: IAM_TOKEN_LEN characters and a NUL. */
void iam_random_token(char out[IAM_TOKEN_LEN + 1]);
/* 32 random bytes written as 64 hex digits. */
void iam_random_hex32(char out[IAM_HASH_HEX_LEN + 1]);
/* True when s is exactly IAM_TOKEN_LEN characters of the URL-safe base64 alphabet. */
bool iam_token_wellformed(const char *s);

/*
 * For functions that run several statements: opens a transaction when the caller has none (*own is
 * then true), so the statements take effect together. iam_tx_end commits an own transaction when rc is
 * ERR_OK and rolls it back otherwise, and returns the final status.
 */
__attribute__((warn_unused_result)) int iam_tx_begin(struct db *db, bool *own);
__attribute__((warn_unused_result)) int iam_tx_end(struct db *db, bool own, int rc);

#endif
