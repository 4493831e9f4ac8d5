/*
 * Message catalogs: every text a person sees on a page comes from i18n/th.json or i18n/en.json
 * (compiled into the binary), flat objects of key → text. Thai is the default language; English is the
 * other. Templates receive the whole catalog of the request's language as the context key "t" and write
 * {{t.key}}, so keys are [a-z0-9_] only (a dot would be read as a path by Mustache). docs/FRONTEND.md
 * lists the key conventions.
 *
 * The catalogs are parsed and checked once (i18n_init) and never change afterwards, so any number of
 * threads may read them at once.
 */
#ifndef TAMBON_VIEW_I18N_H
#define TAMBON_VIEW_I18N_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* The languages, as written in cookies, URLs, the html lang attribute and the contract's ui.lang. */
#define I18N_TH "th"
#define I18N_EN "en"
/* Name of the cookie that remembers the language a person chose with the switch link. */
#define I18N_COOKIE "lang"
/* Longest catalog key accepted, in bytes. */
#define I18N_KEY_MAX 64

/*
 * Parses the embedded i18n/th.json and i18n/en.json and checks them: each is a JSON object whose
 * keys are 1..I18N_KEY_MAX bytes of [a-z0-9_] and whose values are non-empty strings, and both have
 * exactly the same keys (a text missing in one language is a bug, not a fallback). Runs once: later
 * calls return the first result without parsing again, and it is safe to call from several threads.
 * Returns 0, or ERR_NOTFOUND (a catalog file is not embedded) / ERR_INVAL (a rule above is broken)
 * after appending "i18n/xx.json: message" to err when err is not NULL. Call it at start-up and refuse
 * to start on failure; the other functions call it themselves and abort when it failed, because a
 * binary with broken catalogs was built wrong.
 */
__attribute__((warn_unused_result)) int i18n_init(struct buf *err);

/*
 * The whole catalog of lang ("th" or "en"; anything else gets Thai) as a JSON object, for the "t" key of
 * a render context. The reference is borrowed and the object must not be modified: add it to a context
 * with json_object_set (which takes its own reference), never json_object_set_new.
 */
const json_t *i18n_catalog(const char *lang);

/*
 * The text of key in lang ("th" or "en"; anything else gets Thai), or NULL when the catalog has no such
 * key. The string lives as long as the program.
 */
const char *i18n_text(const char *lang, const char *key);

/* Number of keys in each catalog (both have the same). */
size_t i18n_count(void);

/* True for exactly "th" and "en": the values a language cookie or parameter may take. */
bool i18n_lang_valid(const char *s);

/* The language that is not lang: "en" for "th", "th" for anything else. */
const char *i18n_other(const char *lang);

/*
 * Chooses the language of a request. cookie is the value of the I18N_COOKIE cookie (NULL when absent)
 * and wins when it is "th" or "en": it records an explicit choice. Otherwise accept_language, the
 * Accept-Language header (NULL when absent), decides: among its language ranges that name Thai ("th",
 * "th-TH", …) or English ("en", "en-GB", …), case-insensitively, the one with the highest q-value
 * wins, and the earlier one on a tie (browsers list preferences in order). Entries with q=0, an
 * invalid q-value or another language (including "*") are ignored; only the first 4096 bytes and 64
 * entries are read. With nothing usable the answer is Thai, the default. Always returns I18N_TH or
 * I18N_EN.
 */
const char *i18n_choose(const char *cookie, const char *accept_language);

#endif
