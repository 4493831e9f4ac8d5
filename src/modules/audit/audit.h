/*
 * The audit trail: an append-only record of every change (who, when, which record, what it was before
 * and after), each entry linked to the one before it by a SHA-256 hash, so that `tambon audit verify`
 * can show that no entry was edited, removed or slipped in between others since it was written.
 * docs/AUDIT.md describes the file format, the hashing, concurrency and what verification can and
 * cannot prove.
 *
 *  - audit.c is pure: the canonical form of a row, its hash, entry validation, timestamps and the
 *    changed-keys helper. The canonical form is a file format: it never changes (a new form would
 *    be a new version tag, and old rows keep theirs).
 *  - audit_store.c is the only file that speaks SQL: appending in the caller's transaction, walking
 *    the chain to verify it, the latest entry, listing entries.
 *
 * Status codes are enum err_code.
 */
#ifndef TAMBON_MODULES_AUDIT_AUDIT_H
#define TAMBON_MODULES_AUDIT_AUDIT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "db/db.h"

/* Hex digits of a SHA-256 hash. */
#define AUDIT_HASH_HEX 64
/* prev_hash of the first entry: 64 zeros. */
#define AUDIT_GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"
/*
 * The first bytes hashed for every row: names the canonical form (version 1). See audit_canonical.
 */
#define AUDIT_FORMAT_TAG "tambon-audit/1\n"
/* Length of a timestamp "YYYY-MM-DDTHH:MM:SS.ffffffZ" (UTC, microseconds). */
#define AUDIT_AT_LEN 27

/* Limits on what an entry may hold (bytes). */
#define AUDIT_NAME_MAX 64            /* entity and action: [a-z][a-z0-9_]* */
#define AUDIT_LABEL_MAX 200          /* actor and entity_id: UTF-8 without control characters */
#define AUDIT_REQUEST_ID_MAX 128     /* printable ASCII */
#define AUDIT_JSON_MAX (1024 * 1024) /* before and after, each, as canonical JSON text */

/*
 * One change to record. Only actor, entity and action are required.
 *
 * The standard actions constrain before/after so that a reader knows what to expect:
 * "create" has after and no before, "delete" has before and no after, "update" has both. Other
 * actions ("login", "grant", "note", ...) may carry either, both or neither.
 */
struct audit_entry {
    int64_t actor_user_id;  /* the signed-in user (app_user.id); 0 when none (system, command line) */
    const char *actor;      /* a label that stays readable when the user is gone: user name, "system",
                               "cli:<os user>" */
    int64_t lao_id;         /* the LAO the change belongs to, for scoping who may read it; 0 when none */
    const char *entity;     /* the kind of record: a table name such as "person" */
    const char *entity_id;  /* the record's key as text; NULL when the action concerns no single record */
    const char *action;     /* "create", "update", "delete", or a named action such as "login" */
    const json_t *before;   /* the whole record before the change (a JSON object), or NULL */
    const json_t *after;    /* the whole record after the change (a JSON object), or NULL */
    const char *request_id; /* the HTTP request that made the change, for matching with access logs */
};

/*
 * One stored row exactly as the database holds it: every column as text, NULL for SQL NULL (integers
 * in decimal). This is what is hashed, so that verification hashes the stored bytes themselves and
 * never a re-encoding of them.
 */
struct audit_row {
    const char *id;
    const char *at;
    const char *actor_user_id;
    const char *actor;
    const char *lao_id;
    const char *entity;
    const char *entity_id;
    const char *action;
    const char *before;
    const char *after;
    const char *request_id;
    const char *prev_hash;
    const char *hash; /* not part of the hash input */
};

/* ------------------------------------------------------------------------------------------------ */
/* Pure functions (audit.c)                                                                         */
/* ------------------------------------------------------------------------------------------------ */

/*
 * Appends to out the canonical form of r: the bytes that are hashed. It is AUDIT_FORMAT_TAG followed
 * by the twelve columns id, at, actor_user_id, actor, lao_id, entity, entity_id, action, before, after,
 * request_id, prev_hash in that order, each written as
 *     "<byte length in decimal>:<bytes>\n"      for a value (so "" is "0:\n")
 *     "-\n"                                       for SQL NULL
 * The length prefix makes the form unambiguous whatever the values contain (newlines, colons, digits),
 * and NULL differs from the empty string. ERR_TOOBIG when out's limit is reached.
 */
__attribute__((warn_unused_result)) int audit_canonical(const struct audit_row *r, struct buf *out);

/* Writes the lower-case hex SHA-256 of r's canonical form (without building it in memory) into out. */
void audit_hash(const struct audit_row *r, char out[AUDIT_HASH_HEX + 1]);

/* True when s is exactly 64 lower-case hex digits (the form of every hash and prev_hash). */
bool audit_hash_wellformed(const char *s);

/*
 * Checks e against the rules above: required fields present, names and labels within their limits
 * and character sets, ids not negative, before/after JSON objects (or NULL) as the action requires.
 * ERR_INVAL when something is wrong (nothing is recorded then). Does not check JSON size (see
 * audit_json_text).
 */
__attribute__((warn_unused_result)) int audit_entry_check(const struct audit_entry *e);

/*
 * The canonical JSON text of a before/after object (compact, keys sorted by their bytes, UTF-8 kept as
 * is), malloc'd into *out (the caller frees it); *out is NULL for a NULL value. ERR_TOOBIG when the
 * text passes AUDIT_JSON_MAX bytes (then *out is NULL).
 */
__attribute__((warn_unused_result)) int audit_json_text(const json_t *v, char **out);

/*
 * Formats a UTC time (seconds since the epoch and microseconds 0..999999) as
 * "YYYY-MM-DDTHH:MM:SS.ffffffZ". Times before 0001-01-01 or after 9999-12-31 are clamped to those
 * days (the column holds four-digit years); micros outside 0..999999 are clamped too.
 */
void audit_format_time(int64_t seconds, int32_t micros, char out[AUDIT_AT_LEN + 1]);

/*
 * The keys whose values differ between two objects: *out is a new object mapping each such key to
 * [old, new] (JSON null for a key one side lacks). Full records are stored in the log; this is for
 * showing what an update changed. NULL for before or after counts as an empty object. ERR_INVAL when a
 * non-NULL argument is not an object.
 */
__attribute__((warn_unused_result)) int audit_changes(const json_t *before, const json_t *after,
                                                      json_t **out);

/* ------------------------------------------------------------------------------------------------ */
/* Storage (audit_store.c)                                                                          */
/* ------------------------------------------------------------------------------------------------ */

/*
 * Appends one entry to the log inside the caller's open transaction, so the change and its entry
 * commit or roll back together. The entry gets the next id, the current UTC time, the previous
 * entry's hash as prev_hash (AUDIT_GENESIS_HASH for the first) and its own hash.
 *
 * Concurrent writers: on SQLite the write transaction (db_begin takes the write lock) orders them; on
 * PostgreSQL this takes a transaction-scoped advisory lock before reading the latest hash, so every
 * server process appends to one linear chain. The lock is held until the caller commits or rolls
 * back, so record the entry as the last statement before commit. The caller's transaction must use
 * READ COMMITTED (PostgreSQL's default, what db_begin gives): a snapshot older than the lock would
 * read a stale head, which the unique prev_hash refuses (ERR_CONSTRAINT; nothing forks).
 *
 * ERR_INTERNAL when no transaction is open (nothing written); ERR_INVAL from audit_entry_check;
 * ERR_TOOBIG when before or after is too large; database errors otherwise (the caller rolls back).
 */
__attribute__((warn_unused_result)) int audit_record(struct db *db, const struct audit_entry *e);

/* The latest entry of the log. */
struct audit_head {
    int64_t id;
    char hash[AUDIT_HASH_HEX + 1];
};

/*
 * The latest entry's id and hash, for an operator to keep elsewhere (removing the last entries of a
 * chain leaves a valid shorter chain; only a copy of the head kept outside the database shows it).
 * ERR_NOTFOUND when the log is empty. The hash is copied as stored, truncated to 64 characters.
 */
__attribute__((warn_unused_result)) int audit_head_get(struct db *db, struct audit_head *out);

/* What verification found wrong first. */
enum audit_problem {
    AUDIT_INTACT = 0,   /* nothing */
    AUDIT_CONTENT,      /* the row's content does not give its stored hash: the row was edited */
    AUDIT_LINK,         /* the row's prev_hash is not the previous row's hash: a row before it was
                           removed, inserted or renumbered, or this prev_hash was rewritten */
    AUDIT_HEAD_MISSING, /* the expected head is not in the chain: entries were removed from the end
                           (or the chain was rewritten) since the head was recorded */
};

struct audit_report {
    int64_t checked;                   /* rows read */
    int64_t problems;                  /* rows found broken (each counted once) plus 1 for a missing head */
    enum audit_problem problem;        /* the first problem in id order */
    int64_t bad_id;                    /* the row with the first problem; 0 for AUDIT_HEAD_MISSING */
    char expected[AUDIT_HASH_HEX + 1]; /* CONTENT: the hash of the content; LINK: the previous hash */
    char found[AUDIT_HASH_HEX + 1];    /* what the row holds (hash or prev_hash), truncated to 64 */
    struct audit_head head;            /* the last row read (id 0 and "" when the log is empty) */
};

/*
 * Walks the whole chain in id order, reading it in pages (memory stays small whatever its length),
 * and fills out. A row whose content does not give its hash is AUDIT_CONTENT; a row whose prev_hash is
 * not the hash stored in the row before it (64 zeros for the first) is AUDIT_LINK. A gap in ids is
 * no problem by itself: the hash links are the proof. After a problem the walk goes on, linking each
 * row to the hash stored in the row before it, so one edited or removed row counts as one problem.
 *
 * Returns ERR_OK when the walk completed (look at out->problem), or a database error (out is then
 * partial). Runs in the caller's transaction if one is open; otherwise each page is its own read.
 */
__attribute__((warn_unused_result)) int audit_verify(struct db *db, struct audit_report *out);

/*
 * audit_verify, and also checks that a head recorded earlier (expect_head, a hash; NULL for none) is
 * still in the chain: the log may have grown since, but that entry and everything before it must be
 * there. When it is missing and no other problem came first, out->problem is AUDIT_HEAD_MISSING.
 * ERR_INVAL when expect_head is not a well-formed hash.
 */
__attribute__((warn_unused_result)) int audit_verify_expect(struct db *db, const char *expect_head,
                                                            struct audit_report *out);

/* Short English and Thai descriptions of a problem; never NULL. */
const char *audit_problem_text(enum audit_problem p);
const char *audit_problem_text_th(enum audit_problem p);

/* Which entries audit_list returns. */
struct audit_filter {
    const char *entity;    /* only this kind of record; NULL for all */
    const char *entity_id; /* only this record (with entity); NULL for all */
    int64_t lao_id;        /* only entries of this LAO; 0 for all */
    int64_t before_id;     /* only entries with a smaller id (paging back); 0 for no bound */
    int limit;             /* at most this many, 1..AUDIT_LIST_MAX */
};

#define AUDIT_LIST_MAX 10000

/*
 * The newest entries matching f, newest first: *rows is an array of *n rows whose text lives in a.
 * ERR_INVAL when the limit is out of range.
 */
__attribute__((warn_unused_result)) int audit_list(struct db *db, const struct audit_filter *f,
                                                   struct arena *a, struct audit_row **rows, size_t *n);

#endif
