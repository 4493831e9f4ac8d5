/*
 * Geography persistence: seeding from the embedded CSV files and look-ups. The only file of the geo
 * module that speaks SQL.
 */
#include "modules/geo/geo.h"

#include <string.h>

#include "modules/seed.h"

int geo_seed(struct db *db)
{
    static const struct seed_column regions[] = {
        {"id", SEED_TEXT}, {"name_th", SEED_THAI}, {"name_en", SEED_TEXT}};
    static const struct seed_column provinces[] = {
        {"code", SEED_TEXT}, {"name_th", SEED_THAI}, {"name_en", SEED_TEXT}, {"region_id", SEED_TEXT}};
    static const struct seed_column districts[] = {
        {"code", SEED_TEXT}, {"province_code", SEED_TEXT}, {"name_th", SEED_THAI}, {"name_en", SEED_TEXT}};
    static const struct seed_column subdistricts[] = {{"code", SEED_TEXT},
                                                      {"district_code", SEED_TEXT},
                                                      {"name_th", SEED_THAI},
                                                      {"name_en", SEED_TEXT},
                                                      {"postcode", SEED_TEXT}};
    /* Parents before children, for the foreign keys. */
    int rc = seed_csv(db, "data/geo/regions.csv", "region", regions, 3, "id", NULL);
    if (rc == ERR_OK)
        rc = db_sync_identity(db, "region"); /* the seed supplies the ids */
    if (rc == ERR_OK)
        rc = seed_csv(db, "data/geo/provinces.csv", "province", provinces, 4, "code", NULL);
    if (rc == ERR_OK)
        rc = seed_csv(db, "data/geo/districts.csv", "district", districts, 4, "code", NULL);
    if (rc == ERR_OK)
        rc = seed_csv(db, "data/geo/subdistricts.csv", "subdistrict", subdistricts, 5, "code", NULL);
    return rc;
}

int geo_province_count(struct db *db, int64_t *out)
{
    return db_query_int64(db, out, "SELECT count(*) FROM province", "");
}

int geo_count_all(struct db *db, struct geo_counts *out)
{
    int rc = db_query_int64(db, &out->regions, "SELECT count(*) FROM region", "");
    if (rc == ERR_OK)
        rc = db_query_int64(db, &out->provinces, "SELECT count(*) FROM province", "");
    if (rc == ERR_OK)
        rc = db_query_int64(db, &out->districts, "SELECT count(*) FROM district", "");
    if (rc == ERR_OK)
        rc = db_query_int64(db, &out->subdistricts, "SELECT count(*) FROM subdistrict", "");
    return rc;
}

static void province_from_row(struct db_stmt *st, struct arena *a, struct geo_province *p)
{
    p->code = arena_strdup(a, db_column_text(st, 0));
    p->name_th = arena_strdup(a, db_column_text(st, 1));
    p->name_en = arena_strdup(a, db_column_text(st, 2));
    p->region_id = db_column_int64(st, 3);
}

int geo_provinces(struct db *db, struct arena *a, struct geo_province **out, size_t *n)
{
    struct db_stmt *st = NULL;
    struct geo_province *list = NULL;
    size_t got = 0, cap = 0;
    *out = NULL;
    *n = 0;
    int rc =
        db_prepare(db, "SELECT code, name_th, name_en, region_id FROM province ORDER BY name_th, code", &st);
    if (rc != ERR_OK)
        goto out;
    while ((rc = db_step(st)) == DB_ROW) {
        if (got == cap) {
            /* Arena memory cannot grow in place: copy into a block twice the size. */
            size_t ncap = cap ? cap * 2 : 128;
            struct geo_province *bigger = arena_calloc(a, ncap, sizeof *bigger);
            if (got)
                memcpy(bigger, list, got * sizeof *list);
            list = bigger;
            cap = ncap;
        }
        province_from_row(st, a, &list[got++]);
    }
    if (rc == ERR_OK) {
        *out = list;
        *n = got;
    }
out:
    db_finalize(st);
    return rc;
}

int geo_province_get(struct db *db, const char *code, struct arena *a, struct geo_province *out)
{
    struct db_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT code, name_th, name_en, region_id FROM province WHERE code = $1", &st);
    if (rc != ERR_OK)
        goto out;
    if ((rc = db_bind_text(st, 1, code)) != ERR_OK)
        goto out;
    rc = db_step(st);
    if (rc == DB_ROW) {
        province_from_row(st, a, out);
        rc = ERR_OK;
    } else if (rc == ERR_OK) {
        rc = ERR_NOTFOUND;
    }
out:
    db_finalize(st);
    return rc;
}
