/*
 * The set of static front-end files: served names, content types, content hashes and hashed URLs,
 * url() rewriting in our own CSS, and conditional requests (If-None-Match).
 */
#include "web/assets.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/embedded.h"
#include "base/err.h"

#define OWN_PREFIX "assets/"
#define NAME_MAX_LEN 100

/* The npm files the build embeds, the names we serve them under, and their ui.assets keys. */
static const struct {
    const char *source, *name, *key;
} npm_files[] = {
    {"node_modules/bootstrap/dist/css/bootstrap.min.css", "bootstrap.css", "bootstrap_css"},
    {"node_modules/htmx.org/dist/htmx.min.js", "htmx.js", "htmx"},
    {"node_modules/@fontsource/sarabun/files/sarabun-thai-400-normal.woff2", "sarabun-thai-400.woff2", NULL},
    {"node_modules/@fontsource/sarabun/files/sarabun-thai-700-normal.woff2", "sarabun-thai-700.woff2", NULL},
    {"node_modules/@fontsource/sarabun/files/sarabun-latin-400-normal.woff2", "sarabun-latin-400.woff2",
     NULL},
    {"node_modules/@fontsource/sarabun/files/sarabun-latin-700-normal.woff2", "sarabun-latin-700.woff2",
     NULL},
};

/* ui.assets keys of our own files whose key is not derived from the name (the render contract). */
static const struct {
    const char *name, *key;
} own_keys[] = {
    {"app.css", "css"},
    {"app.js", "app_js"},
    {"sarabun.css", "font_css"},
};

static const struct {
    const char *ext, *type;
} content_types[] = {
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"woff2", "font/woff2"},
    {"woff", "font/woff"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"ico", "image/vnd.microsoft.icon"},
    {"txt", "text/plain; charset=utf-8"},
    {"json", "application/json"},
    {"webmanifest", "application/manifest+json"},
};

/* Strings and rewritten CSS of one asset, owned by the set. */
struct asset_mem {
    char *name, *key, *url, *etag;
    unsigned char *data; /* NULL unless rewritten */
};

struct assets {
    struct asset *items;
    struct asset_mem *mem; /* what items[i] points into, freed with the set */
    size_t count;
    json_t *ui;
};

static char *dup_str(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        arena_oom(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void fail(struct buf *err, const char *source, const char *what, const char *detail)
{
    if (!err)
        return;
    int rc = buf_printf(err, "%s: %s%s%s", source, what, detail ? " " : "", detail ? detail : "");
    (void)rc; /* a message too long for err is dropped; the status still tells */
}

static bool is_css(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".css") == 0;
}

/* The extension of a valid served name: [a-z0-9._-]+, a stem and an extension, no leading dot. */
static const char *name_ext(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > NAME_MAX_LEN || name[0] == '.')
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return NULL;
    }
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name || dot[1] == '\0')
        return NULL;
    return dot + 1;
}

static const char *type_of(const char *ext)
{
    for (size_t i = 0; i < sizeof content_types / sizeof content_types[0]; i++)
        if (strcmp(content_types[i].ext, ext) == 0)
            return content_types[i].type;
    return NULL;
}

/* Served name and key of an embedded file; false when it is neither an npm file we know nor ours. */
static bool classify(const char *source, struct asset_mem *m, bool *own)
{
    for (size_t i = 0; i < sizeof npm_files / sizeof npm_files[0]; i++) {
        if (strcmp(source, npm_files[i].source) == 0) {
            m->name = dup_str(npm_files[i].name, strlen(npm_files[i].name));
            m->key = npm_files[i].key ? dup_str(npm_files[i].key, strlen(npm_files[i].key)) : NULL;
            *own = false;
            return true;
        }
    }
    size_t plen = strlen(OWN_PREFIX);
    if (strncmp(source, OWN_PREFIX, plen) != 0 || strchr(source + plen, '/'))
        return false;
    const char *name = source + plen;
    m->name = dup_str(name, strlen(name));
    for (size_t i = 0; i < sizeof own_keys / sizeof own_keys[0]; i++)
        if (strcmp(name, own_keys[i].name) == 0)
            m->key = dup_str(own_keys[i].key, strlen(own_keys[i].key));
    if (!m->key) {
        m->key = dup_str(name, strlen(name));
        for (char *p = m->key; *p; p++)
            if (*p == '.' || *p == '-')
                *p = '_';
    }
    *own = true;
    return true;
}

/* URL and entity tag from the SHA-256 of the content. */
static void set_hash(struct asset *as, struct asset_mem *m)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    crypto_hash_sha256(digest, as->data, as->len);
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    const char *dot = strrchr(as->name, '.');
    struct buf b;
    buf_init(&b, 256);
    if (buf_printf(&b, "%s%.*s.%.*s%s", ASSETS_PREFIX, (int)(dot - as->name), as->name, ASSETS_HASH_HEX, hex,
                   dot) != ERR_OK)
        arena_oom(256);
    m->url = buf_detach(&b);
    if (buf_printf(&b, "\"%.20s\"", hex) != ERR_OK)
        arena_oom(32);
    m->etag = buf_detach(&b);
    as->url = m->url;
    as->etag = m->etag;
}

static bool ascii_ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

/* The asset among items[0..n) served under name[0..len), or NULL. */
static const struct asset *find_name(const struct asset *items, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(items[i].name) == len && memcmp(items[i].name, name, len) == 0)
            return &items[i];
    return NULL;
}

/*
 * Copies the CSS in as->data to out with every url(NAME) that names a non-CSS asset replaced by its
 * URL. Comments and quoted strings outside url() are copied untouched; data: URLs stay. Returns
 * ERR_INVAL (message in err) for an unterminated comment, string or url(), or a url() naming no asset
 * or a CSS file.
 */
static int rewrite_css(const struct asset *as, const struct asset *items, size_t n, struct buf *out,
                       struct buf *err)
{
    const char *s = (const char *)as->data;
    size_t len = as->len, i = 0, copied = 0;
    int rc = ERR_OK;
    while (i < len && rc == ERR_OK) {
        if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
            const char *end = NULL;
            for (size_t k = i + 2; k + 1 < len; k++)
                if (s[k] == '*' && s[k + 1] == '/') {
                    end = s + k + 2;
                    break;
                }
            if (!end) {
                fail(err, as->source, "unterminated comment", NULL);
                return ERR_INVAL;
            }
            i = (size_t)(end - s);
        } else if (s[i] == '"' || s[i] == '\'') {
            char q = s[i];
            size_t k = i + 1;
            while (k < len && s[k] != q && s[k] != '\n')
                k += s[k] == '\\' ? 2 : 1;
            if (k >= len || s[k] != q) {
                fail(err, as->source, "unterminated string", NULL);
                return ERR_INVAL;
            }
            i = k + 1;
        } else if (i + 4 <= len && ascii_ieq(s + i, "url(", 4)) {
            size_t k = i + 4;
            while (k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n'))
                k++;
            char q = k < len && (s[k] == '"' || s[k] == '\'') ? s[k] : 0;
            size_t start = q ? k + 1 : k, end = start;
            while (end < len && (q ? s[end] != q : (s[end] != ')' && s[end] != ' ' && s[end] != '\n')))
                end++;
            size_t close = q ? end + 1 : end;
            while (close < len && (s[close] == ' ' || s[close] == '\t' || s[close] == '\n'))
                close++;
            if (end >= len || close >= len || s[close] != ')') {
                fail(err, as->source, "unterminated url(", NULL);
                return ERR_INVAL;
            }
            if (end - start >= 5 && ascii_ieq(s + start, "data:", 5)) {
                i = close + 1;
                continue;
            }
            const struct asset *target = find_name(items, n, s + start, end - start);
            if (!target || is_css(target->name)) {
                char *what = dup_str(s + start, end - start);
                fail(err, as->source,
                     target ? "url() may not name a CSS file:" : "url() names no asset:", what);
                free(what);
                return ERR_INVAL;
            }
            rc = buf_append(out, s + copied, start - copied);
            if (rc == ERR_OK)
                rc = buf_appends(out, target->url);
            copied = end;
            i = close + 1;
        } else {
            i++;
        }
    }
    if (rc == ERR_OK)
        rc = buf_append(out, s + copied, len - copied);
    if (rc != ERR_OK)
        fail(err, as->source, "rewritten CSS is too large", NULL);
    return rc;
}

int assets_build(const struct embedded_file *files, size_t n, struct assets **out, struct buf *err)
{
    *out = NULL;
    if (sodium_init() < 0) {
        fail(err, "libsodium", "cannot start", NULL);
        return ERR_INTERNAL;
    }
    int rc = ERR_INVAL;
    struct assets *a = calloc(1, sizeof *a);
    bool *own = calloc(n + 1, sizeof *own);
    if (!a || !own)
        arena_oom(n + 1);
    a->items = calloc(n + 1, sizeof *a->items);
    a->mem = calloc(n + 1, sizeof *a->mem);
    if (!a->items || !a->mem)
        arena_oom((n + 1) * sizeof *a->mem);
    a->count = n;
    struct asset_mem *mem = a->mem;

    for (size_t i = 0; i < n; i++) {
        struct asset *as = &a->items[i];
        as->source = files[i].name;
        as->data = files[i].data;
        as->len = files[i].len;
        if (!classify(files[i].name, &mem[i], &own[i])) {
            fail(err, files[i].name, "is neither a known npm file nor under assets/", NULL);
            goto out;
        }
        as->name = mem[i].name;
        as->key = mem[i].key;
        const char *ext = name_ext(as->name);
        if (!ext) {
            fail(err, files[i].name, "served name is not [a-z0-9._-] with an extension:", as->name);
            goto out;
        }
        as->content_type = type_of(ext);
        if (!as->content_type) {
            fail(err, files[i].name, "has no known content type for its extension", ext);
            goto out;
        }
        for (size_t k = 0; k < i; k++) {
            if (strcmp(a->items[k].name, as->name) == 0 ||
                (as->key && a->items[k].key && strcmp(a->items[k].key, as->key) == 0)) {
                fail(err, files[i].name, "has the served name or key of", a->items[k].source);
                goto out;
            }
        }
    }
    /* Everything but our CSS first: our CSS names those by their hashed URLs. */
    for (size_t i = 0; i < n; i++)
        if (!(own[i] && is_css(a->items[i].name)))
            set_hash(&a->items[i], &mem[i]);
    for (size_t i = 0; i < n; i++) {
        if (!(own[i] && is_css(a->items[i].name)))
            continue;
        struct buf css;
        buf_init(&css, a->items[i].len + 64 * 1024);
        if (rewrite_css(&a->items[i], a->items, n, &css, err) != ERR_OK) {
            buf_release(&css);
            goto out;
        }
        a->items[i].len = css.len;
        mem[i].data = (unsigned char *)buf_detach(&css);
        a->items[i].data = mem[i].data;
        set_hash(&a->items[i], &mem[i]);
    }
    a->ui = json_object();
    if (!a->ui)
        arena_oom(0);
    for (size_t i = 0; i < n; i++)
        if (a->items[i].key && json_object_set_new(a->ui, a->items[i].key, json_string(a->items[i].url)) != 0)
            arena_oom(0);
    rc = ERR_OK;
out:
    free(own);
    if (rc != ERR_OK) {
        assets_free(a);
        a = NULL;
    }
    *out = a;
    return rc;
}

int assets_load(struct assets **out, struct buf *err)
{
    return assets_build(assets_files, assets_count, out, err);
}

void assets_free(struct assets *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->count; i++) {
        free(a->mem[i].name);
        free(a->mem[i].key);
        free(a->mem[i].url);
        free(a->mem[i].etag);
        free(a->mem[i].data);
    }
    free(a->mem);
    free(a->items);
    json_decref(a->ui);
    free(a);
}

size_t assets_size(const struct assets *a)
{
    return a->count;
}

const struct asset *assets_at(const struct assets *a, size_t i)
{
    return i < a->count ? &a->items[i] : NULL;
}

static bool is_lower_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

const struct asset *assets_by_url(const struct assets *a, const char *path, size_t len, bool *exact)
{
    size_t plen = strlen(ASSETS_PREFIX);
    if (exact)
        *exact = false;
    if (len <= plen || memcmp(path, ASSETS_PREFIX, plen) != 0)
        return NULL;
    const char *file = path + plen;
    size_t flen = len - plen;
    /* stem "." hash "." ext: find the last dot, then the hash before it. */
    size_t last = flen;
    while (last > 0 && file[last - 1] != '.')
        last--;
    if (last == 0 || last < ASSETS_HASH_HEX + 2)
        return NULL;
    size_t hash_at = last - 1 - ASSETS_HASH_HEX; /* index of the hash's first digit */
    if (file[hash_at - 1] != '.')
        return NULL;
    for (size_t i = 0; i < ASSETS_HASH_HEX; i++)
        if (!is_lower_hex(file[hash_at + i]))
            return NULL;
    size_t stem_len = hash_at - 1, ext_len = flen - last;
    for (size_t i = 0; i < a->count; i++) {
        const struct asset *as = &a->items[i];
        const char *dot = strrchr(as->name, '.');
        if ((size_t)(dot - as->name) != stem_len || memcmp(as->name, file, stem_len) != 0 ||
            strlen(dot + 1) != ext_len || memcmp(dot + 1, file + last, ext_len) != 0)
            continue;
        if (exact)
            *exact = strlen(as->url) == len && memcmp(as->url, path, len) == 0;
        return as;
    }
    return NULL;
}

const struct asset *assets_by_name(const struct assets *a, const char *name)
{
    return name ? find_name(a->items, a->count, name, strlen(name)) : NULL;
}

const json_t *assets_ui(const struct assets *a)
{
    return a->ui;
}

bool assets_etag_matches(const struct asset *as, const char *if_none_match)
{
    if (!if_none_match)
        return false;
    const char *p = if_none_match;
    const char *ours = as->etag + 1; /* without the opening quote */
    size_t ours_len = strlen(ours) - 1;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '\0')
            return false;
        if (*p == '*') {
            p++;
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p == '\0' || *p == ',')
                return true;
            return false;
        }
        if (p[0] == 'W' && p[1] == '/')
            p += 2;
        if (*p != '"')
            return false;
        const char *start = ++p;
        while (*p && *p != '"')
            p++;
        if (*p != '"')
            return false;
        if ((size_t)(p - start) == ours_len && memcmp(start, ours, ours_len) == 0)
            return true;
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '\0' && *p != ',')
            return false;
    }
}
