/*
 * Organisation persistence: the fixed classification tables, seeding, and look-ups of lines and levels.
 * The only file of the org module that speaks SQL.
 */
#include "modules/org/org.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/log.h"
#include "modules/seed.h"

/* Kinds of LAO under the Local Personnel Administration Act B.E. 2542 and their personnel committees. */
static const struct {
    const char *code, *name_th, *abbr_th, *name_en, *committee_th;
} lao_types[] = {
    {"pao", "องค์การบริหารส่วนจังหวัด", "อบจ.", "Provincial Administrative Organisation", "ก.จ."},
    {"city", "เทศบาลนคร", "ทน.", "City Municipality", "ก.ท."},
    {"town", "เทศบาลเมือง", "ทม.", "Town Municipality", "ก.ท."},
    {"subdistrict_municipality", "เทศบาลตำบล", "ทต.", "Subdistrict Municipality", "ก.ท."},
    {"sao", "องค์การบริหารส่วนตำบล", "อบต.", "Subdistrict Administrative Organisation", "ก.อบต."},
    {"pattaya", "เมืองพัทยา", "เมืองพัทยา", "Pattaya City", "ก.เมืองพัทยา"},
};

static const struct {
    const char *code, *name_th, *name_en;
} position_types[] = {
    {"executive", "บริหารท้องถิ่น", "Local Executive"},
    {"director", "อำนวยการท้องถิ่น", "Local Director"},
    {"academic", "วิชาการ", "Professional"},
    {"general", "ทั่วไป", "General"},
    {"teacher", "ครูและบุคลากรทางการศึกษา", "Teachers and Education Personnel"},
    {"cgrade", "ระดับ ๑–๑๑ (ระบบซี)", "C-grade (before 2558)"},
    {"employee", "ลูกจ้างประจำ", "Permanent Employee"},
    {"contract", "พนักงานจ้าง", "Contract Staff"},
};

/* Levels of each type, lowest first (rank 1). The C-grades are generated below. */
static const struct {
    const char *code, *type_code, *name_th, *name_en;
    int rank;
} position_levels[] = {
    {"executive_low", "executive", "ต้น", "Low", 1},
    {"executive_mid", "executive", "กลาง", "Middle", 2},
    {"executive_high", "executive", "สูง", "High", 3},
    {"director_low", "director", "ต้น", "Low", 1},
    {"director_mid", "director", "กลาง", "Middle", 2},
    {"director_high", "director", "สูง", "High", 3},
    {"academic_practitioner", "academic", "ปฏิบัติการ", "Practitioner", 1},
    {"academic_professional", "academic", "ชำนาญการ", "Professional", 2},
    {"academic_senior", "academic", "ชำนาญการพิเศษ", "Senior Professional", 3},
    {"academic_expert", "academic", "เชี่ยวชาญ", "Expert", 4},
    {"general_operational", "general", "ปฏิบัติงาน", "Operational", 1},
    {"general_experienced", "general", "ชำนาญงาน", "Experienced", 2},
    {"general_senior", "general", "อาวุโส", "Senior", 3},
    {"teacher_assistant", "teacher", "ครูผู้ช่วย", "Assistant Teacher", 1},
    {"teacher_k1", "teacher", "คศ.๑", "Teacher (K1)", 2},
    {"teacher_k2", "teacher", "คศ.๒ ชำนาญการ", "Professional Teacher (K2)", 3},
    {"teacher_k3", "teacher", "คศ.๓ ชำนาญการพิเศษ", "Senior Professional Teacher (K3)", 4},
    {"teacher_k4", "teacher", "คศ.๔ เชี่ยวชาญ", "Expert Teacher (K4)", 5},
    {"teacher_k5", "teacher", "คศ.๕ เชี่ยวชาญพิเศษ", "Senior Expert Teacher (K5)", 6},
    {"employee_permanent", "employee", "ลูกจ้างประจำ", "Permanent Employee", 1},
    {"contract_staff", "contract", "พนักงานจ้าง", "Contract Staff", 1},
};

#define CGRADES 11

/* Thai digits for the C-grade names: ระดับ ๑ … ระดับ ๑๑. */
static void thai_number(int n, char *out, size_t size)
{
    static const char *const digits[] = {"๐", "๑", "๒", "๓", "๔", "๕", "๖", "๗", "๘", "๙"};
    char ascii[8];
    snprintf(ascii, sizeof ascii, "%d", n);
    out[0] = '\0';
    size_t len = 0;
    for (const char *p = ascii; *p; p++) {
        const char *d = digits[*p - '0'];
        size_t dl = strlen(d);
        if (len + dl + 1 > size)
            break;
        memcpy(out + len, d, dl + 1);
        len += dl;
    }
}

/* Runs a prepared INSERT with the given text parameters, Thai ones (thai_mask bit i) normalised. */
static int insert_row(struct db_stmt *st, const char *const *values, int n, unsigned thai_mask,
                      struct buf *norm)
{
    int rc = ERR_OK;
    for (int i = 0; rc == ERR_OK && i < n; i++) {
        if (thai_mask & (1u << i)) {
            rc = seed_normalize(values[i], norm);
            if (rc == ERR_OK)
                rc = db_bind_text(st, i + 1, buf_str(norm));
        } else {
            rc = db_bind_text(st, i + 1, values[i]);
        }
    }
    if (rc == ERR_OK)
        rc = db_step(st);
    db_reset(st);
    return rc;
}

static int seed_lao_types(struct db *db, struct buf *norm)
{
    struct db_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO lao_type (code, name_th, abbr_th, name_en, committee_th, sort)"
                        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING",
                        &st);
    for (size_t i = 0; rc == ERR_OK && i < sizeof lao_types / sizeof lao_types[0]; i++) {
        char sort[8];
        snprintf(sort, sizeof sort, "%zu", i + 1);
        const char *v[] = {lao_types[i].code,    lao_types[i].name_th,      lao_types[i].abbr_th,
                           lao_types[i].name_en, lao_types[i].committee_th, sort};
        rc = insert_row(st, v, 6, 1u << 1 | 1u << 2 | 1u << 4, norm);
    }
    db_finalize(st);
    return rc;
}

static int seed_position_types(struct db *db, struct buf *norm)
{
    struct db_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO position_type (code, name_th, name_en, sort) VALUES ($1, $2, $3, $4)"
                        " ON CONFLICT (code) DO NOTHING",
                        &st);
    for (size_t i = 0; rc == ERR_OK && i < sizeof position_types / sizeof position_types[0]; i++) {
        char sort[8];
        snprintf(sort, sizeof sort, "%zu", i + 1);
        const char *v[] = {position_types[i].code, position_types[i].name_th, position_types[i].name_en,
                           sort};
        rc = insert_row(st, v, 4, 1u << 1, norm);
    }
    db_finalize(st);
    return rc;
}

static int seed_position_levels(struct db *db, struct buf *norm)
{
    struct db_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO position_level (code, type_code, name_th, name_en, rank)"
                        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING",
                        &st);
    for (size_t i = 0; rc == ERR_OK && i < sizeof position_levels / sizeof position_levels[0]; i++) {
        char rank[8];
        snprintf(rank, sizeof rank, "%d", position_levels[i].rank);
        const char *v[] = {position_levels[i].code, position_levels[i].type_code, position_levels[i].name_th,
                           position_levels[i].name_en, rank};
        rc = insert_row(st, v, 5, 1u << 2, norm);
    }
    for (int g = 1; rc == ERR_OK && g <= CGRADES; g++) {
        char code[16], name_th[64], name_en[16], rank[8], digits[32];
        snprintf(code, sizeof code, "cgrade_%d", g);
        thai_number(g, digits, sizeof digits);
        snprintf(name_th, sizeof name_th, "ระดับ %s", digits);
        snprintf(name_en, sizeof name_en, "Grade %d", g);
        snprintf(rank, sizeof rank, "%d", g);
        const char *v[] = {code, "cgrade", name_th, name_en, rank};
        rc = insert_row(st, v, 5, 1u << 2, norm);
    }
    db_finalize(st);
    return rc;
}

int org_seed(struct db *db)
{
    static const struct seed_column lines[] = {{"code", SEED_TEXT},
                                               {"name_th", SEED_THAI},
                                               {"name_en", SEED_TEXT},
                                               {"type_code", SEED_TEXT},
                                               {"source", SEED_TEXT}};
    struct buf norm;
    buf_init(&norm, 1024);
    int rc = seed_lao_types(db, &norm);
    if (rc == ERR_OK)
        rc = seed_position_types(db, &norm);
    if (rc == ERR_OK)
        rc = seed_position_levels(db, &norm);
    if (rc != ERR_OK)
        log_error("seed: organisation tables: %s", db_errmsg(db));
    if (rc == ERR_OK)
        rc = seed_csv(db, "data/lines/position_lines.csv", "position_line", lines, 5, "code", NULL);
    buf_release(&norm);
    return rc;
}

static void line_from_row(struct db_stmt *st, struct arena *a, struct org_position_line *l)
{
    l->code = arena_strdup(a, db_column_text(st, 0));
    l->name_th = arena_strdup(a, db_column_text(st, 1));
    l->name_en = arena_strdup(a, db_column_text(st, 2));
    l->type_code = arena_strdup(a, db_column_text(st, 3));
    l->source = arena_strdup(a, db_column_text(st, 4));
}

int org_position_line_get(struct db *db, const char *code, struct arena *a, struct org_position_line *out)
{
    struct db_stmt *st = NULL;
    int rc = db_prepare(
        db, "SELECT code, name_th, name_en, type_code, source FROM position_line WHERE code = $1", &st);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 1, code);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        line_from_row(st, a, out);
        rc = ERR_OK;
    } else if (rc == ERR_OK) {
        rc = ERR_NOTFOUND;
    }
    db_finalize(st);
    return rc;
}

int org_position_lines(struct db *db, const char *type_code, struct arena *a, struct org_position_line **out,
                       size_t *n)
{
    struct db_stmt *st = NULL;
    struct org_position_line *list = NULL;
    size_t got = 0, cap = 0;
    *out = NULL;
    *n = 0;
    /* One statement for both cases: a NULL type matches every line. */
    int rc = db_prepare(db,
                        "SELECT code, name_th, name_en, type_code, source FROM position_line"
                        " WHERE CAST($1 AS text) IS NULL OR type_code = $1 ORDER BY name_th, code",
                        &st);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 1, type_code);
    if (rc != ERR_OK)
        goto out;
    while ((rc = db_step(st)) == DB_ROW) {
        if (got == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            struct org_position_line *bigger = arena_calloc(a, ncap, sizeof *bigger);
            if (got)
                memcpy(bigger, list, got * sizeof *list);
            list = bigger;
            cap = ncap;
        }
        line_from_row(st, a, &list[got++]);
    }
    if (rc == ERR_OK) {
        *out = list;
        *n = got;
    }
out:
    db_finalize(st);
    return rc;
}

int org_position_level_get(struct db *db, const char *code, struct arena *a, struct org_position_level *out)
{
    struct db_stmt *st = NULL;
    int rc = db_prepare(
        db, "SELECT code, type_code, name_th, name_en, rank FROM position_level WHERE code = $1", &st);
    if (rc == ERR_OK)
        rc = db_bind_text(st, 1, code);
    if (rc == ERR_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        out->code = arena_strdup(a, db_column_text(st, 0));
        out->type_code = arena_strdup(a, db_column_text(st, 1));
        out->name_th = arena_strdup(a, db_column_text(st, 2));
        out->name_en = arena_strdup(a, db_column_text(st, 3));
        out->rank = (int)db_column_int64(st, 4);
        rc = ERR_OK;
    } else if (rc == ERR_OK) {
        rc = ERR_NOTFOUND;
    }
    db_finalize(st);
    return rc;
}
