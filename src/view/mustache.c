/*
 * Mustache compiler and renderer. Compilation turns the source into a flat array of ops in document
 * order; a container op (section, inverted section, parent, block) records in `end` the index just
 * past its last child, so rendering walks the array with no tree of pointers and no allocation.
 * Standalone lines, partial indentation and block re-indentation are settled at compile time as far
 * as they can be; the renderer only adds the indentation of the partials it is inside.
 * docs/MUSTACHE.md explains the choices.
 */
#include "view/mustache.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/slice.h"
#include "view/html.h"

enum mu_kind {
    MU_TEXT,     /* literal template text */
    MU_VAR,      /* {{name}}: escaped value */
    MU_RAW,      /* {{{name}}} or {{& name}}: raw value */
    MU_SECTION,  /* {{#name}} ... {{/name}} */
    MU_INVERTED, /* {{^name}} ... {{/name}} */
    MU_PARTIAL,  /* {{>name}} */
    MU_PARENT,   /* {{<name}} ... {{/name}}: its block children are the overrides */
    MU_BLOCK,    /* {{$name}} ... {{/name}}: a replaceable part, or an override inside a parent */
};

/* Op flags. */
#define MU_DYNAMIC 0x1u  /* partial or parent whose name is looked up in the context ({{>*key}}) */
#define MU_INDENTED 0x2u /* block whose content is indented by `indent` where it is expanded */

struct mu_op {
    uint8_t kind;
    uint8_t flags;
    uint16_t nparts;     /* parts of a dotted name; 0 for "." */
    uint32_t end;        /* containers: index past the last child; other ops: own index + 1 */
    uint32_t part0;      /* index of the first name part in mustache.parts */
    uint32_t pos;        /* source offset of the tag, for messages */
    struct slice text;   /* MU_TEXT: the bytes; tags: the name as written (partial, block names) */
    struct slice indent; /* standalone partial/parent indentation; MU_INDENTED block indentation */
};

struct mustache {
    char *src; /* private copy of the source: every slice points into it */
    size_t src_len;
    struct mu_op *ops;
    uint32_t nops;
    struct slice *parts;
};

/* ------------------------------------------------------------------------------------------ */
/* Compilation                                                                                 */

enum mu_tag_kind {
    TAG_VAR,
    TAG_RAW,
    TAG_COMMENT,
    TAG_SECTION,
    TAG_INVERTED,
    TAG_CLOSE,
    TAG_PARTIAL,
    TAG_PARENT,
    TAG_BLOCK,
    TAG_DELIM,
};

/* One tag as scanned from the source. */
struct mu_tag {
    enum mu_tag_kind kind;
    size_t ts, te;     /* the tag's bytes, delimiters included */
    struct slice name; /* trimmed content after the sigil ('*' of a dynamic name removed) */
    bool dynamic;
    struct slice otag, ctag; /* TAG_DELIM: the new delimiters */
};

/* A container opened and not yet closed. */
struct mu_open {
    uint32_t op;
    size_t content_start;  /* source offset where the content begins */
    bool standalone_open;  /* the open tag's line was removed: the content is re-indented */
    struct slice tag_ws;   /* white space before the open tag on its line */
};

struct mu_parser {
    const char *s;
    size_t len;
    struct slice otag, ctag;
    struct mu_op *ops;
    size_t *orig; /* per op: source offset where its text or indent started, before dedenting */
    uint32_t nops, cap;
    struct slice *parts;
    uint32_t nparts, partcap;
    struct mu_open open[MUSTACHE_MAX_NESTING];
    int depth;
    struct buf *err;
};

static bool mu_is_ws(char c)
{
    return c == ' ' || c == '\t';
}

static bool mu_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Line and column (in UTF-8 characters, from 1) of source offset pos. */
static void mu_linecol(const struct mu_parser *p, size_t pos, size_t *line, size_t *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < pos && i < p->len; i++) {
        unsigned char c = (unsigned char)p->s[i];
        if (c == '\n') {
            (*line)++;
            *col = 1;
        } else if ((c & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/* Appends "line L, column C: message" for source offset pos to the error buffer. */
__attribute__((format(printf, 3, 4))) static void mu_error(const struct mu_parser *p, size_t pos,
                                                           const char *fmt, ...)
{
    if (!p->err)
        return;
    size_t line, col;
    mu_linecol(p, pos, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    int rc = buf_printf(p->err, "line %zu, column %zu: ", line, col);
    if (rc == ERR_OK)
        rc = buf_vprintf(p->err, fmt, ap);
    (void)rc; /* a message that does not fit is cut; the status code still tells what happened */
    va_end(ap);
}

/* Index of the first occurrence of needle at or after from, or len when there is none. */
static size_t mu_find(const struct mu_parser *p, size_t from, struct slice needle)
{
    if (needle.len == 0 || from > p->len || p->len - from < needle.len)
        return p->len;
    size_t last = p->len - needle.len; /* last offset where needle fits */
    while (from <= last) {
        const char *c = memchr(p->s + from, needle.ptr[0], last - from + 1);
        if (!c)
            break;
        size_t at = (size_t)(c - p->s);
        if (memcmp(c, needle.ptr, needle.len) == 0)
            return at;
        from = at + 1;
    }
    return p->len;
}

static bool mu_has_ws(struct slice s)
{
    for (size_t i = 0; i < s.len; i++)
        if (mu_is_space(s.ptr[i]))
            return true;
    return false;
}

static struct slice mu_trim(struct slice s)
{
    while (s.len && mu_is_space(s.ptr[0])) {
        s.ptr++;
        s.len--;
    }
    while (s.len && mu_is_space(s.ptr[s.len - 1]))
        s.len--;
    return s;
}

/* Parses "=<open> <close>=" content into new delimiters. */
static int mu_parse_delims(const struct mu_parser *p, struct slice c, struct mu_tag *t)
{
    /* c starts with '='; it must also end with one, and hold two words between. */
    if (c.len < 2 || c.ptr[c.len - 1] != '=') {
        mu_error(p, t->ts, "bad delimiter change: expected {{=open close=}}");
        return ERR_INVAL;
    }
    struct slice in = mu_trim(slice_make(c.ptr + 1, c.len - 2));
    size_t i = 0;
    while (i < in.len && !mu_is_space(in.ptr[i]))
        i++;
    struct slice open = slice_make(in.ptr, i);
    struct slice close = mu_trim(slice_make(in.ptr + i, in.len - i));
    if (open.len == 0 || close.len == 0 || mu_has_ws(close)) {
        mu_error(p, t->ts, "bad delimiter change: expected two delimiters separated by white space");
        return ERR_INVAL;
    }
    if (memchr(open.ptr, '=', open.len) || memchr(close.ptr, '=', close.len)) {
        mu_error(p, t->ts, "bad delimiter change: a delimiter may not contain '='");
        return ERR_INVAL;
    }
    t->otag = open;
    t->ctag = close;
    return ERR_OK;
}

/*
 * Scans the tag that starts at ts (where the opening delimiter is). Reports errors only when
 * report is set, so the parser can peek at a following tag without side effects.
 */
static int mu_scan_tag(const struct mu_parser *p, size_t ts, struct mu_tag *t, bool report)
{
    const struct mu_parser quiet = {.s = p->s, .len = p->len}; /* no error buffer */
    const struct mu_parser *ep = report ? p : &quiet;
    memset(t, 0, sizeof *t);
    t->ts = ts;
    size_t pos = ts + p->otag.len;
    struct slice content;

    if (pos < p->len && p->s[pos] == '{') {
        /* Triple mustache: the content ends at '}' followed by the closing delimiter. */
        size_t from = pos + 1;
        for (;;) {
            size_t at = mu_find(p, from, p->ctag);
            if (at == p->len) {
                mu_error(ep, ts, "tag {{{ is not closed with }%.*s", (int)p->ctag.len, p->ctag.ptr);
                return ERR_INVAL;
            }
            if (at > pos + 1 && p->s[at - 1] == '}') {
                content = slice_make(p->s + pos + 1, at - 1 - (pos + 1));
                t->te = at + p->ctag.len;
                break;
            }
            from = at + 1;
        }
        t->kind = TAG_RAW;
        t->name = mu_trim(content);
        goto name;
    }

    size_t at = mu_find(p, pos, p->ctag);
    if (at == p->len) {
        mu_error(ep, ts, "tag is not closed: missing %.*s", (int)p->ctag.len, p->ctag.ptr);
        return ERR_INVAL;
    }
    t->te = at + p->ctag.len;
    content = mu_trim(slice_make(p->s + pos, at - pos));
    char sigil = content.len ? content.ptr[0] : '\0';
    switch (sigil) {
    case '!':
        t->kind = TAG_COMMENT;
        return ERR_OK;
    case '=':
        t->kind = TAG_DELIM;
        return mu_parse_delims(ep, content, t);
    case '#':
        t->kind = TAG_SECTION;
        break;
    case '^':
        t->kind = TAG_INVERTED;
        break;
    case '/':
        t->kind = TAG_CLOSE;
        break;
    case '>':
        t->kind = TAG_PARTIAL;
        break;
    case '<':
        t->kind = TAG_PARENT;
        break;
    case '$':
        t->kind = TAG_BLOCK;
        break;
    case '&':
        t->kind = TAG_RAW;
        break;
    default:
        t->kind = TAG_VAR;
        t->name = content;
        goto name;
    }
    t->name = mu_trim(slice_make(content.ptr + 1, content.len - 1));
    if ((t->kind == TAG_PARTIAL || t->kind == TAG_PARENT || t->kind == TAG_CLOSE) && t->name.len &&
        t->name.ptr[0] == '*') {
        t->dynamic = true;
        t->name = mu_trim(slice_make(t->name.ptr + 1, t->name.len - 1));
    }

name:
    if (t->name.len == 0) {
        mu_error(ep, ts, "empty tag name");
        return ERR_INVAL;
    }
    if (mu_has_ws(t->name)) {
        mu_error(ep, ts, "tag name \"%.*s\" contains white space", (int)t->name.len, t->name.ptr);
        return ERR_INVAL;
    }
    return ERR_OK;
}

static uint32_t mu_push_op(struct mu_parser *p, enum mu_kind kind, size_t pos)
{
    if (p->nops == p->cap) {
        uint32_t cap = p->cap ? p->cap * 2 : 32;
        struct mu_op *ops = realloc(p->ops, cap * sizeof *ops);
        if (!ops)
            arena_oom(cap * sizeof *ops);
        p->ops = ops;
        size_t *orig = realloc(p->orig, cap * sizeof *orig);
        if (!orig)
            arena_oom(cap * sizeof *orig);
        p->orig = orig;
        p->cap = cap;
    }
    uint32_t i = p->nops++;
    memset(&p->ops[i], 0, sizeof p->ops[i]);
    p->ops[i].kind = (uint8_t)kind;
    p->ops[i].end = i + 1;
    p->ops[i].pos = (uint32_t)pos;
    p->orig[i] = pos;
    return i;
}

/* Emits literal text [a, b) as one op per line, so that dedenting can cut at line starts. */
static void mu_add_text(struct mu_parser *p, size_t a, size_t b)
{
    while (a < b) {
        const char *nl = memchr(p->s + a, '\n', b - a);
        size_t e = nl ? (size_t)(nl - p->s) + 1 : b;
        uint32_t i = mu_push_op(p, MU_TEXT, a);
        p->ops[i].text = slice_make(p->s + a, e - a);
        a = e;
    }
}

/* Splits a dotted name into parts stored in p->parts; "." has no parts. */
static int mu_set_name(struct mu_parser *p, uint32_t op, const struct mu_tag *t)
{
    struct mu_op *o = &p->ops[op];
    o->text = t->name;
    o->part0 = p->nparts;
    if (t->name.len == 1 && t->name.ptr[0] == '.')
        return ERR_OK;
    struct slice rest = t->name, part;
    while (slice_next_field(&rest, '.', &part)) {
        if (part.len == 0) {
            mu_error(p, t->ts, "bad name \"%.*s\": empty part between dots", (int)t->name.len, t->name.ptr);
            return ERR_INVAL;
        }
        if (p->nparts == p->partcap) {
            uint32_t cap = p->partcap ? p->partcap * 2 : 32;
            struct slice *parts = realloc(p->parts, cap * sizeof *parts);
            if (!parts)
                arena_oom(cap * sizeof *parts);
            p->parts = parts;
            p->partcap = cap;
        }
        p->parts[p->nparts++] = part;
        if (p->nparts - o->part0 > UINT16_MAX) {
            mu_error(p, t->ts, "name has too many parts");
            return ERR_TOOBIG;
        }
        o->nparts = (uint16_t)(p->nparts - o->part0);
    }
    return ERR_OK;
}

/* Moves the start of a white-space slice that began at source offset orig to at least orig + n. */
static void mu_strip(const struct mu_parser *p, struct slice *s, size_t orig, size_t n)
{
    const char *want = p->s + orig + n;
    const char *end = s->ptr + s->len;
    while (s->ptr < want && s->ptr < end && mu_is_ws(s->ptr[0])) {
        s->ptr++;
        s->len--;
    }
}

static bool mu_line_start(const struct mu_parser *p, size_t pos)
{
    return pos == 0 || p->s[pos - 1] == '\n';
}

/*
 * A block whose open tag stood alone on its line is re-indented: the white space common to the
 * non-blank lines of its content is removed here, and the renderer puts back the indentation of
 * the place where the block is expanded. The block records that indentation: the common white
 * space of its own content or, when the content is empty, the white space before its tag.
 */
static void mu_dedent_block(struct mu_parser *p, const struct mu_open *o, size_t content_end)
{
    size_t plen = 0;
    const char *prefix = NULL;
    size_t a = o->content_start;
    while (a < content_end) {
        const char *nl = memchr(p->s + a, '\n', content_end - a);
        size_t e = nl ? (size_t)(nl - p->s) : content_end;
        size_t w = a;
        while (w < e && mu_is_ws(p->s[w]))
            w++;
        bool blank = true;
        for (size_t k = w; k < e; k++)
            if (p->s[k] != '\r')
                blank = false;
        if (!blank) {
            if (!prefix) {
                prefix = p->s + a;
                plen = w - a;
            } else {
                size_t k = 0;
                while (k < plen && k < w - a && p->s[a + k] == prefix[k])
                    k++;
                plen = k;
            }
        }
        a = nl ? e + 1 : content_end;
    }

    struct mu_op *blk = &p->ops[o->op];
    blk->flags |= MU_INDENTED;
    if (prefix) {
        blk->indent = slice_make(prefix, plen);
        p->orig[o->op] = (size_t)(prefix - p->s);
    } else {
        blk->indent = o->tag_ws;
        p->orig[o->op] = (size_t)(o->tag_ws.ptr - p->s);
    }
    if (plen == 0)
        return;
    for (uint32_t i = o->op + 1; i < p->nops; i++) {
        struct mu_op *op = &p->ops[i];
        if (op->kind == MU_TEXT && mu_line_start(p, p->orig[i]))
            mu_strip(p, &op->text, p->orig[i], plen);
        else if (op->indent.len)
            mu_strip(p, &op->indent, p->orig[i], plen);
    }
}

static bool mu_name_eq(struct slice a, bool adyn, struct slice b, bool bdyn)
{
    return adyn == bdyn && slice_eq(a, b);
}

/*
 * Acts on one tag. indent is the white space before a standalone tag (empty otherwise);
 * content_start is where a container's content begins; line_start is the offset of the tag's
 * line, used as the content end of a standalone close tag.
 */
static int mu_handle_tag(struct mu_parser *p, const struct mu_tag *t, struct slice indent, size_t content_start,
                         bool standalone, size_t line_start)
{
    enum mu_kind kind;
    switch (t->kind) {
    case TAG_COMMENT:
        return ERR_OK;
    case TAG_DELIM:
        p->otag = t->otag;
        p->ctag = t->ctag;
        return ERR_OK;
    case TAG_VAR:
    case TAG_RAW: {
        uint32_t i = mu_push_op(p, t->kind == TAG_VAR ? MU_VAR : MU_RAW, t->ts);
        return mu_set_name(p, i, t);
    }
    case TAG_PARTIAL: {
        uint32_t i = mu_push_op(p, MU_PARTIAL, t->ts);
        p->ops[i].indent = indent;
        p->orig[i] = (size_t)(indent.ptr ? indent.ptr - p->s : 0);
        if (t->dynamic) {
            p->ops[i].flags |= MU_DYNAMIC;
            return mu_set_name(p, i, t);
        }
        p->ops[i].text = t->name;
        return ERR_OK;
    }
    case TAG_SECTION:
        kind = MU_SECTION;
        break;
    case TAG_INVERTED:
        kind = MU_INVERTED;
        break;
    case TAG_PARENT:
        kind = MU_PARENT;
        break;
    case TAG_BLOCK:
        kind = MU_BLOCK;
        break;
    case TAG_CLOSE: {
        if (p->depth == 0) {
            mu_error(p, t->ts, "close tag {{/%.*s}} has no open section", (int)t->name.len, t->name.ptr);
            return ERR_INVAL;
        }
        struct mu_open *o = &p->open[p->depth - 1];
        struct mu_op *op = &p->ops[o->op];
        if (!mu_name_eq(op->text, (op->flags & MU_DYNAMIC) != 0, t->name, t->dynamic)) {
            size_t line, col;
            mu_linecol(p, op->pos, &line, &col);
            mu_error(p, t->ts, "close tag \"%s%.*s\" does not match \"%s%.*s\" opened at line %zu, column %zu",
                     t->dynamic ? "*" : "", (int)t->name.len, t->name.ptr, (op->flags & MU_DYNAMIC) ? "*" : "",
                     (int)op->text.len, op->text.ptr, line, col);
            return ERR_INVAL;
        }
        op->end = p->nops;
        if (op->kind == MU_BLOCK && o->standalone_open)
            mu_dedent_block(p, o, standalone ? line_start : t->ts);
        p->depth--;
        return ERR_OK;
    }
    default:
        return ERR_INTERNAL;
    }

    /* An opening tag. */
    if (p->depth == MUSTACHE_MAX_NESTING) {
        mu_error(p, t->ts, "sections nested deeper than %d", MUSTACHE_MAX_NESTING);
        return ERR_TOOBIG;
    }
    uint32_t i = mu_push_op(p, kind, t->ts);
    int rc;
    if (t->dynamic) {
        p->ops[i].flags |= MU_DYNAMIC;
        rc = mu_set_name(p, i, t);
    } else if (kind == MU_SECTION || kind == MU_INVERTED) {
        rc = mu_set_name(p, i, t);
    } else {
        p->ops[i].text = t->name;
        rc = ERR_OK;
    }
    if (rc != ERR_OK)
        return rc;
    if (kind == MU_PARENT) {
        p->ops[i].indent = indent;
        p->orig[i] = (size_t)(indent.ptr ? indent.ptr - p->s : 0);
    }
    struct mu_open *o = &p->open[p->depth++];
    o->op = i;
    o->content_start = content_start;
    o->standalone_open = standalone && kind == MU_BLOCK;
    o->tag_ws = indent.ptr ? indent : slice_make(p->s + t->ts, 0);
    return ERR_OK;
}

/* Offset just past the end of the line after pos when only white space follows, else 0 (no). */
static size_t mu_rest_blank(const struct mu_parser *p, size_t pos, bool *ok)
{
    while (pos < p->len && mu_is_ws(p->s[pos]))
        pos++;
    *ok = true;
    if (pos == p->len)
        return pos;
    if (p->s[pos] == '\n')
        return pos + 1;
    if (p->s[pos] == '\r' && pos + 1 < p->len && p->s[pos + 1] == '\n')
        return pos + 2;
    *ok = false;
    return 0;
}

static bool mu_can_stand_alone(enum mu_tag_kind k)
{
    return k != TAG_VAR && k != TAG_RAW;
}

/*
 * Whether tags a and b, written next to each other on a line of their own, stand alone together
 * (the inheritance specification's rule): {{<p}}{{/p}}, {{$b}}{{/b}}, {{<p}}{{$b}}, and the close
 * of a parent's last block followed by the parent's close.
 */
static bool mu_pair(const struct mu_parser *p, const struct mu_tag *a, const struct mu_tag *b)
{
    if (a->kind == TAG_PARENT && b->kind == TAG_CLOSE)
        return mu_name_eq(a->name, a->dynamic, b->name, b->dynamic);
    if (a->kind == TAG_BLOCK && b->kind == TAG_CLOSE)
        return slice_eq(a->name, b->name) && !b->dynamic;
    if (a->kind == TAG_PARENT && b->kind == TAG_BLOCK)
        return true;
    if (a->kind == TAG_CLOSE && b->kind == TAG_CLOSE && p->depth >= 2) {
        const struct mu_op *blk = &p->ops[p->open[p->depth - 1].op];
        const struct mu_op *par = &p->ops[p->open[p->depth - 2].op];
        return blk->kind == MU_BLOCK && par->kind == MU_PARENT && slice_eq(blk->text, a->name) &&
               mu_name_eq(par->text, (par->flags & MU_DYNAMIC) != 0, b->name, b->dynamic);
    }
    return false;
}

/*
 * Joins runs of adjacent text ops that are contiguous in the source (lines that were not dedented)
 * and drops empty ones, then renumbers the containers' `end`. A container's end is never absorbed:
 * its close tag lies between its last child and the op after it.
 */
static void mu_merge_text(struct mu_parser *p)
{
    size_t bytes = ((size_t)p->nops + 1) * sizeof(uint32_t);
    uint32_t *newidx = malloc(bytes);
    if (!newidx)
        arena_oom(bytes);
    uint32_t n = 0;
    for (uint32_t i = 0; i < p->nops; i++) {
        struct mu_op *op = &p->ops[i];
        newidx[i] = n;
        if (op->kind == MU_TEXT) {
            if (op->text.len == 0)
                continue;
            struct mu_op *prev = n > 0 ? &p->ops[n - 1] : NULL;
            if (prev && prev->kind == MU_TEXT && prev->text.ptr + prev->text.len == op->text.ptr) {
                prev->text.len += op->text.len;
                newidx[i] = n - 1;
                continue;
            }
        }
        p->ops[n++] = *op;
    }
    newidx[p->nops] = n;
    for (uint32_t i = 0; i < n; i++) {
        struct mu_op *op = &p->ops[i];
        bool container = op->kind == MU_SECTION || op->kind == MU_INVERTED || op->kind == MU_PARENT ||
                         op->kind == MU_BLOCK;
        op->end = container ? newidx[op->end] : i + 1;
    }
    p->nops = n;
    free(newidx);
}

int mustache_compile(const char *src, size_t len, struct mustache **out, struct buf *err)
{
    *out = NULL;
    struct mu_parser p = {.len = len, .err = err};
    struct mustache *tpl = NULL;
    int rc = ERR_INVAL;
    if (len > MUSTACHE_MAX_SOURCE) {
        mu_error(&p, 0, "template is larger than %u bytes", MUSTACHE_MAX_SOURCE);
        return ERR_TOOBIG;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        arena_oom(len + 1);
    if (len)
        memcpy(copy, src, len);
    copy[len] = '\0';
    p.s = copy;
    p.otag = SLICE_LIT("{{");
    p.ctag = SLICE_LIT("}}");

    size_t text_start = 0, pos = 0;
    for (;;) {
        size_t ts = mu_find(&p, pos, p.otag);
        if (ts == len) {
            mu_add_text(&p, text_start, len);
            break;
        }
        struct mu_tag t;
        rc = mu_scan_tag(&p, ts, &t, true);
        if (rc != ERR_OK)
            goto out;

        /* Is the tag alone on its line, apart from white space? Only if no other tag ended on it. */
        size_t ls = ts;
        while (ls > text_start && p.s[ls - 1] != '\n')
            ls--;
        bool before_blank = mu_can_stand_alone(t.kind) && mu_line_start(&p, ls);
        for (size_t k = ls; before_blank && k < ts; k++)
            before_blank = mu_is_ws(p.s[k]);
        bool after_blank = false;
        size_t le = before_blank ? mu_rest_blank(&p, t.te, &after_blank) : 0;
        struct slice ws = slice_make(p.s + ls, ts - ls);

        if (before_blank && after_blank) {
            mu_add_text(&p, text_start, ls);
            rc = mu_handle_tag(&p, &t, ws, le, true, ls);
            if (rc != ERR_OK)
                goto out;
            text_start = pos = le;
            continue;
        }

        /* Two tags that stand alone together. */
        struct mu_tag t2;
        bool pair = false;
        size_t le2 = 0;
        if (before_blank && t.kind != TAG_DELIM && len - t.te >= p.otag.len &&
            memcmp(p.s + t.te, p.otag.ptr, p.otag.len) == 0 && mu_scan_tag(&p, t.te, &t2, false) == ERR_OK &&
            mu_pair(&p, &t, &t2)) {
            bool ok = false;
            le2 = mu_rest_blank(&p, t2.te, &ok);
            pair = ok;
        }
        if (pair) {
            mu_add_text(&p, text_start, ls);
            /* {{$b}}{{/b}} keeps its newline: the block's content replaces the two tags only. */
            size_t after = t.kind == TAG_BLOCK ? t2.te : le2;
            rc = mu_handle_tag(&p, &t, ws, t.te, true, ls);
            if (rc == ERR_OK)
                rc = mu_handle_tag(&p, &t2, slice_make(p.s + t2.ts, 0), le2, true, ls);
            if (rc != ERR_OK)
                goto out;
            text_start = pos = after;
            continue;
        }

        mu_add_text(&p, text_start, ts);
        rc = mu_handle_tag(&p, &t, slice_make(p.s + ts, 0), t.te, false, ls);
        if (rc != ERR_OK)
            goto out;
        text_start = pos = t.te;
    }

    if (p.depth > 0) {
        const struct mu_op *op = &p.ops[p.open[p.depth - 1].op];
        const char *what = op->kind == MU_PARENT ? "parent" : op->kind == MU_BLOCK ? "block" : "section";
        mu_error(&p, op->pos, "%s \"%.*s\" is never closed", what, (int)op->text.len, op->text.ptr);
        rc = ERR_INVAL;
        goto out;
    }

    mu_merge_text(&p);
    tpl = malloc(sizeof *tpl);
    if (!tpl)
        arena_oom(sizeof *tpl);
    tpl->src = copy;
    tpl->src_len = len;
    tpl->ops = p.ops;
    tpl->nops = p.nops;
    tpl->parts = p.parts;
    copy = NULL;
    p.ops = NULL;
    p.parts = NULL;
    *out = tpl;
    rc = ERR_OK;
out:
    free(copy);
    free(p.ops);
    free(p.orig);
    free(p.parts);
    return rc;
}

void mustache_free(struct mustache *t)
{
    if (!t)
        return;
    free(t->src);
    free(t->ops);
    free(t->parts);
    free(t);
}

/* ------------------------------------------------------------------------------------------ */
/* Rendering                                                                                   */

/* The context stack: a list on the C stack, innermost first. */
struct mu_ctx {
    const json_t *v;
    const struct mu_ctx *up;
};

/* Indentation of the partials and blocks being expanded, innermost first. */
struct mu_indent {
    struct slice s;
    const struct mu_indent *outer;
};

/* The parents being expanded, innermost first: their block children override blocks. */
struct mu_frame {
    const struct mustache *t;
    uint32_t parent; /* index of the MU_PARENT op in t */
    const struct mu_frame *older;
};

struct mu_render {
    struct buf *out;
    const struct mustache_partials *partials;
    unsigned depth, max_depth;
    bool line_start; /* the next template text begins a line (and takes the indentation) */
};

/* Looks name up in the context stack, then follows the remaining dotted parts. NULL: missing. */
static const json_t *mu_resolve(const struct mustache *t, const struct mu_op *op, const struct mu_ctx *c)
{
    if (op->nparts == 0)
        return c->v;
    const struct slice *parts = t->parts + op->part0;
    const json_t *v = NULL;
    for (; c; c = c->up) {
        if (json_is_object(c->v)) {
            v = json_object_getn(c->v, parts[0].ptr, parts[0].len);
            if (v)
                break;
        }
    }
    for (uint16_t i = 1; v && i < op->nparts; i++)
        v = json_is_object(v) ? json_object_getn(v, parts[i].ptr, parts[i].len) : NULL;
    return v;
}

/* Falsey values hide a section and show an inverted one: missing, null, false, "" and []. */
static bool mu_truthy(const json_t *v)
{
    if (!v)
        return false;
    switch (json_typeof(v)) {
    case JSON_NULL:
    case JSON_FALSE:
        return false;
    case JSON_STRING:
        return json_string_length(v) > 0;
    case JSON_ARRAY:
        return json_array_size(v) > 0;
    default:
        return true;
    }
}

static int mu_emit_indent(struct buf *out, const struct mu_indent *ind)
{
    if (!ind)
        return ERR_OK;
    int rc = mu_emit_indent(out, ind->outer);
    if (rc == ERR_OK)
        rc = buf_append(out, ind->s.ptr, ind->s.len);
    return rc;
}

/* Template text: every line that begins inside an indented partial or block takes the indentation. */
static int mu_emit_text(struct mu_render *r, const struct mu_indent *ind, const char *s, size_t n)
{
    int rc = ERR_OK;
    if (n == 0)
        return ERR_OK;
    if (!ind) {
        r->line_start = s[n - 1] == '\n';
        return buf_append(r->out, s, n);
    }
    while (n > 0) {
        const char *nl = memchr(s, '\n', n);
        size_t k = nl ? (size_t)(nl - s) + 1 : n;
        /* Empty lines stay empty: no trailing white space. */
        bool empty = (k == 1 && s[0] == '\n') || (k == 2 && s[0] == '\r' && s[1] == '\n');
        if (r->line_start && !empty) {
            rc = mu_emit_indent(r->out, ind);
            if (rc != ERR_OK)
                return rc;
        }
        rc = buf_append(r->out, s, k);
        if (rc != ERR_OK)
            return rc;
        r->line_start = nl != NULL;
        s += k;
        n -= k;
    }
    return ERR_OK;
}

/* Decimal digits of v at the end of tmp (no printf on the hot path); returns their count. */
static size_t mu_format_int(json_int_t v, char *tmp, size_t size)
{
    /* Work with the magnitude as unsigned so that the most negative value needs no special case. */
    unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    size_t i = size;
    do {
        tmp[--i] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v < 0)
        tmp[--i] = '-';
    return size - i;
}

/*
 * The shortest decimal form that reads back as the same double: 1.21 gives "1.21" (not
 * "1.2099999999999999"), 2.0 gives "2". Assumes the C numeric locale, as the whole program does.
 */
static size_t mu_format_real(double d, char *tmp, size_t size)
{
    int n = 0;
    for (int prec = 1; prec <= 17; prec++) {
        n = snprintf(tmp, size, "%.*g", prec, d);
        if (n > 0 && (size_t)n < size && strtod(tmp, NULL) == d)
            break;
    }
    return n > 0 && (size_t)n < size ? (size_t)n : 0;
}

/* A value as text: strings as they are, numbers in decimal, true/false; nothing for the rest. */
static int mu_emit_value(struct mu_render *r, const struct mu_indent *ind, const json_t *v, bool escape)
{
    char tmp[40];
    const char *s = NULL;
    size_t n = 0;
    if (!v)
        return ERR_OK;
    switch (json_typeof(v)) {
    case JSON_STRING:
        s = json_string_value(v);
        n = json_string_length(v);
        break;
    case JSON_INTEGER:
        n = mu_format_int(json_integer_value(v), tmp, sizeof tmp);
        s = tmp + sizeof tmp - n;
        break;
    case JSON_REAL:
        s = tmp;
        n = mu_format_real(json_real_value(v), tmp, sizeof tmp);
        break;
    case JSON_TRUE:
        s = "true";
        n = 4;
        break;
    case JSON_FALSE:
        s = "false";
        n = 5;
        break;
    default: /* null, objects and arrays print nothing */
        return ERR_OK;
    }
    if (n == 0)
        return ERR_OK;
    if (r->line_start && ind) {
        int rc = mu_emit_indent(r->out, ind);
        if (rc != ERR_OK)
            return rc;
    }
    r->line_start = false;
    return escape ? html_escape(r->out, s, n) : buf_append(r->out, s, n);
}

/* The oldest override of block `name` among the parents being expanded: the outermost caller wins. */
static bool mu_find_override(const struct mu_frame *f, struct slice name, const struct mustache **ot, uint32_t *oi)
{
    bool found = false;
    for (; f; f = f->older) {
        const struct mu_op *ops = f->t->ops;
        for (uint32_t k = f->parent + 1; k < ops[f->parent].end; k = ops[k].end) {
            if (ops[k].kind == MU_BLOCK && slice_eq(ops[k].text, name)) {
                *ot = f->t;
                *oi = k;
                found = true;
                break;
            }
        }
    }
    return found;
}

static int mu_render_range(struct mu_render *r, const struct mustache *t, uint32_t from, uint32_t to,
                           const struct mu_ctx *ctx, const struct mu_indent *ind, const struct mu_frame *frames);

/* The template a partial or parent op names, or NULL when it is not found. */
static const struct mustache *mu_lookup(const struct mu_render *r, const struct mustache *t, const struct mu_op *op,
                                        const struct mu_ctx *ctx)
{
    if (!r->partials || !r->partials->lookup)
        return NULL;
    if (op->flags & MU_DYNAMIC) {
        const json_t *v = mu_resolve(t, op, ctx);
        if (!json_is_string(v))
            return NULL;
        return r->partials->lookup(r->partials->data, json_string_value(v), json_string_length(v));
    }
    return r->partials->lookup(r->partials->data, op->text.ptr, op->text.len);
}

/* Expands ops [from, to) of another template (a partial, a parent, an override) one level deeper. */
static int mu_expand(struct mu_render *r, const struct mustache *t, uint32_t from, uint32_t to,
                     const struct mu_ctx *ctx, const struct mu_indent *ind, struct slice indent,
                     const struct mu_frame *frames)
{
    if (r->depth >= r->max_depth)
        return ERR_RANGE;
    struct mu_indent more = {indent, ind};
    r->depth++;
    int rc = mu_render_range(r, t, from, to, ctx, indent.len ? &more : ind, frames);
    r->depth--;
    return rc;
}

static int mu_render_range(struct mu_render *r, const struct mustache *t, uint32_t from, uint32_t to,
                           const struct mu_ctx *ctx, const struct mu_indent *ind, const struct mu_frame *frames)
{
    int rc = ERR_OK;
    uint32_t i = from;
    while (i < to && rc == ERR_OK) {
        const struct mu_op *op = &t->ops[i];
        switch ((enum mu_kind)op->kind) {
        case MU_TEXT:
            rc = mu_emit_text(r, ind, op->text.ptr, op->text.len);
            break;
        case MU_VAR:
        case MU_RAW:
            rc = mu_emit_value(r, ind, mu_resolve(t, op, ctx), op->kind == MU_VAR);
            break;
        case MU_SECTION: {
            const json_t *v = mu_resolve(t, op, ctx);
            if (json_is_array(v)) {
                for (size_t k = 0; k < json_array_size(v) && rc == ERR_OK; k++) {
                    struct mu_ctx inner = {json_array_get(v, k), ctx};
                    rc = mu_render_range(r, t, i + 1, op->end, &inner, ind, frames);
                }
            } else if (mu_truthy(v)) {
                struct mu_ctx inner = {v, ctx};
                rc = mu_render_range(r, t, i + 1, op->end, &inner, ind, frames);
            }
            break;
        }
        case MU_INVERTED:
            if (!mu_truthy(mu_resolve(t, op, ctx)))
                rc = mu_render_range(r, t, i + 1, op->end, ctx, ind, frames);
            break;
        case MU_PARTIAL: {
            const struct mustache *pt = mu_lookup(r, t, op, ctx);
            if (pt)
                rc = mu_expand(r, pt, 0, pt->nops, ctx, ind, op->indent, frames);
            break;
        }
        case MU_PARENT: {
            const struct mustache *pt = mu_lookup(r, t, op, ctx);
            struct mu_frame frame = {t, i, frames};
            if (pt)
                rc = mu_expand(r, pt, 0, pt->nops, ctx, ind, op->indent, &frame);
            break;
        }
        case MU_BLOCK: {
            const struct mustache *ot = NULL;
            uint32_t oi = 0;
            struct slice indent = (op->flags & MU_INDENTED) ? op->indent : slice_make(NULL, 0);
            if (mu_find_override(frames, op->text, &ot, &oi)) {
                /* An override may contain the same block again: count it as a level. */
                rc = mu_expand(r, ot, oi + 1, ot->ops[oi].end, ctx, ind, indent, frames);
            } else {
                struct mu_indent more = {indent, ind};
                rc = mu_render_range(r, t, i + 1, op->end, ctx, indent.len ? &more : ind, frames);
            }
            break;
        }
        }
        i = op->end;
    }
    return rc;
}

int mustache_render(const struct mustache *t, const json_t *ctx, const struct mustache_partials *partials,
                    struct buf *out)
{
    size_t start = out->len;
    struct mu_render r = {
        .out = out,
        .partials = partials,
        .max_depth = MUSTACHE_DEFAULT_DEPTH,
        .line_start = true,
    };
    if (partials && partials->max_depth)
        r.max_depth = partials->max_depth < MUSTACHE_MAX_DEPTH ? partials->max_depth : MUSTACHE_MAX_DEPTH;
    struct mu_ctx root = {ctx, NULL};
    int rc = mu_render_range(&r, t, 0, t->nops, &root, NULL, NULL);
    if (rc != ERR_OK)
        buf_truncate(out, start);
    return rc;
}

int mustache_check_partials(const struct mustache *t, const struct mustache_partials *partials, struct buf *err)
{
    for (uint32_t i = 0; i < t->nops; i++) {
        const struct mu_op *op = &t->ops[i];
        if ((op->kind != MU_PARTIAL && op->kind != MU_PARENT) || (op->flags & MU_DYNAMIC))
            continue;
        if (partials && partials->lookup && partials->lookup(partials->data, op->text.ptr, op->text.len))
            continue;
        if (err) {
            struct mu_parser p = {.s = t->src, .len = t->src_len, .err = err};
            mu_error(&p, op->pos, "%s \"%.*s\" not found", op->kind == MU_PARENT ? "parent" : "partial",
                     (int)op->text.len, op->text.ptr);
        }
        return ERR_NOTFOUND;
    }
    return ERR_OK;
}

int mustache_check_raw(const struct mustache *t, const char *suffix, struct buf *err)
{
    size_t slen = strlen(suffix);
    for (uint32_t i = 0; i < t->nops; i++) {
        const struct mu_op *op = &t->ops[i];
        if (op->kind != MU_RAW)
            continue;
        if (op->nparts > 0) {
            struct slice last = t->parts[op->part0 + op->nparts - 1];
            if (last.len >= slen && memcmp(last.ptr + last.len - slen, suffix, slen) == 0)
                continue;
        }
        if (err) {
            struct mu_parser p = {.s = t->src, .len = t->src_len, .err = err};
            mu_error(&p, op->pos, "raw output of \"%.*s\": only names ending in \"%s\" may be output unescaped",
                     (int)op->text.len, op->text.ptr, suffix);
        }
        return ERR_PERM;
    }
    return ERR_OK;
}
