/*
 * Thai dictionary order, from ICU's "th" collator: leading vowels (เ แ โ ใ ไ) sort by the consonant
 * after them, tone marks only break ties, so กมล < กอง < ก้อง < กิตติ < เก่ง < แก้ว < ขวัญ. Digits sort
 * before letters, and the Thai locale puts Thai script before Latin (กมล < John).
 *
 * The order is total and deterministic: strings that ICU ranks equal (ASCII "123" and Thai "๑๒๓", for
 * instance) are ordered by their bytes, as PostgreSQL does for its deterministic ICU collations, so
 * both stores sort alike and "equal" means byte-equal (store names normalised, see normalize.h).
 *
 * Thread safety: every function may be called from any thread at any time. Each thread uses its own
 * clone of one shared collator (made on first use, freed when the thread exits); measured, this
 * scales with threads where a collator behind a mutex does not (docs/THAI.md).
 */
#ifndef TAMBON_THAI_COLLATE_H
#define TAMBON_THAI_COLLATE_H

#include <stddef.h>

#include "base/buf.h"

/*
 * Compares UTF-8 strings a[0..alen) and b[0..blen) in Thai order: <0, 0 or >0 as a sorts before, equal
 * to, or after b (0 only when the bytes are equal). Ill-formed UTF-8 sequences compare as U+FFFD. If
 * ICU cannot provide the collator (missing data: an installation fault, logged once), or a string is
 * longer than 2^31 - 1 bytes, the comparison falls back to byte order so that callers such as SQLite
 * still get a consistent order.
 */
int thai_collate(const char *a, size_t alen, const char *b, size_t blen);

/*
 * Appends a sort key for s: byte strings that compare (memcmp over the shorter length, then shorter
 * first) exactly as thai_collate compares the strings. Computing keys once is cheaper than collating
 * each pair when sorting many strings. The key is ICU's sort key, its terminating zero byte, then the
 * bytes of s (the tie-break). Keys depend on the ICU version: never store them. ERR_UNSUPPORTED when
 * the collator is unavailable, ERR_TOOBIG when out is full or s is longer than 2^31 - 1 bytes; out is
 * unchanged on error.
 */
__attribute__((warn_unused_result)) int thai_sort_key(const char *s, size_t len, struct buf *out);

#endif
