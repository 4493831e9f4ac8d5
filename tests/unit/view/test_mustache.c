/*
 * Unit tests for view/mustache and view/html beyond the specification suite: Thai text byte for
 * byte, escaping of every special character, values of each JSON type, truthiness, parse errors with
 * their line and column, bounded output, recursion limits, start-up checks of partial names, a
 * page inside a layout, and one compiled template rendered from several threads at once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/jsonx.h"
#include "view/html.h"
#include "view/mustache.h"

/* ---- helpers ---- */

struct named {
    const char *name;
    struct mustache *t;
};

struct partial_set {
    struct named items[8];
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

static struct mustache *compile_ok(const char *src)
{
    struct mustache *t = NULL;
    struct buf err;
    buf_init(&err, 1024);
    int rc = mustache_compile(src, strlen(src), &t, &err);
    if (rc != ERR_OK)
        fail_msg("template %s does not compile: %s", src, buf_str(&err));
    buf_release(&err);
    return t;
}

static void set_add(struct partial_set *set, const char *name, const char *src)
{
    assert_true(set->n < sizeof set->items / sizeof set->items[0]);
    set->items[set->n].name = name;
    set->items[set->n].t = compile_ok(src);
    set->n++;
}

static void set_release(struct partial_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        mustache_free(set->items[i].t);
    set->n = 0;
}

static json_t *parse_json(const char *text)
{
    json_t *v = NULL;
    struct buf err;
    buf_init(&err, 1024);
    if (jsonx_parse(text, strlen(text), &v, &err) != ERR_OK)
        fail_msg("bad test JSON %s: %s", text, buf_str(&err));
    buf_release(&err);
    return v;
}

/* Renders src with the JSON data (and partials, may be NULL) and compares with want. */
static void expect_render(const char *src, const char *data, const struct partial_set *set, const char *want)
{
    struct mustache *t = compile_ok(src);
    json_t *ctx = parse_json(data);
    struct mustache_partials p = {.lookup = set_lookup, .data = (void *)set};
    struct buf out;
    buf_init(&out, 1 << 16);
    int rc = mustache_render(t, ctx, set ? &p : NULL, &out);
    if (rc != ERR_OK)
        fail_msg("render of %s failed: %s", src, err_name(rc));
    if (strcmp(buf_str(&out), want) != 0)
        fail_msg("template %s with %s\n  want [%s]\n  got  [%s]", src, data, want, buf_str(&out));
    assert_int_equal(out.len, strlen(want));
    buf_release(&out);
    json_decref(ctx);
    mustache_free(t);
}

/* ---- Thai text ---- */

static void test_thai_passes_through(void **state)
{
    (void)state;
    /* Literal Thai, Thai keys, Thai values, tone marks stacked on vowels, Thai digits. */
    expect_render("<h1>{{ชื่อ}} {{นามสกุล}}</h1>", "{\"ชื่อ\": \"สมชาย\", \"นามสกุล\": \"ใจดี\"}", NULL,
                  "<h1>สมชาย ใจดี</h1>");
    expect_render("ตำแหน่ง: {{pos}} ({{level}})\n", "{\"pos\": \"นักวิชาการคอมพิวเตอร์\", \"level\": \"ชำนาญการพิเศษ\"}",
                  NULL, "ตำแหน่ง: นักวิชาการคอมพิวเตอร์ (ชำนาญการพิเศษ)\n");
    expect_render("{{#staff}}- {{name}} ที่ {{lao}}\n{{/staff}}",
                  "{\"staff\": [{\"name\": \"กิตติ\", \"lao\": \"อบต.บ้านใหม่\"}, {\"name\": \"แก้ว\", \"lao\": \"เทศบาลตำบลท่าช้าง\"}]}",
                  NULL, "- กิตติ ที่ อบต.บ้านใหม่\n- แก้ว ที่ เทศบาลตำบลท่าช้าง\n");
    expect_render("{{{x}}}|{{x}}", "{\"x\": \"๑๒๓ ปี พ.ศ. ๒๕๖๙\"}", NULL, "๑๒๓ ปี พ.ศ. ๒๕๖๙|๑๒๓ ปี พ.ศ. ๒๕๖๙");

    /* Byte for byte, including a value that holds every Thai consonant and mark. */
    const char *all = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮฯะัาำิีึืฺุู฿เแโใไๅๆ็่้๊๋์ํ๎๏๐๑๒๓๔๕๖๗๘๙๚๛";
    json_t *ctx = json_pack("{s:s}", "v", all);
    struct mustache *t = compile_ok("{{v}}");
    struct buf out;
    buf_init(&out, 4096);
    assert_int_equal(mustache_render(t, ctx, NULL, &out), ERR_OK);
    assert_int_equal(out.len, strlen(all));
    assert_memory_equal(out.data, all, out.len);
    buf_release(&out);
    mustache_free(t);
    json_decref(ctx);
}

/* ---- escaping ---- */

static const struct {
    const char *in;
    const char *escaped;
} escapes[] = {
    {"", ""},
    {"plain", "plain"},
    {"&", "&amp;"},
    {"<", "&lt;"},
    {">", "&gt;"},
    {"\"", "&quot;"},
    {"'", "&#39;"},
    {"a&b", "a&amp;b"},
    {"<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"},
    {"\" onmouseover=\"x", "&quot; onmouseover=&quot;x"},
    {"&amp;", "&amp;amp;"}, /* escaped once more: values are text, not HTML */
    {"<<>>", "&lt;&lt;&gt;&gt;"},
    {"สมชาย & สมศรี", "สมชาย &amp; สมศรี"},
    {"/ = ` {{x}}", "/ = ` {{x}}"}, /* not special; template tags in data stay data */
};

static void test_escaping(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++) {
        json_t *ctx = json_pack("{s:s}", "v", escapes[i].in);
        char *data = json_dumps(ctx, 0);
        char want[256];
        snprintf(want, sizeof want, "[%s][%s][%s][%s]", escapes[i].escaped, escapes[i].in, escapes[i].in,
                 escapes[i].escaped);
        expect_render("[{{v}}][{{{v}}}][{{& v}}][{{#v}}{{.}}{{/v}}]", data, NULL, want);
        /* html_escape directly gives the same. */
        struct buf b;
        buf_init(&b, 256);
        assert_int_equal(html_escape(&b, escapes[i].in, strlen(escapes[i].in)), ERR_OK);
        assert_string_equal(buf_str(&b), escapes[i].escaped);
        buf_release(&b);
        free(data);
        json_decref(ctx);
    }
}

static void test_html_escape_limits(void **state)
{
    (void)state;
    /* "a<b" escapes to "a&lt;b" (6 bytes): every max below 6 fails and leaves the buffer as it was. */
    for (size_t max = 0; max <= 8; max++) {
        struct buf b;
        buf_init(&b, max);
        int rc = html_escape(&b, "a<b", 3);
        if (max < 6) {
            assert_int_equal(rc, ERR_TOOBIG);
            assert_int_equal(b.len, 0);
            assert_string_equal(buf_str(&b), "");
        } else {
            assert_int_equal(rc, ERR_OK);
            assert_string_equal(buf_str(&b), "a&lt;b");
        }
        buf_release(&b);
    }
    /* Appends after what is there; a failure keeps the earlier content. */
    struct buf b;
    buf_init(&b, 9);
    assert_int_equal(buf_appends(&b, "xy"), ERR_OK);
    assert_int_equal(html_escape(&b, "<<", 2), ERR_TOOBIG);
    assert_string_equal(buf_str(&b), "xy");
    assert_int_equal(html_escape(&b, "<", 1), ERR_OK);
    assert_string_equal(buf_str(&b), "xy&lt;");
    /* NUL bytes inside a value are copied, not treated as an end. */
    assert_int_equal(html_escape(&b, "a\0b", 3), ERR_OK);
    assert_int_equal(b.len, 9);
    assert_memory_equal(b.data, "xy&lt;a\0b", 9);
    buf_release(&b);
}

/* ---- values and truthiness ---- */

static const struct {
    const char *json; /* the value of "v" */
    const char *text; /* {{v}} */
    bool truthy;      /* {{#v}} shows, {{^v}} hides */
} values[] = {
    {"\"x\"", "x", true},
    {"\"\"", "", false},
    {"\"0\"", "0", true},
    {"\"false\"", "false", true},
    {"0", "0", true},
    {"-7", "-7", true},
    {"42", "42", true},
    {"9223372036854775807", "9223372036854775807", true},
    {"-9223372036854775808", "-9223372036854775808", true},
    {"1.5", "1.5", true},
    {"1.21", "1.21", true},
    {"0.1", "0.1", true},
    {"2.0", "2", true},
    {"-0.25", "-0.25", true},
    {"0.0", "0", true},
    {"1e300", "1e+300", true},
    {"123456.789", "123456.789", true},
    {"0.30000000000000004", "0.30000000000000004", true},
    {"true", "true", true},
    {"false", "false", false},
    {"null", "", false},
    {"[]", "", false},
    {"[0]", "", true},
    {"{}", "", true},
    {"{\"a\": 1}", "", true},
};

static void test_values(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        char data[128], want[128];
        snprintf(data, sizeof data, "{\"v\": %s}", values[i].json);
        snprintf(want, sizeof want, "<%s>%s%s", values[i].text, values[i].truthy ? "S" : "", values[i].truthy ? "" : "I");
        expect_render("<{{v}}>{{#v}}S{{/v}}{{^v}}I{{/v}}", data, NULL, want);
    }
    /* A missing name is falsey and prints nothing. */
    expect_render("<{{v}}>{{#v}}S{{/v}}{{^v}}I{{/v}}", "{}", NULL, "<>I");
    /* A NULL context renders like an empty one. */
    struct mustache *t = compile_ok("a{{x}}b{{^x}}c{{/x}}");
    struct buf out;
    buf_init(&out, 64);
    assert_int_equal(mustache_render(t, NULL, NULL, &out), ERR_OK);
    assert_string_equal(buf_str(&out), "abc");
    buf_release(&out);
    mustache_free(t);
}

static void test_context_stack(void **state)
{
    (void)state;
    const char *data = "{\"name\": \"outer\", \"org\": {\"name\": \"อบต.\", \"head\": {\"title\": \"นายก\"}},"
                       " \"list\": [{\"name\": \"a\"}, {\"other\": 1}], \"n\": 3}";
    /* Names fall through to outer contexts; the current one wins. */
    expect_render("{{#org}}{{name}}/{{n}}{{/org}}", data, NULL, "อบต./3");
    expect_render("{{#list}}[{{name}}]{{/list}}", data, NULL, "[a][outer]");
    /* Dotted names: the first part is looked up through the stack, the rest only inside it. */
    expect_render("{{org.head.title}}|{{#list}}{{org.name}}{{/list}}", data, NULL, "นายก|อบต.อบต.");
    expect_render("{{#org}}{{head.name}}{{/org}}", data, NULL, "");
    /* The implicit iterator is the current value. */
    expect_render("{{#n}}{{.}}{{/n}}|{{#list}}{{#.}}x{{/.}}{{/list}}", data, NULL, "3|xx");
    /* The root itself may be a list. */
    expect_render("{{#.}}<{{.}}>{{/.}}", "[1, \"ก\", true]", NULL, "<1><ก><true>");
}

/* ---- parse errors ---- */

static const struct {
    const char *src;
    int rc;
    const char *msg; /* the start of the message, with its position */
} bad[] = {
    {"{{#a}}x", ERR_INVAL, "line 1, column 1: section \"a\" is never closed"},
    {"x\n  {{^items}}\n", ERR_INVAL, "line 2, column 3: section \"items\" is never closed"},
    {"{{<layout}}", ERR_INVAL, "line 1, column 1: parent \"layout\" is never closed"},
    {"{{$body}}", ERR_INVAL, "line 1, column 1: block \"body\" is never closed"},
    {"a\nb\n  {{#a}}{{/b}}", ERR_INVAL,
     "line 3, column 9: close tag \"b\" does not match \"a\" opened at line 3, column 3"},
    {"{{#a}}{{#b}}{{/a}}{{/b}}", ERR_INVAL,
     "line 1, column 13: close tag \"a\" does not match \"b\" opened at line 1, column 7"},
    {"ok {{/a}}", ERR_INVAL, "line 1, column 4: close tag {{/a}} has no open section"},
    {"สวัสดี {{#x}}", ERR_INVAL, "line 1, column 8: section \"x\" is never closed"},
    {"ชื่อ\nตำแหน่ง {{name", ERR_INVAL, "line 2, column 9: tag is not closed: missing }}"},
    {"{{{name}}", ERR_INVAL, "line 1, column 1: tag {{{ is not closed with }}}"},
    {"{{=<% %>=}}<%name", ERR_INVAL, "line 1, column 12: tag is not closed: missing %>"},
    {"{{=<% %>}}", ERR_INVAL, "line 1, column 1: bad delimiter change: expected {{=open close=}}"},
    {"{{= <% =}}", ERR_INVAL, "line 1, column 1: bad delimiter change: expected two delimiters"},
    {"{{= a b c =}}", ERR_INVAL, "line 1, column 1: bad delimiter change: expected two delimiters"},
    {"{{==}}", ERR_INVAL, "line 1, column 1: bad delimiter change"},
    {"{{=}}", ERR_INVAL, "line 1, column 1: bad delimiter change"},
    {"{{=<= =>=}}", ERR_INVAL, "line 1, column 1: bad delimiter change: a delimiter may not contain '='"},
    {"{{}}", ERR_INVAL, "line 1, column 1: empty tag name"},
    {"{{ }}", ERR_INVAL, "line 1, column 1: empty tag name"},
    {"{{#}}", ERR_INVAL, "line 1, column 1: empty tag name"},
    {"{{>}}", ERR_INVAL, "line 1, column 1: empty tag name"},
    {"{{{}}}", ERR_INVAL, "line 1, column 1: empty tag name"},
    {"{{a b}}", ERR_INVAL, "line 1, column 1: tag name \"a b\" contains white space"},
    {"{{a..b}}", ERR_INVAL, "line 1, column 1: bad name \"a..b\": empty part between dots"},
    {"{{.a}}", ERR_INVAL, "line 1, column 1: bad name \".a\""},
    {"{{a.}}", ERR_INVAL, "line 1, column 1: bad name \"a.\""},
    {"{{#a.}}{{/a.}}", ERR_INVAL, "line 1, column 1: bad name \"a.\""},
    {"{{>*a..b}}", ERR_INVAL, "line 1, column 1: bad name \"a..b\""},
};

static void test_parse_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct mustache *t = (struct mustache *)&t; /* must be reset to NULL */
        struct buf err;
        buf_init(&err, 1024);
        int rc = mustache_compile(bad[i].src, strlen(bad[i].src), &t, &err);
        if (rc != bad[i].rc || strncmp(buf_str(&err), bad[i].msg, strlen(bad[i].msg)) != 0)
            fail_msg("%s: want %s \"%s\", got %s \"%s\"", bad[i].src, err_name(bad[i].rc), bad[i].msg, err_name(rc),
                     buf_str(&err));
        assert_null(t);
        /* Without an error buffer the result is the same. */
        assert_int_equal(mustache_compile(bad[i].src, strlen(bad[i].src), &t, NULL), bad[i].rc);
        assert_null(t);
        buf_release(&err);
    }
}

/* Templates that look odd but are valid. */
static void test_valid_edges(void **state)
{
    (void)state;
    expect_render("", "{}", NULL, "");
    expect_render("no tags at all\n", "{}", NULL, "no tags at all\n");
    expect_render("a } b }} c {", "{}", NULL, "a } b }} c {");
    expect_render("{{! a comment with {{ and } inside }}x", "{}", NULL, "x");
    expect_render("{{=| |=}}|x| {{x}} |={{ }}=|{{x}}", "{\"x\": 1}", NULL, "1 {{x}} 1");
    expect_render("{{ x }}{{{ x }}}{{&x}}", "{\"x\": \"<\"}", NULL, "&lt;<<");
    expect_render("{{#a}}{{/a}}", "{\"a\": true}", NULL, "");
}

static void test_limits(void **state)
{
    (void)state;
    /* MUSTACHE_MAX_NESTING sections compile; one more does not. */
    for (int depth = MUSTACHE_MAX_NESTING; depth <= MUSTACHE_MAX_NESTING + 1; depth++) {
        struct buf src;
        buf_init(&src, 1 << 16);
        for (int i = 0; i < depth; i++)
            assert_int_equal(buf_appends(&src, "{{#a}}"), ERR_OK);
        assert_int_equal(buf_appends(&src, "{{x}}"), ERR_OK);
        for (int i = 0; i < depth; i++)
            assert_int_equal(buf_appends(&src, "{{/a}}"), ERR_OK);
        struct mustache *t = NULL;
        struct buf err;
        buf_init(&err, 256);
        int rc = mustache_compile(src.data, src.len, &t, &err);
        if (depth <= MUSTACHE_MAX_NESTING) {
            assert_int_equal(rc, ERR_OK);
            json_t *ctx = parse_json("{\"a\": true, \"x\": \"deep\"}");
            struct buf out;
            buf_init(&out, 64);
            assert_int_equal(mustache_render(t, ctx, NULL, &out), ERR_OK);
            assert_string_equal(buf_str(&out), "deep");
            buf_release(&out);
            json_decref(ctx);
        } else {
            assert_int_equal(rc, ERR_TOOBIG);
            assert_non_null(strstr(buf_str(&err), "nested deeper than"));
        }
        mustache_free(t);
        buf_release(&err);
        buf_release(&src);
    }

    /* The largest source is accepted; one byte more is refused. */
    size_t n = MUSTACHE_MAX_SOURCE + 1;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 'x', n);
    struct mustache *t = NULL;
    assert_int_equal(mustache_compile(big, n, &t, NULL), ERR_TOOBIG);
    assert_null(t);
    assert_int_equal(mustache_compile(big, n - 1, &t, NULL), ERR_OK);
    assert_non_null(t);
    mustache_free(t);
    free(big);
}

/* The source is copied: the caller may free it right after compiling (ASan checks). */
static void test_source_copied(void **state)
{
    (void)state;
    char *src = strdup("Hello {{who}}!\n");
    struct mustache *t = NULL;
    assert_int_equal(mustache_compile(src, strlen(src), &t, NULL), ERR_OK);
    memset(src, '#', strlen(src));
    free(src);
    json_t *ctx = json_pack("{s:s}", "who", "ชาวตำบล");
    struct buf out;
    buf_init(&out, 64);
    assert_int_equal(mustache_render(t, ctx, NULL, &out), ERR_OK);
    assert_string_equal(buf_str(&out), "Hello ชาวตำบล!\n");
    buf_release(&out);
    json_decref(ctx);
    mustache_free(t);
    mustache_free(NULL);
}

/* ---- bounded output ---- */

static void test_output_limit(void **state)
{
    (void)state;
    struct mustache *t = compile_ok("<ul>{{#xs}}<li>{{.}}</li>{{/xs}}</ul>");
    json_t *ctx = parse_json("{\"xs\": [\"ก\", \"<b>\", \"c\"]}");
    const char *want = "<ul><li>ก</li><li>&lt;b&gt;</li><li>c</li></ul>";
    size_t wlen = strlen(want);
    /* Every maximum below the full length fails cleanly; the full length and more succeed. The
     * buffer starts with a prefix that must survive a failure untouched. */
    for (size_t max = 3; max <= wlen + 3 + 2; max++) {
        struct buf out;
        buf_init(&out, max);
        assert_int_equal(buf_appends(&out, "pre"), ERR_OK);
        int rc = mustache_render(t, ctx, NULL, &out);
        if (max < wlen + 3) {
            assert_int_equal(rc, ERR_TOOBIG);
            assert_int_equal(out.len, 3);
            assert_string_equal(buf_str(&out), "pre");
        } else {
            assert_int_equal(rc, ERR_OK);
            assert_int_equal(out.len, wlen + 3);
            assert_string_equal(buf_str(&out) + 3, want);
        }
        buf_release(&out);
    }
    json_decref(ctx);
    mustache_free(t);
}

/* ---- partials and recursion ---- */

static void test_partial_recursion_limit(void **state)
{
    (void)state;
    struct partial_set set = {.n = 0};
    set_add(&set, "self", "x{{>self}}");
    set_add(&set, "node", "({{name}}{{#kids}}{{>node}}{{/kids}})");
    struct mustache_partials p = {.lookup = set_lookup, .data = &set};

    /* A partial that includes itself without end stops with ERR_RANGE and leaves out as it was. */
    struct mustache *t = compile_ok("{{>self}}");
    for (unsigned limit = 0; limit <= 3; limit++) {
        p.max_depth = limit;
        struct buf out;
        buf_init(&out, 1 << 20);
        assert_int_equal(buf_appends(&out, "keep"), ERR_OK);
        assert_int_equal(mustache_render(t, NULL, &p, &out), ERR_RANGE);
        assert_string_equal(buf_str(&out), "keep");
        buf_release(&out);
    }
    /* A huge limit is capped, so the stack still cannot run out. */
    p.max_depth = 1000000;
    struct buf big;
    buf_init(&big, 1 << 20);
    assert_int_equal(mustache_render(t, NULL, &p, &big), ERR_RANGE);
    buf_release(&big);
    mustache_free(t);

    /* A tree rendered by a recursive partial: depth d needs d levels; the limit is exact. */
    t = compile_ok("{{>node}}");
    for (unsigned depth = 1; depth <= 5; depth++) {
        /* Leaves carry "kids": [] explicitly: a missing key would be found in the parent's context
         * and recurse for ever (which the limit then stops). */
        json_t *root = json_pack("{s:s,s:[]}", "name", "n0", "kids");
        json_t *cur = root;
        for (unsigned i = 1; i < depth; i++) {
            char name[8];
            snprintf(name, sizeof name, "n%u", i);
            json_t *kid = json_pack("{s:s,s:[]}", "name", name, "kids");
            json_object_set_new(cur, "kids", json_pack("[o]", kid));
            cur = kid;
        }
        for (unsigned limit = 1; limit <= 5; limit++) {
            p.max_depth = limit;
            struct buf out;
            buf_init(&out, 1024);
            int rc = mustache_render(t, root, &p, &out);
            if (depth <= limit) {
                if (rc != ERR_OK)
                    fail_msg("depth %u limit %u: %s", depth, limit, err_name(rc));
                assert_int_equal(out.len, depth * 2 + depth * 2); /* "(nX" ... ")" per level */
            } else {
                assert_int_equal(rc, ERR_RANGE);
                assert_int_equal(out.len, 0);
            }
            buf_release(&out);
        }
        json_decref(root);
    }
    mustache_free(t);

    /* The default limit (0) is MUSTACHE_DEFAULT_DEPTH. */
    p.max_depth = 0;
    t = compile_ok("{{>self}}");
    struct buf out;
    buf_init(&out, 1 << 20);
    assert_int_equal(mustache_render(t, NULL, &p, &out), ERR_RANGE);
    buf_release(&out);
    mustache_free(t);

    /* An override that contains its own block again is caught the same way. */
    set_add(&set, "base", "[{{$b}}default{{/b}}]");
    t = compile_ok("{{<base}}{{$b}}again {{$b}}{{/b}}{{/b}}{{/base}}");
    buf_init(&out, 1 << 20);
    assert_int_equal(mustache_render(t, NULL, &p, &out), ERR_RANGE);
    buf_release(&out);
    mustache_free(t);
    set_release(&set);
}

static void test_partials(void **state)
{
    (void)state;
    struct partial_set set = {.n = 0};
    set_add(&set, "row", "<tr><td>{{name}}</td></tr>\n");
    set_add(&set, "list", "<ul>\n{{#items}}\n  <li>{{.}}</li>\n{{/items}}\n</ul>\n");
    /* Standalone partials are indented line by line; values are not re-indented. */
    expect_render("<table>\n  {{#people}}\n  {{>row}}\n  {{/people}}\n</table>\n",
                  "{\"people\": [{\"name\": \"ก\"}, {\"name\": \"ข\"}]}", &set,
                  "<table>\n  <tr><td>ก</td></tr>\n  <tr><td>ข</td></tr>\n</table>\n");
    expect_render("<div>\n    {{>list}}\n</div>\n", "{\"items\": [\"a\", \"b\\nc\"]}", &set,
                  "<div>\n    <ul>\n      <li>a</li>\n      <li>b\nc</li>\n    </ul>\n</div>\n");
    /* Empty lines of an indented partial get no trailing white space; a partial used inline
     * inside an indented one indents its own lines the same way. */
    set_add(&set, "para", "<p>\n\n{{>inline}}</p>\n");
    set_add(&set, "inline", "<b>\n</b>");
    expect_render("<div>\n  {{>para}}\n</div>\n", "{}", &set, "<div>\n  <p>\n\n  <b>\n  </b></p>\n</div>\n");
    /* Missing partials render as nothing; dynamic names pick a partial from the model. */
    expect_render("[{{>nothere}}]", "{}", &set, "[]");
    expect_render("{{#rows}}{{>*kind}}{{/rows}}", "{\"rows\": [{\"kind\": \"row\", \"name\": \"x\"}, {\"kind\": 5}]}",
                  &set, "<tr><td>x</td></tr>\n");
    set_release(&set);
}

static void test_check_partials(void **state)
{
    (void)state;
    struct partial_set set = {.n = 0};
    set_add(&set, "header", "<h1>{{title}}</h1>");
    set_add(&set, "layout", "{{$body}}{{/body}}");
    struct mustache_partials p = {.lookup = set_lookup, .data = &set};
    static const struct {
        const char *src;
        int rc;
        const char *msg;
    } cases[] = {
        {"{{>header}}{{<layout}}{{/layout}}", ERR_OK, ""},
        {"no partials", ERR_OK, ""},
        {"{{>*dynamic}} names are not checked", ERR_OK, ""},
        {"{{>header}}\n  {{>footer}}", ERR_NOTFOUND, "line 2, column 3: partial \"footer\" not found"},
        {"{{<base}}{{/base}}", ERR_NOTFOUND, "line 1, column 1: parent \"base\" not found"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct mustache *t = compile_ok(cases[i].src);
        struct buf err;
        buf_init(&err, 256);
        assert_int_equal(mustache_check_partials(t, &p, &err), cases[i].rc);
        assert_string_equal(buf_str(&err), cases[i].msg);
        assert_int_equal(mustache_check_partials(t, &p, NULL), cases[i].rc);
        buf_release(&err);
        mustache_free(t);
    }
    /* With no lookup at all, any named partial is missing. */
    struct mustache *t = compile_ok("{{>header}}");
    assert_int_equal(mustache_check_partials(t, NULL, NULL), ERR_NOTFOUND);
    mustache_free(t);
    set_release(&set);
}

static void test_check_raw(void **state)
{
    (void)state;
    static const struct {
        const char *src;
        int rc;
        const char *msg;
    } cases[] = {
        {"{{name}} {{#a}}{{b}}{{/a}}", ERR_OK, ""},
        {"{{{table_html}}} {{& page.menu_html}} {{{_html}}}", ERR_OK, ""},
        {"{{{name}}}", ERR_PERM, "line 1, column 1: raw output of \"name\": only names ending in \"_html\""},
        {"ok\n  {{& comment}}", ERR_PERM, "line 2, column 3: raw output of \"comment\""},
        {"{{{html}}}", ERR_PERM, "line 1, column 1: raw output of \"html\""},
        {"{{{a_html.text}}}", ERR_PERM, "line 1, column 1: raw output of \"a_html.text\""},
        {"{{#xs}}{{{.}}}{{/xs}}", ERR_PERM, "line 1, column 8: raw output of \".\""},
        {"{{=<% %>=}}<%& x_html%> <%{y}%>", ERR_PERM, "line 1, column 25: raw output of \"y\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct mustache *t = compile_ok(cases[i].src);
        struct buf err;
        buf_init(&err, 256);
        int rc = mustache_check_raw(t, "_html", &err);
        if (rc != cases[i].rc || strncmp(buf_str(&err), cases[i].msg, strlen(cases[i].msg)) != 0)
            fail_msg("%s: want %s \"%s\", got %s \"%s\"", cases[i].src, err_name(cases[i].rc), cases[i].msg,
                     err_name(rc), buf_str(&err));
        assert_int_equal(mustache_check_raw(t, "_html", NULL), cases[i].rc);
        buf_release(&err);
        mustache_free(t);
    }
}

/* A page inside the site layout, the way the web layer uses inheritance. */
static void test_layout(void **state)
{
    (void)state;
    struct partial_set set = {.n = 0};
    set_add(&set, "layout",
            "<!doctype html>\n"
            "<html lang=\"th\">\n"
            "<head><title>{{$title}}Tambon{{/title}}</title></head>\n"
            "<body>\n"
            "  <main>\n"
            "    {{$content}}\n"
            "    <p>ไม่มีเนื้อหา</p>\n"
            "    {{/content}}\n"
            "  </main>\n"
            "</body>\n"
            "</html>\n");
    const char *page = "{{<layout}}\n"
                       "{{$title}}{{name}} - Tambon{{/title}}\n"
                       "{{$content}}\n"
                       "<h1>{{name}}</h1>\n"
                       "{{#posts}}\n"
                       "<p>{{.}}</p>\n"
                       "{{/posts}}\n"
                       "{{/content}}\n"
                       "{{/layout}}\n";
    expect_render(page, "{\"name\": \"อบต.บ้าน<ใหม่>\", \"posts\": [\"ปลัด\", \"ผู้อำนวยการกองคลัง\"]}", &set,
                  "<!doctype html>\n"
                  "<html lang=\"th\">\n"
                  "<head><title>อบต.บ้าน&lt;ใหม่&gt; - Tambon</title></head>\n"
                  "<body>\n"
                  "  <main>\n"
                  "    <h1>อบต.บ้าน&lt;ใหม่&gt;</h1>\n"
                  "    <p>ปลัด</p>\n"
                  "    <p>ผู้อำนวยการกองคลัง</p>\n"
                  "  </main>\n"
                  "</body>\n"
                  "</html>\n");
    /* Without overrides the layout's defaults show. */
    expect_render("{{<layout}}{{/layout}}", "{}", &set,
                  "<!doctype html>\n<html lang=\"th\">\n<head><title>Tambon</title></head>\n<body>\n  <main>\n"
                  "    <p>ไม่มีเนื้อหา</p>\n  </main>\n</body>\n</html>\n");
    set_release(&set);
}

/* ---- threads ---- */

#define N_THREADS 4
#define N_ROUNDS 200

struct thread_job {
    const struct mustache *t;
    const json_t *ctx;
    const struct mustache_partials *p;
    const char *want;
    int mismatches;
};

static void *render_many(void *arg)
{
    struct thread_job *job = arg;
    struct buf out;
    buf_init(&out, 1 << 20);
    for (int i = 0; i < N_ROUNDS; i++) {
        buf_reset(&out);
        if (mustache_render(job->t, job->ctx, job->p, &out) != ERR_OK || strcmp(buf_str(&out), job->want) != 0)
            job->mismatches++;
    }
    buf_release(&out);
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    struct partial_set set = {.n = 0};
    set_add(&set, "person", "<li>{{name}} ({{age}}) {{>*badge}}</li>\n");
    set_add(&set, "gold", "<b>{{$label}}ทอง{{/label}}</b>");
    set_add(&set, "plain", "<i>-</i>");
    struct mustache *t = compile_ok("<h1>{{title}}</h1>\n<ul>\n  {{#people}}\n  {{>person}}\n  {{/people}}\n</ul>\n"
                                    "{{^people}}ว่าง{{/people}}");
    struct buf data;
    buf_init(&data, 1 << 20);
    assert_int_equal(buf_appends(&data, "{\"title\": \"บุคลากร & <ตำแหน่ง>\", \"people\": ["), ERR_OK);
    for (int i = 0; i < 300; i++)
        assert_int_equal(buf_printf(&data, "%s{\"name\": \"คนที่ %d '%d'\", \"age\": %d.5, \"badge\": \"%s\"}",
                                    i ? ", " : "", i, i, 20 + i % 40, i % 3 ? "plain" : "gold"),
                         ERR_OK);
    assert_int_equal(buf_appends(&data, "]}"), ERR_OK);
    json_t *ctx = parse_json(buf_str(&data));
    struct mustache_partials p = {.lookup = set_lookup, .data = &set};

    struct buf want;
    buf_init(&want, 1 << 20);
    assert_int_equal(mustache_render(t, ctx, &p, &want), ERR_OK);
    assert_non_null(strstr(buf_str(&want), "<h1>บุคลากร &amp; &lt;ตำแหน่ง&gt;</h1>\n<ul>\n  <li>คนที่ 0 &#39;0&#39; (20.5) <b>ทอง</b></li>\n"));
    assert_non_null(strstr(buf_str(&want), "  <li>คนที่ 299 &#39;299&#39; (39.5) <i>-</i></li>\n</ul>\n"));

    pthread_t th[N_THREADS];
    struct thread_job jobs[N_THREADS];
    for (int i = 0; i < N_THREADS; i++) {
        jobs[i] = (struct thread_job){.t = t, .ctx = ctx, .p = &p, .want = buf_str(&want)};
        assert_int_equal(pthread_create(&th[i], NULL, render_many, &jobs[i]), 0);
    }
    for (int i = 0; i < N_THREADS; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        assert_int_equal(jobs[i].mismatches, 0);
    }
    buf_release(&want);
    buf_release(&data);
    json_decref(ctx);
    mustache_free(t);
    set_release(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thai_passes_through),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_html_escape_limits),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_context_stack),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_valid_edges),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_source_copied),
        cmocka_unit_test(test_output_limit),
        cmocka_unit_test(test_partial_recursion_limit),
        cmocka_unit_test(test_partials),
        cmocka_unit_test(test_check_partials),
        cmocka_unit_test(test_check_raw),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
