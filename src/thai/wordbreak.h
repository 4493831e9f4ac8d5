/*
 * Word segmentation for Thai, which is written without spaces between words. ICU's word break
 * iterator for the "th" locale finds Thai words with its dictionary (สมชายใจดี -> สมชาย | ใจดี) and
 * handles Latin words and numbers in the same text. Used by full-text search (db/sqlite_thai.h) and
 * anywhere text must be cut at word boundaries.
 *
 * Thread safety: callable from any thread; each thread clones one shared break iterator on first
 * use. The callback may itself call thai_words (a nested call gets an iterator of its own).
 */
#ifndef TAMBON_THAI_WORDBREAK_H
#define TAMBON_THAI_WORDBREAK_H

#include <stddef.h>

/*
 * Calls cb(ctx, start, end) for each word-like segment of the UTF-8 text s[0..len), in order: Thai
 * and other letters, and numbers ("3.14", "๑๒๓"); white space and punctuation are skipped. start and
 * end are byte offsets into s. Returns 0 when all segments were reported; the callback's value as
 * soon as it returns non-zero (iteration stops); ERR_TOOBIG when len exceeds 2^31 - 1; ERR_UNSUPPORTED
 * when ICU cannot provide the iterator. Ill-formed UTF-8 is read as U+FFFD and never splits a
 * segment's offsets off a character boundary of the well-formed parts. Text is not normalised here:
 * normalise first (normalize.h) when typed-order variants must segment alike.
 */
int thai_words(const char *s, size_t len, int (*cb)(void *ctx, size_t start, size_t end), void *ctx);

#endif
