/*
 * libFuzzer target: JSON request bodies (http_json_body over jansson). Checks the size limit, that
 * only objects are accepted, that every failure carries a "line L, column C" message (or the size
 * message), that an accepted body survives a dump and re-parse unchanged, and (through libFuzzer's
 * leak detection) that the arena really releases the value.
 */
#include "fuzz.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "http/parse.h"

#define MAX_BODY 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct arena a;
    arena_init(&a, 0);
    struct buf err;
    buf_init(&err, 512);

    json_t *v = NULL;
    int rc = http_json_body(&a, s, size, MAX_BODY, &v, &err);
    if (rc == ERR_OK) {
        FUZZ_CHECK(size <= MAX_BODY);
        FUZZ_CHECK(json_is_object(v));
        FUZZ_CHECK(err.len == 0);
        char *dump = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
        FUZZ_CHECK(dump != NULL);
        json_t *again = NULL;
        FUZZ_CHECK(http_json_body(&a, dump, strlen(dump), strlen(dump), &again, NULL) == ERR_OK);
        FUZZ_CHECK(json_equal(v, again));
        free(dump);
    } else if (rc == ERR_TOOBIG) {
        FUZZ_CHECK(size > MAX_BODY);
        FUZZ_CHECK(strncmp(buf_str(&err), "the request body is larger", 26) == 0);
    } else {
        FUZZ_CHECK(rc == ERR_INVAL);
        FUZZ_CHECK(v == NULL);
        FUZZ_CHECK(strncmp(buf_str(&err), "line ", 5) == 0);
    }

    buf_release(&err);
    arena_release(&a);
    return 0;
}
