/*
 * Runs the official Mustache specification tests (the JSON files in tests/data/mustache-spec, copied there by
 * scripts/copy-mustache-spec.sh) against view/mustache: each case compiles its template and
 * partials, renders its data and must give exactly the expected text. Every required module and the
 * optional inheritance and dynamic-names modules must pass completely; the lambdas module needs code
 * in the data, which JSON models cannot carry, and is skipped with a note. One cmocka test per module
 * file, each printing its pass count.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/jsonx.h"
#include "testutil.h"
#include "view/mustache.h"

/* Modules the specification marks optional that this engine does not implement, and why. */
static const struct {
    const char *file;
    const char *why;
} skipped[] = {
    {"~lambdas.json", "lambdas need code in the data; JSON models carry none"},
};

/* Modules that must be present: a missing file would make the suite test less without failing. */
static const char *const required[] = {
    "comments.json", "delimiters.json", "interpolation.json", "inverted.json", "partials.json", "sections.json",
    "~inheritance.json", "~dynamic-names.json",
};

#define MAX_FILES 32
#define MAX_PARTIALS 16

struct named {
    const char *name;
    struct mustache *t;
};

struct partial_set {
    struct named items[MAX_PARTIALS];
    size_t n;
};

static const struct mustache *set_lookup(void *data, const char *name, size_t len)
{
    const struct partial_set *set = data;
    for (size_t i = 0; i < set->n; i++)
        if (strlen(set->items[i].name) == len && memcmp(set->items[i].name, name, len) == 0)
            return set->items[i].t;
    return NULL;
}

static char *spec_dir(void)
{
    const char *root = getenv("TAMBON_SOURCE_DIR");
    if (!root)
        root = ".";
    struct buf b;
    buf_init(&b, 4096);
    assert_int_equal(buf_printf(&b, "%s/tests/data/mustache-spec", root), ERR_OK);
    return buf_detach(&b);
}

static json_t *load_module(const char *file)
{
    char *dir = spec_dir();
    struct buf path;
    buf_init(&path, 4096);
    assert_int_equal(buf_printf(&path, "%s/%s", dir, file), ERR_OK);
    size_t len = 0;
    char *text = testutil_read_file(buf_str(&path), &len);
    if (!text)
        fail_msg("cannot read %s", buf_str(&path));
    json_t *doc = NULL;
    struct buf err;
    buf_init(&err, 1024);
    if (jsonx_parse(text, len, &doc, &err) != ERR_OK)
        fail_msg("%s: %s", buf_str(&path), buf_str(&err));
    buf_release(&err);
    free(text);
    buf_release(&path);
    free(dir);
    return doc;
}

/* Runs one case; returns 1 when it passed, printing what went wrong otherwise. */
static int run_case(const char *file, const json_t *tc)
{
    const char *name = json_string_value(json_object_get(tc, "name"));
    const json_t *tmpl = json_object_get(tc, "template");
    const json_t *expected = json_object_get(tc, "expected");
    const json_t *data = json_object_get(tc, "data");
    const json_t *partials = json_object_get(tc, "partials");
    assert_non_null(name);
    assert_true(json_is_string(tmpl));
    assert_true(json_is_string(expected));

    int ok = 0;
    struct partial_set set = {.n = 0};
    struct mustache *t = NULL;
    struct buf err, out;
    buf_init(&err, 4096);
    buf_init(&out, 1 << 20);

    if (partials) {
        const char *pname;
        json_t *psrc;
        json_object_foreach((json_t *)partials, pname, psrc) {
            assert_true(set.n < MAX_PARTIALS);
            struct named *it = &set.items[set.n];
            it->name = pname;
            if (mustache_compile(json_string_value(psrc), json_string_length(psrc), &it->t, &err) != ERR_OK) {
                printf("  FAIL %s / %s: partial \"%s\" does not compile: %s\n", file, name, pname, buf_str(&err));
                goto out;
            }
            set.n++;
        }
    }
    if (mustache_compile(json_string_value(tmpl), json_string_length(tmpl), &t, &err) != ERR_OK) {
        printf("  FAIL %s / %s: template does not compile: %s\n", file, name, buf_str(&err));
        goto out;
    }
    struct mustache_partials p = {.lookup = set_lookup, .data = &set};
    int rc = mustache_render(t, data, &p, &out);
    if (rc != ERR_OK) {
        printf("  FAIL %s / %s: render returned %s\n", file, name, err_name(rc));
        goto out;
    }
    if (out.len != json_string_length(expected) ||
        memcmp(buf_str(&out), json_string_value(expected), out.len) != 0) {
        json_t *got = json_stringn(buf_str(&out), out.len);
        char *g = json_dumps(got, JSON_ENCODE_ANY);
        char *e = json_dumps(expected, JSON_ENCODE_ANY);
        char *s = json_dumps(tmpl, JSON_ENCODE_ANY);
        printf("  FAIL %s / %s\n    template: %s\n    expected: %s\n    got:      %s\n", file, name, s, e, g);
        free(g);
        free(e);
        free(s);
        json_decref(got);
        goto out;
    }
    ok = 1;
out:
    mustache_free(t);
    for (size_t i = 0; i < set.n; i++)
        mustache_free(set.items[i].t);
    buf_release(&err);
    buf_release(&out);
    return ok;
}

static void test_module(void **state)
{
    const char *file = *state;
    json_t *doc = load_module(file);
    const json_t *cases = json_object_get(doc, "tests");
    assert_true(json_is_array(cases));
    assert_true(json_array_size(cases) > 0);
    size_t passed = 0;
    for (size_t i = 0; i < json_array_size(cases); i++)
        passed += (size_t)run_case(file, json_array_get(cases, i));
    printf("mustache spec %-22s %zu/%zu passed\n", file, passed, json_array_size(cases));
    assert_int_equal(passed, json_array_size(cases));
    json_decref(doc);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    static char *files[MAX_FILES];
    static struct CMUnitTest tests[MAX_FILES];
    size_t nfiles = 0, ntests = 0;

    char *dir = spec_dir();
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s (set TAMBON_SOURCE_DIR to the source tree)\n", dir);
        free(dir);
        return 1;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".json") == 0 && nfiles < MAX_FILES)
            files[nfiles++] = strdup(e->d_name);
    }
    closedir(d);
    free(dir);
    qsort(files, nfiles, sizeof files[0], cmp_names);

    int missing = 0;
    for (size_t r = 0; r < sizeof required / sizeof required[0]; r++) {
        int found = 0;
        for (size_t i = 0; i < nfiles; i++)
            found |= strcmp(files[i], required[r]) == 0;
        if (!found) {
            fprintf(stderr, "mustache spec: module %s is missing\n", required[r]);
            missing = 1;
        }
    }

    for (size_t i = 0; i < nfiles; i++) {
        const char *why = NULL;
        for (size_t k = 0; k < sizeof skipped / sizeof skipped[0]; k++)
            if (strcmp(files[i], skipped[k].file) == 0)
                why = skipped[k].why;
        if (why) {
            json_t *doc = load_module(files[i]);
            printf("mustache spec %-22s skipped %zu cases (optional module: %s)\n", files[i],
                   json_array_size(json_object_get(doc, "tests")), why);
            json_decref(doc);
            continue;
        }
        tests[ntests++] = (struct CMUnitTest){.name = files[i], .test_func = test_module, .initial_state = files[i]};
    }
    int rc = _cmocka_run_group_tests("mustache_spec", tests, ntests, NULL, NULL);
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    return rc || missing;
}
