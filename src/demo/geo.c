/*
 * In-memory geography for the demo generator (see geo.h).
 */
#include "demo/geo.h"

#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/embedded.h"
#include "db/db.h"

void demo_geo_init(struct demo_geo *g, struct arena *arena)
{
    memset(g, 0, sizeof *g);
    g->arena = arena;
}

static int all_digits(const char *s, size_t len)
{
    if (strlen(s) != len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Makes room for one more element of size sz in *arr (capacity *cap, count n) from the arena. */
static void *grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t sz)
{
    if (n < *cap)
        return arr;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *p = arena_calloc(a, ncap, sz);
    if (n)
        memcpy(p, arr, n * sz);
    *cap = ncap;
    return p;
}

int demo_geo_add_province(struct demo_geo *g, const char *code, const char *name_th, const char *name_en)
{
    if (!all_digits(code, 2) || !name_th)
        return ERR_INVAL;
    if (g->nprovinces && strcmp(g->provinces[g->nprovinces - 1].code, code) >= 0)
        return ERR_INVAL;
    g->provinces = grow(g->arena, g->provinces, g->nprovinces, &g->cap_provinces, sizeof *g->provinces);
    struct demo_province *p = &g->provinces[g->nprovinces++];
    memcpy(p->code, code, 3);
    p->name_th = arena_strdup(g->arena, name_th);
    p->name_en = arena_strdup(g->arena, name_en ? name_en : "");
    p->first_district = g->ndistricts;
    p->ndistricts = 0;
    return ERR_OK;
}

int demo_geo_add_district(struct demo_geo *g, const char *code, const char *name_th, const char *name_en)
{
    if (!all_digits(code, 4) || !name_th || g->nprovinces == 0)
        return ERR_INVAL;
    struct demo_province *p = &g->provinces[g->nprovinces - 1];
    if (memcmp(code, p->code, 2) != 0)
        return ERR_INVAL;
    if (g->ndistricts && strcmp(g->districts[g->ndistricts - 1].code, code) >= 0)
        return ERR_INVAL;
    g->districts = grow(g->arena, g->districts, g->ndistricts, &g->cap_districts, sizeof *g->districts);
    struct demo_district *d = &g->districts[g->ndistricts++];
    memcpy(d->code, code, 5);
    d->province = g->nprovinces - 1;
    d->name_th = arena_strdup(g->arena, name_th);
    d->name_en = arena_strdup(g->arena, name_en ? name_en : "");
    d->first_sub = g->nsubs;
    d->nsubs = 0;
    p->ndistricts++;
    return ERR_OK;
}

int demo_geo_add_subdistrict(struct demo_geo *g, const char *code, const char *name_th, const char *name_en)
{
    if (!all_digits(code, 6) || !name_th || g->ndistricts == 0)
        return ERR_INVAL;
    struct demo_district *d = &g->districts[g->ndistricts - 1];
    if (memcmp(code, d->code, 4) != 0)
        return ERR_INVAL;
    if (g->nsubs && strcmp(g->subs[g->nsubs - 1].code, code) >= 0)
        return ERR_INVAL;
    g->subs = grow(g->arena, g->subs, g->nsubs, &g->cap_subs, sizeof *g->subs);
    struct demo_subdistrict *s = &g->subs[g->nsubs++];
    memcpy(s->code, code, 7);
    s->district = g->ndistricts - 1;
    s->name_th = arena_strdup(g->arena, name_th);
    s->name_en = arena_strdup(g->arena, name_en ? name_en : "");
    d->nsubs++;
    return ERR_OK;
}

/*
 * One query over the three tables in code order, so parents always precede their children: a row is
 * (level, code, name_th, name_en) with level 1 province, 2 district, 3 sub-district. Sorting by code
 * alone would interleave them wrongly ("10" < "1001" < "100101" < "11" is what we want, and text
 * ordering of digit strings gives exactly that on both stores).
 */
static const char GEO_SQL[] = "SELECT 1, code, name_th, name_en FROM province "
                              "UNION ALL SELECT 2, code, name_th, name_en FROM district "
                              "UNION ALL SELECT 3, code, name_th, name_en FROM subdistrict "
                              "ORDER BY 2";

int demo_geo_load(struct db *db, struct demo_geo *g)
{
    struct db_stmt *st = NULL;
    int rc = db_prepare(db, GEO_SQL, &st);
    if (rc != ERR_OK)
        goto out;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t level = db_column_int64(st, 0);
        const char *code = db_column_text(st, 1);
        const char *th = db_column_text(st, 2);
        const char *en = db_column_text(st, 3);
        if (!code || !th)
            rc = ERR_INVAL;
        else if (level == 1)
            rc = demo_geo_add_province(g, code, th, en);
        else if (level == 2)
            rc = demo_geo_add_district(g, code, th, en);
        else
            rc = demo_geo_add_subdistrict(g, code, th, en);
        if (rc != ERR_OK)
            goto out;
    }
    if (rc == ERR_OK && g->nsubs == 0)
        rc = ERR_NOTFOUND;
out:
    db_finalize(st);
    return rc;
}

/* One embedded CSV read row by row; the header is skipped. */
struct csv_source {
    struct csv_reader r;
    struct csv_record rec;
    int rc; /* CSV_RECORD while a row is at hand */
};

static int source_open(struct csv_source *s, const char *name, size_t nfields)
{
    const struct embedded_file *f = embedded_data_find(name);
    if (!f)
        return ERR_NOTFOUND;
    csv_reader_init(&s->r, (const char *)f->data, f->len);
    s->rc = csv_next(&s->r, &s->rec); /* header */
    if (s->rc == CSV_RECORD)
        s->rc = csv_next(&s->r, &s->rec);
    if (s->rc == CSV_RECORD && s->rec.count < nfields)
        s->rc = ERR_INVAL;
    return ERR_OK;
}

static void source_next(struct csv_source *s, size_t nfields)
{
    s->rc = csv_next(&s->r, &s->rec);
    if (s->rc == CSV_RECORD && s->rec.count < nfields)
        s->rc = ERR_INVAL;
}

int demo_geo_load_embedded(struct demo_geo *g)
{
    /* provinces: code,name_th,name_en,...; districts: code,province_code,name_th,name_en;
     * subdistricts: code,district_code,name_th,name_en,... */
    struct csv_source pv = {0}, ds = {0}, sd = {0};
    int rc = source_open(&pv, "data/geo/provinces.csv", 3);
    if (rc == ERR_OK)
        rc = source_open(&ds, "data/geo/districts.csv", 4);
    if (rc == ERR_OK)
        rc = source_open(&sd, "data/geo/subdistricts.csv", 4);
    if (rc != ERR_OK)
        goto out;
    for (; pv.rc == CSV_RECORD && rc == ERR_OK; source_next(&pv, 3)) {
        const char *pcode = pv.rec.fields[0].ptr;
        rc = demo_geo_add_province(g, pcode, pv.rec.fields[1].ptr, pv.rec.fields[2].ptr);
        for (; rc == ERR_OK && ds.rc == CSV_RECORD && strcmp(ds.rec.fields[1].ptr, pcode) == 0;
             source_next(&ds, 4)) {
            const char *dcode = ds.rec.fields[0].ptr;
            rc = demo_geo_add_district(g, dcode, ds.rec.fields[2].ptr, ds.rec.fields[3].ptr);
            for (; rc == ERR_OK && sd.rc == CSV_RECORD && strcmp(sd.rec.fields[1].ptr, dcode) == 0;
                 source_next(&sd, 4))
                rc = demo_geo_add_subdistrict(g, sd.rec.fields[0].ptr, sd.rec.fields[2].ptr,
                                              sd.rec.fields[3].ptr);
        }
    }
    /* Every file read to its end, every row placed under its parent. */
    if (rc == ERR_OK && (pv.rc != ERR_OK || ds.rc != ERR_OK || sd.rc != ERR_OK))
        rc = ERR_INVAL;
out:
    csv_reader_release(&pv.r);
    csv_reader_release(&ds.r);
    csv_reader_release(&sd.r);
    return rc;
}

long demo_geo_find_province(const struct demo_geo *g, const char *code)
{
    for (size_t i = 0; i < g->nprovinces; i++)
        if (strcmp(g->provinces[i].code, code) == 0)
            return (long)i;
    return -1;
}
