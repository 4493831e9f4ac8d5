/*
 * One database connection per server thread, opened on first use and closed when the thread ends.
 * SQLite connections must not be shared between threads, and a PostgreSQL connection serves one
 * query at a time, so each pool thread keeps its own.
 */
#ifndef TAMBON_WEB_DBCONN_H
#define TAMBON_WEB_DBCONN_H

#include "db/db.h"

/* Sets the target every thread connects to. Call once before serving. */
int web_db_init(const char *target);
/*
 * The calling thread's connection, opened now if needed; NULL when the database cannot be reached
 * (the reason is logged). A connection left inside a transaction by a failed request is rolled back.
 */
struct db *web_db_get(void);
/* Closes the calling thread's connection (the next web_db_get reopens it): after a lost connection. */
void web_db_drop(void);

#endif
