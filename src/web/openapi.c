/*
 * The OpenAPI 3.1 document, generated from the route table so that it lists every route by
 * construction: paths, parameters with their validators, response schemas and security.
 */
#include "web/openapi.h"

#include <string.h>

#include "web/web_internal.h"

/* The schemas named by routes' response_schema. Kept next to the generator so a route cannot name a
 * schema that does not exist (web_openapi_document refuses, and a unit test builds the document). */
static const struct {
    const char *name, *json;
} schemas[] = {
    {"Health", "{\"type\":\"object\",\"required\":[\"status\"],\"properties\":{\"status\":{\"type\":\"string\"},"
               "\"database\":{\"type\":\"string\"}}}"},
    {"OpenAPI", "{\"type\":\"object\",\"description\":\"This document.\"}"},
    {"LangSwitch", "{\"type\":\"object\",\"properties\":{\"lang\":{\"type\":\"string\",\"enum\":[\"th\",\"en\"]}}}"},
    {"PublicVacancies",
     "{\"type\":\"object\",\"properties\":{\"provinces\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}},"
     "\"laos\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}},\"total_vacant\":{\"type\":\"integer\"},"
     "\"province\":{\"type\":[\"object\",\"null\"]}}}"},
    /* The signed-in pages (the render contract's models; the page templates read the same fields). */
    {"Home",
     "{\"type\":\"object\",\"required\":[\"scope_text\",\"counts\",\"by_type\",\"by_category\"],\"properties\":{\"scope_text\":{\"type\":\"string\","
     "\"description\":\"What the counts cover, in the request's language\"},\"counts\":{\"type\":\"object\","
     "\"required\":[\"laos\",\"positions\",\"vacant\",\"frozen\",\"people\"],\"properties\":{\"laos\":{\"type\":\"integer\"},"
     "\"positions\":{\"type\":\"integer\"},\"vacant\":{\"type\":\"integer\"},\"frozen\":{\"type\":\"integer\"},"
     "\"people\":{\"type\":\"integer\"}}},\"by_type\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
     "\"required\":[\"type_code\",\"type_name\",\"laos\"],\"properties\":{\"type_code\":{\"type\":\"string\"},"
     "\"type_name\":{\"type\":\"string\"},\"laos\":{\"type\":\"integer\"}}}},\"by_category\":{\"type\":\"array\","
     "\"items\":{\"type\":\"object\",\"required\":[\"category\",\"category_name\",\"people\"],\"properties\":{\"category\":{\"type\":\"string\","
     "\"enum\":[\"civil_servant\",\"permanent_employee\",\"mission_contract\",\"general_contract\","
     "\"teacher\"]},\"category_name\":{\"type\":\"string\"},\"people\":{\"type\":\"integer\"}}}}}}"},
    {"LaoList",
     "{\"type\":\"object\",\"required\":[\"filters\",\"provinces\",\"types\",\"laos\",\"page\",\"pages\","
     "\"total\",\"prev_href\",\"next_href\"],\"properties\":{\"filters\":{\"type\":\"object\",\"required\":[\"province\","
     "\"type\"],\"properties\":{\"province\":{\"type\":[\"string\",\"null\"]},\"type\":{\"type\":[\"string\","
     "\"null\"]}}},\"provinces\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"code\","
     "\"name\",\"selected\"],\"properties\":{\"code\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},"
     "\"selected\":{\"type\":\"boolean\"}}}},\"types\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
     "\"required\":[\"code\",\"name\",\"selected\"],\"properties\":{\"code\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},"
     "\"selected\":{\"type\":\"boolean\"}}}},\"laos\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
     "\"required\":[\"id\",\"code\",\"name\",\"type_name\",\"province_name\",\"district_name\",\"positions\","
     "\"vacant\",\"people\",\"href\"],\"properties\":{\"id\":{\"type\":\"integer\"},\"code\":{\"type\":\"string\"},"
     "\"name\":{\"type\":\"string\"},\"type_name\":{\"type\":\"string\"},\"province_name\":{\"type\":\"string\"},"
     "\"district_name\":{\"type\":\"string\"},\"positions\":{\"type\":\"integer\"},\"vacant\":{\"type\":\"integer\"},"
     "\"people\":{\"type\":\"integer\"},\"href\":{\"type\":\"string\"}}}},\"page\":{\"type\":\"integer\"},"
     "\"pages\":{\"type\":\"integer\"},\"total\":{\"type\":\"integer\"},\"prev_href\":{\"type\":[\"string\","
     "\"null\"]},\"next_href\":{\"type\":[\"string\",\"null\"]}}}"},
    {"Lao",
     "{\"type\":\"object\",\"required\":[\"lao\",\"units\",\"positions\",\"staff_count\"],\"properties\":{\"lao\":{\"type\":\"object\","
     "\"required\":[\"id\",\"code\",\"name\",\"type_name\",\"size_class_text\",\"province_name\",\"district_name\","
     "\"subdistrict_name\"],\"properties\":{\"id\":{\"type\":\"integer\"},\"code\":{\"type\":\"string\"},"
     "\"name\":{\"type\":\"string\"},\"type_name\":{\"type\":\"string\"},\"size_class_text\":{\"type\":\"string\"},"
     "\"province_name\":{\"type\":\"string\"},\"district_name\":{\"type\":\"string\"},\"subdistrict_name\":{\"type\":[\"string\","
     "\"null\"]}}},\"units\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"id\",\"name\","
     "\"depth\",\"positions\",\"vacant\"],\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},"
     "\"depth\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":2},\"positions\":{\"type\":\"integer\"},"
     "\"vacant\":{\"type\":\"integer\"}}}},\"positions\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
     "\"required\":[\"number\",\"unit_name\",\"line_name\",\"level_text\",\"status\",\"status_text\","
     "\"holder_name\",\"holder_href\"],\"properties\":{\"number\":{\"type\":\"string\"},\"unit_name\":{\"type\":\"string\"},"
     "\"line_name\":{\"type\":\"string\"},\"level_text\":{\"type\":\"string\"},\"status\":{\"type\":\"string\","
     "\"enum\":[\"vacant\",\"frozen\",\"filled\"]},\"status_text\":{\"type\":\"string\"},\"holder_name\":{\"type\":[\"string\","
     "\"null\"]},\"holder_href\":{\"type\":[\"string\",\"null\"]}}}},\"staff_count\":{\"type\":\"integer\"}}}"},
    {"Person",
     "{\"type\":\"object\",\"required\":[\"person\",\"current\",\"appointments\",\"salaries\"],\"properties\":{\"person\":{\"type\":\"object\","
     "\"required\":[\"id\",\"name\",\"name_en\",\"national_id_text\",\"gender_text\",\"birth_date\",\"birth_date_text\","
     "\"age\",\"education_text\",\"retirement_date\",\"retirement_date_text\",\"retirement_fy\"],"
     "\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},\"name_en\":{\"type\":[\"string\","
     "\"null\"]},\"national_id_text\":{\"type\":\"string\",\"description\":\"#-####-#####-##-#, digits 6 to 12 shown as x unless the caller may see the whole number\"},"
     "\"gender_text\":{\"type\":\"string\"},\"birth_date\":{\"type\":\"string\",\"format\":\"date\"},\"birth_date_text\":{\"type\":\"string\"},"
     "\"age\":{\"type\":\"integer\"},\"education_text\":{\"type\":\"string\"},\"retirement_date\":{\"type\":[\"string\","
     "\"null\"],\"format\":\"date\"},\"retirement_date_text\":{\"type\":[\"string\",\"null\"]},\"retirement_fy\":{\"type\":[\"integer\","
     "\"null\"],\"description\":\"Buddhist Era fiscal year\"}}},\"current\":{\"type\":[\"object\",\"null\"],"
     "\"required\":[\"lao_name\",\"lao_href\",\"position_number\",\"line_name\",\"level_text\",\"salary_satang\","
     "\"salary_text\",\"since\",\"since_text\",\"category_text\"],\"properties\":{\"lao_name\":{\"type\":\"string\"},"
     "\"lao_href\":{\"type\":[\"string\",\"null\"]},\"position_number\":{\"type\":[\"string\",\"null\"]},"
     "\"line_name\":{\"type\":\"string\"},\"level_text\":{\"type\":\"string\"},\"salary_satang\":{\"type\":\"integer\"},"
     "\"salary_text\":{\"type\":\"string\"},\"since\":{\"type\":\"string\",\"format\":\"date\"},\"since_text\":{\"type\":\"string\"},"
     "\"category_text\":{\"type\":\"string\"}}},\"appointments\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
     "\"required\":[\"from\",\"from_text\",\"to\",\"to_text\",\"lao_name\",\"line_name\",\"level_text\","
     "\"kind_text\",\"salary_satang\",\"salary_text\",\"order_ref\"],\"properties\":{\"from\":{\"type\":\"string\","
     "\"format\":\"date\"},\"from_text\":{\"type\":\"string\"},\"to\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"},"
     "\"to_text\":{\"type\":[\"string\",\"null\"]},\"lao_name\":{\"type\":\"string\"},\"line_name\":{\"type\":\"string\"},"
     "\"level_text\":{\"type\":\"string\"},\"kind_text\":{\"type\":\"string\"},\"salary_satang\":{\"type\":\"integer\"},"
     "\"salary_text\":{\"type\":\"string\"},\"order_ref\":{\"type\":[\"string\",\"null\"]}}}},\"salaries\":{\"type\":\"array\","
     "\"items\":{\"type\":\"object\",\"required\":[\"date\",\"date_text\",\"salary_satang\",\"salary_text\","
     "\"change_text\"],\"properties\":{\"date\":{\"type\":\"string\",\"format\":\"date\"},\"date_text\":{\"type\":\"string\"},"
     "\"salary_satang\":{\"type\":\"integer\"},\"salary_text\":{\"type\":\"string\"},\"change_text\":{\"type\":\"string\"}}}}}}"},
    {"SignIn",
     "{\"type\":\"object\",\"description\":\"The sign-in form (pages only)\",\"required\":[\"next\"],"
     "\"properties\":{\"next\":{\"type\":\"string\"},\"error\":{\"type\":[\"string\",\"null\"]},\"username\":{\"type\":\"string\"}}}"},
    {"SignOut",
     "{\"type\":\"object\",\"description\":\"Sign-out (pages only; answers with a redirect)\",\"required\":[\"signed_out\"],"
     "\"properties\":{\"signed_out\":{\"type\":\"boolean\"},\"sessions\":{\"type\":\"integer\"}}}"},
    {"Problem", "{\"type\":\"object\",\"description\":\"RFC 9457 problem details.\",\"properties\":{"
                "\"type\":{\"type\":\"string\"},\"title\":{\"type\":\"string\"},\"status\":{\"type\":\"integer\"},"
                "\"detail\":{\"type\":\"string\"},\"instance\":{\"type\":\"string\"}}}"},
};

static json_t *schema_for(const char *name)
{
    for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++)
        if (strcmp(schemas[i].name, name) == 0)
            return json_loads(schemas[i].json, 0, NULL);
    return NULL;
}

static json_t *param_schema(const struct web_param *p)
{
    switch (p->type) {
    case WEB_PARAM_INT:
        return json_pack("{s:s, s:I, s:I}", "type", "integer", "minimum", (json_int_t)p->min, "maximum",
                         (json_int_t)p->max);
    case WEB_PARAM_TEXT: {
        json_t *s = json_pack("{s:s, s:I}", "type", "string", "minLength", (json_int_t)p->min);
        if (p->max)
            json_object_set_new(s, "maxLength", json_integer(p->max));
        return s;
    }
    case WEB_PARAM_CODE: {
        json_t *s = json_pack("{s:s, s:s, s:I}", "type", "string", "pattern", "^[A-Za-z0-9_-]+$", "minLength",
                              (json_int_t)p->min);
        if (p->max)
            json_object_set_new(s, "maxLength", json_integer(p->max));
        return s;
    }
    case WEB_PARAM_ENUM: {
        json_t *e = json_array();
        for (const char *const *c = p->choices; c && *c; c++)
            json_array_append_new(e, json_string(*c));
        return json_pack("{s:s, s:o}", "type", "string", "enum", e);
    }
    case WEB_PARAM_DATE:
        return json_pack("{s:s, s:s}", "type", "string", "format", "date");
    }
    return json_object();
}

static json_t *path_param_schema(enum http_param_type t)
{
    switch (t) {
    case HTTP_PARAM_ID:
        return json_pack("{s:s, s:i}", "type", "integer", "minimum", 1);
    case HTTP_PARAM_NID:
        return json_pack("{s:s, s:s}", "type", "string", "pattern", "^[0-9]{13}$");
    default:
        return json_pack("{s:s, s:s}", "type", "string", "pattern", "^[A-Za-z0-9_-]+$");
    }
}

/* "/laos/{lao:id}" → "/laos/{lao}", and an operationId "get_laos_lao". */
static void openapi_path(const struct http_pattern *p, const char *method, struct buf *path, struct buf *opid)
{
    int rc = buf_appends(opid, method);
    for (size_t i = 0; rc == ERR_OK && i < p->count; i++) {
        const struct http_pattern_seg *s = &p->segs[i];
        rc = s->is_param ? buf_printf(path, "/{%s}", s->text.ptr) : buf_printf(path, "/%s", s->text.ptr);
        if (rc == ERR_OK)
            rc = buf_printf(opid, "_%s", s->text.ptr);
    }
    if (rc == ERR_OK && p->count == 0)
        rc = buf_putc(path, '/');
    if (rc != ERR_OK) {
        buf_reset(path);
        buf_reset(opid);
    }
    for (size_t i = 0; i < opid->len; i++) {
        char ch = opid->data[i];
        if (ch >= 'A' && ch <= 'Z')
            opid->data[i] = (char)(ch - 'A' + 'a');
        else if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'))
            opid->data[i] = '_';
    }
}

static json_t *problem_response(const char *description)
{
    return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", description, "content", "application/problem+json",
                     "schema", "$ref", "#/components/schemas/Problem");
}

int web_openapi_document(const struct web_app *app, json_t **out)
{
    json_t *paths = json_object();
    json_t *comp_schemas = json_object();
    json_object_set_new(comp_schemas, "Problem", schema_for("Problem"));
    int rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < app->nroutes; i++) {
        const struct web_route *r = app->routes[i].route;
        if (r->page_only)
            continue;
        struct buf path, opid;
        buf_init(&path, 1024);
        buf_init(&opid, 1024);
        openapi_path(app->routes[i].pattern, r->method, &path, &opid);
        json_t *params = json_array();
        const struct http_pattern *pat = app->routes[i].pattern;
        for (size_t k = 0; k < pat->count; k++)
            if (pat->segs[k].is_param)
                json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:o}", "name", pat->segs[k].text.ptr, "in",
                                                        "path", "required", 1, "schema",
                                                        path_param_schema(pat->segs[k].type)));
        json_t *body_props = json_object();
        json_t *body_required = json_array();
        for (const struct web_param *p = r->params; p && p->name; p++) {
            if (p->in == WEB_IN_QUERY) {
                json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:s, s:o}", "name", p->name, "in", "query",
                                                        "required", p->required, "description",
                                                        p->doc ? p->doc : p->name, "schema", param_schema(p)));
            } else {
                json_t *s = param_schema(p);
                json_object_set_new(s, "description", json_string(p->doc ? p->doc : p->name));
                json_object_set_new(body_props, p->name, s);
                if (p->required)
                    json_array_append_new(body_required, json_string(p->name));
            }
        }
        json_t *schema = schema_for(r->response_schema ? r->response_schema : "");
        if (!schema) {
            rc = ERR_NOTFOUND;
            json_decref(params);
            json_decref(body_props);
            json_decref(body_required);
            buf_release(&path);
            buf_release(&opid);
            break;
        }
        json_object_set_new(comp_schemas, r->response_schema, schema);
        json_t *ok_schema = json_pack("{s:o}", "$ref", json_sprintf("#/components/schemas/%s", r->response_schema));
        json_t *responses = json_pack("{s:{s:s, s:{s:{s:o}}}}", "200", "description", "OK", "content",
                                      "application/json", "schema", ok_schema);
        json_object_set_new(responses, "400", problem_response("Invalid request"));
        if (r->scope != WEB_SCOPE_PUBLIC) {
            json_object_set_new(responses, "401", problem_response("Not signed in"));
            json_object_set_new(responses, "403", problem_response("Not allowed for the caller's roles or scope"));
        }
        if (r->scope == WEB_SCOPE_LAO || r->scope == WEB_SCOPE_PERSON)
            json_object_set_new(responses, "404", problem_response("Not found"));
        json_t *op = json_pack("{s:s, s:s, s:o, s:o, s:[s]}", "operationId", buf_str(&opid), "summary",
                               r->summary ? r->summary : r->path, "parameters", params, "responses", responses,
                               "tags", r->scope == WEB_SCOPE_PUBLIC ? "public" : "records");
        if (r->scope == WEB_SCOPE_PUBLIC)
            json_object_set_new(op, "security", json_array());
        if (strcmp(r->method, "POST") == 0) {
            json_t *bs = json_pack("{s:s, s:o}", "type", "object", "properties", body_props);
            if (json_array_size(body_required))
                json_object_set(bs, "required", body_required);
            json_object_set_new(op, "requestBody",
                                json_pack("{s:b, s:{s:{s:O}, s:{s:o}}}", "required", 1, "content",
                                          "application/json", "schema", bs, "application/x-www-form-urlencoded",
                                          "schema", bs));
            json_decref(body_required);
        } else {
            json_decref(body_props);
            json_decref(body_required);
        }
        json_t *item = json_object_get(paths, buf_str(&path));
        if (!item) {
            item = json_object();
            json_object_set_new(paths, buf_str(&path), item);
        }
        char lower[8] = {0};
        for (size_t k = 0; k < sizeof lower - 1 && r->method[k]; k++)
            lower[k] = (char)(r->method[k] - 'A' + 'a');
        json_object_set_new(item, lower, op);
        buf_release(&path);
        buf_release(&opid);
    }
    if (rc != ERR_OK) {
        json_decref(paths);
        json_decref(comp_schemas);
        return rc;
    }
    *out = json_pack(
        "{s:s, s:{s:s, s:s, s:s, s:{s:s, s:s}}, s:[{s:s}], s:o, s:{s:o, s:{s:{s:s, s:s}, s:{s:s, s:s, s:s}}},"
        " s:[{s:[]}, {s:[]}], s:[{s:s, s:s}, {s:s, s:s}]}",
        "openapi", "3.1.0", "info", "title", "Tambon API", "version", "1", "description",
        "HR information system for Thai local government. Every page of the web interface has the same data "
        "here as JSON.",
        "license", "name", "MIT", "identifier", "MIT", "servers", "url", "/api/v1", "paths", paths, "components",
        "schemas", comp_schemas, "securitySchemes", "bearer", "type", "http", "scheme", "bearer", "session", "type",
        "apiKey", "in", "cookie", "name", "tambon_session", "security", "bearer", "session", "tags", "name", "public",
        "description", "Open to everyone", "name", "records", "description", "Needs sign-in; limited to the caller's scope");
    return *out ? ERR_OK : ERR_INTERNAL;
}
