/*
 * Thai text support inside SQLite: a collation and a full-text tokenizer, both named "thai", that the
 * SQLite driver registers on every connection it opens.
 *
 *   ORDER BY name COLLATE thai                 Thai dictionary order (thai/collate.h)
 *   CREATE VIRTUAL TABLE t USING fts5(body, tokenize='thai')
 *                                              words found by ICU's Thai dictionary (thai/wordbreak.h)
 *
 * The default unicode61 tokenizer cuts Thai at every vowel and tone mark, so a search matches pieces
 * of unrelated words; this tokenizer emits whole words instead. Each token is normalised
 * (thai/normalize.h: typed-order variants of the same word become one token), Latin letters are
 * lower-cased (ASCII only) and Thai digits become ASCII digits, so "John" finds "john" and "๑๒๓"
 * finds "123". Token offsets refer to the original text, so highlight() and snippet() work.
 */
#ifndef TAMBON_DB_SQLITE_THAI_H
#define TAMBON_DB_SQLITE_THAI_H

#include <sqlite3.h>

/*
 * Registers the "thai" collation and the "thai" FTS5 tokenizer on conn. Returns 0, ERR_UNSUPPORTED
 * when this SQLite has no FTS5 (the collation is registered all the same), or ERR_DB when SQLite
 * refuses a registration. Safe to call again on the same connection (it replaces both).
 */
int db_sqlite_register_thai(sqlite3 *conn);

#endif
