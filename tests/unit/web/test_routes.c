/*
 * Unit tests for the route table (web/routes.c) and the display text handlers put in models
 * (web/h_display.c, web_path_is_local in web/h_system.c):
 *  - every route is well declared: a non-public route names a permission iam knows, a public one
 *    none; page routes have a title in both catalogs; record routes take an {id};
 *  - the OpenAPI document built from the table lists exactly the API routes, each with its response
 *    schema in the components and the error answers its scope rule can give;
 *  - the LAO type choices of /laos are the types the database is seeded with;
 *  - money, dates, two-language names and local redirect targets come out as people expect.
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

#include "base/arena.h"
#include "base/buf.h"
#include "db/db.h"
#include "db/migrate.h"
#include "modules/iam/iam.h"
#include "modules/modules.h"
#include "testutil.h"
#include "view/i18n.h"
#include "web/handlers.h"
#include "web/openapi.h"
#include "web/route.h"
#include "web/web.h"

static int setup(void **state)
{
    (void)state;
    return i18n_init(NULL) == ERR_OK ? 0 : -1;
}

/* ---- the table itself ---- */

static void test_permissions_known(void **state)
{
    (void)state;
    for (size_t i = 0; i < web_routes_count; i++) {
        const struct web_route *r = &web_routes[i];
        if (r->scope == WEB_SCOPE_PUBLIC) {
            if (r->permission)
                print_error("public route %s %s names permission %s\n", r->method, r->path, r->permission);
            assert_null(r->permission);
            continue;
        }
        if (!r->permission || !iam_permission_find(r->permission))
            print_error("route %s %s: permission %s is not in iam's table\n", r->method, r->path,
                        r->permission ? r->permission : "(none)");
        assert_non_null(r->permission);
        assert_non_null(iam_permission_find(r->permission));
    }
}

static void test_routes_well_declared(void **state)
{
    (void)state;
    for (size_t i = 0; i < web_routes_count; i++) {
        const struct web_route *r = &web_routes[i];
        assert_true(strcmp(r->method, "GET") == 0 || strcmp(r->method, "POST") == 0);
        assert_non_null(r->handler);
        assert_non_null(r->summary);
        assert_non_null(r->response_schema);
        /* Only POSTs write; a GET that changed data could be triggered by a link or a prefetch. */
        if (r->writes)
            assert_string_equal(r->method, "POST");
        /* A page has a title in both languages. */
        if (r->template) {
            assert_non_null(r->title_key);
            if (!i18n_text("th", r->title_key) || !i18n_text("en", r->title_key))
                print_error("route %s: title %s missing from a catalog\n", r->path, r->title_key);
            assert_non_null(i18n_text("th", r->title_key));
            assert_non_null(i18n_text("en", r->title_key));
        }
        /* Record routes are checked against the path's id. */
        if (r->scope == WEB_SCOPE_LAO || r->scope == WEB_SCOPE_PERSON)
            assert_non_null(strstr(r->path, "{id}"));
        for (const struct web_param *p = r->params; p && p->name; p++) {
            assert_non_null(p->doc);
            if (p->type == WEB_PARAM_ENUM)
                assert_non_null(p->choices);
            if (p->in == WEB_IN_FORM)
                assert_string_equal(r->method, "POST");
        }
        for (size_t j = 0; j < i; j++)
            assert_false(strcmp(web_routes[j].method, r->method) == 0 &&
                         strcmp(web_routes[j].path, r->path) == 0);
    }
}

/* The route with this method and path, or NULL. */
static const struct web_route *route_find(const char *method, const char *path)
{
    for (size_t i = 0; i < web_routes_count; i++)
        if (strcmp(web_routes[i].method, method) == 0 && strcmp(web_routes[i].path, path) == 0)
            return &web_routes[i];
    return NULL;
}

static void test_expected_routes(void **state)
{
    (void)state;
    /* The pages the render contract promises, with their permission and scope rule. */
    static const struct {
        const char *method, *path, *permission;
        enum web_scope_rule scope;
        bool page_only;
    } want[] = {
        {"GET", "/signin", NULL, WEB_SCOPE_PUBLIC, true},
        {"POST", "/signin", NULL, WEB_SCOPE_PUBLIC, true},
        {"POST", "/signout", NULL, WEB_SCOPE_PUBLIC, true},
        {"POST", "/signout-everywhere", NULL, WEB_SCOPE_PUBLIC, true},
        {"GET", "/", "dashboard.view", WEB_SCOPE_SIGNED, false},
        {"GET", "/laos", "lao.list", WEB_SCOPE_SIGNED, false},
        {"GET", "/laos/{id}", "lao.view", WEB_SCOPE_LAO, false},
        {"GET", "/people/{id}", "person.view", WEB_SCOPE_PERSON, false},
        {"GET", "/me", "profile.view_own", WEB_SCOPE_SIGNED, false},
        {"GET", "/public/vacancies", NULL, WEB_SCOPE_PUBLIC, false},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const struct web_route *r = route_find(want[i].method, want[i].path);
        if (!r)
            print_error("no route %s %s\n", want[i].method, want[i].path);
        assert_non_null(r);
        if (want[i].permission)
            assert_string_equal(r->permission, want[i].permission);
        else
            assert_null(r->permission);
        assert_int_equal(r->scope, want[i].scope);
        assert_int_equal(r->page_only, want[i].page_only);
    }
}

/* ---- the OpenAPI document ---- */

static void test_openapi_lists_every_api_route(void **state)
{
    (void)state;
    char *dir = testutil_tmpdir();
    char target[4096];
    snprintf(target, sizeof target, "%s/unused.db", dir);
    struct web_app *app = NULL;
    struct buf err;
    buf_init(&err, 8192);
    int rc = web_app_create(target, &app, &err);
    if (rc != ERR_OK)
        print_error("web_app_create: %s\n", buf_str(&err));
    assert_int_equal(rc, ERR_OK);
    buf_release(&err);
    json_t *doc = NULL;
    assert_int_equal(web_openapi_document(app, &doc), ERR_OK);

    json_t *paths = json_object_get(doc, "paths");
    json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
    assert_non_null(paths);
    assert_non_null(schemas);
    size_t api_routes = 0;
    for (size_t i = 0; i < web_routes_count; i++) {
        const struct web_route *r = &web_routes[i];
        char method[8] = {0};
        for (size_t k = 0; k < sizeof method - 1 && r->method[k]; k++)
            method[k] = (char)(r->method[k] - 'A' + 'a');
        json_t *op = json_object_get(json_object_get(paths, r->path), method);
        if (r->page_only) {
            assert_null(op);
            continue;
        }
        api_routes++;
        if (!op)
            print_error("%s %s is not in the OpenAPI document\n", r->method, r->path);
        assert_non_null(op);
        json_t *responses = json_object_get(op, "responses");
        const char *ref = json_string_value(json_object_get(
            json_object_get(json_object_get(json_object_get(json_object_get(responses, "200"), "content"),
                                            "application/json"),
                            "schema"),
            "$ref"));
        assert_non_null(ref);
        char want_ref[128];
        snprintf(want_ref, sizeof want_ref, "#/components/schemas/%s", r->response_schema);
        assert_string_equal(ref, want_ref);
        json_t *schema = json_object_get(schemas, r->response_schema);
        if (!schema)
            print_error("schema %s of %s is missing\n", r->response_schema, r->path);
        assert_true(json_is_object(schema));
        assert_non_null(json_object_get(schema, "type"));
        /* The answers the scope rule can give are documented. */
        bool signed_in = r->scope != WEB_SCOPE_PUBLIC;
        assert_int_equal(json_object_get(responses, "401") != NULL, signed_in);
        assert_int_equal(json_object_get(responses, "403") != NULL, signed_in);
        assert_int_equal(json_object_get(responses, "404") != NULL,
                         r->scope == WEB_SCOPE_LAO || r->scope == WEB_SCOPE_PERSON);
        json_t *security = json_object_get(op, "security");
        assert_int_equal(security != NULL && json_array_size(security) == 0, !signed_in);
    }
    /* Nothing else is in the document. */
    size_t ops = 0;
    const char *key;
    json_t *item;
    json_object_foreach(paths, key, item) ops += json_object_size(item);
    assert_int_equal(ops, api_routes);

    json_decref(doc);
    web_app_free(app);
    testutil_rmtree(dir);
}

/* ---- the LAO type filter ---- */

static void test_lao_type_choices_match_database(void **state)
{
    (void)state;
    const struct web_route *r = route_find("GET", "/laos");
    assert_non_null(r);
    const char *const *choices = NULL;
    for (const struct web_param *p = r->params; p && p->name; p++)
        if (strcmp(p->name, "type") == 0)
            choices = p->choices;
    assert_non_null(choices);

    char *dir = testutil_tmpdir();
    char path[4096], errbuf[512];
    snprintf(path, sizeof path, "%s/types.db", dir);
    struct db *db = NULL;
    assert_int_equal(db_open(path, &db, errbuf, sizeof errbuf), ERR_OK);
    int applied = 0;
    assert_int_equal(migrate_up(db, &applied), ERR_OK);
    assert_int_equal(modules_seed(db, NULL), ERR_OK);
    struct db_stmt *st = NULL;
    assert_int_equal(db_prepare(db, "SELECT code FROM lao_type ORDER BY sort", &st), ERR_OK);
    size_t n = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        assert_non_null(choices[n]);
        assert_string_equal(choices[n], db_column_text(st, 0));
        n++;
    }
    assert_int_equal(rc, ERR_OK);
    assert_null(choices[n]);
    assert_true(n >= 5);
    db_finalize(st);
    db_close(db);
    testutil_rmtree(dir);
}

/* ---- display text ---- */

static void test_money_text(void **state)
{
    (void)state;
    static const struct {
        int64_t satang;
        const char *text;
    } cases[] = {
        {0, "0.00"},
        {1, "0.01"},
        {99, "0.99"},
        {100, "1.00"},
        {99999, "999.99"},
        {100000, "1,000.00"},
        {2543000, "25,430.00"},
        {99999999, "999,999.99"},
        {100000000, "1,000,000.00"},
        {-150, "-1.50"},
        {-100000, "-1,000.00"},
        {INT64_MAX, "92,233,720,368,547,758.07"},
        {INT64_MIN, "-92,233,720,368,547,758.08"},
    };
    struct arena a;
    arena_init(&a, 0);
    struct web_ctx c = {.arena = &a, .lang = "th"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        c.lang = i % 2 ? "en" : "th"; /* the same in both languages */
        assert_string_equal(web_money_text(&c, cases[i].satang), cases[i].text);
    }
    arena_release(&a);
}

static void test_date_text(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *iso, *text;
    } cases[] = {
        {"th", "1970-05-01", "1 พฤษภาคม 2513"},
        {"en", "1970-05-01", "1 May 1970"},
        {"th", "2024-02-29", "29 กุมภาพันธ์ 2567"},
        {"en", "2024-02-29", "29 February 2024"},
        {"th", "2026-09-30", "30 กันยายน 2569"},
        {"en", "2026-12-31", "31 December 2026"},
        {"th", "0001-01-01", "1 มกราคม 544"},
        {"th", "2023-02-29", "2023-02-29"}, /* not a date: shown as it is */
        {"en", "1 May 1970", "1 May 1970"},
        {"th", "", ""},
    };
    struct arena a;
    arena_init(&a, 0);
    struct web_ctx c = {.arena = &a};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        c.lang = cases[i].lang;
        assert_string_equal(web_date_text(&c, cases[i].iso), cases[i].text);
    }
    c.lang = "th";
    assert_null(web_date_text(&c, NULL));
    arena_release(&a);
}

static void test_name_and_codes(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct web_ctx c = {.arena = &a, .lang = "th"};
    json_t *both = json_pack("{s:s, s:s}", "name_th", "เชียงใหม่", "name_en", "Chiang Mai");
    json_t *thai_only = json_pack("{s:s, s:n}", "name_th", "ป่าแดด", "name_en");
    json_t *empty_en = json_pack("{s:s, s:s}", "name_th", "ป่าแดด", "name_en", "");
    json_t *none = json_object();
    assert_string_equal(web_name(&c, both, "name"), "เชียงใหม่");
    assert_string_equal(web_name(&c, thai_only, "name"), "ป่าแดด");
    assert_null(web_name(&c, none, "name"));
    c.lang = "en";
    assert_string_equal(web_name(&c, both, "name"), "Chiang Mai");
    assert_string_equal(web_name(&c, thai_only, "name"), "ป่าแดด");
    assert_string_equal(web_name(&c, empty_en, "name"), "ป่าแดด");
    assert_null(web_name(&c, none, "name"));
    json_decref(both);
    json_decref(thai_only);
    json_decref(empty_en);
    json_decref(none);

    /* Codes become catalog texts; an unknown one shows its key (never an empty cell). */
    c.lang = "th";
    assert_string_equal(web_text_of(&c, "status_", "vacant"), "ว่าง");
    assert_string_equal(web_text_of(&c, "gender_", "female"), "หญิง");
    c.lang = "en";
    assert_string_equal(web_text_of(&c, "status_", "frozen"), i18n_text("en", "status_frozen"));
    assert_string_equal(web_text_of(&c, "status_", "nonsense"), "status_nonsense");
    assert_string_equal(web_text_of(&c, "status_", NULL), "");
    arena_release(&a);
}

static void test_path_is_local(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        bool local;
    } cases[] = {
        {"/", true},
        {"/laos", true},
        {"/laos?province=50&page=2", true},
        {"/people/9#career", true},
        {"/%2F%2Fevil.example", true}, /* still a path on this site */
        {"//evil.example/", false},
        {"/\\evil.example", false},
        {"/\t/evil.example", false},
        {"/\n/evil.example", false},
        {"/a\r\nSet-Cookie: x=1", false},
        {"/a\x7f", false},
        {"https://evil.example/", false},
        {"laos", false},
        {"", false},
        {NULL, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (web_path_is_local(cases[i].path) != cases[i].local)
            print_error("case %zu: %s\n", i, cases[i].path ? cases[i].path : "(null)");
        assert_int_equal(web_path_is_local(cases[i].path), cases[i].local);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_permissions_known),
        cmocka_unit_test(test_routes_well_declared),
        cmocka_unit_test(test_expected_routes),
        cmocka_unit_test(test_openapi_lists_every_api_route),
        cmocka_unit_test(test_lao_type_choices_match_database),
        cmocka_unit_test(test_money_text),
        cmocka_unit_test(test_date_text),
        cmocka_unit_test(test_name_and_codes),
        cmocka_unit_test(test_path_is_local),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
