/*
 * CSV reader and writer (RFC 4180) over memory buffers.
 *
 * The reader walks the input one byte at a time through consume(), the only place that moves pos and
 * keeps line and column up to date, so every error can say where it happened. Unquoted text is copied
 * in runs; quoted text is copied between quotes, a doubled quote becoming one.
 */
#include "base/csv.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"

void csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
    memset(r, 0, sizeof *r);
    r->data = data;
    r->len = data ? len : 0;
    r->line = 1;
    r->col = 1;
    r->delim = ',';
    r->max_fields = CSV_MAX_FIELDS;
    r->max_field = CSV_MAX_FIELD;
    r->max_record = CSV_MAX_RECORD;
    buf_init(&r->text, CSV_MAX_RECORD);
    /* A byte order mark is not data: skip it without counting a column. */
    if (r->len >= 3 && memcmp(r->data, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
}

void csv_reader_release(struct csv_reader *r)
{
    buf_release(&r->text);
    free(r->offsets);
    free(r->fields);
    r->offsets = NULL;
    r->fields = NULL;
    r->cap_fields = 0;
}

const char *csv_error(const struct csv_reader *r)
{
    return r->err;
}

/* Records the first failure with the position it happened at; returns code. */
__attribute__((format(printf, 5, 6))) static int fail(struct csv_reader *r, int code, size_t line, size_t col,
                                                      const char *fmt, ...)
{
    char what[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(r->err, sizeof r->err, "line %zu, column %zu: %s", line, col, what);
    r->failed = code;
    return code;
}

/* Moves past data[pos], keeping line and column: LF, CR LF and a lone CR each end a line. */
static void consume(struct csv_reader *r)
{
    unsigned char c = (unsigned char)r->data[r->pos++];
    if (c == '\n' || (c == '\r' && (r->pos >= r->len || r->data[r->pos] != '\n'))) {
        r->line++;
        r->col = 1;
    } else if (c != '\r' && (c & 0xC0) != 0x80) {
        r->col++; /* continuation bytes of a UTF-8 character do not start a column */
    }
}

static bool at_line_end(const struct csv_reader *r)
{
    return r->pos < r->len && (r->data[r->pos] == '\n' || r->data[r->pos] == '\r');
}

/* Consumes one line break (CR LF, LF or CR) at pos. */
static void consume_line_end(struct csv_reader *r)
{
    if (r->data[r->pos] == '\r') {
        consume(r);
        if (r->pos < r->len && r->data[r->pos] == '\n')
            consume(r);
    } else {
        consume(r);
    }
}

/* Appends n bytes of field text, enforcing the field and record limits. */
static int add_text(struct csv_reader *r, const char *p, size_t n, size_t field_start, size_t line,
                    size_t col)
{
    if (n > r->max_field || r->text.len - field_start > r->max_field - n)
        return fail(r, ERR_TOOBIG, line, col, "field longer than %zu bytes", r->max_field);
    if (n > r->max_record || r->record_bytes > r->max_record - n || buf_append(&r->text, p, n) != ERR_OK)
        return fail(r, ERR_TOOBIG, line, col, "record longer than %zu bytes", r->max_record);
    r->record_bytes += n;
    return ERR_OK;
}

/* Starts a new field at the current end of text. */
static int open_field(struct csv_reader *r, size_t *count)
{
    if (*count >= r->max_fields)
        return fail(r, ERR_TOOBIG, r->line, r->col, "more than %zu fields in a record", r->max_fields);
    if (*count == r->cap_fields) {
        size_t cap = r->cap_fields ? r->cap_fields * 2 : 16;
        if (cap > r->max_fields)
            cap = r->max_fields;
        size_t *o = realloc(r->offsets, cap * sizeof *o);
        if (!o)
            arena_oom(cap * sizeof *o);
        r->offsets = o;
        struct slice *f = realloc(r->fields, cap * sizeof *f);
        if (!f)
            arena_oom(cap * sizeof *f);
        r->fields = f;
        r->cap_fields = cap;
    }
    r->offsets[(*count)++] = r->text.len;
    return ERR_OK;
}

/* Reads an unquoted field up to the delimiter, a line break or the end. */
static int read_plain(struct csv_reader *r, size_t start)
{
    size_t line = r->line, col = r->col;
    size_t from = r->pos;
    while (r->pos < r->len) {
        char c = r->data[r->pos];
        if (c == r->delim || c == '\n' || c == '\r')
            break;
        if (c == '"')
            return fail(r, ERR_INVAL, r->line, r->col, "quote inside an unquoted field");
        consume(r);
    }
    return add_text(r, r->data + from, r->pos - from, start, line, col);
}

/* Reads a quoted field from its opening quote to just past its closing quote. */
static int read_quoted(struct csv_reader *r, size_t start)
{
    size_t open_line = r->line, open_col = r->col;
    int rc;
    consume(r); /* the opening quote */
    for (;;) {
        size_t from = r->pos, line = r->line, col = r->col;
        while (r->pos < r->len && r->data[r->pos] != '"')
            consume(r);
        if ((rc = add_text(r, r->data + from, r->pos - from, start, line, col)) != ERR_OK)
            return rc;
        if (r->pos >= r->len)
            return fail(r, ERR_INVAL, open_line, open_col, "quoted field is not closed");
        consume(r); /* a quote: doubled means a literal quote, otherwise the field ends */
        if (r->pos < r->len && r->data[r->pos] == '"') {
            if ((rc = add_text(r, "\"", 1, start, r->line, r->col)) != ERR_OK)
                return rc;
            consume(r);
            continue;
        }
        break;
    }
    if (r->pos < r->len && r->data[r->pos] != r->delim && !at_line_end(r))
        return fail(r, ERR_INVAL, r->line, r->col, "text after the closing quote of a field");
    return ERR_OK;
}

int csv_next(struct csv_reader *r, struct csv_record *rec)
{
    if (r->failed)
        return r->failed;
    /* Room for the text plus one NUL per field; add_text enforces max_record on the text. */
    r->text.max = r->max_record + r->max_fields + 1;
    buf_reset(&r->text);
    r->record_bytes = 0;
    while (at_line_end(r))
        consume_line_end(r); /* empty lines are not records */
    if (r->pos >= r->len)
        return ERR_OK;

    size_t count = 0, line = r->line;
    int rc;
    for (;;) {
        if ((rc = open_field(r, &count)) != ERR_OK)
            return rc;
        size_t start = r->text.len;
        if (r->pos < r->len && r->data[r->pos] == '"')
            rc = read_quoted(r, start);
        else
            rc = read_plain(r, start);
        if (rc != ERR_OK)
            return rc;
        /* The NUL after each field is ours, not data: it is not limited like text. */
        if (buf_putc(&r->text, '\0') != ERR_OK)
            return fail(r, ERR_TOOBIG, r->line, r->col, "record longer than %zu bytes", r->max_record);
        if (r->pos >= r->len)
            break;
        if (at_line_end(r)) {
            consume_line_end(r);
            break;
        }
        consume(r); /* the delimiter: another field follows, perhaps empty */
    }

    for (size_t i = 0; i < count; i++) {
        size_t end = i + 1 < count ? r->offsets[i + 1] - 1 : r->text.len - 1;
        r->fields[i] = slice_make(r->text.data + r->offsets[i], end - r->offsets[i]);
    }
    rec->fields = r->fields;
    rec->count = count;
    rec->line = line;
    return CSV_RECORD;
}

int csv_field_index(const struct csv_record *rec, const char *name)
{
    for (size_t i = 0; i < rec->count; i++)
        if (slice_eq_str(rec->fields[i], name))
            return (int)i;
    return -1;
}

void csv_writer_init(struct csv_writer *w, struct buf *out)
{
    w->out = out;
    w->delim = ',';
    w->fields = 0;
    w->record_start = out->len;
}

int csv_write_bom(struct csv_writer *w)
{
    int rc = buf_append(w->out, "\xEF\xBB\xBF", 3);
    if (rc == ERR_OK && w->fields == 0)
        w->record_start = w->out->len;
    return rc;
}

static bool needs_quotes(const struct csv_writer *w, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == w->delim || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            return true;
    return false;
}

int csv_write_field(struct csv_writer *w, const char *s, size_t len)
{
    size_t mark = w->out->len;
    int rc = ERR_OK;
    if (w->fields == 0)
        w->record_start = mark;
    else
        rc = buf_putc(w->out, w->delim);
    if (rc == ERR_OK && !needs_quotes(w, s, len)) {
        rc = buf_append(w->out, s, len);
    } else if (rc == ERR_OK) {
        rc = buf_putc(w->out, '"');
        size_t from = 0;
        for (size_t i = 0; rc == ERR_OK && i < len; i++) {
            if (s[i] != '"')
                continue;
            /* Copy up to and including the quote, then double it. */
            rc = buf_append(w->out, s + from, i + 1 - from);
            if (rc == ERR_OK)
                rc = buf_putc(w->out, '"');
            from = i + 1;
        }
        if (rc == ERR_OK)
            rc = buf_append(w->out, s + from, len - from);
        if (rc == ERR_OK)
            rc = buf_putc(w->out, '"');
    }
    if (rc != ERR_OK) {
        buf_truncate(w->out, mark);
        return rc;
    }
    w->fields++;
    return ERR_OK;
}

int csv_write_str(struct csv_writer *w, const char *s)
{
    return csv_write_field(w, s ? s : "", s ? strlen(s) : 0);
}

int csv_write_int(struct csv_writer *w, int64_t v)
{
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%" PRId64, v);
    return csv_write_field(w, tmp, (size_t)n);
}

int csv_end_record(struct csv_writer *w)
{
    size_t mark = w->out->len;
    int rc = ERR_OK;
    /* An empty line would be skipped by readers: a lone empty field is written as "". */
    if (w->fields == 0 || (w->fields == 1 && w->out->len == w->record_start))
        rc = buf_append(w->out, "\"\"", 2);
    if (rc == ERR_OK)
        rc = buf_append(w->out, "\r\n", 2);
    if (rc != ERR_OK) {
        buf_truncate(w->out, mark);
        return rc;
    }
    w->fields = 0;
    w->record_start = w->out->len;
    return ERR_OK;
}
