/*
 * CSV (RFC 4180) reading and writing over memory buffers. Used for the reference data compiled into
 * the binary, for imports from other systems and for exports opened in spreadsheets.
 *
 * Reader: a next-record iterator over (data, len). It accepts quoted fields with doubled quotes,
 * line breaks inside quotes, CRLF, LF or a lone CR between records, a missing final line break and a
 * UTF-8 byte order mark at the very start (skipped). Empty lines between records are skipped, so a
 * record always has at least one character. It never reads outside the buffer and bounds the number
 * of fields per record and the bytes per field and per record, because imports come from outside:
 * a malformed or oversized input yields ERR_INVAL or ERR_TOOBIG with "line L, column C: ..." from
 * csv_error(). Lines and columns count from 1; a column counts UTF-8 characters, not bytes, so it
 * matches what a person sees in an editor.
 *
 * Writer: appends fields to a bounded buf, quoting a field only when it must (it holds the
 * delimiter, a quote, CR or LF, or it is the only, empty field of its record), and ends records with
 * CRLF as RFC 4180 says.
 *
 * Typical use:
 *     struct csv_reader r;
 *     struct csv_record rec;
 *     csv_reader_init(&r, data, len);
 *     while ((rc = csv_next(&r, &rec)) == CSV_RECORD) use(rec.fields[0].ptr, rec.count);
 *     if (rc != ERR_OK) log_error("%s", csv_error(&r));
 *     csv_reader_release(&r);
 */
#ifndef TAMBON_BASE_CSV_H
#define TAMBON_BASE_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/slice.h"

/* csv_next's answer when a record is available; distinct from every enum err_code. */
#define CSV_RECORD 1000

/* Default limits; a caller may lower or raise them after csv_reader_init, before the first read. */
#define CSV_MAX_FIELDS 512             /* fields in one record */
#define CSV_MAX_FIELD (64u * 1024u)    /* bytes in one field after unquoting */
#define CSV_MAX_RECORD (1024u * 1024u) /* bytes in one record after unquoting */

struct csv_reader {
    const char *data;
    size_t len;
    size_t pos;       /* next byte to read */
    size_t line, col; /* position of data[pos], 1-based */
    char delim;       /* field separator, ',' unless changed */
    size_t max_fields, max_field, max_record;
    /* internal: the current record's unquoted text, each field followed by a NUL */
    struct buf text;
    size_t record_bytes; /* text bytes of the current record, NULs excluded */
    size_t *offsets;     /* start of each field in text */
    struct slice *fields;
    size_t cap_fields;
    int failed; /* sticky error code once a read failed */
    char err[192];
};

/*
 * One record. fields[i] points into the reader and stays valid until the next csv_next or
 * csv_reader_release; each field is also NUL-terminated, so fields[i].ptr can be used as a C string
 * (a field may itself contain a NUL byte: its len is authoritative).
 */
struct csv_record {
    const struct slice *fields;
    size_t count; /* at least 1 */
    size_t line;  /* line on which the record starts */
};

/* Prepares a reader over len bytes of data (not copied: it must outlive the reader). Allocates nothing. */
void csv_reader_init(struct csv_reader *r, const char *data, size_t len);
/* Frees what the reader allocated; records it returned become invalid. */
void csv_reader_release(struct csv_reader *r);
/*
 * Reads the next record: CSV_RECORD and *rec filled, ERR_OK at the end of the data, ERR_INVAL for a
 * malformed record (an unterminated quote, a quote inside an unquoted field, text after a closing
 * quote) or ERR_TOOBIG when a limit is passed. After an error every later call returns the same error.
 */
__attribute__((warn_unused_result)) int csv_next(struct csv_reader *r, struct csv_record *rec);
/* "line L, column C: what is wrong" for the last failure, "" when there was none. */
const char *csv_error(const struct csv_reader *r);

/* Index of the field equal to name (exact bytes) in rec, typically a header record; -1 when absent. */
int csv_field_index(const struct csv_record *rec, const char *name);

struct csv_writer {
    struct buf *out;
    char delim;          /* ',' unless changed */
    size_t fields;       /* fields written in the current record */
    size_t record_start; /* out->len when the current record began */
};

/* Prepares a writer appending to out (which keeps its own size limit). */
void csv_writer_init(struct csv_writer *w, struct buf *out);
/*
 * Writes the UTF-8 byte order mark. Call first, for files meant for spreadsheets: Excel on Thai
 * Windows reads a CSV without it in the local code page and shows Thai as garbage.
 */
__attribute__((warn_unused_result)) int csv_write_bom(struct csv_writer *w);
/* Appends one field of len bytes, quoted if needed. On failure (ERR_TOOBIG) out is left unchanged. */
__attribute__((warn_unused_result)) int csv_write_field(struct csv_writer *w, const char *s, size_t len);
/* The same for a C string; NULL writes an empty field. */
__attribute__((warn_unused_result)) int csv_write_str(struct csv_writer *w, const char *s);
/* The same for an integer in decimal. */
__attribute__((warn_unused_result)) int csv_write_int(struct csv_writer *w, int64_t v);
/* Ends the current record with CRLF. A record with no field is written as one empty field. */
__attribute__((warn_unused_result)) int csv_end_record(struct csv_writer *w);

#endif
