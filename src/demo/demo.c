/*
 * The demo generator's driver: selection of LAOs by scale, the passes that stream each table, and the
 * only SQL of src/demo/ besides the geography and catalogue look-ups (see demo.h).
 */
#include "demo/demo.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/progress.h"
#include "db/db.h"
#include "demo/catalog.h"
#include "demo/geo.h"
#include "demo/laos.h"
#include "demo/names.h"
#include "demo/org.h"
#include "demo/person.h"
#include "demo/rng.h"
#include "thai/normalize.h"
#include "thai/thaidate.h"

/* The tables the generator fills, in the order they are written (parents first). */
enum table { T_LAO, T_UNIT, T_POSITION, T_PERSON, T_EMPLOYMENT, T_APPOINTMENT, T_SALARY, TABLES };

static const char *const TABLE_NAMES[TABLES] = {
    "lao", "org_unit", "position", "person", "employment", "appointment", "salary_history",
};

static const char *const TABLE_LABELS[TABLES] = {
    "อปท. (LAOs)",          "หน่วยงาน (units)",         "ตำแหน่ง (positions)", "บุคลากร (people)",
    "การจ้าง (employments)", "การแต่งตั้ง (appointments)", "เงินเดือน (salaries)",
};

static const char *const LAO_COLUMNS[] = {
    "id",      "code",          "type_code",     "size_class",      "name_th",
    "name_en", "province_code", "district_code", "subdistrict_code"};
static const char *const UNIT_COLUMNS[] = {"id",   "lao_id",  "parent_id", "code",
                                           "kind", "name_th", "name_en",   "sort"};
static const char *const POSITION_COLUMNS[] = {"id",        "lao_id",    "unit_id",   "number", "line_code",
                                               "type_code", "level_min", "level_max", "status"};
static const char *const PERSON_COLUMNS[] = {
    "id",           "national_id", "title_th",   "first_name_th",   "last_name_th",   "first_name_en",
    "last_name_en", "gender",      "birth_date", "education_level", "education_field"};
static const char *const EMPLOYMENT_COLUMNS[] = {"id",         "person_id", "lao_id",    "category",
                                                 "start_date", "end_date",  "end_reason"};
static const char *const APPOINTMENT_COLUMNS[] = {
    "id",         "person_id",     "employment_id",  "lao_id",       "position_id", "line_code",
    "level_code", "salary_satang", "effective_from", "effective_to", "kind",        "order_ref"};
static const char *const SALARY_COLUMNS[] = {
    "id",          "person_id",   "lao_id",        "effective_date", "salary_satang",
    "change_kind", "raise_steps", "raise_percent", "order_ref"};

/* Bytes of per-LAO memory kept before it is freed (a few hundred small LAOs, or a few large ones). */
#define LAO_ARENA_BATCH (8u << 20)

#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

int demo_parse_scale(const char *s, enum demo_scale *out)
{
    static const char *const names[] = {"lao", "province", "national"};
    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (enum demo_scale)i;
            return ERR_OK;
        }
    return ERR_INVAL;
}

struct gen {
    struct db *db;
    const struct demo_options *opt;
    struct arena arena; /* lives for the whole run */
    struct demo_geo geo;
    struct demo_lao *laos;
    size_t nlaos;
    size_t *sel; /* indexes of the selected LAOs in laos, in order */
    size_t nsel;
    size_t *prov_first, *prov_count; /* per selected LAO: its province's range in sel */
    struct demo_names names;
    struct demo_catalog cat;
    struct demo_person_ctx pctx;
    int64_t base[TABLES]; /* ids start after these */
    int64_t next[TABLES]; /* running id counters of the current pass */
    struct buf norm;      /* scratch for thai_normalize */
    char errctx[160];     /* what was being written when something failed */
};

/* ---- selection ---- */

static int select_laos(struct gen *g)
{
    const struct demo_options *opt = g->opt;
    const char *pcode = opt->province ? opt->province : DEMO_DEFAULT_PROVINCE;
    long pv = -1;
    if (opt->scale != DEMO_SCALE_NATIONAL) {
        pv = demo_geo_find_province(&g->geo, pcode);
        if (pv < 0 || strcmp(pcode, DEMO_BANGKOK) == 0) {
            log_error("demo: province %s %s", pcode, pv < 0 ? "does not exist" : "has no LAOs (Bangkok)");
            return ERR_NOTFOUND;
        }
    }
    g->sel = arena_calloc(&g->arena, g->nlaos + 1, sizeof *g->sel);
    for (size_t i = 0; i < g->nlaos; i++) {
        const struct demo_lao *l = &g->laos[i];
        if (opt->scale == DEMO_SCALE_NATIONAL || (long)l->province == pv) {
            if (opt->scale == DEMO_SCALE_LAO && l->type != DEMO_SUBDISTRICT_MUNI)
                continue;
            g->sel[g->nsel++] = i;
            if (opt->scale == DEMO_SCALE_LAO)
                break;
        }
    }
    if (g->nsel == 0) {
        log_error("demo: no LAO to generate in province %s", pcode);
        return ERR_NOTFOUND;
    }
    g->prov_first = arena_calloc(&g->arena, g->nsel, sizeof *g->prov_first);
    g->prov_count = arena_calloc(&g->arena, g->nsel, sizeof *g->prov_count);
    for (size_t i = 0, start = 0; i < g->nsel; i++) {
        if (g->laos[g->sel[i]].province != g->laos[g->sel[start]].province)
            start = i;
        g->prov_first[i] = start;
    }
    for (size_t i = 0; i < g->nsel; i++)
        g->prov_count[g->prov_first[i]]++;
    for (size_t i = 0; i < g->nsel; i++)
        g->prov_count[i] = g->prov_count[g->prov_first[i]];
    return ERR_OK;
}

/* ---- writing helpers ---- */

static int copy_date(struct db_copy *c, struct date d)
{
    char s[DATE_ISO_LEN + 1];
    date_format_iso(d, s);
    return db_copy_text(c, s);
}

/* Thai text stored normalised, as every name must be (names from the lists and the database are
 * already; composed names such as a LAO's are normalised here). */
static int copy_thai(struct gen *g, struct db_copy *c, const char *s)
{
    buf_reset(&g->norm);
    int rc = thai_normalize(s, strlen(s), &g->norm);
    return rc != ERR_OK ? rc : db_copy_text(c, buf_str(&g->norm));
}

/* Collects the first failure of a row's column writes; db_copy_* record details in db_errmsg. */
#define PUT(expr)                                                                                            \
    do {                                                                                                     \
        if (rc == ERR_OK)                                                                                    \
            rc = (expr);                                                                                     \
    } while (0)

static int64_t lao_id(const struct gen *g, size_t selected)
{
    return g->base[T_LAO] + (int64_t)selected + 1;
}

static int write_lao(struct gen *g, struct db_copy *c, size_t i)
{
    const struct demo_lao *l = &g->laos[g->sel[i]];
    int rc = ERR_OK;
    PUT(db_copy_int64(c, lao_id(g, i)));
    PUT(db_copy_text(c, l->code));
    PUT(db_copy_text(c, demo_lao_type_code(l->type)));
    PUT(db_copy_text(c, demo_size_code(l->size)));
    PUT(copy_thai(g, c, l->name_th));
    PUT(db_copy_text(c, l->name_en));
    PUT(db_copy_text(c, g->geo.provinces[l->province].code));
    PUT(db_copy_text(c, l->district_code));
    PUT(db_copy_text(c, l->sub >= 0 ? g->geo.subs[l->sub].code : NULL));
    PUT(db_copy_end_row(c));
    return rc;
}

static int write_units(struct gen *g, struct db_copy *c, size_t i, const struct demo_org *org)
{
    int rc = ERR_OK;
    int64_t first = g->next[T_UNIT];
    for (size_t u = 0; u < org->nunits && rc == ERR_OK; u++) {
        const struct demo_unit *unit = &org->units[u];
        PUT(db_copy_int64(c, first + (int64_t)u));
        PUT(db_copy_int64(c, lao_id(g, i)));
        PUT(unit->parent < 0 ? db_copy_null(c) : db_copy_int64(c, first + unit->parent));
        PUT(db_copy_text(c, unit->code));
        PUT(db_copy_text(c, demo_unit_kind_code(unit->kind)));
        PUT(copy_thai(g, c, unit->name_th));
        PUT(db_copy_text(c, unit->name_en));
        PUT(db_copy_int64(c, unit->sort));
        PUT(db_copy_end_row(c));
    }
    return rc;
}

static int write_positions(struct gen *g, struct db_copy *c, size_t i, const struct demo_org *org)
{
    int rc = ERR_OK;
    for (size_t p = 0; p < org->nposts && rc == ERR_OK; p++) {
        const struct demo_post *post = &org->posts[p];
        PUT(db_copy_int64(c, g->next[T_POSITION] + (int64_t)p));
        PUT(db_copy_int64(c, lao_id(g, i)));
        PUT(db_copy_int64(c, g->next[T_UNIT] + post->unit));
        PUT(db_copy_text(c, post->number));
        PUT(db_copy_text(c, g->cat.line_code[post->line]));
        PUT(db_copy_text(c, demo_ptype_code(demo_line_info(post->line)->type)));
        PUT(db_copy_text(c, g->cat.level_code[post->level_min]));
        PUT(db_copy_text(c, g->cat.level_code[post->level_max]));
        PUT(db_copy_text(c, demo_post_status_code(post->status)));
        PUT(db_copy_end_row(c));
    }
    return rc;
}

/* One person and their history, with the ids this pass gives them. */
struct held {
    const struct demo_person *p;
    const struct demo_career *c;
    int64_t person_id, employment_id, appointment_id, salary_id; /* the first of each */
    int64_t here, before;                                        /* lao ids */
    int64_t position_id;
};

static int write_person(struct db_copy *c, const struct held *h)
{
    const struct demo_person *p = h->p;
    int rc = ERR_OK;
    PUT(db_copy_int64(c, h->person_id));
    PUT(db_copy_text(c, p->national_id));
    PUT(db_copy_text(c, p->title_th));
    PUT(db_copy_text(c, p->first_th));
    PUT(db_copy_text(c, p->last_th));
    PUT(db_copy_text(c, p->first_en));
    PUT(db_copy_text(c, p->last_en));
    PUT(db_copy_text(c, p->gender == DEMO_FEMALE ? "female" : "male"));
    PUT(copy_date(c, p->birth));
    PUT(db_copy_text(c, demo_education_code(p->education)));
    PUT(db_copy_text(c, p->field_th));
    PUT(db_copy_end_row(c));
    return rc;
}

static int write_employments(struct db_copy *c, const struct held *h)
{
    int rc = ERR_OK;
    for (int e = 0; e < h->c->nemployments && rc == ERR_OK; e++) {
        const struct demo_employment *em = &h->c->employments[e];
        PUT(db_copy_int64(c, h->employment_id + e));
        PUT(db_copy_int64(c, h->person_id));
        PUT(db_copy_int64(c, em->where == DEMO_HERE ? h->here : h->before));
        PUT(db_copy_text(c, demo_category_code(em->category)));
        PUT(copy_date(c, em->start));
        PUT(em->ended ? copy_date(c, em->end) : db_copy_null(c));
        PUT(db_copy_text(c, em->ended ? "transferred" : NULL));
        PUT(db_copy_end_row(c));
    }
    return rc;
}

static int write_appointments(struct gen *g, struct db_copy *c, const struct held *h)
{
    int rc = ERR_OK;
    for (int k = 0; k < h->c->nappointments && rc == ERR_OK; k++) {
        const struct demo_appointment *a = &h->c->appointments[k];
        int64_t id = h->appointment_id + k;
        /* An order number of the LAO's register for that year: "คำสั่งที่ 123/2558". */
        char order[64];
        snprintf(order, sizeof order, "คำสั่งที่ %u/%d", (unsigned)(id % 487) + 1, thai_be_year(a->from.y));
        PUT(db_copy_int64(c, id));
        PUT(db_copy_int64(c, h->person_id));
        PUT(db_copy_int64(c, h->employment_id + a->employment));
        PUT(db_copy_int64(c, a->where == DEMO_HERE ? h->here : h->before));
        PUT(a->open ? db_copy_int64(c, h->position_id) : db_copy_null(c));
        PUT(db_copy_text(c, g->cat.line_code[a->line]));
        PUT(db_copy_text(c, g->cat.level_code[a->level]));
        PUT(db_copy_int64(c, a->salary));
        PUT(copy_date(c, a->from));
        PUT(a->open ? db_copy_null(c) : copy_date(c, a->to));
        PUT(db_copy_text(c, demo_appt_kind_code(a->kind)));
        PUT(db_copy_text(c, order));
        PUT(db_copy_end_row(c));
    }
    return rc;
}

static int write_salaries(struct db_copy *c, const struct held *h)
{
    static const char *const steps[] = {NULL, "0.5", "1", "1.5", "2"};
    int rc = ERR_OK;
    for (int k = 0; k < h->c->nsalaries && rc == ERR_OK; k++) {
        const struct demo_salary_row *s = &h->c->salaries[k];
        PUT(db_copy_int64(c, h->salary_id + k));
        PUT(db_copy_int64(c, h->person_id));
        PUT(db_copy_int64(c, s->where == DEMO_HERE ? h->here : h->before));
        PUT(copy_date(c, s->date));
        PUT(db_copy_int64(c, s->salary));
        PUT(db_copy_text(c, demo_salary_kind_code(s->kind)));
        PUT(db_copy_text(c, s->steps_x2 >= 1 && s->steps_x2 <= 4 ? steps[s->steps_x2] : NULL));
        PUT(s->percent_x10 ? db_copy_double(c, s->percent_x10 / 10.0) : db_copy_null(c));
        PUT(db_copy_null(c));
        PUT(db_copy_end_row(c));
    }
    return rc;
}

/* ---- passes ---- */

/*
 * One pass: streams table t for every selected LAO. Each LAO's organisation and people are rebuilt
 * from the LAO's own streams, so every pass sees the same rows and gives them the same ids.
 */
static int run_pass(struct gen *g, enum table t, struct demo_counts *counts)
{
    static const char *const *const columns[TABLES] = {
        LAO_COLUMNS,        UNIT_COLUMNS,        POSITION_COLUMNS, PERSON_COLUMNS,
        EMPLOYMENT_COLUMNS, APPOINTMENT_COLUMNS, SALARY_COLUMNS};
    static const int ncolumns[TABLES] = {
        NCOLS(LAO_COLUMNS),        NCOLS(UNIT_COLUMNS),        NCOLS(POSITION_COLUMNS), NCOLS(PERSON_COLUMNS),
        NCOLS(EMPLOYMENT_COLUMNS), NCOLS(APPOINTMENT_COLUMNS), NCOLS(SALARY_COLUMNS)};
    struct db_copy *c = NULL;
    struct progress bar;
    progress_start(&bar, TABLE_LABELS[t], (int64_t)g->nsel); /* TAMBON_QUIET silences it */
    int rc = db_copy_begin(g->db, TABLE_NAMES[t], columns[t], ncolumns[t], &c);
    if (rc != ERR_OK)
        return rc;
    for (int k = 0; k < TABLES; k++)
        g->next[k] = g->base[k] + 1;
    int64_t rows = 0;
    struct arena la;
    arena_init(&la, 64 * 1024);
    for (size_t i = 0; i < g->nsel && rc == ERR_OK; i++) {
        const struct demo_lao *lao = &g->laos[g->sel[i]];
        snprintf(g->errctx, sizeof g->errctx, "%s, LAO %s", TABLE_NAMES[t], lao->code);
        if (t == T_LAO) {
            rc = write_lao(g, c, i);
            rows++;
            progress_set(&bar, (int64_t)i + 1);
            continue;
        }
        char key[DEMO_LAO_CODE_LEN + 8];
        struct demo_rng org_rng, people_rng;
        snprintf(key, sizeof key, "%s/org", lao->code);
        demo_rng_derive(&org_rng, g->opt->seed, key);
        snprintf(key, sizeof key, "%s/people", lao->code);
        demo_rng_derive(&people_rng, g->opt->seed, key);
        struct demo_org org;
        demo_org_build(lao, &org_rng, &la, &org);
        if (t == T_UNIT) {
            rc = write_units(g, c, i, &org);
            rows += (int64_t)org.nunits;
        } else if (t == T_POSITION) {
            rc = write_positions(g, c, i, &org);
            rows += (int64_t)org.nposts;
        } else {
            bool may_transfer = g->prov_count[i] > 1;
            unsigned serial = 0;
            for (size_t p = 0; p < org.nposts && rc == ERR_OK; p++) {
                if (org.posts[p].status != DEMO_POST_FILLED)
                    continue;
                struct demo_person person;
                struct demo_career career;
                demo_person_make(&g->pctx, &people_rng, lao, serial++, &org.posts[p], may_transfer, &person,
                                 &career);
                struct held h = {&person,
                                 &career,
                                 g->next[T_PERSON],
                                 g->next[T_EMPLOYMENT],
                                 g->next[T_APPOINTMENT],
                                 g->next[T_SALARY],
                                 lao_id(g, i),
                                 0,
                                 g->next[T_POSITION] + (int64_t)p};
                if (career.nemployments == 2) {
                    /* Came from another LAO of the same province. */
                    uint64_t k = demo_rng_below(&people_rng, g->prov_count[i] - 1);
                    size_t other = g->prov_first[i] + (size_t)k;
                    if (other >= i)
                        other++;
                    h.before = lao_id(g, other);
                }
                switch (t) {
                case T_PERSON:
                    rc = write_person(c, &h);
                    rows++;
                    break;
                case T_EMPLOYMENT:
                    rc = write_employments(c, &h);
                    rows += career.nemployments;
                    break;
                case T_APPOINTMENT:
                    rc = write_appointments(g, c, &h);
                    rows += career.nappointments;
                    break;
                default:
                    rc = write_salaries(c, &h);
                    rows += career.nsalaries;
                    break;
                }
                g->next[T_PERSON]++;
                g->next[T_EMPLOYMENT] += career.nemployments;
                g->next[T_APPOINTMENT] += career.nappointments;
                g->next[T_SALARY] += career.nsalaries;
            }
        }
        g->next[T_UNIT] += (int64_t)org.nunits;
        g->next[T_POSITION] += (int64_t)org.nposts;
        /* Freeing after every LAO makes malloc hand memory back to the system and take it again, which
         * costs more than the generation itself: free in batches instead, memory stays bounded. */
        if (la.total > LAO_ARENA_BATCH)
            arena_release(&la);
        progress_set(&bar, (int64_t)i + 1);
    }
    arena_release(&la);
    int frc = db_copy_finish(c);
    if (rc == ERR_OK)
        rc = frc;
    progress_finish(&bar);
    if (counts) {
        int64_t *slot[TABLES] = {&counts->laos,    &counts->units,       &counts->positions,
                                 &counts->people,  &counts->employments, &counts->appointments,
                                 &counts->salaries};
        *slot[t] = rows;
    }
    return rc;
}

/* ---- replace, ids ---- */

static int delete_generated(struct db *db)
{
    /* Children first; org_unit's parent links are checked at the end of its statement. */
    int rc = ERR_OK;
    for (int t = TABLES - 1; t >= 0 && rc == ERR_OK; t--) {
        char sql[64];
        snprintf(sql, sizeof sql, "DELETE FROM %s", TABLE_NAMES[t]);
        rc = db_exec(db, sql);
    }
    return rc;
}

static int read_id_bases(struct gen *g)
{
    int rc = ERR_OK;
    for (int t = 0; t < TABLES && rc == ERR_OK; t++) {
        char sql[80];
        snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) FROM %s", TABLE_NAMES[t]);
        rc = db_query_int64(g->db, &g->base[t], sql, "");
    }
    return rc;
}

/* The ids were supplied by the generator: later inserts without an id must continue after them. */
static int sync_identities(struct db *db)
{
    int rc = ERR_OK;
    for (int t = 0; t < TABLES && rc == ERR_OK; t++)
        rc = db_sync_identity(db, TABLE_NAMES[t]);
    return rc;
}

/* ---- the run ---- */

static int prepare(struct gen *g)
{
    int rc = demo_geo_load(g->db, &g->geo);
    if (rc != ERR_OK) {
        log_error("demo: no geography in the database (%s); run tambon init", err_message(rc));
        return rc;
    }
    if ((rc = demo_lao_plan(&g->geo, &g->arena, &g->laos, &g->nlaos)) != ERR_OK)
        return rc;
    if ((rc = select_laos(g)) != ERR_OK)
        return rc;
    if ((rc = demo_names_load(&g->arena, &g->names)) != ERR_OK)
        return rc;
    if ((rc = demo_catalog_resolve(g->db, &g->arena, &g->cat)) != ERR_OK)
        return rc;
    if (g->cat.lines_replaced)
        log_warn("demo: %d position lines missing from the database (first: %s); staffed with others of the "
                 "same type",
                 g->cat.lines_replaced, g->cat.first_missing_line);
    g->pctx.catalog = &g->cat;
    g->pctx.names = &g->names;
    g->pctx.today = clock_today();
    return demo_catalog_retirement_age(g->db, &g->pctx.retirement_age);
}

int demo_generate(struct db *db, const struct demo_options *opt, struct demo_counts *counts)
{
    struct gen g;
    memset(&g, 0, sizeof g);
    g.db = db;
    g.opt = opt;
    arena_init(&g.arena, 0);
    demo_geo_init(&g.geo, &g.arena);
    buf_init(&g.norm, 4096);
    if (counts)
        memset(counts, 0, sizeof *counts);
    bool began = false;

    int64_t existing = 0;
    int rc = db_query_int64(db, &existing, "SELECT count(*) FROM lao", "");
    if (rc != ERR_OK)
        goto out;
    if (existing > 0 && !opt->replace) {
        rc = ERR_EXISTS;
        goto out;
    }
    if ((rc = prepare(&g)) != ERR_OK)
        goto out;
    if ((rc = db_begin(db)) != ERR_OK)
        goto out;
    began = true;
    if (existing > 0 && (rc = delete_generated(db)) != ERR_OK)
        goto out;
    if ((rc = read_id_bases(&g)) != ERR_OK)
        goto out;
    for (int t = 0; t < TABLES && rc == ERR_OK; t++)
        rc = run_pass(&g, (enum table)t, counts);
    if (rc == ERR_OK)
        rc = sync_identities(db);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc == ERR_OK)
        began = false;
    else if (g.errctx[0])
        log_error("demo: failed writing %s: %s", g.errctx, db_errmsg(db));
out:
    if (began)
        db_rollback(db);
    if (counts)
        counts->lines_replaced = g.cat.lines_replaced;
    buf_release(&g.norm);
    arena_release(&g.arena);
    return rc;
}
