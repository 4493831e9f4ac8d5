/*
 * The "thai" collation and FTS5 tokenizer for SQLite, built on src/thai.
 *
 * Tokenizing: the text is first normalised as a whole with an offset map (so that a misordered tone
 * mark cannot change where the dictionary cuts words), then segmented into words; each word is
 * folded (ASCII lower case, Thai digits to ASCII) and passed to FTS5 with its offsets in the
 * original text. Ill-formed UTF-8 cannot be normalised; such text is segmented as it is, so a bad
 * byte in one row never makes an INSERT fail.
 */
#include "db/sqlite_thai.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "thai/collate.h"
#include "thai/normalize.h"
#include "thai/utf8.h"
#include "thai/wordbreak.h"

static int collate_thai(void *unused, int alen, const void *a, int blen, const void *b)
{
    (void)unused;
    return thai_collate(a, (size_t)alen, b, (size_t)blen);
}

/* FTS5 needs a tokenizer object; ours has no state or options. */
struct thai_fts_tokenizer {
    int unused;
};

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ctx;
    (void)argv;
    *out = NULL;
    if (argc != 0)
        return SQLITE_ERROR; /* the tokenizer takes no options */
    struct thai_fts_tokenizer *t = calloc(1, sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
    free(t);
}

struct tok_run {
    const char *text;  /* the text being segmented (normalised, or the original) */
    const size_t *map; /* text offset -> original offset, or NULL for the identity */
    struct buf token;  /* folded copy of the current word */
    void *fts_ctx;
    int (*emit)(void *, int, const char *, int, int, int);
    int sqlite_rc; /* the error FTS5 returned from xToken, if any */
};

/* Appends the word text[start..end) to r->token with ASCII lower-cased and Thai digits as ASCII. */
static int fold(struct tok_run *r, size_t start, size_t end)
{
    int rc = ERR_OK;
    size_t pos = start;
    buf_reset(&r->token);
    while (pos < end && rc == ERR_OK) {
        size_t at = pos;
        int32_t cp = thai_utf8_next(r->text, end, &pos);
        if (cp < 0) { /* ill-formed byte (only in the fallback path): keep it */
            pos = at + 1;
            rc = buf_append(&r->token, r->text + at, 1);
        } else if (cp >= 'A' && cp <= 'Z') {
            rc = buf_putc(&r->token, (char)(cp - 'A' + 'a'));
        } else if (cp >= THAI_CP_DIGIT0 && cp <= THAI_CP_DIGIT0 + 9) {
            rc = buf_putc(&r->token, (char)('0' + cp - THAI_CP_DIGIT0));
        } else {
            rc = buf_append(&r->token, r->text + at, pos - at);
        }
    }
    return rc;
}

static int on_word(void *ctx, size_t start, size_t end)
{
    struct tok_run *r = ctx;
    if (fold(r, start, end) != ERR_OK) {
        r->sqlite_rc = SQLITE_TOOBIG;
        return 1;
    }
    size_t from = r->map ? r->map[start] : start;
    size_t to = r->map ? r->map[end] : end;
    int rc = r->emit(r->fts_ctx, 0, r->token.data, (int)r->token.len, (int)from, (int)to);
    if (rc != SQLITE_OK) {
        r->sqlite_rc = rc;
        return 1;
    }
    return 0;
}

static int tok_tokenize(Fts5Tokenizer *tok, void *fts_ctx, int flags, const char *text, int ntext,
                        int (*emit)(void *, int, const char *, int, int, int))
{
    (void)tok;
    (void)flags;
    size_t len = ntext > 0 ? (size_t)ntext : 0;
    struct buf norm;
    size_t *map = malloc((len + 1) * sizeof *map);
    if (!map)
        arena_oom((len + 1) * sizeof *map);
    buf_init(&norm, len + 1);
    struct tok_run r = {.fts_ctx = fts_ctx, .emit = emit, .sqlite_rc = SQLITE_OK};
    buf_init(&r.token, len + 1);

    size_t seg_len;
    if (thai_normalize_mapped(text, len, &norm, map) == ERR_OK) {
        r.text = buf_str(&norm);
        r.map = map;
        seg_len = norm.len;
    } else {
        r.text = text;
        r.map = NULL;
        seg_len = len;
    }
    int rc = thai_words(r.text, seg_len, on_word, &r);
    int result = SQLITE_OK;
    if (r.sqlite_rc != SQLITE_OK)
        result = r.sqlite_rc;
    else if (rc != 0)
        result = SQLITE_ERROR;

    buf_release(&r.token);
    buf_release(&norm);
    free(map);
    return result;
}

/* FTS5's API pointer for conn, or NULL when SQLite was built without FTS5. */
static fts5_api *get_fts5_api(sqlite3 *conn)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(conn, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

int db_sqlite_register_thai(sqlite3 *conn)
{
    static fts5_tokenizer tokenizer = {tok_create, tok_delete, tok_tokenize};

    if (sqlite3_create_collation_v2(conn, "thai", SQLITE_UTF8, NULL, collate_thai, NULL) != SQLITE_OK)
        return ERR_DB;
    fts5_api *api = get_fts5_api(conn);
    if (!api || api->iVersion < 2)
        return ERR_UNSUPPORTED;
    if (api->xCreateTokenizer(api, "thai", NULL, &tokenizer, NULL) != SQLITE_OK)
        return ERR_DB;
    return ERR_OK;
}
