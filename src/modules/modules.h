/*
 * The module table: every HR capability (a folder under src/modules/) is described by one entry, in the
 * spirit of nginx's module list. Code that must visit every module (seeding reference data now; routes,
 * permissions and scheduled jobs later) walks this table instead of naming modules one by one, so adding
 * a capability is a new folder plus one line in modules.c.
 *
 * Each module's schema lives in its migrations/ folder and is applied by db/migrate.c; the table does
 * not list migrations because they are found by name in the embedded files.
 */
#ifndef TAMBON_MODULES_MODULES_H
#define TAMBON_MODULES_MODULES_H

#include <stddef.h>

#include "base/progress.h"
#include "db/db.h"

struct module {
    const char *name; /* short, lower-case: "geo", "org", ... */
    /*
     * Loads the module's reference data (may be NULL when it has none). Must be idempotent: running it
     * again changes nothing, so `tambon init` is safe to repeat. Runs inside a transaction.
     */
    int (*seed)(struct db *db);
};

/* The modules in dependency order (a module's seed may rely on the modules before it). */
extern const struct module modules[];
extern const size_t modules_count;

/* The module with this name, or NULL. */
const struct module *modules_find(const char *name);

/*
 * Runs every module's seed, in table order, reporting each module done on p (may be NULL). Inside the
 * caller's transaction if one is open (what `tambon init` does, so migrations and reference data
 * commit together); otherwise in a transaction of its own, rolled back on failure. Returns the first
 * failure, with the module named in the log.
 */
__attribute__((warn_unused_result)) int modules_seed(struct db *db, struct progress *p);

#endif
