/*
 * The national LAO plan (see laos.h).
 */
#include "demo/laos.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "demo/rng.h"

/* Fixed salt for the structural hashes: the plan must not depend on the demo seed. */
#define PLAN_SALT 0x7a6d626f6e4c414fu

static const char *const TYPE_CODES[DEMO_LAO_TYPES] = {
    "pao", "city", "town", "subdistrict_municipality", "sao", "pattaya",
};
static const char TYPE_DIGIT[DEMO_LAO_TYPES] = {'1', '2', '3', '4', '5', '6'};
static const char *const SIZE_CODES[DEMO_SIZES] = {"large", "medium", "small"};

const char *demo_lao_type_code(enum demo_lao_type t)
{
    return (unsigned)t < DEMO_LAO_TYPES ? TYPE_CODES[t] : "";
}

const char *demo_size_code(enum demo_size s)
{
    return (unsigned)s < DEMO_SIZES ? SIZE_CODES[s] : "";
}

static uint64_t code_hash(const char *code)
{
    return demo_hash(PLAN_SALT, code, strlen(code));
}

/* A number in [0, 1000) fixed for this code and purpose. */
static unsigned code_permille(const char *code, char purpose)
{
    char key[16];
    size_t n = strlen(code);
    if (n > sizeof key - 2)
        n = sizeof key - 2;
    memcpy(key, code, n);
    key[n] = purpose;
    key[n + 1] = '\0';
    return (unsigned)(code_hash(key) % 1000);
}

struct cand {
    size_t index;   /* district or sub-district index */
    uint64_t score; /* higher first */
};

static int cand_cmp(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static bool is_bangkok(const struct demo_geo *g, size_t province)
{
    return strcmp(g->provinces[province].code, DEMO_BANGKOK) == 0;
}

static bool is_province_seat(const struct demo_geo *g, size_t district)
{
    return g->provinces[g->districts[district].province].first_district == district;
}

/* Size (large/medium/small) for a LAO, by type, from a structural hash of its code. */
static enum demo_size size_for(enum demo_lao_type t, const char *code, bool big_place)
{
    unsigned p = code_permille(code, 's');
    switch (t) {
    case DEMO_PAO:
        return big_place ? DEMO_LARGE : DEMO_MEDIUM;
    case DEMO_CITY:
    case DEMO_PATTAYA:
        return DEMO_LARGE;
    case DEMO_TOWN:
        return big_place || p < 150 ? DEMO_LARGE : DEMO_MEDIUM;
    case DEMO_SUBDISTRICT_MUNI:
        return p < (big_place ? 450u : 180u) ? DEMO_MEDIUM : DEMO_SMALL;
    case DEMO_SAO:
    default:
        return p < 20 ? DEMO_LARGE : p < 300 ? DEMO_MEDIUM : DEMO_SMALL;
    }
}

static bool schools_for(enum demo_lao_type t, const char *code)
{
    unsigned p = code_permille(code, 'e');
    switch (t) {
    case DEMO_SUBDISTRICT_MUNI:
        return p < 300;
    case DEMO_SAO:
        return p < 60;
    default:
        return true;
    }
}

/* The place name a municipality takes: the province's at the province seat, else the district's. */
static void muni_place(const struct demo_geo *g, size_t d, const char **th, const char **en)
{
    const struct demo_district *dist = &g->districts[d];
    if (is_province_seat(g, d)) {
        *th = g->provinces[dist->province].name_th;
        *en = g->provinces[dist->province].name_en;
    } else {
        *th = dist->name_th;
        *en = dist->name_en;
    }
}

struct plan {
    const struct demo_geo *g;
    struct arena *a;
    struct demo_lao *laos;
    size_t n, cap;
};

static int emit(struct plan *p, enum demo_lao_type t, size_t d, long sub, bool big_place, unsigned *ordinal)
{
    const struct demo_geo *g = p->g;
    const struct demo_district *dist = &g->districts[d];
    if (*ordinal >= 100)
        return ERR_INVAL;
    struct demo_lao *l = &p->laos[p->n++];
    memset(l, 0, sizeof *l);
    l->code[0] = TYPE_DIGIT[t];
    if (sub >= 0)
        memcpy(l->code + 1, g->subs[sub].code, 6);
    else {
        memcpy(l->code + 1, g->provinces[dist->province].code, 2);
        memcpy(l->code + 3, "0000", 4);
    }
    l->code[DEMO_LAO_CODE_LEN] = '\0';
    l->type = t;
    l->size = size_for(t, l->code, big_place);
    l->province = dist->province;
    l->district = d;
    memcpy(l->district_code, dist->code, sizeof l->district_code);
    l->sub = sub;
    l->schools = schools_for(t, l->code);
    l->ordinal = (*ordinal)++;
    const char *th = NULL, *en = NULL;
    switch (t) {
    case DEMO_PAO:
        th = g->provinces[dist->province].name_th;
        en = g->provinces[dist->province].name_en;
        l->name_th = arena_printf(p->a, "องค์การบริหารส่วนจังหวัด%s", th);
        l->name_en = arena_printf(p->a, "%s Provincial Administrative Organization", en);
        break;
    case DEMO_CITY:
        muni_place(g, d, &th, &en);
        l->name_th = arena_printf(p->a, "เทศบาลนคร%s", th);
        l->name_en = arena_printf(p->a, "%s City Municipality", en);
        break;
    case DEMO_TOWN:
        muni_place(g, d, &th, &en);
        l->name_th = arena_printf(p->a, "เทศบาลเมือง%s", th);
        l->name_en = arena_printf(p->a, "%s Town Municipality", en);
        break;
    case DEMO_PATTAYA:
        l->name_th = "เมืองพัทยา";
        l->name_en = "Pattaya City";
        break;
    case DEMO_SUBDISTRICT_MUNI:
        l->name_th = arena_printf(p->a, "เทศบาลตำบล%s", g->subs[sub].name_th);
        l->name_en = arena_printf(p->a, "%s Subdistrict Municipality", g->subs[sub].name_en);
        break;
    case DEMO_SAO:
    default:
        l->name_th = arena_printf(p->a, "องค์การบริหารส่วนตำบล%s", g->subs[sub].name_th);
        l->name_en = arena_printf(p->a, "%s Subdistrict Administrative Organization", g->subs[sub].name_en);
        break;
    }
    return ERR_OK;
}

/* Sub-district flags while planning. */
enum { SUB_COVERED = 1, SUB_MUNI = 2, SUB_SAO = 4 };

int demo_lao_plan(const struct demo_geo *g, struct arena *arena, struct demo_lao **out, size_t *n)
{
    int rc = ERR_OK;
    signed char *muni = calloc(g->ndistricts ? g->ndistricts : 1, 1); /* DEMO_CITY/TOWN/PATTAYA or -1 */
    unsigned char *subflag = calloc(g->nsubs ? g->nsubs : 1, 1);
    struct cand *cands = calloc(g->ndistricts + g->nsubs + 1, sizeof *cands);
    bool *big_province = calloc(g->nprovinces ? g->nprovinces : 1, sizeof *big_province);
    if (!muni || !subflag || !cands || !big_province)
        arena_oom(g->nsubs);
    for (size_t d = 0; d < g->ndistricts; d++)
        muni[d] = -1;

    /* Districts that may hold a municipality, largest (most sub-districts, seats counted 4 times) first. */
    size_t nd = 0;
    for (size_t d = 0; d < g->ndistricts; d++) {
        const struct demo_district *dist = &g->districts[d];
        if (is_bangkok(g, dist->province) || dist->nsubs == 0)
            continue;
        if (strcmp(dist->code, DEMO_PATTAYA_DISTRICT) == 0) {
            muni[d] = DEMO_PATTAYA;
            continue;
        }
        uint64_t weight = dist->nsubs * (is_province_seat(g, d) ? 4u : 1u);
        cands[nd].index = d;
        cands[nd].score = (weight << 20) | (code_hash(dist->code) & 0xfffff);
        nd++;
    }
    qsort(cands, nd, sizeof *cands, cand_cmp);
    size_t cities = 0, towns = 0;
    for (size_t i = 0; i < nd && cities < DEMO_TARGET_CITY; i++) {
        muni[cands[i].index] = DEMO_CITY;
        cities++;
    }
    for (size_t i = 0; i < nd && towns < DEMO_TARGET_TOWN; i++)
        if (muni[cands[i].index] < 0 && is_province_seat(g, cands[i].index)) {
            muni[cands[i].index] = DEMO_TOWN;
            towns++;
        }
    for (size_t i = 0; i < nd && towns < DEMO_TARGET_TOWN; i++)
        if (muni[cands[i].index] < 0) {
            muni[cands[i].index] = DEMO_TOWN;
            towns++;
        }

    /* Provinces in the upper third by number of sub-districts have large pao. */
    {
        size_t np = 0;
        for (size_t pv = 0; pv < g->nprovinces; pv++) {
            if (is_bangkok(g, pv))
                continue;
            size_t subs = 0;
            for (size_t d = 0; d < g->provinces[pv].ndistricts; d++)
                subs += g->districts[g->provinces[pv].first_district + d].nsubs;
            cands[np].index = pv;
            cands[np].score = ((uint64_t)subs << 20) | (code_hash(g->provinces[pv].code) & 0xfffff);
            np++;
        }
        qsort(cands, np, sizeof *cands, cand_cmp);
        for (size_t i = 0; i < np / 3; i++)
            big_province[cands[i].index] = true;
    }

    /* Sub-districts: the seat of a municipality is covered by it; every other one gets a LAO. */
    size_t nbase = 0;
    for (size_t d = 0; d < g->ndistricts; d++) {
        const struct demo_district *dist = &g->districts[d];
        if (is_bangkok(g, dist->province) || dist->nsubs == 0)
            continue;
        if (muni[d] >= 0)
            subflag[dist->first_sub] = SUB_COVERED;
        nbase += dist->nsubs - (muni[d] >= 0 ? 1 : 0);
    }
    /* sole: เทศบาลตำบล alone in its sub-district; shared: with an อบต. beside it. */
    size_t sole = nbase > DEMO_TARGET_SAO ? nbase - DEMO_TARGET_SAO : 0;
    if (sole > DEMO_TARGET_SUBDISTRICT_MUNI)
        sole = DEMO_TARGET_SUBDISTRICT_MUNI;
    size_t shared = DEMO_TARGET_SUBDISTRICT_MUNI - sole;
    if (shared > nbase - sole)
        shared = nbase - sole;
    /* Candidates: seats of districts without a municipality first, then the rest in hash order. */
    size_t nc = 0;
    for (size_t d = 0; d < g->ndistricts; d++) {
        const struct demo_district *dist = &g->districts[d];
        if (is_bangkok(g, dist->province) || dist->nsubs == 0)
            continue;
        for (size_t k = 0; k < dist->nsubs; k++) {
            size_t s = dist->first_sub + k;
            if (subflag[s] & SUB_COVERED)
                continue;
            uint64_t h = code_hash(g->subs[s].code) >> 2;
            cands[nc].index = s;
            cands[nc].score = k == 0 && muni[d] < 0 ? (UINT64_C(1) << 63) | dist->nsubs : h;
            nc++;
        }
    }
    qsort(cands, nc, sizeof *cands, cand_cmp);
    for (size_t i = 0; i < nc; i++) {
        size_t s = cands[i].index;
        if (i < sole)
            subflag[s] |= SUB_MUNI;
        else if (i < sole + shared)
            subflag[s] |= SUB_MUNI | SUB_SAO;
        else
            subflag[s] |= SUB_SAO;
    }

    /* Emit in geographic order. */
    struct plan p = {g, arena, NULL, 0, 0};
    p.cap = g->nprovinces + g->ndistricts + 2 * g->nsubs + 1;
    p.laos = arena_calloc(arena, p.cap, sizeof *p.laos);
    for (size_t pv = 0; pv < g->nprovinces; pv++) {
        const struct demo_province *prov = &g->provinces[pv];
        if (is_bangkok(g, pv) || prov->ndistricts == 0)
            continue;
        for (size_t k = 0; k < prov->ndistricts; k++) {
            size_t d = prov->first_district + k;
            const struct demo_district *dist = &g->districts[d];
            unsigned ordinal = 0;
            if (k == 0 && (rc = emit(&p, DEMO_PAO, d, -1, big_province[pv], &ordinal)) != ERR_OK)
                goto out;
            if (muni[d] >= 0 && (rc = emit(&p, (enum demo_lao_type)muni[d], d, (long)dist->first_sub,
                                           is_province_seat(g, d), &ordinal)) != ERR_OK)
                goto out;
            for (size_t j = 0; j < dist->nsubs; j++) {
                size_t s = dist->first_sub + j;
                bool seat = j == 0;
                if ((subflag[s] & SUB_MUNI) &&
                    (rc = emit(&p, DEMO_SUBDISTRICT_MUNI, d, (long)s, seat, &ordinal)) != ERR_OK)
                    goto out;
                if ((subflag[s] & SUB_SAO) &&
                    (rc = emit(&p, DEMO_SAO, d, (long)s, false, &ordinal)) != ERR_OK)
                    goto out;
            }
        }
    }
    *out = p.laos;
    *n = p.n;
out:
    free(muni);
    free(subflag);
    free(cands);
    free(big_province);
    return rc;
}
