/*
 * The module table (see modules.h). One line per capability.
 */
#include "modules/modules.h"

#include <string.h>

#include "base/log.h"
#include "modules/geo/geo.h"
#include "modules/org/org.h"
#include "modules/rules/rules.h"

const struct module modules[] = {
    {"geo", geo_seed},     /* regions, provinces, districts, sub-districts */
    {"org", org_seed},     /* LAO types, position types, levels and lines; LAOs, units, positions */
    {"people", NULL},      /* persons, employment, appointments, salary history */
    {"rules", rules_seed}, /* rule sets: retirement, salary ranges, raise regimes, ... */
    {"audit", NULL},       /* the hash-chained audit trail of every change (no reference data) */
};

const size_t modules_count = sizeof modules / sizeof modules[0];

const struct module *modules_find(const char *name)
{
    for (size_t i = 0; i < modules_count; i++)
        if (strcmp(modules[i].name, name) == 0)
            return &modules[i];
    return NULL;
}

int modules_seed(struct db *db, struct progress *p)
{
    bool own = !db_in_transaction(db);
    int rc = own ? db_begin(db) : ERR_OK;
    if (rc != ERR_OK)
        return rc;
    if (p)
        progress_start(p, "ข้อมูลอ้างอิง reference data", (int64_t)modules_count);
    for (size_t i = 0; rc == ERR_OK && i < modules_count; i++) {
        if (modules[i].seed)
            rc = modules[i].seed(db);
        if (rc != ERR_OK)
            log_error("seed of module %s failed: %s", modules[i].name, db_errmsg(db));
        else if (p)
            progress_set(p, (int64_t)i + 1);
    }
    if (p)
        progress_finish(p);
    if (own) {
        if (rc == ERR_OK)
            rc = db_commit(db);
        else
            db_rollback(db);
    }
    return rc;
}
