/*
 * Thai personal names for the demo generator: given names by gender and family names, each with a
 * romanisation, from the lists under data/names/ compiled into the binary. Lines are "Thai|Latin";
 * lines starting with '#' and empty lines are comments. The Thai text is normalised (thai_normalize)
 * on loading, as every stored name must be.
 */
#ifndef TAMBON_DEMO_NAMES_H
#define TAMBON_DEMO_NAMES_H

#include <stddef.h>

#include "base/arena.h"

struct demo_name {
    const char *th; /* normalised Thai */
    const char *en; /* romanised (RTGS, no tone marks) */
};

struct demo_name_list {
    struct demo_name *names;
    size_t count;
};

struct demo_names {
    struct demo_name_list male, female, surname;
};

/*
 * Parses len bytes of a name list into *out (memory from arena). ERR_INVAL, with the 1-based line
 * number in *bad_line (may be NULL), for a line without exactly one '|', an empty side, a Latin side
 * with non-ASCII bytes, or Thai text that is not UTF-8; ERR_NOTFOUND for a list without names.
 */
__attribute__((warn_unused_result)) int demo_names_parse(const char *text, size_t len, struct arena *arena,
                                                         struct demo_name_list *out, size_t *bad_line);

/* Loads data/names/male.txt, female.txt and surnames.txt from the binary. Errors as demo_names_parse,
 * or ERR_NOTFOUND when a file is missing. */
__attribute__((warn_unused_result)) int demo_names_load(struct arena *arena, struct demo_names *out);

#endif
