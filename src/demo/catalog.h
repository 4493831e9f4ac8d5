/*
 * What the demo generator knows about the position classification: position types, levels, the
 * position lines it staffs LAOs with (by Thai name, as the org module seeds them), the employment
 * category of each, and salary ranges.
 *
 * Lines are named here in Thai and looked up in the database's position_line table at run time
 * (demo_catalog_resolve), so the generator follows whatever codes the org module gave them. A line that
 * the database lacks is replaced by another line of the same position type, and reported.
 *
 * Salary ranges: the 2558 ranges of the academic and general levels come from the salary_ranges rule
 * set when one is loaded, else from the same figures here (domain notes §3). The local director and
 * executive ranges, the old C-grade ranges and those of teachers, permanent employees and contract
 * staff are not in any source we hold [?]: the figures here are demo assumptions, documented as such,
 * used only to produce plausible salaries.
 */
#ifndef TAMBON_DEMO_CATALOG_H
#define TAMBON_DEMO_CATALOG_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"

struct db;

enum demo_ptype {
    DEMO_PT_EXECUTIVE,
    DEMO_PT_DIRECTOR,
    DEMO_PT_ACADEMIC,
    DEMO_PT_GENERAL,
    DEMO_PT_CGRADE,
    DEMO_PT_TEACHER,
    DEMO_PT_EMPLOYEE,
    DEMO_PT_CONTRACT,
    DEMO_PTYPES
};

enum demo_level {
    DEMO_LV_EXECUTIVE_LOW,
    DEMO_LV_EXECUTIVE_MID,
    DEMO_LV_EXECUTIVE_HIGH,
    DEMO_LV_DIRECTOR_LOW,
    DEMO_LV_DIRECTOR_MID,
    DEMO_LV_DIRECTOR_HIGH,
    DEMO_LV_ACADEMIC_PRACTITIONER,
    DEMO_LV_ACADEMIC_PROFESSIONAL,
    DEMO_LV_ACADEMIC_SENIOR,
    DEMO_LV_ACADEMIC_EXPERT,
    DEMO_LV_GENERAL_OPERATIONAL,
    DEMO_LV_GENERAL_EXPERIENCED,
    DEMO_LV_GENERAL_SENIOR,
    DEMO_LV_C1, /* DEMO_LV_C1 + k - 1 is C-grade k, k = 1..11 */
    DEMO_LV_C11 = DEMO_LV_C1 + 10,
    DEMO_LV_TEACHER_ASSISTANT, /* ครูผู้ช่วย, then คศ.๑ .. คศ.๔ */
    DEMO_LV_TEACHER_K1,
    DEMO_LV_TEACHER_K2,
    DEMO_LV_TEACHER_K3,
    DEMO_LV_TEACHER_K4,
    DEMO_LV_EMPLOYEE,
    DEMO_LV_CONTRACT,
    DEMO_LEVELS
};

/* employment.category */
enum demo_category {
    DEMO_CAT_CIVIL_SERVANT,
    DEMO_CAT_PERMANENT_EMPLOYEE,
    DEMO_CAT_MISSION_CONTRACT,
    DEMO_CAT_GENERAL_CONTRACT,
    DEMO_CAT_TEACHER,
    DEMO_CATEGORIES
};

/* The lines the generator staffs LAOs with. */
enum demo_line {
    /* executive and director */
    DEMO_L_LOCAL_EXECUTIVE,
    DEMO_L_DIR_GENERAL,
    DEMO_L_DIR_FINANCE,
    DEMO_L_DIR_WORKS,
    DEMO_L_DIR_EDUCATION,
    DEMO_L_DIR_HEALTH,
    DEMO_L_DIR_WELFARE,
    DEMO_L_DIR_AGRICULTURE,
    /* academic */
    DEMO_L_A_ADMIN,
    DEMO_L_A_HR,
    DEMO_L_A_LEGAL,
    DEMO_L_A_PLAN,
    DEMO_L_A_FINANCE,
    DEMO_L_A_SUPPLY,
    DEMO_L_A_REVENUE,
    DEMO_L_A_AUDIT,
    DEMO_L_A_CIVIL_ENGINEER,
    DEMO_L_A_ARCHITECT,
    DEMO_L_A_EDUCATION,
    DEMO_L_A_PUBLIC_HEALTH,
    DEMO_L_A_SANITATION,
    DEMO_L_A_COMMUNITY,
    DEMO_L_A_SOCIAL_WORK,
    DEMO_L_A_AGRICULTURE,
    DEMO_L_A_DISASTER,
    DEMO_L_A_PR,
    DEMO_L_A_COMPUTER,
    DEMO_L_A_NURSE,
    DEMO_L_A_ENVIRONMENT,
    /* general */
    DEMO_L_G_ADMIN,
    DEMO_L_G_FINANCE,
    DEMO_L_G_SUPPLY,
    DEMO_L_G_REVENUE,
    DEMO_L_G_CIVIL_TECH,
    DEMO_L_G_ELECTRICAL_TECH,
    DEMO_L_G_HEALTH,
    DEMO_L_G_DISASTER,
    DEMO_L_G_COMMUNITY,
    DEMO_L_G_REGISTRY,
    DEMO_L_G_LIBRARY,
    DEMO_L_G_AGRICULTURE,
    /* teachers */
    DEMO_L_T_TEACHER,
    DEMO_L_T_CHILDCARE,
    /* permanent employees */
    DEMO_L_E_JANITOR,
    DEMO_L_E_MACHINE,
    DEMO_L_E_PUMP,
    /* contract staff (mission) */
    DEMO_L_C_ADMIN_ASSISTANT,
    DEMO_L_C_FINANCE_ASSISTANT,
    DEMO_L_C_SUPPLY_ASSISTANT,
    DEMO_L_C_REVENUE_ASSISTANT,
    DEMO_L_C_CIVIL_ASSISTANT,
    DEMO_L_C_ELECTRICAL_ASSISTANT,
    DEMO_L_C_DISASTER,
    DEMO_L_C_FIREFIGHTER,
    DEMO_L_C_DRIVER,
    DEMO_L_C_CHILDCARE_ASSISTANT,
    DEMO_L_C_TEACHING_ASSISTANT,
    /* contract staff (general) */
    DEMO_L_C_WORKER,
    DEMO_L_C_LABOURER,
    DEMO_L_C_GUARD,
    DEMO_LINES
};

/* persons.education_level */
enum demo_education {
    DEMO_EDU_BELOW_SECONDARY,
    DEMO_EDU_SECONDARY,
    DEMO_EDU_VOCATIONAL,
    DEMO_EDU_DIPLOMA,
    DEMO_EDU_BACHELOR,
    DEMO_EDU_MASTER,
    DEMO_EDU_DOCTORATE,
    DEMO_EDUCATIONS
};

struct demo_line_info {
    const char *name_th; /* as in position_line.name_th */
    enum demo_ptype type;
    enum demo_category category;
    enum demo_education education; /* lowest usual qualification */
    const char *field_th;          /* field of study of holders, NULL when none */
};

/* Salary range of a level in satang per month. */
struct demo_range {
    int64_t min, max;
};

/* position_type.code of t ("executive", ..., "teacher", "employee", "contract"). */
const char *demo_ptype_code(enum demo_ptype t);
/* The built-in code of level l (position_level.code); the employee and contract levels have no
 * built-in code (the database's lowest level of those types is used) and this returns NULL. */
const char *demo_level_builtin_code(enum demo_level l);
/* The position type a level belongs to. */
enum demo_ptype demo_level_type(enum demo_level l);
const struct demo_line_info *demo_line_info(enum demo_line l);
/* "civil_servant", ..., "teacher". */
const char *demo_category_code(enum demo_category c);
/* "below_secondary", ..., "doctorate". */
const char *demo_education_code(enum demo_education e);
/* The built-in salary range of a level (see the header comment for where the figures come from). */
struct demo_range demo_level_range_default(enum demo_level l);

/* The catalogue tied to one database: codes of lines and levels, salary ranges in force. */
struct demo_catalog {
    const char *line_code[DEMO_LINES];
    const char *level_code[DEMO_LEVELS];
    struct demo_range range[DEMO_LEVELS];
    int lines_replaced;             /* lines missing from the database, staffed with another of the type */
    const char *first_missing_line; /* the first of those, for the report; NULL when none */
    bool ranges_from_rules;         /* salary_ranges rule set found and used */
};

/* A catalogue with the built-in codes and ranges, no database (tests of pure logic). */
void demo_catalog_builtin(struct demo_catalog *c);

/*
 * Resolves the catalogue against db: every line by Thai name (or another line of the same type), the
 * single levels of employees and contract staff, and the salary ranges from the newest
 * national salary_ranges rule set when there is one. ERR_NOTFOUND (with a log line naming it) when a
 * position type has no line or no level at all: the database was not initialised.
 */
__attribute__((warn_unused_result)) int demo_catalog_resolve(struct db *db, struct arena *arena,
                                                             struct demo_catalog *c);

/*
 * The retirement age of the national retirement rule set in force today (its body's "age"), or 60
 * when none is loaded. Errors are the database's.
 */
__attribute__((warn_unused_result)) int demo_catalog_retirement_age(struct db *db, int *age);

#endif
