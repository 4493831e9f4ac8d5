/*
 * Unit tests for the page templates (templates/): every page renders inside the layout with a sample
 * model (tests/data/models/NAME.json, shaped as the render contract says) in Thai and in English, and the
 * HTML it produces keeps the front end's rules: well nested, unique ids, no inline script or style and
 * no event-handler attributes (the Content-Security-Policy would block them), a label for every
 * form control, the skip link and landmarks, the hashed asset URLs, values escaped, Thai on Thai
 * pages and no Thai on English pages except data and the language switch.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/embedded.h"
#include "base/err.h"
#include "base/jsonx.h"
#include "testutil.h"
#include "view/html.h"
#include "view/i18n.h"
#include "view/mustache.h"
#include "view/templates.h"

#define PAGE_MAX (4u * 1024 * 1024)
#define CSRF "csrf-token-0123"

static struct template_set *ts;

static int setup(void **state)
{
    (void)state;
    struct buf err;
    buf_init(&err, 4096);
    int rc = template_set_load(&ts, &err);
    if (rc != ERR_OK)
        fprintf(stderr, "template_set_load: %s\n", buf_str(&err));
    if (rc == ERR_OK)
        rc = i18n_init(&err);
    buf_release(&err);
    return rc == ERR_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    template_set_free(ts);
    return 0;
}

/* The pages of the render contract, each with its sample model. */
static const struct page {
    const char *tmpl, *model, *path, *title_key;
    bool signed_in;
} pages[] = {
    {"pages/signin", "signin", "/signin", "title_signin", false},
    {"pages/home", "home", "/", "title_home", true},
    {"pages/laos", "laos", "/laos", "title_laos", true},
    {"pages/lao", "lao", "/laos/123", "title_lao", true},
    {"pages/person", "person", "/people/9", "title_person", true},
    {"pages/me", "me", "/me", "title_me", true},
    {"pages/public_vacancies", "public_vacancies", "/public/vacancies", "title_vacancies", false},
    {"pages/error", "error", "/nowhere", "title_error", false},
};

static bool has_thai(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)s[i] == 0xE0 &&
            ((unsigned char)s[i + 1] == 0xB8 || (unsigned char)s[i + 1] == 0xB9))
            return true;
    return false;
}

static json_t *load_model(const char *name)
{
    const char *dir = getenv("TAMBON_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/models/%s.json", dir ? dir : ".", name);
    size_t len = 0;
    char *text = testutil_read_file(path, &len);
    if (!text)
        fail_msg("cannot read %s", path);
    json_t *m = NULL;
    struct buf err;
    buf_init(&err, 512);
    if (jsonx_parse(text, len, &m, &err) != ERR_OK)
        fail_msg("%s: %s", path, buf_str(&err));
    buf_release(&err);
    free(text);
    return m;
}

static json_t *nav_item(const char *lang, const char *href, const char *key, const char *path)
{
    return json_pack("{s:s, s:s, s:b}", "href", href, "label", i18n_text(lang, key), "active",
                     strcmp(href, path) == 0);
}

/* The "ui" object as the web layer builds it (models.md). */
static json_t *make_ui(const char *lang, const struct page *p)
{
    json_t *nav = json_array();
    if (p->signed_in) {
        json_array_append_new(nav, nav_item(lang, "/", "nav_home", p->path));
        json_array_append_new(nav, nav_item(lang, "/laos", "nav_laos", p->path));
        json_array_append_new(nav, nav_item(lang, "/me", "nav_me", p->path));
    }
    json_array_append_new(nav, nav_item(lang, "/public/vacancies", "nav_vacancies", p->path));
    json_t *user = p->signed_in ? json_pack("{s:s, s:s, s:s}", "name", "สมชาย ใจดี", "username", "somchai",
                                            "roles_text", "เจ้าหน้าที่งานบุคคล อบต.ป่าแดด")
                                : json_null();
    json_t *flash = strcmp(p->model, "home") == 0 ? json_pack("{s:s, s:s}", "kind", "success", "text",
                                                              i18n_text(lang, "flash_signed_in"))
                                                  : json_null();
    json_t *assets =
        json_pack("{s:s, s:s, s:s, s:s, s:s}", "css", "/assets/app.0123456789.css", "bootstrap_css",
                  "/assets/bootstrap.abcdef0123.css", "htmx", "/assets/htmx.1111111111.js", "app_js",
                  "/assets/app.2222222222.js", "font_css", "/assets/sarabun.3333333333.css");
    const char *other = i18n_other(lang);
    char sw[256];
    snprintf(sw, sizeof sw, "/lang?to=%s&back=%%2Flaos", other);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:o}", "lang", lang, "other_lang", other,
                     "lang_switch_url", sw, "path", p->path, "title", i18n_text(lang, p->title_key), "user",
                     user, "csrf", CSRF, "assets", assets, "nav", nav, "flash", flash);
}

static json_t *make_ctx(const char *lang, const struct page *p, json_t *model)
{
    json_t *ctx = json_object();
    json_object_set(ctx, "m", model);
    json_object_set(ctx, "t", (json_t *)i18n_catalog(lang));
    json_object_set_new(ctx, "ui", make_ui(lang, p));
    return ctx;
}

static void render(const char *tmpl, const json_t *ctx, struct buf *out)
{
    const struct mustache *t = template_set_get(ts, tmpl);
    if (!t)
        fail_msg("no template %s", tmpl);
    buf_reset(out);
    int rc = mustache_render(t, ctx, template_set_partials(ts), out);
    if (rc != ERR_OK)
        fail_msg("%s: render failed with %d", tmpl, rc);
}

/* ---- a small HTML scanner, enough for the HTML our templates write ------------------------------ */

#define MAX_ATTRS 32
#define MAX_DEPTH 64

struct attr {
    const char *name, *value;
    size_t name_len, value_len;
};

struct el {
    char tag[16];
    bool other_lang; /* this element or an ancestor has a lang attribute other than the page's */
};

struct scan {
    const char *lang;
    json_t *data; /* escaped data strings, longest first: Thai there is allowed on English pages */
    struct el stack[MAX_DEPTH];
    size_t depth;
    json_t *ids, *label_for, *need_label;
    size_t thai_text_runs;
    char error[512]; /* the first broken rule */
};

/* Records the first broken rule; returns false so that callers can write return bad(...). */
__attribute__((format(printf, 2, 3))) static bool bad(struct scan *sc, const char *fmt, ...)
{
    if (!sc->error[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(sc->error, sizeof sc->error, fmt, ap);
        va_end(ap);
    }
    return false;
}

static bool is_void(const char *tag)
{
    static const char *const v[] = {"area",  "base", "br",   "col",    "embed", "hr", "img",
                                    "input", "link", "meta", "source", "track", "wbr"};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (strcmp(tag, v[i]) == 0)
            return true;
    return false;
}

static const struct attr *find_attr(const struct attr *a, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].name_len == strlen(name) && strncmp(a[i].name, name, a[i].name_len) == 0)
            return &a[i];
    return NULL;
}

static bool attr_is(const struct attr *a, const char *value)
{
    return a && a->value_len == strlen(value) && strncmp(a->value, value, a->value_len) == 0;
}

/* False when the n bytes at s hold Thai once the data strings are taken out. */
static bool no_thai(struct scan *sc, const char *s, size_t n, const char *what)
{
    if (!has_thai(s, n))
        return true;
    struct buf b;
    buf_init(&b, n + 1);
    assert_int_equal(buf_append(&b, s, n), ERR_OK);
    for (size_t i = 0; i < json_array_size(sc->data); i++) {
        const char *d = json_string_value(json_array_get(sc->data, i));
        size_t dn = strlen(d);
        char *hit;
        while (dn > 0 && (hit = strstr(b.data, d)) != NULL) {
            memmove(hit, hit + dn, b.len - (size_t)(hit - b.data) - dn + 1);
            b.len -= dn;
        }
    }
    bool ok = !has_thai(b.data, b.len) || bad(sc, "Thai in %s outside the data: \"%s\"", what, b.data);
    buf_release(&b);
    return ok;
}

static bool in_other_lang(const struct scan *sc)
{
    return sc->depth > 0 && sc->stack[sc->depth - 1].other_lang;
}

static bool check_element(struct scan *sc, const char *tag, const struct attr *a, size_t n)
{
    bool english = strcmp(sc->lang, I18N_EN) == 0;
    for (size_t i = 0; i < n; i++) {
        char name[64], value[1024];
        snprintf(name, sizeof name, "%.*s", (int)a[i].name_len, a[i].name);
        snprintf(value, sizeof value, "%.*s", (int)a[i].value_len, a[i].value);
        /* CSP: no event handlers, no inline style, no htmx-evaluated code. */
        if (strncmp(name, "on", 2) == 0 || strcmp(name, "style") == 0 || strncmp(name, "hx-on", 5) == 0)
            return bad(sc, "<%s %s=...> is not allowed", tag, name);
        if (strstr(value, "javascript:"))
            return bad(sc, "javascript: URL in <%s %s>", tag, name);
        if (strcmp(name, "id") == 0) {
            if (json_object_get(sc->ids, value))
                return bad(sc, "duplicate id \"%s\"", value);
            json_object_set_new(sc->ids, value, json_true());
        }
        if (english && !in_other_lang(sc) &&
            (strcmp(name, "aria-label") == 0 || strcmp(name, "title") == 0 ||
             strcmp(name, "placeholder") == 0 || strcmp(name, "alt") == 0) &&
            !no_thai(sc, a[i].value, a[i].value_len, name))
            return false;
    }
    if (strcmp(tag, "style") == 0)
        return bad(sc, "<style> element");
    if (strcmp(tag, "html") == 0 && !attr_is(find_attr(a, n, "lang"), sc->lang))
        return bad(sc, "<html> without lang=\"%s\"", sc->lang);
    if (strcmp(tag, "label") == 0) {
        const struct attr *f = find_attr(a, n, "for");
        if (f) {
            char v[256];
            snprintf(v, sizeof v, "%.*s", (int)f->value_len, f->value);
            json_object_set_new(sc->label_for, v, json_true());
        }
    }
    bool control = strcmp(tag, "select") == 0 || strcmp(tag, "textarea") == 0;
    if (strcmp(tag, "input") == 0) {
        const struct attr *type = find_attr(a, n, "type");
        if (!type)
            return bad(sc, "<input> without a type");
        control = !(attr_is(type, "hidden") || attr_is(type, "submit") || attr_is(type, "button") ||
                    attr_is(type, "reset"));
    }
    if (control) {
        const struct attr *id = find_attr(a, n, "id");
        if (!find_attr(a, n, "aria-label") && !find_attr(a, n, "aria-labelledby")) {
            if (!id)
                return bad(sc, "<%s> with neither id nor aria-label", tag);
            char v[256];
            snprintf(v, sizeof v, "%.*s", (int)id->value_len, id->value);
            json_array_append_new(sc->need_label, json_string(v));
        }
        if (!find_attr(a, n, "name"))
            return bad(sc, "<%s> without a name", tag);
    }
    if (strcmp(tag, "a") == 0 && !find_attr(a, n, "href"))
        return bad(sc, "<a> without href");
    if (strcmp(tag, "button") == 0 && !find_attr(a, n, "type"))
        return bad(sc, "<button> without a type");
    return true;
}

/* Reads the attributes of a start tag from html[*k]; false on malformed markup. */
static bool read_attrs(struct scan *sc, const char *html, size_t len, size_t *k, const char *tag,
                       struct attr *attrs, size_t *n)
{
    size_t i = *k;
    *n = 0;
    for (;;) {
        while (i < len && (html[i] == ' ' || html[i] == '\n' || html[i] == '\t'))
            i++;
        if (i >= len)
            return bad(sc, "unterminated <%s", tag);
        if (html[i] == '>')
            break;
        if (html[i] == '/' && i + 1 < len && html[i + 1] == '>') {
            i++;
            break;
        }
        size_t ns = i;
        while (i < len && html[i] != '=' && html[i] != '>' && html[i] != ' ' && html[i] != '\n')
            i++;
        if (*n == MAX_ATTRS)
            return bad(sc, "too many attributes in <%s>", tag);
        attrs[*n] = (struct attr){html + ns, "", i - ns, 0};
        if (i < len && html[i] == '=') {
            char q = i + 1 < len ? html[i + 1] : 0;
            if (q != '"' && q != '\'')
                return bad(sc, "unquoted attribute in <%s>", tag);
            const char *end = memchr(html + i + 2, q, len - i - 2);
            if (!end)
                return bad(sc, "unterminated attribute in <%s>", tag);
            attrs[*n].value = html + i + 2;
            attrs[*n].value_len = (size_t)(end - (html + i + 2));
            i = (size_t)(end - html) + 1;
        }
        (*n)++;
    }
    *k = i;
    return true;
}

static bool scan_tags(struct scan *sc, const char *html, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (html[i] != '<') {
            size_t start = i;
            while (i < len && html[i] != '<')
                i++;
            if (has_thai(html + start, i - start))
                sc->thai_text_runs++;
            if (strcmp(sc->lang, I18N_EN) == 0 && !in_other_lang(sc) &&
                !no_thai(sc, html + start, i - start, "text"))
                return false;
            if (memchr(html + start, '>', i - start))
                return bad(sc, "stray '>' in text near \"%.40s\"", html + start);
            continue;
        }
        if (strncmp(html + i, "<!--", 4) == 0) {
            const char *end = strstr(html + i, "-->");
            if (!end)
                return bad(sc, "unterminated comment");
            i = (size_t)(end - html) + 3;
            continue;
        }
        if (i + 1 < len && html[i + 1] == '!') {
            while (i < len && html[i] != '>')
                i++;
            i++;
            continue;
        }
        bool closing = i + 1 < len && html[i + 1] == '/';
        size_t k = i + (closing ? 2 : 1), ts0 = k;
        while (k < len && ((html[k] >= 'a' && html[k] <= 'z') || (html[k] >= '0' && html[k] <= '9')))
            k++;
        char tag[16];
        if (k == ts0 || k - ts0 >= sizeof tag)
            return bad(sc, "bad tag near \"%.40s\"", html + i);
        snprintf(tag, sizeof tag, "%.*s", (int)(k - ts0), html + ts0);
        if (closing) {
            if (k >= len || html[k] != '>')
                return bad(sc, "bad end tag </%s", tag);
            if (sc->depth == 0 || strcmp(sc->stack[sc->depth - 1].tag, tag) != 0)
                return bad(sc, "</%s> closes <%s>", tag,
                           sc->depth ? sc->stack[sc->depth - 1].tag : "nothing");
            sc->depth--;
            i = k + 1;
            continue;
        }
        struct attr attrs[MAX_ATTRS];
        size_t n = 0;
        if (!read_attrs(sc, html, len, &k, tag, attrs, &n) || !check_element(sc, tag, attrs, n))
            return false;
        i = k + 1;
        if (strcmp(tag, "script") == 0) {
            if (!find_attr(attrs, n, "src"))
                return bad(sc, "<script> without src");
            if (strncmp(html + i, "</script>", 9) != 0)
                return bad(sc, "<script> with a body");
        }
        if (is_void(tag))
            continue;
        if (sc->depth == MAX_DEPTH)
            return bad(sc, "elements nested too deep");
        const struct attr *lang = find_attr(attrs, n, "lang");
        struct el *e = &sc->stack[sc->depth++];
        snprintf(e->tag, sizeof e->tag, "%s", tag);
        e->other_lang =
            (sc->depth > 1 && sc->stack[sc->depth - 2].other_lang) || (lang && !attr_is(lang, sc->lang));
    }
    if (sc->depth != 0)
        return bad(sc, "<%s> never closed", sc->stack[sc->depth - 1].tag);
    for (size_t j = 0; j < json_array_size(sc->need_label); j++) {
        const char *id = json_string_value(json_array_get(sc->need_label, j));
        if (!json_object_get(sc->label_for, id))
            return bad(sc, "no <label for=\"%s\">", id);
    }
    return true;
}

/* Scans a whole page in lang; returns false with the first broken rule in sc->error. data (escaped
 * strings from the model, longest first) may be NULL. */
static bool scan_html(struct scan *sc, const char *lang, json_t *data, const char *html, size_t len)
{
    memset(sc, 0, sizeof *sc);
    sc->lang = lang;
    sc->data = data;
    sc->ids = json_object();
    sc->label_for = json_object();
    sc->need_label = json_array();
    bool ok = scan_tags(sc, html, len);
    json_decref(sc->ids);
    json_decref(sc->label_for);
    json_decref(sc->need_label);
    return ok;
}

/* Every string in v, HTML-escaped as the page shows it, appended to out. */
static void collect_strings(const json_t *v, json_t *out)
{
    if (json_is_string(v)) {
        struct buf b;
        buf_init(&b, 4096);
        assert_int_equal(html_escape(&b, json_string_value(v), json_string_length(v)), ERR_OK);
        json_array_append_new(out, json_string(buf_str(&b)));
        buf_release(&b);
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++)
            collect_strings(json_array_get(v, i), out);
    } else if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x)
        {
            (void)k;
            collect_strings(x, out);
        }
    }
}

static int longer_first(const void *a, const void *b)
{
    size_t la = strlen(json_string_value(*(json_t *const *)a)),
           lb = strlen(json_string_value(*(json_t *const *)b));
    return la < lb ? 1 : la > lb ? -1 : 0;
}

static json_t *data_strings(const json_t *ctx)
{
    json_t *all = json_array();
    collect_strings(json_object_get(ctx, "m"), all);
    collect_strings(json_object_get(json_object_get(ctx, "ui"), "user"), all);
    size_t n = json_array_size(all);
    json_t **v = calloc(n + 1, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(all, i));
    qsort(v, n, sizeof *v, longer_first);
    json_t *sorted = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(sorted, v[i]);
    free(v);
    json_decref(all);
    return sorted;
}

static void assert_contains(const char *where, const char *html, const char *s)
{
    if (!strstr(html, s))
        fail_msg("%s: output lacks \"%s\"", where, s);
}

static void assert_lacks(const char *where, const char *html, const char *s)
{
    if (strstr(html, s))
        fail_msg("%s: output has \"%s\"", where, s);
}

/* ---- tests ---------------------------------------------------------------------------------------- */

/* Every embedded template compiles, names only existing partials and prints raw only *_html values. */
static void test_all_templates_checked(void **state)
{
    (void)state;
    size_t n = 0;
    for (size_t i = 0; i < data_count; i++) {
        const char *name = data_files[i].name;
        if (strncmp(name, "templates/", 10) != 0)
            continue;
        struct buf err;
        buf_init(&err, 1024);
        struct mustache *t = NULL;
        if (mustache_compile((const char *)data_files[i].data, data_files[i].len, &t, &err) != ERR_OK)
            fail_msg("%s: %s", name, buf_str(&err));
        if (mustache_check_partials(t, template_set_partials(ts), &err) != ERR_OK)
            fail_msg("%s: %s", name, buf_str(&err));
        if (mustache_check_raw(t, "_html", &err) != ERR_OK)
            fail_msg("%s: %s", name, buf_str(&err));
        mustache_free(t);
        buf_release(&err);
        n++;
    }
    assert_int_equal(n, template_set_count(ts));
    assert_true(n >= 9);
    /* The layout and a template for each page of the contract. */
    assert_non_null(template_set_get(ts, "layout"));
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
        if (!template_set_get(ts, pages[i].tmpl))
            fail_msg("no template %s", pages[i].tmpl);
}

static void check_page(const struct page *p, const char *lang, json_t *model)
{
    json_t *ctx = make_ctx(lang, p, model);
    struct buf out;
    buf_init(&out, PAGE_MAX);
    render(p->tmpl, ctx, &out);
    const char *html = buf_str(&out);
    char where[128];
    snprintf(where, sizeof where, "%s (%s)", p->tmpl, lang);

    struct scan sc;
    json_t *data = strcmp(lang, I18N_EN) == 0 ? data_strings(ctx) : NULL;
    if (!scan_html(&sc, lang, data, out.data, out.len))
        fail_msg("%s: %s", where, sc.error);
    json_decref(data);

    /* Document, landmarks, skip link, responsive viewport, language switch. */
    assert_int_equal(strncmp(html, "<!doctype html>\n", 16), 0);
    char want[512];
    snprintf(want, sizeof want, "<html lang=\"%s\">", lang);
    assert_contains(where, html, want);
    assert_contains(where, html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    assert_contains(where, html, "href=\"#main\"");
    assert_contains(where, html, "<main id=\"main\"");
    assert_contains(where, html, "<header");
    assert_contains(where, html, "<footer");
    assert_contains(where, html, "<nav class=\"site-nav");
    assert_contains(where, html, "<h1");
    snprintf(want, sizeof want, "href=\"/lang?to=%s&amp;back=%%2Flaos\" hreflang=\"%s\" lang=\"%s\"",
             i18n_other(lang), i18n_other(lang), i18n_other(lang));
    assert_contains(where, html, want);
    snprintf(want, sizeof want, "<title>%s · %s</title>", i18n_text(lang, p->title_key),
             i18n_text(lang, "app_short_name"));
    assert_contains(where, html, want);
    snprintf(want, sizeof want, ">%s</a>", i18n_text(lang, "app_name"));
    assert_contains(where, html, want);
    /* Only the hashed files, as external CSS and deferred scripts; htmx may not inject styles. */
    const json_t *assets = json_object_get(json_object_get(ctx, "ui"), "assets");
    static const char *const css_keys[] = {"bootstrap_css", "font_css", "css"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(want, sizeof want, "<link rel=\"stylesheet\" href=\"%s\">",
                 json_string_value(json_object_get(assets, css_keys[i])));
        assert_contains(where, html, want);
    }
    snprintf(want, sizeof want, "<script src=\"%s\" defer></script>",
             json_string_value(json_object_get(assets, "htmx")));
    assert_contains(where, html, want);
    assert_contains(where, html, "\"includeIndicatorStyles\":false");
    assert_contains(where, html, "\"allowEval\":false");
    /* Signed in: the user's name and a sign-out form protected by the CSRF token; signed out: no such
     * form and a sign-in link. */
    if (p->signed_in) {
        assert_contains(where, html, "<form method=\"post\" action=\"/signout\"");
        assert_contains(where, html, "<input type=\"hidden\" name=\"_csrf\" value=\"" CSRF "\">");
        assert_contains(where, html, "สมชาย ใจดี");
    } else {
        assert_lacks(where, html, "/signout");
        assert_lacks(where, html, "href=\"/me\"");
        assert_lacks(where, html, "href=\"/laos\"");
        assert_contains(where, html, "href=\"/signin\"");
    }
    /* Thai pages are Thai; on English pages the check above found Thai only in data and the switch. */
    if (strcmp(lang, I18N_TH) == 0)
        assert_true(sc.thai_text_runs > 5);
    snprintf(want, sizeof want, ">%s</a>", i18n_text(lang, "skip_to_content"));
    assert_contains(where, html, want);
    buf_release(&out);
    json_decref(ctx);
}

static void test_every_page_both_languages(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        json_t *model = load_model(pages[i].model);
        check_page(&pages[i], I18N_TH, model);
        check_page(&pages[i], I18N_EN, model);
        json_decref(model);
    }
}

/* Renders page i in lang; the caller frees the result. */
static char *page_html(size_t i, const char *lang, json_t *model)
{
    json_t *ctx = make_ctx(lang, &pages[i], model);
    struct buf out;
    buf_init(&out, PAGE_MAX);
    render(pages[i].tmpl, ctx, &out);
    json_decref(ctx);
    return buf_detach(&out);
}

static size_t page_index(const char *tmpl)
{
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
        if (strcmp(pages[i].tmpl, tmpl) == 0)
            return i;
    fail_msg("no page %s", tmpl);
    return 0;
}

static size_t count(const char *html, const char *s)
{
    size_t n = 0;
    for (const char *p = html; (p = strstr(p, s)) != NULL; p += strlen(s))
        n++;
    return n;
}

static void test_signin(void **state)
{
    (void)state;
    json_t *m = load_model("signin");
    char *html = page_html(page_index("pages/signin"), I18N_TH, m);
    const char *w = "signin";
    assert_contains(w, html, "<form method=\"post\" action=\"/signin\"");
    assert_contains(w, html, "<input type=\"hidden\" name=\"_csrf\" value=\"" CSRF "\">");
    assert_contains(w, html, "<input type=\"hidden\" name=\"next\" value=\"/laos?province=50\">");
    /* What was typed comes back escaped, in an attribute. */
    assert_contains(w, html, "value=\"somchai&lt;&amp;&gt;&quot;&#39;\"");
    assert_lacks(w, html, "somchai<");
    assert_contains(w, html, "autocomplete=\"current-password\"");
    assert_contains(w, html, "type=\"password\"");
    /* The error is announced and tied to the field. */
    assert_contains(w, html, "role=\"alert\" id=\"signin-error\">ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง</div>");
    assert_contains(w, html, "aria-describedby=\"signin-error\"");
    free(html);
    /* No error: no alert, and no reference to it. */
    json_object_set_new(m, "error", json_null());
    html = page_html(page_index("pages/signin"), I18N_TH, m);
    assert_lacks(w, html, "signin-error");
    free(html);
    json_decref(m);
}

static void test_home(void **state)
{
    (void)state;
    json_t *m = load_model("home");
    char *html = page_html(page_index("pages/home"), I18N_TH, m);
    const char *w = "home";
    assert_contains(w, html, "จังหวัดเชียงใหม่");
    assert_contains(w, html, "<dd class=\"stat-value mb-0\">14230</dd>");
    assert_contains(w, html, "<td>องค์การบริหารส่วนตำบล</td><td class=\"text-end\">89</td>");
    assert_contains(w, html, "<td>ลูกจ้างประจำ</td><td class=\"text-end\">610</td>");
    assert_contains(w, html, "<div class=\"alert alert-success\" role=\"status\">เข้าสู่ระบบแล้ว</div>");
    /* The active nav item is marked for assistive technology. */
    assert_contains(w, html, "<a class=\"nav-link active\" href=\"/\" aria-current=\"page\">หน้าหลัก</a>");
    assert_contains(w, html, "<a class=\"nav-link\" href=\"/laos\">");
    free(html);
    json_decref(m);
}

static void test_laos(void **state)
{
    (void)state;
    json_t *m = load_model("laos");
    char *html = page_html(page_index("pages/laos"), I18N_TH, m);
    const char *w = "laos";
    /* A GET form that works without JavaScript; htmx swaps only the results. */
    assert_contains(w, html, "<form method=\"get\" action=\"/laos\"");
    assert_contains(w, html,
                    "hx-get=\"/laos\" hx-trigger=\"change, submit\" hx-target=\"#lao-results\" "
                    "hx-select=\"#lao-results\"");
    assert_contains(w, html, "hx-push-url=\"true\"");
    assert_contains(w, html, "<button type=\"submit\"");
    assert_contains(w, html, "<option value=\"50\" selected>เชียงใหม่</option>");
    assert_contains(w, html, "<option value=\"51\">ลำพูน</option>");
    assert_contains(w, html, "<option value=\"sao\" selected>อบต.</option>");
    assert_contains(w, html, "<option value=\"\">ทุกจังหวัด</option>");
    assert_int_equal(count(html, "id=\"lao-results\""), 1);
    /* Table for wide screens, cards for phones: each LAO twice, hidden by Bootstrap utilities. */
    assert_contains(w, html, "class=\"d-none d-md-block");
    assert_contains(w, html, "class=\"list-unstyled d-md-none\"");
    assert_int_equal(count(html, "href=\"/laos/123\""), 2);
    assert_int_equal(count(html, "href=\"/laos/124\""), 2);
    assert_contains(w, html, "<td class=\"text-end\">52</td>");
    assert_contains(w, html, "data-results-status>พบ 230 แห่ง</p>");
    /* Pager: links with & escaped, page of pages. */
    assert_contains(w, html, "href=\"/laos?province=50&amp;type=sao&amp;page=1\" rel=\"prev\"");
    assert_contains(w, html, "href=\"/laos?province=50&amp;type=sao&amp;page=3\" rel=\"next\"");
    assert_contains(w, html, "หน้า 2 จาก 12");
    assert_lacks(w, html, "ไม่พบองค์กรปกครองส่วนท้องถิ่นตามเงื่อนไขที่เลือก");
    free(html);
    /* First page, nothing found: no prev link, the "none found" message. */
    json_object_set_new(m, "laos", json_array());
    json_object_set_new(m, "prev_href", json_null());
    json_object_set_new(m, "next_href", json_null());
    json_object_set_new(m, "total", json_integer(0));
    html = page_html(page_index("pages/laos"), I18N_EN, m);
    assert_contains(w, html, "No local administration matches these filters.");
    assert_contains(w, html, "data-results-status>Found: 0 organisations</p>");
    assert_lacks(w, html, "rel=\"prev\"");
    assert_lacks(w, html, "rel=\"next\"");
    assert_lacks(w, html, "href=\"/laos/");
    free(html);
    json_decref(m);
}

static void test_lao(void **state)
{
    (void)state;
    json_t *m = load_model("lao");
    char *html = page_html(page_index("pages/lao"), I18N_TH, m);
    const char *w = "lao";
    assert_contains(w, html, "<h1 class=\"h3\">องค์การบริหารส่วนตำบลป่าแดด</h1>");
    assert_contains(w, html, "ป่าแดด · เมืองเชียงใหม่ · เชียงใหม่");
    assert_contains(w, html, "ขนาดกลาง");
    assert_contains(w, html, "data-depth=\"0\"");
    assert_contains(w, html, "data-depth=\"2\"");
    assert_contains(w, html, "<span class=\"status-badge\" data-status=\"vacant\">ว่าง</span>");
    assert_contains(w, html, "<span class=\"status-badge\" data-status=\"frozen\">ยุบเลิก/ระงับ</span>");
    /* A holder the viewer may open is a link; one without href is plain text; vacant says so. */
    assert_contains(w, html, "<a href=\"/people/9\">นายสมชาย ใจดี</a>");
    assert_contains(w, html, "นางสาวมาลี ศรีสุข");
    assert_lacks(w, html, "\">นางสาวมาลี ศรีสุข</a>");
    assert_contains(w, html, "<span class=\"visually-hidden\">ไม่มีผู้ครอง</span>");
    assert_lacks(w, html, "ยังไม่มีตำแหน่งในกรอบอัตรากำลัง");
    free(html);
    json_object_set_new(m, "positions", json_array());
    html = page_html(page_index("pages/lao"), I18N_TH, m);
    assert_contains(w, html, "ยังไม่มีตำแหน่งในกรอบอัตรากำลัง");
    free(html);
    json_decref(m);
}

static void test_person(void **state)
{
    (void)state;
    json_t *m = load_model("person");
    char *html = page_html(page_index("pages/person"), I18N_TH, m);
    const char *w = "person";
    assert_contains(w, html, "<h1 class=\"h3\">นายสมชาย ใจดี</h1>");
    assert_contains(w, html, "<p class=\"mb-3\" lang=\"en\">Mr Somchai Jaidee</p>");
    assert_contains(w, html, "1-2345-xxxxx-xx-1");
    assert_contains(w, html, "<time datetime=\"1970-05-01\">1 พฤษภาคม 2513</time> (อายุ 55 ปี)");
    /* Retirement is highlighted, with its Buddhist Era date and fiscal year. */
    assert_contains(w, html, "class=\"retirement");
    assert_contains(w, html, "<time datetime=\"2030-09-30\">30 กันยายน 2573</time>");
    assert_contains(w, html, "ปีงบประมาณ 2573");
    /* Current post, with a link to the LAO. */
    assert_contains(w, html, "<a href=\"/laos/123\">องค์การบริหารส่วนตำบลป่าแดด</a>");
    assert_contains(w, html, "48,320.00 บาท");
    /* Timeline: newest first as the model orders it; an open end reads "present". */
    assert_contains(w, html, "<ol class=\"timeline\">");
    assert_int_equal(count(html, "<li>\n"), 3);
    assert_contains(w, html, "1 ตุลาคม 2565 – ปัจจุบัน");
    assert_contains(w, html, "1 เมษายน 2558 – 30 กันยายน 2565");
    assert_contains(w, html, "คำสั่ง คำสั่งที่ 55/2537 &lt;ต้นฉบับ&gt; &amp; สำเนา");
    assert_lacks(w, html, "<ต้นฉบับ>");
    assert_contains(w, html,
                    "<td>1 ตุลาคม 2567</td><td class=\"text-end\">48,320.00</td><td>เลื่อนเงินเดือน 1 ขั้น</td>");
    assert_lacks(w, html, "ไม่มีตำแหน่งปัจจุบัน");
    free(html);
    json_decref(m);
}

static void test_me(void **state)
{
    (void)state;
    json_t *m = load_model("me");
    char *html = page_html(page_index("pages/me"), I18N_TH, m);
    const char *w = "me";
    assert_contains(w, html, "<h1 class=\"h3\">ข้อมูลของฉัน</h1>");
    assert_contains(w, html, "นางสาวมาลี ศรีสุข");
    assert_contains(w, html, "<time datetime=\"2045-09-30\">30 กันยายน 2588</time>");
    /* Empty sections say so instead of showing empty lists. */
    assert_contains(w, html, "ไม่มีตำแหน่งปัจจุบัน");
    assert_contains(w, html, "ยังไม่มีประวัติการแต่งตั้ง");
    assert_contains(w, html, "ยังไม่มีประวัติเงินเดือน");
    assert_lacks(w, html, "<p class=\"mb-3\" lang=\"en\">"); /* no English name */
    free(html);
    json_decref(m);
}

static void test_public_vacancies(void **state)
{
    (void)state;
    json_t *m = load_model("public_vacancies");
    char *html = page_html(page_index("pages/public_vacancies"), I18N_TH, m);
    const char *w = "public_vacancies";
    assert_contains(w, html, "<form method=\"get\" action=\"/public/vacancies\"");
    assert_contains(w, html, "hx-select=\"#vacancy-results\"");
    assert_contains(w, html, "<option value=\"50\" selected>เชียงใหม่</option>");
    assert_contains(w, html, "ตำแหน่งว่างทั้งหมด 120 ตำแหน่ง");
    assert_contains(w, html, "<h2 class=\"h5 card-title\">เทศบาลตำบลสุเทพ</h2>");
    assert_contains(w, html, "<li>นักทรัพยากรบุคคล ปฏิบัติการ: 2 อัตรา</li>");
    assert_lacks(w, html, "/people/");
    free(html);
    json_object_set_new(m, "laos", json_array());
    html = page_html(page_index("pages/public_vacancies"), I18N_EN, m);
    assert_contains(w, html, "No vacant positions match this filter.");
    free(html);
    json_decref(m);
}

static void test_error(void **state)
{
    (void)state;
    json_t *m = load_model("error");
    char *html = page_html(page_index("pages/error"), I18N_TH, m);
    const char *w = "error";
    assert_contains(w, html, ">404</p>");
    assert_contains(w, html, "<h1 class=\"h3\">ไม่พบหน้าที่ต้องการ</h1>");
    assert_contains(w, html, "<a class=\"btn btn-primary\" href=\"/\">กลับหน้าหลัก</a>");
    free(html);
    json_decref(m);
}

/* The scanner finds what it is there to find: each broken page below breaks one rule. */
static void test_scanner_catches(void **state)
{
    (void)state;
#define DOC(body) "<!doctype html>\n<html lang=\"th\"><body>" body "</body></html>"
    static const struct {
        const char *html, *lang, *error; /* error NULL: the page passes */
    } cases[] = {
        {DOC("<p>ข้อความ</p>"), "th", NULL},
        {DOC("<label for=\"a\">x</label><input type=\"text\" id=\"a\" name=\"a\">"), "th", NULL},
        {DOC("<input type=\"hidden\" name=\"_csrf\" value=\"x\"><button type=\"submit\">x</button>"), "th",
         NULL},
        {DOC("<select aria-label=\"x\" name=\"s\"></select>"), "th", NULL},
        {DOC("<script src=\"/a.js\" defer></script>"), "th", NULL},
        {DOC("<script>alert(1)</script>"), "th", "<script> without src"},
        {DOC("<script src=\"/a.js\">x</script>"), "th", "<script> with a body"},
        {DOC("<style>p{}</style>"), "th", "<style> element"},
        {DOC("<p style=\"color:red\">x</p>"), "th", "<p style=...> is not allowed"},
        {DOC("<a href=\"#\" onclick=\"x()\">x</a>"), "th", "<a onclick=...> is not allowed"},
        {DOC("<form hx-on:submit=\"x()\"></form>"), "th", "is not allowed"},
        {DOC("<a href=\"javascript:x()\">x</a>"), "th", "javascript: URL"},
        {DOC("<input type=\"text\" id=\"a\" name=\"a\">"), "th", "no <label for=\"a\">"},
        {DOC("<input type=\"text\" name=\"a\">"), "th", "neither id nor aria-label"},
        {DOC("<input name=\"a\">"), "th", "<input> without a type"},
        {DOC("<label for=\"s\">x</label><select id=\"s\"></select>"), "th", "<select> without a name"},
        {DOC("<textarea id=\"t\" name=\"t\"></textarea>"), "th", "no <label for=\"t\">"},
        {DOC("<p id=\"x\"></p><p id=\"x\"></p>"), "th", "duplicate id"},
        {DOC("<div><p>x</div></p>"), "th", "</div> closes <p>"},
        {DOC("<div>"), "th", "</body> closes <div>"},
        {"<html lang=\"th\"><div>", "th", "<div> never closed"},
        {DOC("<p class=x>y</p>"), "th", "unquoted attribute"},
        {DOC("<a>x</a>"), "th", "<a> without href"},
        {DOC("<button>x</button>"), "th", "<button> without a type"},
        {DOC("<p>x</p>"), "en", "<html> without lang=\"en\""},
        {"<html lang=\"en\"><p>Name ชื่อ</p></html>", "en", "Thai in text outside the data"},
        {"<html lang=\"en\"><p aria-label=\"ชื่อ\">x</p></html>", "en", "Thai in aria-label"},
        {"<html lang=\"en\"><p>Name <span lang=\"th\">ชื่อ <b>ไทย</b></span></p></html>", "en", NULL},
        {"<html lang=\"en\"><p>Name: สมชาย ใจดี</p></html>", "en", NULL}, /* data, see below */
        {"<html lang=\"en\"><p>Name: สมชาย ใจดีมาก</p></html>", "en", "Thai in text outside the data"},
    };
#undef DOC
    json_t *data = json_array();
    json_array_append_new(data, json_string("สมชาย ใจดี"));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct scan sc;
        bool ok = scan_html(&sc, cases[i].lang, data, cases[i].html, strlen(cases[i].html));
        if (!cases[i].error && !ok)
            fail_msg("case %zu: unexpected \"%s\"", i, sc.error);
        if (cases[i].error && ok)
            fail_msg("case %zu: passed, want \"%s\"", i, cases[i].error);
        if (cases[i].error && !strstr(sc.error, cases[i].error))
            fail_msg("case %zu: \"%s\", want \"%s\"", i, sc.error, cases[i].error);
    }
    json_decref(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scanner_catches),
        cmocka_unit_test(test_all_templates_checked),
        cmocka_unit_test(test_every_page_both_languages),
        cmocka_unit_test(test_signin),
        cmocka_unit_test(test_home),
        cmocka_unit_test(test_laos),
        cmocka_unit_test(test_lao),
        cmocka_unit_test(test_person),
        cmocka_unit_test(test_me),
        cmocka_unit_test(test_public_vacancies),
        cmocka_unit_test(test_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
