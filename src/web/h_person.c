/*
 * One person's record (/people/{id}, for officials in whose scope the person works) and one's own
 * (/me, self-service): details with the national ID masked unless the caller may see it whole, the
 * retirement date under the retirement rule in force, the post held today, the career timeline and
 * the salary history, every date as the request's language writes it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/jsonx.h"
#include "modules/iam/iam.h"
#include "modules/people/people_query.h"
#include "modules/rules/rules.h"
#include "thai/natid.h"
#include "thai/thaidate.h"
#include "web/handlers.h"

/* English courtesy titles for the common Thai ones; others are left out of the English name. */
static const char *title_en(const char *title_th)
{
    static const struct {
        const char *th, *en;
    } titles[] = {{"นาย", "Mr"}, {"นาง", "Mrs"}, {"นางสาว", "Miss"}};
    for (size_t i = 0; title_th && i < sizeof titles / sizeof titles[0]; i++)
        if (strcmp(titles[i].th, title_th) == 0)
            return titles[i].en;
    return NULL;
}

/* The retirement age of the rule set in force today for someone working in lao_id (0: national). */
static int retirement_age(struct web_ctx *c, int64_t lao_id, struct date today, int *age)
{
    const char *nation[] = {"nation", NULL};
    const char *chain[RULES_CHAIN_MAX + 1];
    const char *const *use = nation;
    json_t *body = NULL;
    if (lao_id > 0 && rules_scope_chain_for_lao(c->db, lao_id, c->arena, chain) == ERR_OK)
        use = chain;
    int rc = rules_find(c->db, "retirement", use, today, &body);
    if (rc != ERR_OK)
        return rc;
    int64_t v = 0;
    rc = jsonx_int(body, "age", &v) == ERR_OK && v >= 1 && v <= 150 ? ERR_OK : ERR_INVAL;
    json_decref(body);
    if (rc == ERR_OK)
        *age = (int)v;
    return rc;
}

/* The "person" part of the model. */
static int person_part(struct web_ctx *c, const json_t *p, int64_t lao_id, struct date today, json_t **out)
{
    int64_t id = json_integer_value(json_object_get(p, "id"));
    const char *title = jsonx_str(p, "title_th");
    const char *birth_iso = jsonx_str(p, "birth_date");
    struct date birth = {0, 0, 0};
    if (!birth_iso || date_parse_iso(birth_iso, strlen(birth_iso), &birth) != ERR_OK)
        return ERR_INTERNAL; /* the schema guarantees a valid date */

    /* The whole number only for those who hold 'person.view_full_id' for this person. */
    char nid[NATID_FORMAT_LEN + 1];
    int rc = iam_can_see_person(c->db, c->who, "person.view_full_id", id);
    if (rc == ERR_OK)
        natid_format(jsonx_str(p, "national_id"), nid);
    else if (rc == ERR_PERM)
        natid_mask(jsonx_str(p, "national_id"), nid);
    else
        return rc;

    const char *education = web_text_of(c, "education_", jsonx_str(p, "education_level"));
    const char *field = jsonx_str(p, "education_field");
    if (field && *field)
        education = arena_printf(c->arena, "%s (%s)", education, field);

    json_t *m = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:s}", "id", (json_int_t)id, "name",
        arena_printf(c->arena, "%s%s %s", title, jsonx_str(p, "first_name_th"), jsonx_str(p, "last_name_th")),
        "national_id_text", nid, "gender_text", web_text_of(c, "gender_", jsonx_str(p, "gender")),
        "birth_date", birth_iso, "birth_date_text", web_date_text(c, birth_iso), "age",
        date_years_between(birth, today), "education_text", education);
    const char *first_en = jsonx_str(p, "first_name_en"), *last_en = jsonx_str(p, "last_name_en");
    if (first_en && last_en) {
        const char *t = title_en(title);
        json_object_set_new(m, "name_en",
                            json_sprintf("%s%s%s %s", t ? t : "", t ? " " : "", first_en, last_en));
    } else {
        json_object_set_new(m, "name_en", json_null());
    }

    /* Retirement: the end of the fiscal year in which the person completes the rule's age. */
    int age = 0;
    rc = retirement_age(c, lao_id, today, &age);
    struct date retire = rc == ERR_OK ? thai_retirement_date(birth, age) : (struct date){0, 0, 0};
    if (date_valid(retire)) {
        char iso[DATE_ISO_LEN + 1];
        date_format_iso(retire, iso);
        json_object_set_new(m, "retirement_date", json_string(iso));
        json_object_set_new(m, "retirement_date_text", json_string(web_date_text(c, iso)));
        json_object_set_new(m, "retirement_fy", json_integer(thai_fiscal_year(retire)));
    } else if (rc == ERR_OK || rc == ERR_NOTFOUND || rc == ERR_INVAL) {
        /* No retirement rule in force (or an unusable one): say nothing rather than guess. */
        json_object_set_new(m, "retirement_date", json_null());
        json_object_set_new(m, "retirement_date_text", json_null());
        json_object_set_new(m, "retirement_fy", json_null());
    } else {
        json_decref(m);
        return rc;
    }
    *out = m;
    return ERR_OK;
}

/* The "current" part: the post held today, or null. */
static json_t *current_part(struct web_ctx *c, const json_t *cur)
{
    if (!json_is_object(cur))
        return json_null();
    int64_t lao_id = json_integer_value(json_object_get(cur, "lao_id"));
    const char *since = jsonx_str(cur, "since");
    int64_t salary = json_integer_value(json_object_get(cur, "salary_satang"));
    json_t *m = json_pack("{s:s, s:O, s:s, s:s, s:I, s:s, s:s, s:s, s:s}", "lao_name",
                          web_name(c, cur, "lao"), "position_number", json_object_get(cur, "position_number"),
                          "line_name", web_name(c, cur, "line"), "level_text", web_name(c, cur, "level"),
                          "salary_satang", (json_int_t)salary, "salary_text", web_money_text(c, salary),
                          "since", since, "since_text", web_date_text(c, since), "category_text",
                          web_text_of(c, "category_", jsonx_str(cur, "category")));
    /* A link to the LAO only for those who may open its page. */
    json_object_set_new(m, "lao_href",
                        iam_can_see_lao(c->db, c->who, "lao.view", lao_id) == ERR_OK
                            ? json_sprintf("/laos/%" PRId64, lao_id)
                            : json_null());
    return m;
}

/* "เลื่อนเงินเดือน 1 ขั้น", "เลื่อนเงินเดือน 3.5%", "เงินเดือนแรกบรรจุ". */
static const char *change_text(struct web_ctx *c, const json_t *s)
{
    const char *kind = jsonx_str(s, "change_kind");
    const char *text = web_text_of(c, "salary_change_", kind);
    const char *steps = jsonx_str(s, "raise_steps");
    json_t *pct = json_object_get(s, "raise_percent");
    if (steps)
        return arena_printf(c->arena, "%s %s %s", text, steps, web_text(c, "unit_steps"));
    if (json_is_number(pct)) {
        char num[32];
        snprintf(num, sizeof num, "%.3f", json_number_value(pct));
        /* 3.500 → 3.5, 4.000 → 4 */
        size_t n = strlen(num);
        while (n > 0 && num[n - 1] == '0')
            num[--n] = '\0';
        if (n > 0 && num[n - 1] == '.')
            num[--n] = '\0';
        return arena_printf(c->arena, "%s %s%%", text, num);
    }
    return text;
}

/* The model of pages/person and pages/me for person id, seen with permission. */
static int person_model(struct web_ctx *c, int64_t id, const char *permission, json_t **model)
{
    struct date today = clock_today();
    json_t *rec = NULL, *person = NULL;
    int rc = people_query_record(c->db, c->who, permission, id, today, &rec);
    if (rc != ERR_OK)
        return rc;
    json_t *cur = json_object_get(rec, "current");
    int64_t lao_id = json_is_object(cur) ? json_integer_value(json_object_get(cur, "lao_id")) : 0;
    rc = person_part(c, json_object_get(rec, "person"), lao_id, today, &person);
    if (rc != ERR_OK) {
        json_decref(rec);
        return rc;
    }

    json_t *appointments = json_array();
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(rec, "appointments"), i, a)
    {
        const char *from = jsonx_str(a, "effective_from"), *to = jsonx_str(a, "effective_to");
        int64_t salary = json_integer_value(json_object_get(a, "salary_satang"));
        json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:O}", "from", from, "from_text",
                                web_date_text(c, from), "lao_name", web_name(c, a, "lao"), "line_name",
                                web_name(c, a, "line"), "level_text", web_name(c, a, "level"), "kind_text",
                                web_text_of(c, "appointment_", jsonx_str(a, "kind")), "salary_satang",
                                (json_int_t)salary, "salary_text", web_money_text(c, salary), "order_ref",
                                json_object_get(a, "order_ref"));
        json_object_set_new(row, "to", to ? json_string(to) : json_null());
        json_object_set_new(row, "to_text", to ? json_string(web_date_text(c, to)) : json_null());
        json_array_append_new(appointments, row);
    }
    json_t *salaries = json_array();
    json_array_foreach(json_object_get(rec, "salaries"), i, a)
    {
        const char *date = jsonx_str(a, "effective_date");
        int64_t salary = json_integer_value(json_object_get(a, "salary_satang"));
        json_array_append_new(salaries, json_pack("{s:s, s:s, s:I, s:s, s:s}", "date", date, "date_text",
                                                  web_date_text(c, date), "salary_satang", (json_int_t)salary,
                                                  "salary_text", web_money_text(c, salary), "change_text",
                                                  change_text(c, a)));
    }
    *model = json_pack("{s:o, s:o, s:o, s:o}", "person", person, "current", current_part(c, cur),
                       "appointments", appointments, "salaries", salaries);
    json_decref(rec);
    return ERR_OK;
}

int h_person(struct web_ctx *c, json_t **model)
{
    return person_model(c, web_param_int(c, "id"), "person.view", model);
}

int h_me(struct web_ctx *c, json_t **model)
{
    if (!c->who || c->who->person_id <= 0) {
        c->error_detail = web_text(c, "error_no_person");
        return ERR_NOTFOUND;
    }
    return person_model(c, c->who->person_id, "profile.view_own", model);
}
