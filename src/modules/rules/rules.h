/*
 * Rules as data. A rule set is one version of a rule of some kind (retirement, salary_ranges,
 * raise_regime, ...) issued by a committee for a scope and applying from a date:
 *
 *   scope  'nation' | 'lao_type:<code>' | 'province:<code>' | 'lao:<id>'
 *   body   JSON object whose shape depends on the kind (docs/DATA-MODEL.md)
 *
 * Computations never hard-code such numbers: they ask rules_find "which rule set of this kind applied
 * to this LAO on this date?". Defaults ship as JSON files in rules/ (each with its source and a confidence
 * tag) and are loaded by rules_seed; an administrator with the right scope can add a newer rule set without
 * a code change.
 */
#ifndef TAMBON_MODULES_RULES_RULES_H
#define TAMBON_MODULES_RULES_RULES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"
#include "db/db.h"

/* The scopes of one LAO, most specific first: lao, province, lao_type, nation. */
#define RULES_CHAIN_MAX 4

/*
 * Loads every embedded JSON file of rules/ as a rule set. Each file holds one object with kind, issuer,
 * scope, effective_from (ISO date), source, confidence ("S", "I" or "?"), note (optional) and body (an
 * object); unknown keys are refused so that typos do not pass silently. Idempotent: a rule set whose
 * (kind, scope, effective_from) exists already is left as it is. ERR_INVAL (with the file named in
 * the log) for a malformed file. Runs inside the caller's transaction.
 */
__attribute__((warn_unused_result)) int rules_seed(struct db *db);

/*
 * Which rule set of `kind` applied on `on` to something whose scopes are scope_chain (most specific
 * first, NULL-terminated, e.g. {"lao:17", "province:30", "lao_type:sao", "nation", NULL})?
 *
 * The answer is the rule set with the greatest effective_from <= on among the scopes of the chain;
 * when several scopes have one from that same date, the most specific scope wins. So a LAO or a
 * province can replace a national rule from some date, and a newer national rule replaces older local
 * ones (a local committee re-issues its rule if it still differs). Scopes outside the chain never
 * apply. *body receives a new reference the caller releases with json_decref.
 * ERR_NOTFOUND when no rule set of the chain had started on that date; ERR_INVAL for a bad date or
 * an empty chain.
 */
__attribute__((warn_unused_result)) int
rules_find(struct db *db, const char *kind, const char *const *scope_chain, struct date on, json_t **body);

/*
 * Fills chain (RULES_CHAIN_MAX + 1 entries, NULL-terminated) with the scopes of LAO lao_id, most
 * specific first, the strings allocated from a. ERR_NOTFOUND when there is no such LAO.
 */
__attribute__((warn_unused_result)) int rules_scope_chain_for_lao(struct db *db, int64_t lao_id,
                                                                  struct arena *a,
                                                                  const char *chain[RULES_CHAIN_MAX + 1]);

/* True when s is a well-formed scope ('nation', 'lao_type:<code>', 'province:NN', 'lao:<id>'). */
bool rules_scope_valid(const char *s);

#endif
