/*
 * Normalisation of Thai text as people type it. Thai combining marks (above and below vowels, tone
 * marks, other diacritics) can be typed in several orders that look the same on screen but differ
 * byte for byte ("ที่" as ท + ่ + ี or ท + ี + ่), and a doubled tone mark is invisible in many fonts;
 * Unicode NFC does not unify these. libthai's th_normalize puts each cluster's marks in the canonical
 * order and drops repeats; on top of that, a tone mark typed after SARA AM (ก + ำ + ่) is moved before
 * it (ก + ่ + ำ), the Unicode order. Names are normalised on input so that visually equal names compare
 * equal in the database and in searches.
 */
#ifndef TAMBON_THAI_NORMALIZE_H
#define TAMBON_THAI_NORMALIZE_H

#include <stddef.h>

#include "base/buf.h"

/*
 * Appends the normalised form of the UTF-8 text s[0..len) to out:
 *  - each Thai cluster (a character of U+0E01..U+0E5B and the marks after it) is normalised as above,
 *    via TIS-620 (U+0E01..U+0E5B <-> 0xA1..0xFB), the encoding th_normalize works in;
 *  - white space (ASCII white space, no-break and other Unicode spaces) at both ends is removed and
 *    every inner run of it becomes one ASCII space, since names are typed carelessly;
 *  - everything else is copied unchanged.
 * ERR_INVAL for ill-formed UTF-8, ERR_TOOBIG when out is full; on error out is unchanged. The result
 * is never longer than the input, and normalising it again changes nothing.
 */
__attribute__((warn_unused_result)) int thai_normalize(const char *s, size_t len, struct buf *out);

/*
 * Normalises the Thai clusters of s exactly as thai_normalize does but leaves white space alone, and
 * tells where each output byte came from, for callers that must report offsets into the original text
 * (a full-text tokenizer): map must have room for len + 1 entries; for each byte i appended to out,
 * map[i] is the offset in s of the start of the character or cluster it belongs to, and
 * map[appended length] = len. Boundaries of characters and clusters map exactly. Errors as above.
 */
__attribute__((warn_unused_result)) int thai_normalize_mapped(const char *s, size_t len, struct buf *out,
                                                              size_t *map);

#endif
