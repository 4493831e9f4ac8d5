/*
 * Unit tests for the pure half of the audit trail (src/modules/audit/audit.c): the canonical form and
 * its hash against a known answer computed outside this code (Python and sha256sum, as docs/AUDIT.md
 * shows), that the form is unambiguous and that every column is covered, hash syntax, entry
 * validation, canonical JSON, the timestamp format and the changed-keys helper.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/jsonx.h"
#include "modules/audit/audit.h"

/* The worked example of docs/AUDIT.md. */
static struct audit_row sample_row(void)
{
    return (struct audit_row){
        .id = "42",
        .at = "2025-06-01T03:04:05.123456Z",
        .actor_user_id = "7",
        .actor = "somchai",
        .lao_id = NULL,
        .entity = "person",
        .entity_id = "1001",
        .action = "update",
        .before = "{\"name\":\"สมชาย\"}",
        .after = "{\"name\":\"สมหญิง\"}",
        .request_id = NULL,
        .prev_hash = AUDIT_GENESIS_HASH,
        .hash = "ignored: not part of the hash input",
    };
}

static const char sample_canonical[] = "tambon-audit/1\n"
                                       "2:42\n"
                                       "27:2025-06-01T03:04:05.123456Z\n"
                                       "1:7\n"
                                       "7:somchai\n"
                                       "-\n"
                                       "6:person\n"
                                       "4:1001\n"
                                       "6:update\n"
                                       "26:{\"name\":\"สมชาย\"}\n"
                                       "29:{\"name\":\"สมหญิง\"}\n"
                                       "-\n"
                                       "64:" AUDIT_GENESIS_HASH "\n";

/* sha256sum of sample_canonical, computed with coreutils, not with this code. */
static const char sample_hash[] = "21d41427fd2ca7e67a5fd4cc813bd7b27aa437f7d3ad8b214d9720cb3ea6d509";

static void test_canonical_known_answer(void **state)
{
    (void)state;
    struct audit_row r = sample_row();
    struct buf b;
    buf_init(&b, 4096);
    assert_int_equal(audit_canonical(&r, &b), ERR_OK);
    assert_int_equal(b.len, sizeof sample_canonical - 1);
    assert_memory_equal(b.data, sample_canonical, b.len);

    char hash[AUDIT_HASH_HEX + 1];
    audit_hash(&r, hash);
    assert_string_equal(hash, sample_hash);

    /* The stored hash column is not hashed: changing it changes nothing. */
    r.hash = NULL;
    audit_hash(&r, hash);
    assert_string_equal(hash, sample_hash);
    buf_release(&b);
}

static void test_canonical_appends_and_respects_limit(void **state)
{
    (void)state;
    struct audit_row r = sample_row();
    struct buf b;
    /* Appends after what the buffer holds. */
    buf_init(&b, 4096);
    assert_int_equal(buf_appends(&b, "X"), ERR_OK);
    assert_int_equal(audit_canonical(&r, &b), ERR_OK);
    assert_int_equal(b.len, 1 + sizeof sample_canonical - 1);
    assert_memory_equal(b.data + 1, sample_canonical, b.len - 1);
    buf_release(&b);

    /* One byte short of room: ERR_TOOBIG and the buffer as it was; exactly enough: fits. */
    size_t need = sizeof sample_canonical - 1;
    buf_init(&b, 1 + need - 1);
    assert_int_equal(buf_appends(&b, "X"), ERR_OK);
    assert_int_equal(audit_canonical(&r, &b), ERR_TOOBIG);
    assert_int_equal(b.len, 1);
    assert_string_equal(buf_str(&b), "X");
    buf_release(&b);
    buf_init(&b, need);
    assert_int_equal(audit_canonical(&r, &b), ERR_OK);
    assert_int_equal(b.len, need);
    buf_release(&b);
}

/* Pointer to the field i (0..11, canonical order) of r. */
static const char **field(struct audit_row *r, int i)
{
    const char **f[] = {&r->id,     &r->at,     &r->actor_user_id, &r->actor,
                        &r->lao_id, &r->entity, &r->entity_id,     &r->action,
                        &r->before, &r->after,  &r->request_id,    &r->prev_hash};
    return f[i];
}

/* Changing any one column in any way (value, to NULL, from NULL, to "") changes the hash. */
static void test_every_column_is_hashed(void **state)
{
    (void)state;
    static const char *const replacements[] = {"x", "", NULL, "42 ", "สมชาย"};
    int changed = 0;
    for (int i = 0; i < 12; i++) {
        for (size_t k = 0; k < sizeof replacements / sizeof replacements[0]; k++) {
            struct audit_row r = sample_row();
            const char **f = field(&r, i);
            const char *old = *f;
            const char *rep = replacements[k];
            if ((old == NULL && rep == NULL) || (old && rep && strcmp(old, rep) == 0))
                continue;
            *f = rep;
            char hash[AUDIT_HASH_HEX + 1];
            audit_hash(&r, hash);
            if (strcmp(hash, sample_hash) == 0)
                print_error("column %d replaced by %s did not change the hash\n", i, rep ? rep : "NULL");
            assert_string_not_equal(hash, sample_hash);
            changed++;
        }
    }
    assert_true(changed >= 12 * 4);
}

/*
 * Pairs of rows that a naive concatenation would confuse: moving bytes between neighbouring columns,
 * NULL against "", a value that looks like the encoding of the next column.
 */
static void test_form_is_unambiguous(void **state)
{
    (void)state;
    static const struct {
        int col_a, col_b;              /* two neighbouring columns */
        const char *a1, *b1, *a2, *b2; /* first row's values, second row's values */
    } cases[] = {
        {5, 6, "ab", "c", "a", "bc"},                   /* bytes moved across a boundary */
        {5, 6, "person", NULL, "person", ""},           /* NULL is not "" */
        {6, 7, NULL, "update", "-", "update"},          /* "-" is a value, NULL is not */
        {6, 7, "1\n6:update", "x", "1", "6:update\nx"}, /* a value containing an encoded field */
        {3, 4, "a\n-", NULL, "a", "-"},                 /* a value ending in what NULL looks like */
        {8, 9, "{}", "{}", "{}\n2:{}", NULL},
        {3, 4, "10:", "x", "1", "0:x"}, /* digits and colons */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct audit_row r1 = sample_row(), r2 = sample_row();
        *field(&r1, cases[i].col_a) = cases[i].a1;
        *field(&r1, cases[i].col_b) = cases[i].b1;
        *field(&r2, cases[i].col_a) = cases[i].a2;
        *field(&r2, cases[i].col_b) = cases[i].b2;
        char h1[AUDIT_HASH_HEX + 1], h2[AUDIT_HASH_HEX + 1];
        audit_hash(&r1, h1);
        audit_hash(&r2, h2);
        if (strcmp(h1, h2) == 0)
            print_error("case %zu: two different rows hash alike\n", i);
        assert_string_not_equal(h1, h2);
    }
}

/* A row of NULLs still hashes (verification must cope with any stored row), deterministically. */
static void test_all_null_row(void **state)
{
    (void)state;
    struct audit_row r = {0};
    struct buf b;
    buf_init(&b, 1024);
    assert_int_equal(audit_canonical(&r, &b), ERR_OK);
    assert_string_equal(buf_str(&b), "tambon-audit/1\n-\n-\n-\n-\n-\n-\n-\n-\n-\n-\n-\n-\n");
    char h1[AUDIT_HASH_HEX + 1], h2[AUDIT_HASH_HEX + 1];
    audit_hash(&r, h1);
    audit_hash(&r, h2);
    assert_string_equal(h1, h2);
    assert_true(audit_hash_wellformed(h1));
    buf_release(&b);
}

static void test_hash_wellformed(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool ok;
    } cases[] = {
        {AUDIT_GENESIS_HASH, true},
        {"21d41427fd2ca7e67a5fd4cc813bd7b27aa437f7d3ad8b214d9720cb3ea6d509", true},
        {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", true},
        {"21d41427fd2ca7e67a5fd4cc813bd7b27aa437f7d3ad8b214d9720cb3ea6d50", false},   /* 63 */
        {"21d41427fd2ca7e67a5fd4cc813bd7b27aa437f7d3ad8b214d9720cb3ea6d5090", false}, /* 65 */
        {"21D41427FD2CA7E67A5FD4CC813BD7B27AA437F7D3AD8B214D9720CB3EA6D509", false},  /* upper case */
        {"g1d41427fd2ca7e67a5fd4cc813bd7b27aa437f7d3ad8b214d9720cb3ea6d509", false},  /* not hex */
        {" 1d41427fd2ca7e67a5fd4cc813bd7b27aa437f7d3ad8b214d9720cb3ea6d509", false},
        {"", false},
        {NULL, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (audit_hash_wellformed(cases[i].s) != cases[i].ok)
            print_error("case %zu: '%s'\n", i, cases[i].s ? cases[i].s : "(null)");
        assert_int_equal(audit_hash_wellformed(cases[i].s), cases[i].ok);
    }
}

static void test_entry_check(void **state)
{
    (void)state;
    json_t *obj = json_pack("{s:s}", "name", "สมชาย");
    json_t *arr = json_pack("[i]", 1);
    char label200[AUDIT_LABEL_MAX + 1], label201[AUDIT_LABEL_MAX + 2], name64[AUDIT_NAME_MAX + 1],
        name65[AUDIT_NAME_MAX + 2], req128[AUDIT_REQUEST_ID_MAX + 1], req129[AUDIT_REQUEST_ID_MAX + 2];
    memset(label200, 'a', AUDIT_LABEL_MAX);
    label200[AUDIT_LABEL_MAX] = '\0';
    memset(label201, 'a', AUDIT_LABEL_MAX + 1);
    label201[AUDIT_LABEL_MAX + 1] = '\0';
    memset(name64, 'a', AUDIT_NAME_MAX);
    name64[AUDIT_NAME_MAX] = '\0';
    memset(name65, 'a', AUDIT_NAME_MAX + 1);
    name65[AUDIT_NAME_MAX + 1] = '\0';
    memset(req128, 'r', AUDIT_REQUEST_ID_MAX);
    req128[AUDIT_REQUEST_ID_MAX] = '\0';
    memset(req129, 'r', AUDIT_REQUEST_ID_MAX + 1);
    req129[AUDIT_REQUEST_ID_MAX + 1] = '\0';

    const struct audit_entry good = {0, "system", 0, "person", "1", "create", NULL, obj, NULL};
    struct {
        const char *what;
        struct audit_entry e;
        int want;
    } cases[] = {
        {"minimal create", good, ERR_OK},
        {"update with both", {5, "somchai", 3, "person", "1", "update", obj, obj, "req-1"}, ERR_OK},
        {"delete with before", {5, "somchai", 3, "person", "1", "delete", obj, NULL, NULL}, ERR_OK},
        {"named action, nothing", {5, "somchai", 0, "session", NULL, "login", NULL, NULL, NULL}, ERR_OK},
        {"named action, both", {0, "cli:root", 0, "role_grant", "9", "grant", obj, obj, NULL}, ERR_OK},
        {"Thai actor", {0, "สมชาย ใจดี", 0, "note", NULL, "note", NULL, obj, NULL}, ERR_OK},
        {"longest labels and names", {0, label200, 0, name64, label200, name64, NULL, NULL, req128}, ERR_OK},
        {"name with digits, underscore", {0, "a", 0, "role_grant2", "x", "set_2", NULL, NULL, NULL}, ERR_OK},
        {"no actor", {0, NULL, 0, "person", "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"empty actor", {0, "", 0, "person", "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"actor too long", {0, label201, 0, "person", "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"actor with newline", {0, "a\nb", 0, "person", "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"actor with DEL", {0, "a\x7f", 0, "person", "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"actor with C1 control", {0, "a\xc2\x85", 0, "person", "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"actor not UTF-8", {0, "a\xe0\xb8", 0, "person", "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"no entity", {0, "a", 0, NULL, "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"entity upper case", {0, "a", 0, "Person", "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"entity starts with digit", {0, "a", 0, "1person", "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"entity with space", {0, "a", 0, "per son", "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"entity too long", {0, "a", 0, name65, "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"no action", {0, "a", 0, "person", "1", NULL, NULL, obj, NULL}, ERR_INVAL},
        {"empty action", {0, "a", 0, "person", "1", "", NULL, obj, NULL}, ERR_INVAL},
        {"action too long", {0, "a", 0, "person", "1", name65, NULL, NULL, NULL}, ERR_INVAL},
        {"empty entity_id", {0, "a", 0, "person", "", "create", NULL, obj, NULL}, ERR_INVAL},
        {"entity_id too long", {0, "a", 0, "person", label201, "create", NULL, obj, NULL}, ERR_INVAL},
        {"entity_id with tab", {0, "a", 0, "person", "1\t2", "create", NULL, obj, NULL}, ERR_INVAL},
        {"negative user", {-1, "a", 0, "person", "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"negative LAO", {0, "a", -3, "person", "1", "create", NULL, obj, NULL}, ERR_INVAL},
        {"empty request id", {0, "a", 0, "person", "1", "create", NULL, obj, ""}, ERR_INVAL},
        {"request id with space", {0, "a", 0, "person", "1", "create", NULL, obj, "a b"}, ERR_INVAL},
        {"request id not ASCII", {0, "a", 0, "person", "1", "create", NULL, obj, "ก"}, ERR_INVAL},
        {"request id too long", {0, "a", 0, "person", "1", "create", NULL, obj, req129}, ERR_INVAL},
        {"create with before", {0, "a", 0, "person", "1", "create", obj, obj, NULL}, ERR_INVAL},
        {"create without after", {0, "a", 0, "person", "1", "create", NULL, NULL, NULL}, ERR_INVAL},
        {"update without before", {0, "a", 0, "person", "1", "update", NULL, obj, NULL}, ERR_INVAL},
        {"update without after", {0, "a", 0, "person", "1", "update", obj, NULL, NULL}, ERR_INVAL},
        {"delete with after", {0, "a", 0, "person", "1", "delete", obj, obj, NULL}, ERR_INVAL},
        {"delete without before", {0, "a", 0, "person", "1", "delete", NULL, NULL, NULL}, ERR_INVAL},
        {"after not an object", {0, "a", 0, "person", "1", "create", NULL, arr, NULL}, ERR_INVAL},
        {"before not an object", {0, "a", 0, "person", "1", "note", arr, NULL, NULL}, ERR_INVAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = audit_entry_check(&cases[i].e);
        if (rc != cases[i].want)
            print_error("case '%s': got %s, want %s\n", cases[i].what, err_name(rc), err_name(cases[i].want));
        assert_int_equal(rc, cases[i].want);
    }
    assert_int_equal(audit_entry_check(NULL), ERR_INVAL);
    json_decref(obj);
    json_decref(arr);
}

static void test_json_text(void **state)
{
    (void)state;
    char *text = (char *)"untouched";
    assert_int_equal(audit_json_text(NULL, &text), ERR_OK);
    assert_null(text);

    /* Sorted keys, compact, Thai kept as UTF-8 (not \u escapes), integers exact. */
    json_t *v = json_pack("{s:s,s:I,s:[i,s],s:n,s:b}", "z_name", "สมชาย", "a_id",
                          (json_int_t)9007199254740993LL, "m_list", 1, "x/y", "nothing", "b", 0);
    assert_int_equal(audit_json_text(v, &text), ERR_OK);
    assert_string_equal(text,
                        "{\"a_id\":9007199254740993,\"b\":false,\"m_list\":[1,\"x/y\"],\"nothing\":null,"
                        "\"z_name\":\"สมชาย\"}");
    free(text);
    json_decref(v);

    /* The same object built in another order gives the same text. */
    json_t *a = json_pack("{s:i,s:i,s:i}", "c", 3, "a", 1, "b", 2);
    json_t *b = json_pack("{s:i,s:i,s:i}", "b", 2, "c", 3, "a", 1);
    char *ta, *tb;
    assert_int_equal(audit_json_text(a, &ta), ERR_OK);
    assert_int_equal(audit_json_text(b, &tb), ERR_OK);
    assert_string_equal(ta, tb);
    free(ta);
    free(tb);
    json_decref(a);
    json_decref(b);

    /* Size limit: {"k":"<n x>"} is n + 8 bytes. Exactly AUDIT_JSON_MAX passes, one more does not. */
    size_t n = AUDIT_JSON_MAX - 8;
    char *big = malloc(n + 2);
    assert_non_null(big);
    memset(big, 'x', n + 1);
    big[n] = '\0';
    json_t *ok = json_pack("{s:s}", "k", big);
    assert_int_equal(audit_json_text(ok, &text), ERR_OK);
    assert_int_equal(strlen(text), AUDIT_JSON_MAX);
    free(text);
    big[n] = 'x';
    big[n + 1] = '\0';
    json_t *too = json_pack("{s:s}", "k", big);
    text = (char *)"untouched";
    assert_int_equal(audit_json_text(too, &text), ERR_TOOBIG);
    assert_null(text);
    json_decref(ok);
    json_decref(too);
    free(big);
}

static void test_format_time(void **state)
{
    (void)state;
    static const struct {
        int64_t seconds;
        int32_t micros;
        const char *want;
    } cases[] = {
        {0, 0, "1970-01-01T00:00:00.000000Z"},
        {1750000000, 123456, "2025-06-15T15:06:40.123456Z"},
        {1704067199, 999999, "2023-12-31T23:59:59.999999Z"},
        {1704067200, 1, "2024-01-01T00:00:00.000001Z"},
        {951782400, 0, "2000-02-29T00:00:00.000000Z"},
        {-1, 500000, "1969-12-31T23:59:59.500000Z"},
        {-86400, 0, "1969-12-31T00:00:00.000000Z"},
        {253402300799, 0, "9999-12-31T23:59:59.000000Z"},
        {253402300800, 0, "9999-12-31T23:59:59.000000Z"}, /* clamped */
        {INT64_MAX, 0, "9999-12-31T23:59:59.000000Z"},
        {-62135596800, 0, "0001-01-01T00:00:00.000000Z"},
        {-62135596801, 0, "0001-01-01T00:00:00.000000Z"}, /* clamped */
        {INT64_MIN, 0, "0001-01-01T00:00:00.000000Z"},
        {0, -5, "1970-01-01T00:00:00.000000Z"}, /* micros clamped */
        {0, 1000000, "1970-01-01T00:00:00.999999Z"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[AUDIT_AT_LEN + 1];
        memset(out, '#', sizeof out);
        audit_format_time(cases[i].seconds, cases[i].micros, out);
        assert_int_equal(strlen(out), AUDIT_AT_LEN);
        assert_string_equal(out, cases[i].want);
    }
}

static void test_changes(void **state)
{
    (void)state;
    static const struct {
        const char *before, *after; /* JSON text; NULL for no object */
        const char *want;           /* canonical JSON of the changes */
    } cases[] = {
        {"{\"a\":1,\"b\":\"x\"}", "{\"a\":1,\"b\":\"x\"}", "{}"},
        {"{\"a\":1,\"b\":\"x\"}", "{\"a\":2,\"b\":\"x\"}", "{\"a\":[1,2]}"},
        {"{\"a\":1}", "{\"a\":1,\"c\":true}", "{\"c\":[null,true]}"},
        {"{\"a\":1,\"c\":true}", "{\"a\":1}", "{\"c\":[true,null]}"},
        {"{\"a\":null}", "{}", "{\"a\":[null,null]}"},   /* a key that disappears is a change */
        {"{\"a\":1}", "{\"a\":1.0}", "{\"a\":[1,1.0]}"}, /* integer and real differ */
        {"{\"n\":{\"x\":[1,2]}}", "{\"n\":{\"x\":[1,2]}}", "{}"},
        {"{\"n\":{\"x\":[1,2]}}", "{\"n\":{\"x\":[2,1]}}", "{\"n\":[{\"x\":[1,2]},{\"x\":[2,1]}]}"},
        {"{\"name\":\"สมชาย\"}", "{\"name\":\"สมหญิง\"}", "{\"name\":[\"สมชาย\",\"สมหญิง\"]}"},
        {NULL, "{\"a\":1}", "{\"a\":[null,1]}"},
        {"{\"a\":1}", NULL, "{\"a\":[1,null]}"},
        {NULL, NULL, "{}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *b = cases[i].before ? json_loads(cases[i].before, 0, NULL) : NULL;
        json_t *a = cases[i].after ? json_loads(cases[i].after, 0, NULL) : NULL;
        json_t *out = NULL;
        assert_int_equal(audit_changes(b, a, &out), ERR_OK);
        char *text = jsonx_dump(out);
        if (strcmp(text, cases[i].want) != 0)
            print_error("case %zu: got %s, want %s\n", i, text, cases[i].want);
        assert_string_equal(text, cases[i].want);
        free(text);
        json_decref(out);
        json_decref(a);
        json_decref(b);
    }
    json_t *arr = json_array(), *obj = json_object(), *out = NULL;
    assert_int_equal(audit_changes(arr, obj, &out), ERR_INVAL);
    assert_null(out);
    assert_int_equal(audit_changes(obj, arr, &out), ERR_INVAL);
    assert_null(out);
    json_decref(arr);
    json_decref(obj);
}

static void test_problem_texts(void **state)
{
    (void)state;
    const enum audit_problem all[] = {AUDIT_INTACT, AUDIT_CONTENT, AUDIT_LINK, AUDIT_HEAD_MISSING};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        /* Each problem has its own wording in both languages. */
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(audit_problem_text(all[i]), audit_problem_text(all[j]));
            assert_string_not_equal(audit_problem_text_th(all[i]), audit_problem_text_th(all[j]));
        }
    }
    assert_non_null(strstr(audit_problem_text(AUDIT_CONTENT), "edited"));
    assert_non_null(strstr(audit_problem_text(AUDIT_LINK), "removed"));
    assert_non_null(audit_problem_text((enum audit_problem)99));
    assert_non_null(audit_problem_text_th((enum audit_problem)99));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_known_answer),
        cmocka_unit_test(test_canonical_appends_and_respects_limit),
        cmocka_unit_test(test_every_column_is_hashed),
        cmocka_unit_test(test_form_is_unambiguous),
        cmocka_unit_test(test_all_null_row),
        cmocka_unit_test(test_hash_wellformed),
        cmocka_unit_test(test_entry_check),
        cmocka_unit_test(test_json_text),
        cmocka_unit_test(test_format_time),
        cmocka_unit_test(test_changes),
        cmocka_unit_test(test_problem_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
