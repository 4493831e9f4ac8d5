/*
 * Identity and access: who the caller is and what they may see.
 *
 *  - users (app_user) with argon2id password hashes and a password policy;
 *  - roles granted over a scope (self, lao:<id>, province:<code>, nation), a permission table in code,
 *    and a principal (a user and their grants) loaded once per request;
 *  - scope containment (nation ⊇ province ⊇ LAO ⊇ the people currently employed there; self covers
 *    one's own person) for single records, and a scope filter for list queries;
 *  - browser sessions and per-session CSRF tokens, login throttling and lockout, API tokens.
 *
 * Servers are stateless: sessions, CSRF secrets and throttling counters live in the database, so
 * several `tambon serve` processes on one PostgreSQL behave as one site. This module never sees HTTP:
 * the web layer reads cookies and headers and calls these functions. docs/SECURITY.md explains the
 * choices (argon2id parameters, token sizes, expiry, CSRF scheme, throttling numbers).
 *
 * Status codes are enum err_code. Times are seconds since the Unix epoch, from iam_now(), which tests
 * can move (iam_clock_set). Secrets (passwords, session and API tokens) are never stored or logged.
 */
#ifndef TAMBON_MODULES_IAM_IAM_H
#define TAMBON_MODULES_IAM_IAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "db/db.h"

/* ------------------------------------------------------------------------------------------------ */
/* Configuration and time                                                                           */
/* ------------------------------------------------------------------------------------------------ */

struct iam_config {
    /* argon2id cost: libsodium's INTERACTIVE class by default (2 passes, 64 MiB). */
    unsigned long long pwhash_opslimit;
    size_t pwhash_memlimit;
    int hash_concurrency;     /* password hashes computed at once in this process (default 2) */
    int64_t hash_wait_ms;     /* how long a hash waits for a free slot before ERR_BUSY (10000) */
    int password_min_chars;   /* minimum password length in characters (10) */
    int64_t session_idle;     /* seconds without a request before a session ends (30 min) */
    int64_t session_absolute; /* seconds after sign-in when a session ends anyway (12 h) */
    int64_t touch_interval;   /* last_seen_at / last_used_at written at most this often (60 s) */
    int login_user_limit;     /* failed sign-ins per user name per window before lockout (5) */
    int login_ip_limit;       /* failed sign-ins per address per window (20) */
    int64_t login_window;     /* the throttling window in seconds (15 min) */
};

/* The defaults above. */
struct iam_config iam_config_defaults(void);
/*
 * Replaces the process-wide configuration (a server calls it once at start; tests use cheap hashing).
 * ERR_INVAL when a value is out of range (no change then): concurrency 1..64, minimum length 8..128,
 * limits 1 or more, idle, absolute and window positive with idle <= absolute, touch interval and hash
 * wait 0 or more, argon2id limits within libsodium's bounds.
 */
__attribute__((warn_unused_result)) int iam_configure(const struct iam_config *cfg);
/* A copy of the configuration in force. */
struct iam_config iam_config_get(void);

/* Seconds since the epoch: clock_now(), unless a test moved the clock with iam_clock_set. */
int64_t iam_now(void);
/*
 * Test hook: makes iam_now() return now_fn() (NULL restores the real clock), so tests can step over
 * idle and absolute expiry without sleeping. Affects only this module, never base/clock.
 */
void iam_clock_set(int64_t (*now_fn)(void));

/* ------------------------------------------------------------------------------------------------ */
/* Passwords (password.c)                                                                           */
/* ------------------------------------------------------------------------------------------------ */

/* Longest password accepted, in bytes: long enough for any passphrase, short enough to refuse abuse. */
#define IAM_PASSWORD_MAX_BYTES 1024
/* Room for an argon2id hash string with its NUL (libsodium's crypto_pwhash_STRBYTES). */
#define IAM_HASH_MAX 128

enum iam_pw_problem {
    IAM_PW_OK = 0,
    IAM_PW_TOO_SHORT,    /* fewer than password_min_chars characters */
    IAM_PW_TOO_LONG,     /* more than IAM_PASSWORD_MAX_BYTES bytes */
    IAM_PW_SAME_AS_USER, /* equal to the user name, ignoring ASCII case */
    IAM_PW_NOT_UTF8,     /* not well-formed UTF-8 */
};

/*
 * Checks a new password against the policy: at least password_min_chars characters (code points,
 * after Thai normalisation), at most IAM_PASSWORD_MAX_BYTES bytes, well-formed UTF-8, not the user name.
 * username may be NULL (then that rule is skipped).
 */
enum iam_pw_problem iam_password_check(const char *username, const char *password);
/* A sentence for a policy problem, Thai first, then English in parentheses, allocated from a. */
const char *iam_password_problem_text(enum iam_pw_problem problem, struct arena *a);

/*
 * Hashes password with argon2id at the configured cost into out (a "$argon2id$v=19$m=...,t=...,p=1$..."
 * string). Thai clusters are normalised first (tone and vowel marks typed in another order give the
 * same password). Does not apply the policy (iam_password_check does). Waits for a hashing slot.
 * ERR_INVAL for a password that is not UTF-8 or too long, ERR_BUSY when no slot freed in time,
 * ERR_NOMEM when the memory for the hash could not be had.
 */
__attribute__((warn_unused_result)) int iam_password_hash(const char *password, char out[IAM_HASH_MAX]);
/*
 * ERR_OK when password matches hash, ERR_PERM when it does not (or the hash is malformed), ERR_BUSY
 * when no hashing slot freed in time. Takes about as long as hashing.
 */
__attribute__((warn_unused_result)) int iam_password_verify(const char *password, const char *hash);
/* True when hash was made with other parameters (or algorithm) than the configured ones. */
bool iam_password_needs_rehash(const char *hash);

/*
 * The process-wide limit on concurrent hashing (a counting semaphore of hash_concurrency slots):
 * each hash needs pwhash_memlimit bytes, so a burst of sign-ins must queue instead of exhausting
 * memory. iam_password_hash and _verify take a slot themselves; the web layer may use try_acquire to
 * answer "busy" at once rather than block a server thread.
 */
/* Takes a slot, waiting at most wait_ms; ERR_BUSY when none freed in time. */
__attribute__((warn_unused_result)) int iam_hash_slot_acquire(int64_t wait_ms);
/* Takes a slot if one is free now; ERR_BUSY otherwise. */
__attribute__((warn_unused_result)) int iam_hash_slot_try_acquire(void);
/* Gives back a slot taken by one of the above. */
void iam_hash_slot_release(void);
/* Slots in use now, and the most ever in use at once (for monitoring and tests). */
void iam_hash_slot_stats(int *in_use, int *peak);

/* ------------------------------------------------------------------------------------------------ */
/* Users (user_store.c)                                                                             */
/* ------------------------------------------------------------------------------------------------ */

#define IAM_USERNAME_MAX 64

struct iam_user {
    int64_t id;
    const char *username;
    const char *display_name;
    int64_t person_id; /* 0 when the account is not linked to a person */
    bool active;       /* status 'active' (else 'disabled') */
    int64_t created_at;
    int64_t password_changed_at;
};

/*
 * Normalises a user name as typed: ASCII letters lower-cased, surrounding spaces removed. The result
 * must be 1..64 characters of a-z 0-9 . _ - starting with a letter or digit; ERR_INVAL otherwise.
 */
__attribute__((warn_unused_result)) int iam_username_normalize(const char *in,
                                                               char out[IAM_USERNAME_MAX + 1]);

/*
 * Creates an active account. username must already be normal (iam_username_normalize); display_name
 * (NULL: the user name) is Thai-normalised and 1..200 characters; person_id 0 for none; password_hash
 * from iam_password_hash (hash before opening a transaction: hashing takes time and memory).
 * ERR_INVAL for a bad name or hash, ERR_EXISTS when the user name is taken or the person already has
 * an account, ERR_NOTFOUND when person_id does not exist, else the database's error.
 */
__attribute__((warn_unused_result)) int iam_user_add(struct db *db, const char *username,
                                                     const char *display_name, int64_t person_id,
                                                     const char *password_hash, int64_t *id);
/* The account with this (normal) user name; strings from a. ERR_NOTFOUND when none. */
__attribute__((warn_unused_result)) int iam_user_find(struct db *db, const char *username, struct arena *a,
                                                      struct iam_user *out);
/* The account with this id; ERR_NOTFOUND when none. */
__attribute__((warn_unused_result)) int iam_user_get(struct db *db, int64_t id, struct arena *a,
                                                     struct iam_user *out);
/* Every account ordered by user name, in an array from a. */
__attribute__((warn_unused_result)) int iam_user_list(struct db *db, struct arena *a, struct iam_user **out,
                                                      size_t *n);
/*
 * Stores a new password hash, records the time, and ends every session of the user (someone who knew
 * the old password must not stay signed in). ERR_NOTFOUND when the user does not exist.
 */
__attribute__((warn_unused_result)) int iam_user_set_password(struct db *db, int64_t user_id,
                                                              const char *password_hash);
/* Enables or disables an account; disabling ends its sessions. Disabled accounts cannot sign in. */
__attribute__((warn_unused_result)) int iam_user_set_active(struct db *db, int64_t user_id, bool active);

/* ------------------------------------------------------------------------------------------------ */
/* Roles, scopes and permissions (grant.c, scope.c)                                                 */
/* ------------------------------------------------------------------------------------------------ */

enum iam_role {
    IAM_ROLE_EMPLOYEE,         /* scope self: one's own record (self-service) */
    IAM_ROLE_LAO_HR,           /* scope lao:<id>: the LAO's personnel officer */
    IAM_ROLE_LAO_EXEC,         /* scope lao:<id>: ปลัด / นายก, reads and approves */
    IAM_ROLE_PROVINCE_OFFICER, /* scope province:<code>: the provincial office (สถจ.) */
    IAM_ROLE_NATION_OFFICER,   /* scope nation: the department (สถ.) */
    IAM_ROLE_ADMIN,            /* scope nation: runs the system, manages accounts */
    IAM_ROLE__COUNT
};

/* "employee", "lao_hr", ...; NULL for a value outside the enum. */
const char *iam_role_name(enum iam_role role);
/* The Thai name of a role for people ("พนักงาน", "เจ้าหน้าที่บุคคล อปท.", ...). */
const char *iam_role_name_th(enum iam_role role);
/* ERR_INVAL for an unknown name. */
__attribute__((warn_unused_result)) int iam_role_parse(const char *name, enum iam_role *out);

enum iam_scope_kind { IAM_SCOPE_SELF, IAM_SCOPE_LAO, IAM_SCOPE_PROVINCE, IAM_SCOPE_NATION };

struct iam_scope {
    enum iam_scope_kind kind;
    int64_t lao_id;   /* IAM_SCOPE_LAO */
    char province[3]; /* IAM_SCOPE_PROVINCE: two digits */
};

/* Longest scope text with its NUL: "lao:" and a 19-digit id. */
#define IAM_SCOPE_TEXT_MAX 24

/*
 * Parses "self", "nation", "lao:<id>" (id 1..2^63-1, decimal without sign or leading zero) or
 * "province:<two digits>"; ERR_INVAL for anything else.
 */
__attribute__((warn_unused_result)) int iam_scope_parse(const char *text, struct iam_scope *out);
/* The canonical text of a scope (what iam_scope_parse reads). */
void iam_scope_format(const struct iam_scope *s, char out[IAM_SCOPE_TEXT_MAX]);
/* The scope kind a role is granted over: employee self, LAO roles lao, province_officer province, others
 * nation. */
enum iam_scope_kind iam_role_scope_kind(enum iam_role role);

struct iam_grant {
    int64_t id;
    enum iam_role role;
    struct iam_scope scope;
};

/* Why a grant was refused, for people: Thai and English. */
struct iam_problem {
    const char *th, *en;
};

/*
 * Grants role over scope (text as for iam_scope_parse) to a user; granted_by is the acting user's id, 0
 * when granted from the command line. Checks, each with a message in *why (may be NULL): the role is
 * known and the scope is of its kind (ERR_INVAL); the LAO or province exists (ERR_NOTFOUND); an
 * employee grant needs an account linked to a person (ERR_INVAL); the user exists (ERR_NOTFOUND); the
 * same grant is not held already (ERR_EXISTS). *id (may be NULL) receives the grant's id.
 */
__attribute__((warn_unused_result)) int iam_grant_add(struct db *db, int64_t user_id, const char *role,
                                                      const char *scope, int64_t granted_by, int64_t *id,
                                                      struct iam_problem *why);
/* Takes back a grant; ERR_NOTFOUND when the user does not hold it, ERR_INVAL for a malformed role or scope.
 */
__attribute__((warn_unused_result)) int iam_grant_revoke(struct db *db, int64_t user_id, const char *role,
                                                         const char *scope);
/* A user's grants (ordered by role, then scope) in an array from a. */
__attribute__((warn_unused_result)) int iam_grant_list(struct db *db, int64_t user_id, struct arena *a,
                                                       struct iam_grant **out, size_t *n);

/* A permission and the roles that hold it: the permission table is code (grant.c), not data. */
struct iam_permission {
    const char *name; /* "area.action": "person.view", "user.manage", ... */
    unsigned roles;   /* bit (1u << enum iam_role) for each role holding it */
    const char *doc;  /* one English line, for the API document and the admin pages */
};

extern const struct iam_permission iam_permissions[];
extern const size_t iam_permissions_count;
/* The permission with this name, or NULL. */
const struct iam_permission *iam_permission_find(const char *name);
/* True when role holds the permission called name (false for an unknown name). */
bool iam_role_has(enum iam_role role, const char *permission);

/* Who is calling: an active user and their grants. Everything lives in the arena it was loaded into. */
struct iam_principal {
    int64_t user_id;
    const char *username;
    const char *display_name;
    int64_t person_id; /* 0 when the account has no person */
    const struct iam_grant *grants;
    size_t ngrants;
};

/*
 * Loads the principal for a user (once per request, after the session or token named the user).
 * ERR_NOTFOUND when the user does not exist, ERR_PERM when the account is disabled.
 */
__attribute__((warn_unused_result)) int iam_principal_load(struct db *db, int64_t user_id, struct arena *a,
                                                           struct iam_principal *out);

/*
 * True when one of the principal's grants carries a role holding the permission, whatever its scope:
 * the first gate of a route. An unknown permission name is never allowed (and logged once as a bug).
 */
bool iam_allows(const struct iam_principal *p, const char *permission);

/*
 * Scope checks for one record. Only grants whose role holds the permission count, so an LAO officer
 * who is also an employee elsewhere sees that other LAO's records only through "self".
 * ERR_OK: the caller may see the record if it exists (a nation-wide grant does not look the record
 * up, so a missing record is the handler's 404). ERR_PERM: not in the caller's scope, which is also the
 * answer for a record that does not exist when only narrower grants apply, so ids cannot be probed.
 * Other codes are database errors.
 *
 * Containment: nation ⊇ province:P ⊇ lao:L (L in P) ⊇ a person employed in L today (an employment
 * spell with no end date or one ending today or later, clock_today()); self covers only the person
 * linked to the account.
 */
__attribute__((warn_unused_result)) int
iam_can_see_province(const struct iam_principal *p, const char *permission, const char *province_code);
__attribute__((warn_unused_result)) int iam_can_see_lao(struct db *db, const struct iam_principal *p,
                                                        const char *permission, int64_t lao_id);
__attribute__((warn_unused_result)) int iam_can_see_person(struct db *db, const struct iam_principal *p,
                                                           const char *permission, int64_t person_id);

/*
 * Scope filters for list queries. A store function that lists rows takes the caller's filter and adds
 * a predicate made only of column names from the store's own code and $n placeholders, then binds the
 * values: no SQL is ever built from data, and a handler cannot forget the filter because the store
 * function asks for it.
 *
 * Example: people currently employed, restricted to what the caller may see with "person.view":
 *
 *     struct iam_filter f;
 *     static const struct iam_filter_columns cols = {"l.province_code", "e.lao_id", "p.id"};
 *     if ((rc = iam_filter_build(principal, "person.view", arena, &f))) goto out;
 *     struct buf sql; buf_init(&sql, 4096);
 *     buf_appends(&sql, "SELECT p.id, p.first_name_th FROM person p"
 *                       " JOIN employment e ON e.person_id = p.id AND e.end_date IS NULL"
 *                       " JOIN lao l ON l.id = e.lao_id WHERE p.gender = $1 AND ");
 *     int next;
 *     if ((rc = iam_filter_sql(&f, &cols, 2, &sql, &next))) goto out;   // appends "(l.province_code = $2 OR
 * e.lao_id = $3)" db_prepare(db, buf_str(&sql), &st); db_bind_text(st, 1, "female"); if ((rc =
 * iam_filter_bind(&f, &cols, st, 2))) goto out;            // binds '50' to $2, 17 to $3
 *
 * A nation-wide grant gives "(1 = 1)" and binds nothing; a caller without the permission gets
 * "(1 = 0)", an empty list. A part whose column the query does not have (NULL in cols: a LAO list
 * has no person column, so "self" cannot match there) is left out.
 */
enum iam_filter_kind { IAM_FILTER_PROVINCE, IAM_FILTER_LAO, IAM_FILTER_PERSON };

struct iam_scope_filter {
    enum iam_filter_kind kind;
    int64_t lao_id;    /* IAM_FILTER_LAO */
    char province[3];  /* IAM_FILTER_PROVINCE */
    int64_t person_id; /* IAM_FILTER_PERSON */
};

struct iam_filter {
    bool all;                             /* a nation-wide grant: no restriction */
    const struct iam_scope_filter *items; /* otherwise rows matching any item are in scope */
    size_t n;
};

/* The query's columns (or expressions) that hold a row's province code, LAO id and person id. */
struct iam_filter_columns {
    const char *province_code; /* may be NULL */
    const char *lao_id;        /* may be NULL */
    const char *person_id;     /* may be NULL */
};

/* The filter for what p may list with permission: the scopes of the grants holding it, deduplicated. */
__attribute__((warn_unused_result)) int iam_filter_build(const struct iam_principal *p,
                                                         const char *permission, struct arena *a,
                                                         struct iam_filter *out);
/*
 * Appends the predicate for f to sql, numbering placeholders from first_param; *next_param receives the
 * first number not used. Column names must be identifiers with dots ([A-Za-z_][A-Za-z0-9_.]*):
 * ERR_INVAL otherwise. ERR_TOOBIG from the buffer.
 */
__attribute__((warn_unused_result)) int iam_filter_sql(const struct iam_filter *f,
                                                       const struct iam_filter_columns *cols, int first_param,
                                                       struct buf *sql, int *next_param);
/* Binds the values of the predicate iam_filter_sql wrote, from first_param on. */
__attribute__((warn_unused_result)) int iam_filter_bind(const struct iam_filter *f,
                                                        const struct iam_filter_columns *cols,
                                                        struct db_stmt *st, int first_param);

/* ------------------------------------------------------------------------------------------------ */
/* Sessions and CSRF (session_store.c, csrf.c)                                                      */
/* ------------------------------------------------------------------------------------------------ */

/* Session and CSRF tokens: 32 random bytes in URL-safe base64 without padding, 43 characters. */
#define IAM_TOKEN_LEN 43
/* Hex SHA-256: 64 characters. */
#define IAM_HASH_HEX_LEN 64

struct iam_session {
    char id_hash[IAM_HASH_HEX_LEN + 1]; /* hex SHA-256 of the token: the row's key, safe to log */
    int64_t user_id;
    unsigned char csrf_key[32]; /* the session's CSRF secret */
    int64_t created_at, last_seen_at, expires_at;
};

/*
 * Starts a session for a user: a new random token (written to token, for the cookie; never stored),
 * its SHA-256 as the row's key, a random CSRF secret, absolute expiry session_absolute from now. ip and
 * user_agent (may be NULL; user_agent is cut to 300 bytes) are kept for the "your sessions" page. Also
 * deletes the user's own expired sessions. *out (may be NULL) receives the session.
 */
__attribute__((warn_unused_result)) int iam_session_create(struct db *db, int64_t user_id, const char *ip,
                                                           const char *user_agent,
                                                           char token[IAM_TOKEN_LEN + 1],
                                                           struct iam_session *out);
/*
 * The live session for a token from a cookie. ERR_NOTFOUND for a malformed or unknown token, one past
 * its absolute expiry, one idle for session_idle or longer (measured from last_seen_at, which is
 * written at most every touch_interval seconds, so a session may end up to that much early), or one
 * whose account is disabled. Writes last_seen_at when touch_interval has passed since it was written.
 */
__attribute__((warn_unused_result)) int iam_session_lookup(struct db *db, const char *token,
                                                           struct iam_session *out);
/* Ends the session of a token (sign out). ERR_NOTFOUND when there is none. */
__attribute__((warn_unused_result)) int iam_session_revoke(struct db *db, const char *token);
/* Ends every session of a user (sign out everywhere); *n (may be NULL) receives how many. */
__attribute__((warn_unused_result)) int iam_session_revoke_all(struct db *db, int64_t user_id, int64_t *n);
/*
 * Deletes expired sessions (absolute or idle) and throttling counters whose window has passed; a
 * server runs it every few minutes. *sessions and *counters (may be NULL) receive how many rows went.
 */
__attribute__((warn_unused_result)) int iam_purge(struct db *db, int64_t *sessions, int64_t *counters);

/*
 * The CSRF token of a session, for hidden form fields and the X-CSRF-Token header: an HMAC
 * (crypto_auth) of the session's id under its secret, so it stays the same for the whole session and
 * forms open in several tabs all work. 43 characters of URL-safe base64 and a NUL.
 */
void iam_csrf_token(const struct iam_session *s, char out[IAM_TOKEN_LEN + 1]);
/* ERR_OK when token is the session's CSRF token (constant-time comparison), ERR_PERM otherwise. */
__attribute__((warn_unused_result)) int iam_csrf_check(const struct iam_session *s, const char *token);

/* ------------------------------------------------------------------------------------------------ */
/* Throttling and sign-in (throttle.c, login.c)                                                     */
/* ------------------------------------------------------------------------------------------------ */

/*
 * Fixed-window counters in the rate_limit table, shared by every process. A key is "what:who"
 * ("login_user:somchai", "login_ip:203.0.113.0"); the caller chooses the limit and window.
 */
/* ERR_OK while the key's count in its current window is below limit; else ERR_BUSY and
 * *retry_after (may be NULL) = seconds until the window ends. */
__attribute__((warn_unused_result)) int iam_throttle_check(struct db *db, const char *key, int limit,
                                                           int64_t window, int64_t *retry_after);
/* Counts one event for key, starting a new window when the current one has passed. */
__attribute__((warn_unused_result)) int iam_throttle_hit(struct db *db, const char *key, int64_t window);
/* Forgets key's count. */
__attribute__((warn_unused_result)) int iam_throttle_reset(struct db *db, const char *key);
/*
 * The address key for throttling: IPv4 as it is, IPv6 cut to its /64 (one host usually holds a whole
 * /64, so counting single IPv6 addresses would be no limit at all). Anything else is used as given,
 * cut to 64 bytes. out must hold 64 bytes.
 */
void iam_throttle_ip_key(const char *ip, char out[64]);

struct iam_login_result {
    int64_t user_id;               /* on success */
    char token[IAM_TOKEN_LEN + 1]; /* on success: the new session's token, for the cookie */
    int64_t retry_after;           /* with ERR_BUSY: seconds to wait (round up to minutes for people) */
};

/*
 * Signs a user in, in this order: refuses at once (ERR_BUSY, without hashing) when the user name has
 * login_user_limit or the address login_ip_limit failures in the current window; looks up the
 * account (an unknown or disabled one is verified against a dummy hash so that it takes as long as a
 * real one); verifies the password; on failure counts it for the user name and the address and
 * answers ERR_PERM (the same for an unknown user, a disabled account or a wrong password); on success
 * rehashes the password if the configured cost changed, clears the user name's failures and creates a
 * session. Call outside a transaction: the failure count must be stored even though sign-in fails,
 * and hashing must not hold a write lock. ip may be NULL (then only the user name is throttled).
 */
__attribute__((warn_unused_result)) int iam_login(struct db *db, const char *username, const char *password,
                                                  const char *ip, const char *user_agent,
                                                  struct iam_login_result *out);

/*
 * Forgets the failed sign-ins counted against a user name (as typed; normalised here), ending its
 * lockout before the window does: for an administrator helping someone locked out by another's
 * guesses. The address counts stay. ERR_INVAL for a malformed name.
 */
__attribute__((warn_unused_result)) int iam_login_unlock(struct db *db, const char *username);

/* ------------------------------------------------------------------------------------------------ */
/* API tokens (token_store.c)                                                                       */
/* ------------------------------------------------------------------------------------------------ */

/* "tbn_" and 43 characters of URL-safe base64 (32 random bytes): greppable when it leaks. */
#define IAM_API_TOKEN_PREFIX "tbn_"
#define IAM_API_TOKEN_LEN (4 + IAM_TOKEN_LEN)

struct iam_api_token {
    int64_t id, user_id;
    const char *name;
    int64_t created_at;
    int64_t expires_at;   /* 0: never */
    int64_t last_used_at; /* 0: never used */
};

/*
 * Creates an API token for a user, named name (1..100 characters, unique per user), expiring at
 * expires_at (0: never). The token is written to token once and never again: only its SHA-256 is
 * stored. ERR_EXISTS when the user has a token of that name, ERR_NOTFOUND for an unknown user,
 * ERR_INVAL for a bad name or an expiry in the past.
 */
__attribute__((warn_unused_result)) int iam_token_create(struct db *db, int64_t user_id, const char *name,
                                                         int64_t expires_at,
                                                         char token[IAM_API_TOKEN_LEN + 1], int64_t *id);
/*
 * The live token for a presented one (from "Authorization: Bearer tbn_..."); name from a.
 * ERR_NOTFOUND for a malformed, unknown, expired or revoked token or a disabled account. Writes
 * last_used_at at most every touch_interval seconds.
 */
__attribute__((warn_unused_result)) int iam_token_lookup(struct db *db, const char *token, struct arena *a,
                                                         struct iam_api_token *out);
/* Revokes (deletes) a user's token by name; ERR_NOTFOUND when there is none. */
__attribute__((warn_unused_result)) int iam_token_revoke(struct db *db, int64_t user_id, const char *name);
/* A user's tokens ordered by name, in an array from a. */
__attribute__((warn_unused_result)) int iam_token_list(struct db *db, int64_t user_id, struct arena *a,
                                                       struct iam_api_token **out, size_t *n);

#endif
