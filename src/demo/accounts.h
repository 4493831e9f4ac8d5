/*
 * Demo accounts: after `tambon demo` has generated its data, one account per role in the same
 * database, so that every page can be tried at once and the HTTP tests have callers of every kind.
 *
 *   admin     admin             nation     runs the system
 *   nation    nation_officer    nation     the department (สถ.)
 *   province  province_officer  province   the provincial office of the LAO below
 *   hr        lao_hr            lao        the personnel officer of one LAO
 *   exec      lao_exec          lao        an executive of the same LAO
 *   employee  employee          self       linked to a person employed in that LAO today
 *
 * The LAO is the one with the most people employed today (the lowest id on a tie), and the employee
 * a person holding a numbered post there (civil servants first, then the longest career, then the
 * lowest id), so the same data always gives the same accounts. Every account has the one password
 * DEMO_PASSWORD, printed with them: for demonstrations only, never on a database that holds real
 * people.
 */
#ifndef TAMBON_DEMO_ACCOUNTS_H
#define TAMBON_DEMO_ACCOUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

/* The password of every demo account. It is public: demonstrations only. */
#define DEMO_PASSWORD "tambon-demo-2569"

/* The demo accounts, one per role. */
#define DEMO_ACCOUNTS 6

struct demo_account {
    const char *username;     /* "admin", "nation", "province", "hr", "exec", "employee" */
    const char *role;         /* iam role name */
    const char *scope;        /* "nation", "province:50", "lao:17", "self" */
    const char *display_name; /* as stored */
    const char *covers; /* what the account sees, for people: "ทั้งประเทศ", a province or LAO name */
    int64_t user_id;   /* the account's id */
    int64_t person_id; /* the linked person (employee only), else 0 */
    int created;       /* 1: made now; 0: an account of that name existed and was left as it was */
};

/*
 * Creates the demo accounts in db, which must hold demo data (generated LAOs with people employed on
 * today). Passwords are hashed first (about 64 MiB and a fraction of a second each, one at a time),
 * then everything is written in one transaction with its audit records (actor "demo"). A user name
 * that exists already is left untouched (created 0). Strings in out come from a.
 * ERR_NOTFOUND when the database has no LAO with people employed on today; database errors otherwise
 * (nothing written).
 */
__attribute__((warn_unused_result)) int demo_accounts_create(struct db *db, const char *today_iso,
                                                             struct arena *a,
                                                             struct demo_account out[DEMO_ACCOUNTS]);

/*
 * Deletes the accounts with the demo user names (with their grants, sessions and API tokens), in one
 * transaction with audit records: `tambon demo --replace` calls it before deleting the data the
 * accounts point at, then makes them anew. *n (may be NULL) receives how many were deleted.
 */
__attribute__((warn_unused_result)) int demo_accounts_remove(struct db *db, int64_t *n);

#endif
