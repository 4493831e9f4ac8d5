/*
 * Rule-set persistence: loading the default rule sets compiled into the binary and answering "which
 * rule set applied on this date?". The only file of the rules module that speaks SQL.
 */
#include "modules/rules/rules.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/embedded.h"
#include "base/jsonx.h"
#include "base/log.h"

#define RULES_ERR_MAX 512

static bool all_of(const char *s, const char *set)
{
    return *s && strspn(s, set) == strlen(s);
}

bool rules_scope_valid(const char *s)
{
    if (!s)
        return false;
    if (strcmp(s, "nation") == 0)
        return true;
    if (strncmp(s, "lao_type:", 9) == 0)
        return all_of(s + 9, "abcdefghijklmnopqrstuvwxyz_");
    if (strncmp(s, "province:", 9) == 0)
        return strlen(s + 9) == 2 && all_of(s + 9, "0123456789");
    if (strncmp(s, "lao:", 4) == 0)
        return s[4] != '0' && strlen(s + 4) <= 18 && all_of(s + 4, "0123456789");
    return false;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Checks and inserts one rule-set file; problems are logged with the file's name. */
static int seed_file(struct db *db, struct db_stmt *st, const struct embedded_file *f)
{
    json_t *root = NULL;
    char *body_text = NULL;
    struct buf err;
    buf_init(&err, RULES_ERR_MAX);
    const char *kind, *issuer, *scope, *from, *source, *confidence, *note = NULL;
    json_t *body;
    json_error_t jerr;
    struct date d;
    int rc = jsonx_parse((const char *)f->data, f->len, &root, &err);
    if (rc != ERR_OK) {
        log_error("rules: %s: %s", f->name, buf_str(&err));
        goto out;
    }
    rc = ERR_INVAL;
    if (json_unpack_ex(root, &jerr, JSON_STRICT, "{s:s, s:s, s:s, s:s, s:s, s:s, s?:s, s:o}", "kind", &kind,
                       "issuer", &issuer, "scope", &scope, "effective_from", &from, "source", &source,
                       "confidence", &confidence, "note", &note, "body", &body) != 0) {
        log_error("rules: %s: %s", f->name, jerr.text);
        goto out;
    }
    if (!json_is_object(body) || !rules_scope_valid(scope) ||
        date_parse_iso(from, strlen(from), &d) != ERR_OK || !*kind || !*issuer || !*source ||
        (strcmp(confidence, "S") != 0 && strcmp(confidence, "I") != 0 && strcmp(confidence, "?") != 0)) {
        log_error("rules: %s: body must be an object, scope well-formed, effective_from an ISO date, "
                  "kind, issuer and source non-empty, confidence S, I or ?",
                  f->name);
        goto out;
    }
    body_text = jsonx_dump(body);
    const char *values[] = {kind, issuer, scope, from, body_text, source, confidence, note};
    rc = ERR_OK;
    for (int i = 0; rc == ERR_OK && i < 8; i++)
        rc = db_bind_text(st, i + 1, values[i]);
    if (rc == ERR_OK)
        rc = db_step(st);
    db_reset(st);
    if (rc != ERR_OK)
        log_error("rules: %s: %s", f->name, db_errmsg(db));
out:
    free(body_text);
    json_decref(root);
    buf_release(&err);
    return rc;
}

int rules_seed(struct db *db)
{
    struct db_stmt *st = NULL;
    int rc = db_prepare(
        db,
        "INSERT INTO rule_set (kind, issuer, scope, effective_from, body, source, confidence, note)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        " ON CONFLICT (kind, scope, effective_from) DO NOTHING",
        &st);
    for (size_t i = 0; rc == ERR_OK && i < data_count; i++) {
        const struct embedded_file *f = &data_files[i];
        if (strncmp(f->name, "rules/", 6) == 0 && ends_with(f->name, ".json"))
            rc = seed_file(db, st, f);
    }
    db_finalize(st);
    return rc;
}

int rules_find(struct db *db, const char *kind, const char *const *scope_chain, struct date on, json_t **body)
{
    struct db_stmt *st = NULL;
    char day[DATE_ISO_LEN + 1], best_from[DATE_ISO_LEN + 1] = "";
    char *best_body = NULL;
    struct buf err;
    buf_init(&err, RULES_ERR_MAX);
    *body = NULL;
    int rc = ERR_INVAL;
    if (!date_valid(on) || !scope_chain || !scope_chain[0])
        goto out;
    date_format_iso(on, day);
    rc = db_prepare(db,
                    "SELECT effective_from, body FROM rule_set"
                    " WHERE kind = $1 AND scope = $2 AND effective_from <= $3"
                    " ORDER BY effective_from DESC LIMIT 1",
                    &st);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 1, kind);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 3, day);
    /* Most specific scope first; a later scope replaces the best only with a strictly newer date. */
    for (int i = 0; rc == ERR_OK && scope_chain[i]; i++) {
        if ((rc = db_bind_text(st, 2, scope_chain[i])) != ERR_OK)
            break;
        rc = db_step(st);
        if (rc == DB_ROW) {
            const char *from = db_column_text(st, 0);
            const char *text = db_column_text(st, 1);
            rc = ERR_OK;
            if (from && text && strlen(from) == DATE_ISO_LEN && strcmp(from, best_from) > 0) {
                memcpy(best_from, from, DATE_ISO_LEN + 1);
                free(best_body);
                best_body = strdup(text);
                if (!best_body)
                    arena_oom(strlen(text));
            }
        }
        db_reset(st);
    }
    if (rc != ERR_OK)
        goto out;
    if (!best_body) {
        rc = ERR_NOTFOUND;
        goto out;
    }
    rc = jsonx_parse(best_body, strlen(best_body), body, &err);
    if (rc != ERR_OK)
        log_error("rules: stored body of %s from %s is not JSON: %s", kind, best_from, buf_str(&err));
out:
    db_finalize(st);
    free(best_body);
    buf_release(&err);
    return rc;
}

int rules_scope_chain_for_lao(struct db *db, int64_t lao_id, struct arena *a,
                              const char *chain[RULES_CHAIN_MAX + 1])
{
    struct db_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT type_code, province_code FROM lao WHERE id = $1", &st);
    if (rc == ERR_OK)
        rc = db_bind_int64(st, 1, lao_id);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        chain[0] = arena_printf(a, "lao:%" PRId64, lao_id);
        chain[1] = arena_printf(a, "province:%s", db_column_text(st, 1));
        chain[2] = arena_printf(a, "lao_type:%s", db_column_text(st, 0));
        chain[3] = "nation";
        chain[4] = NULL;
        rc = ERR_OK;
    } else if (rc == ERR_OK) {
        rc = ERR_NOTFOUND;
    }
    db_finalize(st);
    return rc;
}
