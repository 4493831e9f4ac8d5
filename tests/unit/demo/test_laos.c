/*
 * Unit tests for demo/geo and demo/laos: the national LAO plan built on the real geography compiled
 * into the binary (the CSV files under data/geo), without a database. The plan must reproduce the national
 * counts by type, give each province one pao and Bangkok none, keep codes unique and well formed, and be the
 * same every time (it never depends on the demo seed).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "demo/geo.h"
#include "demo/laos.h"

/* The real geography from data/geo, in the nested order demo_geo expects. */
static void load_embedded_geo(struct demo_geo *g)
{
    assert_int_equal(demo_geo_load_embedded(g), 0);
    assert_int_equal(g->nprovinces, 77);
    assert_true(g->ndistricts > 900);
    assert_true(g->nsubs > 7000);
}

static void test_geo_add_rejects_bad_rows(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct demo_geo g;
    demo_geo_init(&g, &a);
    assert_int_equal(demo_geo_add_district(&g, "1001", "x", "x"), ERR_INVAL); /* no province yet */
    assert_int_equal(demo_geo_add_province(&g, "1", "x", "x"), ERR_INVAL);    /* one digit */
    assert_int_equal(demo_geo_add_province(&g, "1a", "x", "x"), ERR_INVAL);
    assert_int_equal(demo_geo_add_province(&g, "123", "x", "x"), ERR_INVAL);
    assert_int_equal(demo_geo_add_province(&g, "11", "สมุทรปราการ", "Samut Prakan"), 0);
    assert_int_equal(demo_geo_add_province(&g, "11", "x", "x"), ERR_INVAL); /* not increasing */
    assert_int_equal(demo_geo_add_province(&g, "10", "x", "x"), ERR_INVAL);
    assert_int_equal(demo_geo_add_district(&g, "1201", "x", "x"), ERR_INVAL); /* other province */
    assert_int_equal(demo_geo_add_district(&g, "1101", "เมืองสมุทรปราการ", "Mueang"), 0);
    assert_int_equal(demo_geo_add_subdistrict(&g, "110201", "x", "x"), ERR_INVAL); /* other district */
    assert_int_equal(demo_geo_add_subdistrict(&g, "11010", "x", "x"), ERR_INVAL);
    assert_int_equal(demo_geo_add_subdistrict(&g, "110101", "ปากน้ำ", "Pak Nam"), 0);
    assert_int_equal(demo_geo_add_subdistrict(&g, "110101", "x", "x"), ERR_INVAL);
    assert_int_equal(demo_geo_add_subdistrict(&g, "110102", "สำโรงเหนือ", "Samrong Nuea"), 0);
    assert_int_equal(g.nprovinces, 1);
    assert_int_equal(g.ndistricts, 1);
    assert_int_equal(g.nsubs, 2);
    assert_int_equal(g.provinces[0].ndistricts, 1);
    assert_int_equal(g.districts[0].nsubs, 2);
    assert_int_equal(demo_geo_find_province(&g, "11"), 0);
    assert_int_equal(demo_geo_find_province(&g, "12"), -1);
    arena_release(&a);
}

static void test_national_plan(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct demo_geo g;
    demo_geo_init(&g, &a);
    load_embedded_geo(&g);
    assert_int_equal(g.nprovinces, 77);

    struct demo_lao *laos = NULL;
    size_t n = 0;
    assert_int_equal(demo_lao_plan(&g, &a, &laos, &n), 0);

    size_t by_type[DEMO_LAO_TYPES] = {0};
    size_t by_size[DEMO_LAO_TYPES][DEMO_SIZES] = {{0}};
    size_t *pao_per_province = calloc(g.nprovinces, sizeof *pao_per_province);
    for (size_t i = 0; i < n; i++) {
        const struct demo_lao *l = &laos[i];
        by_type[l->type]++;
        by_size[l->type][l->size]++;
        assert_int_equal(strlen(l->code), DEMO_LAO_CODE_LEN);
        assert_int_equal(l->code[0], '1' + (int)l->type);
        assert_string_not_equal(g.provinces[l->province].code, DEMO_BANGKOK);
        assert_int_equal(g.districts[l->district].province, l->province);
        if (l->type == DEMO_PAO) {
            assert_int_equal(l->sub, -1);
            assert_memory_equal(l->code + 1, g.provinces[l->province].code, 2);
            pao_per_province[l->province]++;
        } else {
            assert_true(l->sub >= 0);
            assert_int_equal(g.subs[l->sub].district, l->district);
            assert_string_equal(l->code + 1, g.subs[l->sub].code);
        }
        assert_true(l->ordinal < 100);
        if (i > 0) {
            /* geographic order, ordinals counting up within a district */
            const struct demo_lao *prev = &laos[i - 1];
            assert_true(prev->district <= l->district);
            if (prev->district == l->district)
                assert_int_equal(l->ordinal, prev->ordinal + 1);
            else
                assert_int_equal(l->ordinal, 0);
        }
    }
    /* The DLA counts of 2563 (domain notes §1). */
    assert_int_equal(by_type[DEMO_PAO], 76);
    assert_int_equal(by_type[DEMO_CITY], DEMO_TARGET_CITY);
    assert_int_equal(by_type[DEMO_TOWN], DEMO_TARGET_TOWN);
    assert_int_equal(by_type[DEMO_SUBDISTRICT_MUNI], DEMO_TARGET_SUBDISTRICT_MUNI);
    assert_int_equal(by_type[DEMO_SAO], DEMO_TARGET_SAO);
    assert_int_equal(by_type[DEMO_PATTAYA], 1);
    assert_int_equal(n, 76 + 30 + 190 + 2242 + 5312 + 1);
    for (size_t p = 0; p < g.nprovinces; p++)
        assert_int_equal(pao_per_province[p], strcmp(g.provinces[p].code, DEMO_BANGKOK) == 0 ? 0 : 1);
    /* Size classes plausible for the type: cities large, most อบต. small, no small town or pao. */
    assert_int_equal(by_size[DEMO_CITY][DEMO_LARGE], DEMO_TARGET_CITY);
    assert_int_equal(by_size[DEMO_TOWN][DEMO_SMALL], 0);
    assert_int_equal(by_size[DEMO_PAO][DEMO_SMALL], 0);
    assert_true(by_size[DEMO_SAO][DEMO_SMALL] > by_size[DEMO_SAO][DEMO_MEDIUM]);
    assert_true(by_size[DEMO_SAO][DEMO_MEDIUM] > by_size[DEMO_SAO][DEMO_LARGE]);
    assert_true(by_size[DEMO_SAO][DEMO_LARGE] > 0);

    /* Codes are unique. */
    char **codes = calloc(n, sizeof *codes);
    for (size_t i = 0; i < n; i++)
        codes[i] = laos[i].code;
    qsort(codes, n, sizeof *codes, (int (*)(const void *, const void *))strcmp);
    for (size_t i = 1; i < n; i++)
        assert_string_not_equal(codes[i - 1], codes[i]);

    /* Pattaya sits in Bang Lamung, Chon Buri. */
    size_t pattaya = 0;
    for (size_t i = 0; i < n; i++)
        if (laos[i].type == DEMO_PATTAYA)
            pattaya = i;
    assert_string_equal(g.districts[laos[pattaya].district].code, DEMO_PATTAYA_DISTRICT);
    assert_string_equal(laos[pattaya].name_th, "เมืองพัทยา");

    /* Names follow the type: the pao of Chiang Mai (50) and a town at a province seat. */
    for (size_t i = 0; i < n; i++) {
        if (laos[i].type == DEMO_PAO && strcmp(g.provinces[laos[i].province].code, "50") == 0) {
            assert_string_equal(laos[i].name_th, "องค์การบริหารส่วนจังหวัดเชียงใหม่");
            assert_string_equal(laos[i].code, "1500000");
        }
        if (laos[i].type == DEMO_SAO)
            assert_memory_equal(laos[i].name_th, "องค์การบริหารส่วนตำบล", strlen("องค์การบริหารส่วนตำบล"));
    }

    /* The same plan again: identical codes, types and sizes. */
    struct demo_lao *again = NULL;
    size_t n2 = 0;
    assert_int_equal(demo_lao_plan(&g, &a, &again, &n2), 0);
    assert_int_equal(n2, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(again[i].code, laos[i].code);
        assert_int_equal(again[i].type, laos[i].type);
        assert_int_equal(again[i].size, laos[i].size);
        assert_string_equal(again[i].name_th, laos[i].name_th);
    }
    free(codes);
    free(pao_per_province);
    arena_release(&a);
}

static void test_type_and_size_codes(void **state)
{
    (void)state;
    assert_string_equal(demo_lao_type_code(DEMO_PAO), "pao");
    assert_string_equal(demo_lao_type_code(DEMO_SUBDISTRICT_MUNI), "subdistrict_municipality");
    assert_string_equal(demo_lao_type_code(DEMO_PATTAYA), "pattaya");
    assert_string_equal(demo_lao_type_code(DEMO_LAO_TYPES), "");
    assert_string_equal(demo_size_code(DEMO_LARGE), "large");
    assert_string_equal(demo_size_code(DEMO_SMALL), "small");
    assert_string_equal(demo_size_code(DEMO_SIZES), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geo_add_rejects_bad_rows),
        cmocka_unit_test(test_national_plan),
        cmocka_unit_test(test_type_and_size_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
