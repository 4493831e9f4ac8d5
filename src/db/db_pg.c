/*
 * PostgreSQL driver for db.h (libpq): the store for provinces and the nation.
 *
 * Sessions run with UTF-8, ISO dates, UTC and standard-conforming strings. Statements are prepared on
 * the server under a connection-unique name and executed with text parameters and text results, so
 * every value crosses the wire as PostgreSQL's own text form: int64 and double are formatted here with
 * snprintf ("%.17g" round-trips a double) and parsed back with the range-checked parsers of base/num.h.
 * Parameter types come from the statement's context; where the context says nothing (a bare
 * "SELECT $1"), callers write CAST($1 AS BIGINT) and the like.
 *
 * Bulk loads use COPY ... FROM STDIN in text format, sent in chunks of COPY_CHUNK bytes.
 *
 * Errors keep the server's primary message (and its detail) for db_errmsg() and map SQLSTATE to
 * enum err_code: class 23 (integrity) is ERR_CONSTRAINT; serialization failure, deadlock and lock
 * unavailable are ERR_BUSY (try again); the rest is ERR_DB.
 */
#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/log.h"
#include "base/num.h"
#include "db/db_driver.h"

/* Bytes of COPY data gathered before they are sent to the server. */
#define COPY_CHUNK (256 * 1024)
/* "tambon_" + a 64-bit counter, NUL included. */
#define STMT_NAME_MAX 32
/* Statements whose DEALLOCATE must wait for the end of an aborted transaction. */
#define PENDING_MAX 64

struct pg_db {
    struct db base;
    PGconn *conn;
    uint64_t next_stmt; /* counter that makes statement names unique on this connection */
    int64_t changes;    /* rows changed by the last INSERT/UPDATE/DELETE/MERGE */
    /* Names of finalized statements not yet deallocated because the transaction was aborted
     * (PostgreSQL refuses every command but ROLLBACK then). Sent once the session is idle. */
    char pending[PENDING_MAX][STMT_NAME_MAX];
    int npending;
};

struct pg_stmt {
    struct db_stmt base;
    char name[STMT_NAME_MAX];
    int nparams;
    char **values;  /* nparams text values (malloc'd); NULL is SQL NULL */
    PGresult *desc; /* PQdescribePrepared: result columns before the first step */
    PGresult *res;  /* result of the last execution, or NULL before the first step */
    int row;        /* index of the current row in res; -1 before the first row */
};

struct pg_copy {
    struct db_copy base;
    int ncolumns, col;
    int failed; /* first error (enum err_code) seen by this copy, or ERR_OK */
    size_t len; /* bytes used in chunk */
    char chunk[COPY_CHUNK];
};

static PGconn *conn_of(struct db *db)
{
    return ((struct pg_db *)db)->conn;
}

/* Makes a libpq message one line: newlines and tabs become single spaces; no trailing space. */
static void one_line(char *s)
{
    size_t out = 0;
    bool space = false;
    for (size_t i = 0; s[i]; i++) {
        char ch = s[i];
        if (ch == '\n' || ch == '\t' || ch == '\r' || ch == ' ') {
            space = out > 0;
            continue;
        }
        if (space)
            s[out++] = ' ';
        space = false;
        s[out++] = ch;
    }
    s[out] = '\0';
}

/* Maps a SQLSTATE to enum err_code. */
static int code_of_sqlstate(const char *state)
{
    if (!state || strlen(state) != 5)
        return ERR_DB;
    if (state[0] == '2' && state[1] == '3')
        return ERR_CONSTRAINT;
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0)
        return ERR_BUSY;
    return ERR_DB;
}

/*
 * Records the error carried by res (or, when res has no message, the connection's) and returns its
 * code. The message is the server's primary message followed by its detail, on one line.
 */
static int fail_result(struct db *db, const PGresult *res)
{
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!primary) {
        const char *msg = res ? PQresultErrorMessage(res) : "";
        if (!msg || !*msg)
            msg = PQerrorMessage(conn_of(db));
        db_set_error(db, "%s", msg && *msg ? msg : "unknown PostgreSQL error");
        one_line(db->errmsg);
        return ERR_DB;
    }
    const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
    if (detail)
        db_set_error(db, "%s (%s)", primary, detail);
    else
        db_set_error(db, "%s", primary);
    one_line(db->errmsg);
    return code_of_sqlstate(PQresultErrorField(res, PG_DIAG_SQLSTATE));
}

/* Remembers the row count of an INSERT/UPDATE/DELETE/MERGE result; other commands leave it alone. */
static void note_changes(struct pg_db *p, PGresult *res)
{
    static const char *const verbs[] = {"INSERT ", "UPDATE ", "DELETE ", "MERGE "};
    const char *status = PQcmdStatus(res);
    const char *tuples = PQcmdTuples(res);
    if (!status || !tuples || !*tuples)
        return;
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        if (strncmp(status, verbs[i], strlen(verbs[i])) == 0) {
            int64_t n;
            if (num_parse_i64(tuples, strlen(tuples), 0, INT64_MAX, &n) == ERR_OK)
                p->changes = n;
            return;
        }
    }
}

/*
 * Sends the DEALLOCATEs that had to wait, once no transaction is open (so a failure cannot abort the
 * caller's work). Failures are only logged: a leftover statement costs memory until the session ends.
 */
static void flush_pending(struct pg_db *p)
{
    if (p->npending == 0 || PQtransactionStatus(p->conn) != PQTRANS_IDLE)
        return;
    for (int i = 0; i < p->npending; i++) {
        char sql[STMT_NAME_MAX + 16];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", p->pending[i]);
        PGresult *res = PQexec(p->conn, sql);
        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            log_warn("postgres: cannot deallocate %s: %s", p->pending[i], PQresultErrorMessage(res));
        PQclear(res);
    }
    p->npending = 0;
}

/* Server notices (e.g. "table does not exist, skipping") go to the debug log, not to stderr. */
static void on_notice(void *arg, const char *message)
{
    (void)arg;
    log_debug("postgres: %s", message);
}

static int pg_exec(struct db *db, const char *sql)
{
    struct pg_db *p = (struct pg_db *)db;
    flush_pending(p);
    PGresult *res = PQexec(p->conn, sql);
    int code = ERR_OK;
    ExecStatusType status = PQresultStatus(res);
    switch (status) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
        note_changes(p, res);
        /* COMMIT of a transaction in which a statement failed ends it with a rollback, and the
         * server answers "ROLLBACK" without an error. Callers must hear that nothing was stored. */
        if (strncasecmp(sql, "COMMIT", 6) == 0 && strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
            db_set_error(db, "COMMIT failed: the transaction was rolled back because a statement in it "
                             "failed");
            code = ERR_DB;
        }
        break;
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
    case PGRES_COPY_BOTH:
        /* COPY belongs to db_copy_*; leave the connection usable again. */
        db_set_error(db, "db_exec cannot run COPY; use db_copy_begin");
        code = ERR_INVAL;
        break;
    default:
        code = fail_result(db, res);
    }
    PQclear(res);
    if (code == ERR_INVAL) {
        /* Abandon the copy the server started (read away its output, or cancel its input) and drain
         * the results of what followed it. */
        if (status == PGRES_COPY_OUT) {
            char *row;
            while (PQgetCopyData(p->conn, &row, 0) > 0)
                PQfreemem(row);
        } else {
            PQputCopyEnd(p->conn, "COPY is not allowed through db_exec");
        }
        while ((res = PQgetResult(p->conn)) != NULL)
            PQclear(res);
    }
    return code;
}

/*
 * Writes "host H port P database D" for messages about a connection: never the URL itself, which may
 * hold a password.
 */
static void describe_target(PGconn *conn, char *out, size_t size)
{
    const char *host = conn ? PQhost(conn) : NULL;
    const char *port = conn ? PQport(conn) : NULL;
    const char *dbname = conn ? PQdb(conn) : NULL;
    snprintf(out, size, "host %s port %s database %s", host && *host ? host : "?", port && *port ? port : "?",
             dbname && *dbname ? dbname : "?");
}

static void pg_close(struct db *db)
{
    struct pg_db *p = (struct pg_db *)db;
    PQfinish(p->conn); /* the session's prepared statements end with it */
    free(p);
}

static int pg_open(const char *target, struct db **out, char *errbuf, size_t errbuf_size)
{
    struct pg_db *p = calloc(1, sizeof *p);
    if (!p)
        arena_oom(sizeof *p);
    p->base.drv = &db_pg_driver;
    int code = ERR_OK;
    p->conn = PQconnectdb(target);
    if (!p->conn)
        arena_oom(sizeof(void *)); /* libpq returns NULL only when it cannot allocate */
    if (PQstatus(p->conn) != CONNECTION_OK) {
        code = ERR_IO;
        char where[256];
        describe_target(p->conn, where, sizeof where);
        if (errbuf && errbuf_size) {
            snprintf(errbuf, errbuf_size, "cannot connect to PostgreSQL (%s): %s", where,
                     PQerrorMessage(p->conn));
            one_line(errbuf); /* libpq's messages span lines */
        }
        goto out;
    }
    PQsetNoticeProcessor(p->conn, on_notice, NULL);
    code = pg_exec(&p->base, "SET client_encoding = 'UTF8';"
                             "SET DateStyle = 'ISO';"
                             "SET TimeZone = 'UTC';"
                             "SET standard_conforming_strings = on");
    if (code != ERR_OK) {
        if (errbuf && errbuf_size)
            snprintf(errbuf, errbuf_size, "cannot set up the PostgreSQL session: %s", p->base.errmsg);
        goto out;
    }
out:
    if (code != ERR_OK) {
        PQfinish(p->conn);
        free(p);
        return code;
    }
    *out = &p->base;
    return ERR_OK;
}

static void stmt_free(struct pg_stmt *st)
{
    for (int i = 0; st->values && i < st->nparams; i++)
        free(st->values[i]);
    free(st->values);
    PQclear(st->desc);
    PQclear(st->res);
    free(st);
}

/* Removes the server's prepared statement now, or after the aborted transaction ends. */
static void deallocate(struct pg_db *p, const char *name)
{
    PGTransactionStatusType ts = PQtransactionStatus(p->conn);
#ifdef LIBPQ_HAS_CLOSE_PREPARED
    /* libpq 17+: the protocol's Close message is accepted even inside an aborted transaction. */
    if (ts != PQTRANS_UNKNOWN) {
        PGresult *closed = PQclosePrepared(p->conn, name);
        if (PQresultStatus(closed) != PGRES_COMMAND_OK)
            log_warn("postgres: cannot close %s: %s", name, PQresultErrorMessage(closed));
        PQclear(closed);
        return;
    }
#endif
    if (ts == PQTRANS_IDLE || ts == PQTRANS_INTRANS) {
        char sql[STMT_NAME_MAX + 16];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", name);
        PGresult *res = PQexec(p->conn, sql);
        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            log_warn("postgres: cannot deallocate %s: %s", name, PQresultErrorMessage(res));
        PQclear(res);
        return;
    }
    if (ts == PQTRANS_INERROR && p->npending < PENDING_MAX) {
        memcpy(p->pending[p->npending++], name, STMT_NAME_MAX);
        return;
    }
    /* Connection lost, or too many waiting: the statement lives until the session ends. */
    log_warn("postgres: statement %s left allocated", name);
}

static int pg_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
    struct pg_db *p = (struct pg_db *)db;
    flush_pending(p);
    struct pg_stmt *st = calloc(1, sizeof *st);
    if (!st)
        arena_oom(sizeof *st);
    st->base.db = db;
    st->row = -1;
    snprintf(st->name, sizeof st->name, "tambon_%" PRIu64, p->next_stmt++);
    bool prepared = false;
    int code = ERR_OK;

    PGresult *res = PQprepare(p->conn, st->name, sql, 0, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        code = fail_result(db, res);
        PQclear(res);
        goto out;
    }
    PQclear(res);
    prepared = true;

    st->desc = PQdescribePrepared(p->conn, st->name);
    if (PQresultStatus(st->desc) != PGRES_COMMAND_OK) {
        code = fail_result(db, st->desc);
        goto out;
    }
    st->nparams = PQnparams(st->desc);
    if (st->nparams > 0) {
        st->values = calloc((size_t)st->nparams, sizeof *st->values);
        if (!st->values)
            arena_oom((size_t)st->nparams * sizeof *st->values);
    }
out:
    if (code != ERR_OK) {
        if (prepared)
            deallocate(p, st->name);
        stmt_free(st);
        return code;
    }
    *out = &st->base;
    return ERR_OK;
}

/*
 * Stores value (len bytes, or SQL NULL when value is NULL) as parameter $idx. Binding is refused
 * for a parameter the statement does not have, and for text holding a NUL byte, which PostgreSQL
 * text cannot store.
 */
static int bind_value(struct pg_stmt *st, int idx, const char *value, size_t len)
{
    if (idx < 1 || idx > st->nparams) {
        db_set_error(st->base.db, "parameter $%d is not used by the statement (it has %d)", idx, st->nparams);
        return ERR_RANGE;
    }
    char *copy = NULL;
    if (value) {
        if (memchr(value, '\0', len)) {
            db_set_error(st->base.db, "parameter $%d: text contains a NUL byte", idx);
            return ERR_INVAL;
        }
        copy = malloc(len + 1);
        if (!copy)
            arena_oom(len + 1);
        memcpy(copy, value, len);
        copy[len] = '\0';
    }
    free(st->values[idx - 1]);
    st->values[idx - 1] = copy;
    return ERR_OK;
}

static int pg_bind_textn(struct db_stmt *base, int idx, const char *s, size_t len)
{
    return bind_value((struct pg_stmt *)base, idx, s, len);
}

static int pg_bind_int64(struct db_stmt *base, int idx, int64_t v)
{
    char text[32];
    int n = snprintf(text, sizeof text, "%" PRId64, v);
    return bind_value((struct pg_stmt *)base, idx, text, (size_t)n);
}

/* Writes v as PostgreSQL reads a float8: shortest form that round-trips, or its special words. */
static int format_double(char *out, size_t size, double v)
{
    if (isnan(v))
        return snprintf(out, size, "NaN");
    if (isinf(v))
        return snprintf(out, size, "%s", v < 0 ? "-Infinity" : "Infinity");
    return snprintf(out, size, "%.17g", v);
}

static int pg_bind_double(struct db_stmt *base, int idx, double v)
{
    char text[40];
    int n = format_double(text, sizeof text, v);
    return bind_value((struct pg_stmt *)base, idx, text, (size_t)n);
}

static int pg_bind_null(struct db_stmt *base, int idx)
{
    return bind_value((struct pg_stmt *)base, idx, NULL, 0);
}

static int pg_step(struct db_stmt *base)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    struct pg_db *p = (struct pg_db *)st->base.db;
    if (!st->res) {
        flush_pending(p);
        st->res =
            PQexecPrepared(p->conn, st->name, st->nparams, (const char *const *)st->values, NULL, NULL, 0);
        ExecStatusType status = PQresultStatus(st->res);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            int code = fail_result(st->base.db, st->res);
            PQclear(st->res);
            st->res = NULL; /* the next step runs the statement again */
            return code;
        }
        note_changes(p, st->res);
        st->row = -1;
    }
    if (st->row + 1 < PQntuples(st->res)) {
        st->row++;
        return DB_ROW;
    }
    st->row = PQntuples(st->res); /* past the end: later steps keep answering ERR_OK */
    return ERR_OK;
}

static int pg_reset(struct db_stmt *base)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    PQclear(st->res);
    st->res = NULL;
    st->row = -1;
    return ERR_OK;
}

static void pg_finalize(struct db_stmt *base)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    deallocate((struct pg_db *)st->base.db, st->name);
    stmt_free(st);
}

static int pg_column_count(struct db_stmt *base)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    return PQnfields(st->res ? st->res : st->desc);
}

static const char *pg_column_name(struct db_stmt *base, int col)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    return PQfname(st->res ? st->res : st->desc, col); /* NULL when col is out of range */
}

/* The current row's text for col, or NULL for SQL NULL, no current row or no such column. */
static const char *cell(struct pg_stmt *st, int col)
{
    if (!st->res || st->row < 0 || st->row >= PQntuples(st->res) || col < 0 || col >= PQnfields(st->res))
        return NULL;
    if (PQgetisnull(st->res, st->row, col))
        return NULL;
    return PQgetvalue(st->res, st->row, col);
}

static bool pg_column_is_null(struct db_stmt *base, int col)
{
    return cell((struct pg_stmt *)base, col) == NULL;
}

static const char *pg_column_text(struct db_stmt *base, int col)
{
    return cell((struct pg_stmt *)base, col);
}

/* Parses the whole of s as a double (PostgreSQL's float8 and numeric output); false if it is not one. */
static bool parse_double(const char *s, double *out)
{
    if (!*s)
        return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end != '\0')
        return false;
    *out = v;
    return true;
}

/*
 * Integers are read exactly; booleans ('t'/'f') as 1/0; other numbers are truncated toward zero and
 * clamped to the int64 range, as SQLite does; anything else is 0.
 */
static int64_t pg_column_int64(struct db_stmt *base, int col)
{
    const char *s = cell((struct pg_stmt *)base, col);
    if (!s)
        return 0;
    int64_t v;
    if (num_parse_i64(s, strlen(s), INT64_MIN, INT64_MAX, &v) == ERR_OK)
        return v;
    if (strcmp(s, "t") == 0)
        return 1;
    double d;
    if (!parse_double(s, &d) || isnan(d))
        return 0;
    if (d >= 9223372036854775807.0)
        return INT64_MAX;
    if (d <= -9223372036854775808.0)
        return INT64_MIN;
    return (int64_t)d;
}

static double pg_column_double(struct db_stmt *base, int col)
{
    const char *s = cell((struct pg_stmt *)base, col);
    if (!s)
        return 0.0;
    if (strcmp(s, "t") == 0)
        return 1.0;
    double d;
    return parse_double(s, &d) ? d : 0.0;
}

static int64_t pg_changes(struct db *db)
{
    return ((struct pg_db *)db)->changes;
}

/* Appends the quoted identifier name to sql (max size bytes in all); false when it does not fit. */
static bool append_ident(PGconn *conn, char *sql, size_t size, size_t *len, const char *name)
{
    char *quoted = PQescapeIdentifier(conn, name, strlen(name));
    if (!quoted)
        return false;
    size_t n = strlen(quoted);
    bool ok = *len + n < size;
    if (ok) {
        memcpy(sql + *len, quoted, n);
        *len += n;
        sql[*len] = '\0';
    }
    PQfreemem(quoted);
    return ok;
}

static bool append_text(char *sql, size_t size, size_t *len, const char *text)
{
    size_t n = strlen(text);
    if (*len + n >= size)
        return false;
    memcpy(sql + *len, text, n + 1);
    *len += n;
    return true;
}

static int pg_copy_begin(struct db *db, const char *table, const char *const *columns, int ncolumns,
                         struct db_copy **out)
{
    struct pg_db *p = (struct pg_db *)db;
    if (ncolumns < 1) {
        db_set_error(db, "copy into %s: no columns", table);
        return ERR_INVAL;
    }
    flush_pending(p);
    char sql[8192];
    size_t len = 0;
    sql[0] = '\0';
    bool ok = append_text(sql, sizeof sql, &len, "COPY ") &&
              append_ident(p->conn, sql, sizeof sql, &len, table) && append_text(sql, sizeof sql, &len, " (");
    for (int i = 0; ok && i < ncolumns; i++) {
        ok = (i == 0 || append_text(sql, sizeof sql, &len, ", ")) &&
             append_ident(p->conn, sql, sizeof sql, &len, columns[i]);
    }
    ok = ok && append_text(sql, sizeof sql, &len, ") FROM STDIN");
    if (!ok) {
        db_set_error(db, "copy into %s: statement too long or bad name", table);
        return ERR_INVAL;
    }
    PGresult *res = PQexec(p->conn, sql);
    if (PQresultStatus(res) != PGRES_COPY_IN) {
        int code = fail_result(db, res);
        PQclear(res);
        return code;
    }
    PQclear(res);
    struct pg_copy *c = malloc(sizeof *c);
    if (!c)
        arena_oom(sizeof *c);
    c->base.db = db;
    c->ncolumns = ncolumns;
    c->col = 0;
    c->failed = ERR_OK;
    c->len = 0;
    *out = &c->base;
    return ERR_OK;
}

/* Sends the gathered bytes to the server. */
static int copy_flush(struct pg_copy *c)
{
    if (c->len == 0 || c->failed != ERR_OK)
        return c->failed;
    PGconn *conn = conn_of(c->base.db);
    if (PQputCopyData(conn, c->chunk, (int)c->len) != 1) {
        db_set_error(c->base.db, "copy: sending data failed: %s", PQerrorMessage(conn));
        one_line(c->base.db->errmsg);
        c->failed = ERR_DB;
        return c->failed;
    }
    c->len = 0;
    return ERR_OK;
}

static int copy_put(struct pg_copy *c, const char *p, size_t n)
{
    while (n > 0) {
        if (c->len == COPY_CHUNK && copy_flush(c) != ERR_OK)
            return c->failed;
        size_t room = COPY_CHUNK - c->len;
        size_t take = n < room ? n : room;
        memcpy(c->chunk + c->len, p, take);
        c->len += take;
        p += take;
        n -= take;
    }
    return ERR_OK;
}

/*
 * Starts the next value of the row: checks the column count and writes the tab that separates it
 * from the previous value. A row with too many values fails the whole copy.
 */
static int copy_next(struct pg_copy *c)
{
    if (c->failed != ERR_OK)
        return c->failed;
    if (c->col >= c->ncolumns) {
        db_set_error(c->base.db, "copy: more values than the %d columns", c->ncolumns);
        c->failed = ERR_INTERNAL;
        return c->failed;
    }
    return c->col++ > 0 ? copy_put(c, "\t", 1) : ERR_OK;
}

/* Writes s in COPY text format: backslash, tab, newline and carriage return escaped. */
static int pg_copy_text(struct db_copy *base, const char *s, size_t len)
{
    struct pg_copy *c = (struct pg_copy *)base;
    int rc = copy_next(c);
    size_t start = 0;
    for (size_t i = 0; rc == ERR_OK && i < len; i++) {
        const char *esc = NULL;
        switch (s[i]) {
        case '\\':
            esc = "\\\\";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        default:
            continue;
        }
        rc = copy_put(c, s + start, i - start);
        if (rc == ERR_OK)
            rc = copy_put(c, esc, 2);
        start = i + 1;
    }
    if (rc == ERR_OK)
        rc = copy_put(c, s + start, len - start);
    return rc;
}

static int pg_copy_int64(struct db_copy *base, int64_t v)
{
    struct pg_copy *c = (struct pg_copy *)base;
    int rc = copy_next(c);
    if (rc != ERR_OK)
        return rc;
    char text[32];
    int n = snprintf(text, sizeof text, "%" PRId64, v);
    return copy_put(c, text, (size_t)n);
}

static int pg_copy_double(struct db_copy *base, double v)
{
    struct pg_copy *c = (struct pg_copy *)base;
    int rc = copy_next(c);
    if (rc != ERR_OK)
        return rc;
    char text[40];
    int n = format_double(text, sizeof text, v);
    return copy_put(c, text, (size_t)n);
}

static int pg_copy_null(struct db_copy *base)
{
    struct pg_copy *c = (struct pg_copy *)base;
    int rc = copy_next(c);
    return rc == ERR_OK ? copy_put(c, "\\N", 2) : rc;
}

static int pg_copy_end_row(struct db_copy *base)
{
    struct pg_copy *c = (struct pg_copy *)base;
    if (c->failed != ERR_OK)
        return c->failed;
    if (c->col != c->ncolumns) {
        db_set_error(c->base.db, "copy: row has %d values for %d columns", c->col, c->ncolumns);
        c->failed = ERR_INTERNAL;
        return c->failed;
    }
    c->col = 0;
    int rc = copy_put(c, "\n", 1);
    if (rc == ERR_OK && c->len >= COPY_CHUNK)
        rc = copy_flush(c);
    return rc;
}

/*
 * Ends the COPY: sends what is left and reads the server's verdict. After an earlier error, or with
 * a half-written last row, the COPY is cancelled so the server stores nothing, and the first error
 * is returned.
 */
static int pg_copy_finish(struct db_copy *base)
{
    struct pg_copy *c = (struct pg_copy *)base;
    struct db *db = c->base.db;
    PGconn *conn = conn_of(db);
    if (c->failed == ERR_OK && c->col != 0) {
        db_set_error(db, "copy: last row is incomplete (%d of %d values)", c->col, c->ncolumns);
        c->failed = ERR_INTERNAL;
    }
    int code = copy_flush(c);
    int sent = code == ERR_OK ? PQputCopyEnd(conn, NULL) : PQputCopyEnd(conn, "cancelled by the client");
    if (sent != 1 && code == ERR_OK) {
        db_set_error(db, "copy: ending the data failed: %s", PQerrorMessage(conn));
        one_line(db->errmsg);
        code = ERR_DB;
    }
    PGresult *res;
    while ((res = PQgetResult(conn)) != NULL) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && code == ERR_OK)
            code = fail_result(db, res);
        PQclear(res);
    }
    free(c);
    return code;
}

const struct db_driver db_pg_driver = {
    .version = 1,
    .dialect = DB_POSTGRES,
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .bind_textn = pg_bind_textn,
    .bind_int64 = pg_bind_int64,
    .bind_double = pg_bind_double,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .reset = pg_reset,
    .finalize = pg_finalize,
    .column_count = pg_column_count,
    .column_name = pg_column_name,
    .column_is_null = pg_column_is_null,
    .column_text = pg_column_text,
    .column_int64 = pg_column_int64,
    .column_double = pg_column_double,
    .changes = pg_changes,
    .copy_begin = pg_copy_begin,
    .copy_text = pg_copy_text,
    .copy_int64 = pg_copy_int64,
    .copy_double = pg_copy_double,
    .copy_null = pg_copy_null,
    .copy_end_row = pg_copy_end_row,
    .copy_finish = pg_copy_finish,
};
