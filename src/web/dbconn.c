/*
 * Per-thread database connections.
 */
#include "web/dbconn.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"

static char *db_target;
static pthread_key_t db_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void close_conn(void *p)
{
    db_close(p);
}

static void make_key(void)
{
    if (pthread_key_create(&db_key, close_conn) != 0)
        abort();
}

int web_db_init(const char *target)
{
    pthread_once(&key_once, make_key);
    free(db_target);
    db_target = strdup(target);
    return db_target ? ERR_OK : ERR_NOMEM;
}

struct db *web_db_get(void)
{
    pthread_once(&key_once, make_key);
    struct db *db = pthread_getspecific(db_key);
    if (db) {
        if (db_in_transaction(db))
            db_rollback(db);
        return db;
    }
    char err[512];
    if (db_open(db_target, &db, err, sizeof err) != ERR_OK) {
        log_error("database: %s", err);
        return NULL;
    }
    pthread_setspecific(db_key, db);
    return db;
}

void web_db_drop(void)
{
    struct db *db = pthread_getspecific(db_key);
    if (db) {
        pthread_setspecific(db_key, NULL);
        db_close(db);
    }
}
