/*
 * Message catalogs (i18n/th.json, i18n/en.json) loaded once from the embedded files, and the choice of
 * a request's language from its cookie and Accept-Language header.
 */
#include "view/i18n.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/err.h"
#include "base/jsonx.h"
#include "base/log.h"

#define I18N_ACCEPT_MAX_BYTES 4096
#define I18N_ACCEPT_MAX_ENTRIES 64

static const char *const catalog_files[2] = {"i18n/th.json", "i18n/en.json"};

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_rc = ERR_INTERNAL;
static char init_msg[256];
static json_t *catalogs[2]; /* [0] Thai, [1] English */

static void set_msg(const char *file, const char *what, const char *detail)
{
    snprintf(init_msg, sizeof init_msg, "%s: %s%s%s", file, what, detail ? " " : "", detail ? detail : "");
}

static bool key_valid(const char *key)
{
    size_t n = strlen(key);
    if (n == 0 || n > I18N_KEY_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = key[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

/* Parses one catalog file and checks its keys and values; on failure fills init_msg. */
static int load_one(const char *file, json_t **out)
{
    const struct embedded_file *f = embedded_data_find(file);
    if (!f) {
        set_msg(file, "is not embedded in the binary", NULL);
        return ERR_NOTFOUND;
    }
    struct buf perr;
    buf_init(&perr, 200);
    json_t *obj = NULL;
    int rc = jsonx_parse((const char *)f->data, f->len, &obj, &perr);
    if (rc != ERR_OK) {
        set_msg(file, "is not valid JSON:", buf_str(&perr));
        goto out;
    }
    rc = ERR_INVAL;
    if (!json_is_object(obj)) {
        set_msg(file, "is not a JSON object", NULL);
        goto out;
    }
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (!key_valid(key)) {
            set_msg(file, "key is not 1-64 bytes of [a-z0-9_]:", key);
            goto out;
        }
        if (!json_is_string(v) || json_string_length(v) == 0) {
            set_msg(file, "value is not a non-empty string:", key);
            goto out;
        }
    }
    rc = ERR_OK;
    *out = obj;
    obj = NULL;
out:
    json_decref(obj);
    buf_release(&perr);
    return rc;
}

/* Every key of a must be in b; on failure names the first missing one. */
static int same_keys(const json_t *a, const json_t *b, const char *b_file)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)a, key, v)
    {
        (void)v;
        if (!json_object_get(b, key)) {
            set_msg(b_file, "lacks the key", key);
            return ERR_INVAL;
        }
    }
    return ERR_OK;
}

static void load_all(void)
{
    json_t *th = NULL, *en = NULL;
    int rc = load_one(catalog_files[0], &th);
    if (rc == ERR_OK)
        rc = load_one(catalog_files[1], &en);
    if (rc == ERR_OK)
        rc = same_keys(th, en, catalog_files[1]);
    if (rc == ERR_OK)
        rc = same_keys(en, th, catalog_files[0]);
    if (rc != ERR_OK) {
        json_decref(th);
        json_decref(en);
        init_rc = rc;
        return;
    }
    catalogs[0] = th;
    catalogs[1] = en;
    init_rc = ERR_OK;
}

int i18n_init(struct buf *err)
{
    pthread_once(&init_once, load_all);
    if (init_rc != ERR_OK && err) {
        int rc = buf_appends(err, init_msg);
        (void)rc; /* a message too long for err is dropped; the status still tells */
    }
    return init_rc;
}

static const json_t *catalog_of(const char *lang)
{
    if (i18n_init(NULL) != ERR_OK) {
        log_error("message catalogs are broken: %s", init_msg);
        abort();
    }
    return catalogs[lang && strcmp(lang, I18N_EN) == 0 ? 1 : 0];
}

const json_t *i18n_catalog(const char *lang)
{
    return catalog_of(lang);
}

const char *i18n_text(const char *lang, const char *key)
{
    if (!key)
        return NULL;
    return json_string_value(json_object_get(catalog_of(lang), key));
}

size_t i18n_count(void)
{
    return json_object_size(catalog_of(I18N_TH));
}

bool i18n_lang_valid(const char *s)
{
    return s && (strcmp(s, I18N_TH) == 0 || strcmp(s, I18N_EN) == 0);
}

const char *i18n_other(const char *lang)
{
    return lang && strcmp(lang, I18N_TH) == 0 ? I18N_EN : I18N_TH;
}

static bool is_ows(char c)
{
    return c == ' ' || c == '\t';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/*
 * The q-value in s[0..n) (already trimmed) as thousandths, RFC 9110 §12.4.2:
 * "0" ["." 0*3DIGIT] or "1" ["." 0*3("0")]. Returns -1 when malformed.
 */
static int parse_qvalue(const char *s, size_t n)
{
    if (n == 0 || (s[0] != '0' && s[0] != '1'))
        return -1;
    int q = (s[0] - '0') * 1000;
    if (n == 1)
        return q;
    if (s[1] != '.' || n > 5)
        return -1;
    int scale = 100;
    for (size_t i = 2; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        q += (s[i] - '0') * scale;
        scale /= 10;
    }
    return q > 1000 ? -1 : q;
}

/* 0 for Thai, 1 for English, -1 for anything else: "th", "TH-th", "en-GB"… */
static int range_lang(const char *s, size_t n)
{
    if (n < 2 || (n > 2 && s[2] != '-'))
        return -1;
    char a = lower(s[0]), b = lower(s[1]);
    if (a == 't' && b == 'h')
        return 0;
    if (a == 'e' && b == 'n')
        return 1;
    return -1;
}

/*
 * Reads one entry "range *( OWS ';' OWS param )" of s[0..n) and sets *lang (see range_lang) and *q
 * (thousandths; -1 when the q parameter is malformed). Parameters other than q are ignored.
 */
static void parse_entry(const char *s, size_t n, int *lang, int *q)
{
    size_t i = 0;
    while (i < n && is_ows(s[i]))
        i++;
    size_t start = i;
    while (i < n && s[i] != ';' && !is_ows(s[i]))
        i++;
    *lang = range_lang(s + start, i - start);
    *q = 1000;
    while (i < n) {
        /* at OWS or ';' before a parameter */
        while (i < n && (is_ows(s[i]) || s[i] == ';'))
            i++;
        size_t ps = i;
        while (i < n && s[i] != ';')
            i++;
        size_t pe = i;
        while (pe > ps && is_ows(s[pe - 1]))
            pe--;
        if (pe - ps >= 2 && lower(s[ps]) == 'q') {
            size_t k = ps + 1;
            while (k < pe && is_ows(s[k]))
                k++;
            if (k < pe && s[k] == '=') {
                k++;
                while (k < pe && is_ows(s[k]))
                    k++;
                *q = parse_qvalue(s + k, pe - k);
            }
        }
    }
}

const char *i18n_choose(const char *cookie, const char *accept_language)
{
    if (i18n_lang_valid(cookie))
        return cookie;
    if (!accept_language)
        return I18N_TH;
    size_t len = strnlen(accept_language, I18N_ACCEPT_MAX_BYTES);
    int best_lang = 0, best_q = 0; /* Thai unless something better is found */
    size_t entries = 0, pos = 0;
    while (pos < len && entries < I18N_ACCEPT_MAX_ENTRIES) {
        size_t end = pos;
        while (end < len && accept_language[end] != ',')
            end++;
        if (end > pos) {
            int lang, q;
            parse_entry(accept_language + pos, end - pos, &lang, &q);
            if (lang >= 0 && q > best_q) {
                best_lang = lang;
                best_q = q;
            }
            entries++;
        }
        pos = end + 1;
    }
    return best_lang == 1 ? I18N_EN : I18N_TH;
}
