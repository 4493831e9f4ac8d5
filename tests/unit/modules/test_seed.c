/*
 * Unit tests for the module table and the seeds, on SQLite and (TAMBON_TEST_PG) PostgreSQL: the real
 * migrations and seeds load every row of the embedded reference data, re-seeding changes nothing
 * (and keeps an administrator's corrections), Thai ORDER BY gives dictionary order on both stores, and
 * the store look-ups of geo and org answer from the loaded data.
 */
#include "modfix.h"

#include "base/arena.h"
#include "base/csv.h"
#include "base/embedded.h"
#include "modules/geo/geo.h"
#include "modules/org/org.h"
#include "modules/seed.h"

static const struct modfix_store sqlite_store = {"sqlite", false, true};
static const struct modfix_store pg_store = {"postgres", true, true};
static const struct modfix_store sqlite_bare = {"sqlite", false, false};
static const struct modfix_store pg_bare = {"postgres", true, false};

/* Records (after the header) of an embedded CSV file, counted by the CSV reader, not the seed. */
static int64_t csv_records(const char *name)
{
    const struct embedded_file *f = embedded_data_find(name);
    assert_non_null(f);
    struct csv_reader r;
    struct csv_record rec;
    csv_reader_init(&r, (const char *)f->data, f->len);
    int64_t n = -1; /* the header is not a row */
    int rc;
    while ((rc = csv_next(&r, &rec)) == CSV_RECORD)
        n++;
    assert_int_equal(rc, ERR_OK);
    csv_reader_release(&r);
    return n;
}

static size_t rules_files(void)
{
    size_t n = 0;
    for (size_t i = 0; i < data_count; i++) {
        size_t len = strlen(data_files[i].name);
        if (strncmp(data_files[i].name, "rules/", 6) == 0 && len > 5 &&
            strcmp(data_files[i].name + len - 5, ".json") == 0)
            n++;
    }
    return n;
}

static const struct {
    const char *sql;
    int64_t want; /* -1: take it from csv */
    const char *csv;
} expected_counts[] = {
    {"SELECT count(*) FROM region", 6, "data/geo/regions.csv"},
    {"SELECT count(*) FROM province", 77, "data/geo/provinces.csv"},
    {"SELECT count(*) FROM district", 929, "data/geo/districts.csv"},
    {"SELECT count(*) FROM subdistrict", 7451, "data/geo/subdistricts.csv"},
    {"SELECT count(*) FROM district WHERE province_code = '10'", 50, NULL}, /* Bangkok's เขต */
    {"SELECT count(*) FROM lao_type", 6, NULL},
    {"SELECT count(*) FROM position_type", 8, NULL},
    {"SELECT count(*) FROM position_level", 13 + 6 + 2 + 11, NULL},
    {"SELECT count(*) FROM position_level WHERE type_code = 'cgrade'", 11, NULL},
    {"SELECT count(*) FROM position_line", -1, "data/lines/position_lines.csv"},
    {"SELECT count(*) FROM position_line WHERE source = 'ocsc'", 323, NULL},
    {"SELECT count(*) FROM lao", 0, NULL},
    {"SELECT count(*) FROM person", 0, NULL},
};

static void check_counts(struct modfix *fx)
{
    for (size_t i = 0; i < sizeof expected_counts / sizeof expected_counts[0]; i++) {
        int64_t want = expected_counts[i].want;
        if (expected_counts[i].csv) {
            int64_t in_csv = csv_records(expected_counts[i].csv);
            if (want >= 0)
                assert_int_equal(in_csv, want); /* the converted file still has the source's rows */
            want = in_csv;
        }
        int64_t got = modfix_int(fx->db, expected_counts[i].sql);
        if (got != want)
            print_error("%s: got %lld, want %lld\n", expected_counts[i].sql, (long long)got, (long long)want);
        assert_int_equal(got, want);
    }
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM rule_set"), (int64_t)rules_files());
}

static void test_counts_match_source(void **state)
{
    struct modfix *fx = *state;
    check_counts(fx);
    struct geo_counts c;
    assert_ok(fx->db, geo_count_all(fx->db, &c));
    assert_int_equal(c.regions, 6);
    assert_int_equal(c.provinces, 77);
    assert_int_equal(c.districts, 929);
    assert_int_equal(c.subdistricts, 7451);
    int64_t n = 0;
    assert_ok(fx->db, geo_province_count(fx->db, &n));
    assert_int_equal(n, 77);
    /* The seed supplied the region ids; a region added later without an id gets the next one. */
    int64_t id = 0;
    assert_ok(fx->db, db_query_int64(fx->db, &id,
                                     "INSERT INTO region (name_th, name_en) VALUES ($1, $2) RETURNING id", "tt",
                                     "ภาคทดสอบ", "Test region"));
    assert_int_equal(id, 7);
}

static void test_reseed_is_idempotent(void **state)
{
    struct modfix *fx = *state;
    /* An administrator's correction survives, a missing row comes back. */
    assert_ok(fx->db,
              db_exec(fx->db, "UPDATE province SET name_en = 'Chiang Mai (edited)' WHERE code = '50'"));
    assert_ok(fx->db, db_exec(fx->db, "DELETE FROM subdistrict WHERE code = '500101'"));
    assert_ok(fx->db, db_exec(fx->db, "DELETE FROM position_line WHERE code = 'l044'"));
    assert_ok(fx->db, db_exec(fx->db, "DELETE FROM rule_set WHERE kind = 'retirement'"));
    for (int round = 0; round < 2; round++) {
        assert_ok(fx->db, modules_seed(fx->db, NULL));
        assert_false(db_in_transaction(fx->db));
        check_counts(fx);
        assert_int_equal(
            modfix_int(fx->db, "SELECT count(*) FROM province WHERE name_en = 'Chiang Mai (edited)'"), 1);
        assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM subdistrict WHERE code = '500101'"
                                            " AND district_code = '5001' AND postcode = '50200'"),
                         1);
        assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM position_line WHERE code = 'l044'"), 1);
    }
}

/* Thai dictionary order (ICU th): leading vowels sort by the consonant after them, tone marks last. */
static const char *const provinces_thai_order[] = {
    "กระบี่",         "กรุงเทพมหานคร", "กาญจนบุรี",   "กาฬสินธุ์",     "กำแพงเพชร",     "ขอนแก่น",   "จันทบุรี",
    "ฉะเชิงเทรา",    "ชลบุรี",         "ชัยนาท",     "ชัยภูมิ",       "ชุมพร",          "เชียงราย",  "เชียงใหม่",
    "ตรัง",          "ตราด",         "ตาก",       "นครนายก",    "นครปฐม",        "นครพนม",   "นครราชสีมา",
    "นครศรีธรรมราช", "นครสวรรค์",     "นนทบุรี",     "นราธิวาส",    "น่าน",           "บึงกาฬ",    "บุรีรัมย์",
    "ปทุมธานี",       "ประจวบคีรีขันธ์",  "ปราจีนบุรี",   "ปัตตานี",      "พระนครศรีอยุธยา", "พะเยา",    "พังงา",
    "พัทลุง",         "พิจิตร",         "พิษณุโลก",    "เพชรบุรี",     "เพชรบูรณ์",       "แพร่",      "ภูเก็ต",
    "มหาสารคาม",    "มุกดาหาร",      "แม่ฮ่องสอน",  "ยโสธร",      "ยะลา",          "ร้อยเอ็ด",   "ระนอง",
    "ระยอง",        "ราชบุรี",        "ลพบุรี",      "ลำปาง",      "ลำพูน",          "เลย",      "ศรีสะเกษ",
    "สกลนคร",       "สงขลา",        "สตูล",       "สมุทรปราการ", "สมุทรสงคราม",    "สมุทรสาคร", "สระแก้ว",
    "สระบุรี",        "สิงห์บุรี",        "สุโขทัย",     "สุพรรณบุรี",    "สุราษฎร์ธานี",     "สุรินทร์",    "หนองคาย",
    "หนองบัวลำภู",    "อ่างทอง",       "อำนาจเจริญ", "อุดรธานี",     "อุตรดิตถ์",        "อุทัยธานี",   "อุบลราชธานี",
};

static void test_thai_order_of_provinces(void **state)
{
    struct modfix *fx = *state;
    struct arena a;
    arena_init(&a, 0);
    struct geo_province *list;
    size_t n;
    assert_ok(fx->db, geo_provinces(fx->db, &a, &list, &n));
    assert_int_equal(n, sizeof provinces_thai_order / sizeof provinces_thai_order[0]);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].name_th, provinces_thai_order[i]) != 0)
            print_error("position %zu on %s: got %s, want %s\n", i, fx->store->name, list[i].name_th,
                        provinces_thai_order[i]);
        assert_string_equal(list[i].name_th, provinces_thai_order[i]);
    }
    /* The same ORDER BY written by hand, as later modules will write it, agrees. */
    struct db_stmt *st;
    assert_ok(fx->db,
              db_prepare(fx->db, "SELECT name_th FROM province WHERE region_id = 1 ORDER BY name_th", &st));
    const char *prev = NULL;
    size_t last = 0, rows = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *name = db_column_text(st, 0);
        size_t at = 0;
        while (at < n && strcmp(provinces_thai_order[at], name) != 0)
            at++;
        assert_true(at < n);
        if (prev)
            assert_true(at > last);
        last = at;
        prev = provinces_thai_order[at];
        rows++;
    }
    assert_ok(fx->db, rc);
    db_finalize(st);
    assert_int_equal(rows, 9); /* the northern region */
    arena_release(&a);
}

static void test_geo_lookups(void **state)
{
    struct modfix *fx = *state;
    struct arena a;
    arena_init(&a, 0);
    static const struct {
        const char *code;
        int rc;
        const char *name_th, *name_en;
        int64_t region;
    } cases[] = {
        {"50", ERR_OK, "เชียงใหม่", "Chiang Mai", 1}, {"10", ERR_OK, "กรุงเทพมหานคร", "Bangkok", 2},
        {"96", ERR_OK, "นราธิวาส", "Narathiwat", 6}, {"99", ERR_NOTFOUND, NULL, NULL, 0},
        {"5", ERR_NOTFOUND, NULL, NULL, 0},         {"", ERR_NOTFOUND, NULL, NULL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct geo_province p;
        assert_db(fx->db, geo_province_get(fx->db, cases[i].code, &a, &p), cases[i].rc);
        if (cases[i].rc != ERR_OK)
            continue;
        assert_string_equal(p.code, cases[i].code);
        assert_string_equal(p.name_th, cases[i].name_th);
        assert_string_equal(p.name_en, cases[i].name_en);
        assert_int_equal(p.region_id, cases[i].region);
    }
    arena_release(&a);
}

static void test_org_lookups(void **state)
{
    struct modfix *fx = *state;
    struct arena a;
    arena_init(&a, 0);
    static const struct {
        const char *code;
        int rc;
        const char *name_th, *type, *source;
    } lines[] = {
        {"l001", ERR_OK, "นักบริหารงานท้องถิ่น", "executive", "local"},
        {"l002", ERR_OK, "นักบริหารงานทั่วไป", "director", "local"},
        {"c012", ERR_OK, "นักทรัพยากรบุคคล", "academic", "ocsc"},
        {"l023", ERR_OK, "ครู", "teacher", "local"},
        {"c001", ERR_OK, "นักบริหาร", "executive", "ocsc"},
        {"l999", ERR_NOTFOUND, NULL, NULL, NULL},
        {"", ERR_NOTFOUND, NULL, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        struct org_position_line l;
        assert_db(fx->db, org_position_line_get(fx->db, lines[i].code, &a, &l), lines[i].rc);
        if (lines[i].rc != ERR_OK)
            continue;
        assert_string_equal(l.name_th, lines[i].name_th);
        assert_string_equal(l.type_code, lines[i].type);
        assert_string_equal(l.source, lines[i].source);
    }

    static const char *const teacher_lines[] = {"ครู", "ครูผู้ดูแลเด็ก", "ผู้อำนวยการสถานศึกษา",
                                                "รองผู้อำนวยการสถานศึกษา", "ศึกษานิเทศก์"};
    struct org_position_line *list;
    size_t n;
    assert_ok(fx->db, org_position_lines(fx->db, "teacher", &a, &list, &n));
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(list[i].name_th, teacher_lines[i]);
    assert_ok(fx->db, org_position_lines(fx->db, NULL, &a, &list, &n));
    assert_int_equal((int64_t)n, csv_records("data/lines/position_lines.csv"));
    assert_ok(fx->db, org_position_lines(fx->db, "nobody", &a, &list, &n));
    assert_int_equal(n, 0);
    assert_null(list);

    static const struct {
        const char *code;
        int rc;
        const char *type, *name_th;
        int rank;
    } levels[] = {
        {"executive_high", ERR_OK, "executive", "สูง", 3},
        {"academic_expert", ERR_OK, "academic", "เชี่ยวชาญ", 4},
        {"general_operational", ERR_OK, "general", "ปฏิบัติงาน", 1},
        {"cgrade_1", ERR_OK, "cgrade", "ระดับ ๑", 1},
        {"cgrade_11", ERR_OK, "cgrade", "ระดับ ๑๑", 11},
        {"cgrade_12", ERR_NOTFOUND, NULL, NULL, 0},
        {"teacher_k5", ERR_OK, "teacher", "คศ.๕ เชี่ยวชาญพิเศษ", 6},
    };
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        struct org_position_level l;
        assert_db(fx->db, org_position_level_get(fx->db, levels[i].code, &a, &l), levels[i].rc);
        if (levels[i].rc != ERR_OK)
            continue;
        assert_string_equal(l.type_code, levels[i].type);
        assert_string_equal(l.name_th, levels[i].name_th);
        assert_int_equal(l.rank, levels[i].rank);
    }
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM lao_type WHERE committee_th = 'ก.ท.'"), 3);
    arena_release(&a);
}

/* modules_seed joins the caller's transaction (so `tambon init` commits schema and data together). */
static void test_seed_inside_callers_transaction(void **state)
{
    struct modfix *fx = *state;
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM province"), 0);
    assert_ok(fx->db, db_begin(fx->db));
    assert_ok(fx->db, modules_seed(fx->db, NULL));
    assert_true(db_in_transaction(fx->db));
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM province"), 77);
    assert_int_equal(db_rollback(fx->db), ERR_OK);
    assert_int_equal(modfix_int(fx->db, "SELECT count(*) FROM province"), 0);
    /* Without one it commits on its own. */
    assert_ok(fx->db, modules_seed(fx->db, NULL));
    assert_false(db_in_transaction(fx->db));
    check_counts(fx);
}

static void test_module_table(void **state)
{
    (void)state;
    assert_true(modules_count >= 4);
    for (size_t i = 0; i < modules_count; i++) {
        assert_non_null(modules[i].name);
        assert_ptr_equal(modules_find(modules[i].name), &modules[i]);
        for (size_t j = i + 1; j < modules_count; j++)
            assert_string_not_equal(modules[i].name, modules[j].name);
    }
    assert_non_null(modules_find("geo"));
    assert_non_null(modules_find("rules"));
    assert_null(modules_find("nope"));
    assert_null(modules_find(""));
    /* geo must seed before org's LAOs can point at provinces. */
    size_t geo = (size_t)(modules_find("geo") - modules), org = (size_t)(modules_find("org") - modules);
    assert_true(geo < org);
}

static void test_seed_normalize(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 64);
    static const struct {
        const char *in, *want;
        int rc;
    } cases[] = {
        {"ที่ดิน", "ที่ดิน", ERR_OK},
        {"ท\u0E48\u0E35ดิน", "ท\u0E35\u0E48ดิน", ERR_OK}, /* tone mark typed before the vowel */
        {"  เชียง   ใหม่ ", "เชียง ใหม่", ERR_OK},
        {"", "", ERR_OK},
        {"\xff", "", ERR_INVAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(seed_normalize(cases[i].in, &b), cases[i].rc);
        if (cases[i].rc == ERR_OK)
            assert_string_equal(buf_str(&b), cases[i].want);
    }
    buf_release(&b);
}

#define SEEDED_TESTS(store)                                                                                  \
    cmocka_unit_test_prestate_setup_teardown(test_counts_match_source, modfix_setup, modfix_teardown,        \
                                             (void *)&store),                                                \
        cmocka_unit_test_prestate_setup_teardown(test_reseed_is_idempotent, modfix_setup, modfix_teardown,   \
                                                 (void *)&store),                                            \
        cmocka_unit_test_prestate_setup_teardown(test_thai_order_of_provinces, modfix_setup,                 \
                                                 modfix_teardown, (void *)&store),                           \
        cmocka_unit_test_prestate_setup_teardown(test_geo_lookups, modfix_setup, modfix_teardown,            \
                                                 (void *)&store),                                            \
        cmocka_unit_test_prestate_setup_teardown(test_org_lookups, modfix_setup, modfix_teardown,            \
                                                 (void *)&store)

int main(void)
{
    const struct CMUnitTest common_tests[] = {
        cmocka_unit_test(test_module_table),
        cmocka_unit_test(test_seed_normalize),
    };
    const struct CMUnitTest sqlite_tests[] = {
        SEEDED_TESTS(sqlite_store),
        cmocka_unit_test_prestate_setup_teardown(test_seed_inside_callers_transaction, modfix_setup,
                                                 modfix_teardown, (void *)&sqlite_bare),
    };
    const struct CMUnitTest pg_tests[] = {
        SEEDED_TESTS(pg_store),
        cmocka_unit_test_prestate_setup_teardown(test_seed_inside_callers_transaction, modfix_setup,
                                                 modfix_teardown, (void *)&pg_bare),
    };
    int failed = cmocka_run_group_tests_name("modules", common_tests, NULL, NULL);
    failed += cmocka_run_group_tests_name("seeds on sqlite", sqlite_tests, NULL, NULL);
    if (testutil_pg_url())
        failed += cmocka_run_group_tests_name("seeds on postgres", pg_tests, NULL, NULL);
    else
        printf("seeds on postgres: skipped (set TAMBON_TEST_PG to a throwaway database URL)\n");
    return failed ? 1 : 0;
}
