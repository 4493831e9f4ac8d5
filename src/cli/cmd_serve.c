/*
 * tambon serve [--db ...] [--port 8080] [--bind 127.0.0.1] [--threads N]: serves the web interface and
 * the JSON API until SIGTERM or SIGINT, then stops accepting, finishes the requests in progress and
 * exits. The server keeps no state of its own: any number of them can share one PostgreSQL database.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "base/num.h"
#include "cli/cli.h"
#include "db/db.h"
#include "db/migrate.h"
#include "http/server.h"
#include "modules/iam/iam.h"
#include "web/web.h"

#define PURGE_INTERVAL_S 300

/* Housekeeping in the background: expired sessions and throttling counters are deleted every few
 * minutes. Several servers on one database may do it at once; the deletes are idempotent. */
struct purger {
    const char *target;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
};

static void *purge_loop(void *arg)
{
    struct purger *pg = arg;
    pthread_mutex_lock(&pg->lock);
    while (!pg->stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += PURGE_INTERVAL_S;
        pthread_cond_timedwait(&pg->wake, &pg->lock, &until);
        if (pg->stop)
            break;
        pthread_mutex_unlock(&pg->lock);
        char err[512];
        struct db *db;
        int64_t sessions = 0, counters = 0;
        if (db_open(pg->target, &db, err, sizeof err) == ERR_OK) {
            if (iam_purge(db, &sessions, &counters) != ERR_OK)
                log_warn("purging expired sessions: %s", db_errmsg(db));
            else if (sessions || counters)
                log_info("purged %lld expired sessions and %lld counters", (long long)sessions,
                         (long long)counters);
            db_close(db);
        } else {
            log_warn("purging expired sessions: %s", err);
        }
        pthread_mutex_lock(&pg->lock);
    }
    pthread_mutex_unlock(&pg->lock);
    return NULL;
}

/* The database must be initialised and up to date; serving an old schema would fail request by request. */
static int check_database(const char *target)
{
    char err[512];
    struct db *db;
    if (db_open(target, &db, err, sizeof err) != ERR_OK) {
        fprintf(stderr, "tambon serve: เปิดฐานข้อมูลไม่ได้ (cannot open database): %s\n", err);
        return 1;
    }
    int64_t applied = 0;
    int rc = migrate_applied_count(db, &applied);
    db_close(db);
    if (rc != ERR_OK || applied < migrate_count(db_target_dialect(target))) {
        fprintf(stderr, "tambon serve: ฐานข้อมูลยังไม่พร้อม ให้รัน tambon init --db %s ก่อน\n"
                        "(the database is not initialised or not up to date: run tambon init first)\n",
                target);
        return 1;
    }
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    const char *target = cli_default_db(), *port_s = "8080", *bind = "127.0.0.1", *threads_s = NULL;
    for (int i = 0; i < argc;) {
        int m = cli_option(argc, argv, &i, "--db", &target);
        if (m == 0)
            m = cli_option(argc, argv, &i, "--port", &port_s);
        if (m == 0)
            m = cli_option(argc, argv, &i, "--bind", &bind);
        if (m == 0)
            m = cli_option(argc, argv, &i, "--threads", &threads_s);
        if (m < 0)
            return 2;
        if (m == 0) {
            fprintf(stderr, "tambon serve: ไม่รู้จักตัวเลือก '%s' (unknown option)\n"
                            "การใช้งาน: tambon serve [--db ...] [--port 8080] [--bind 127.0.0.1] [--threads N]\n",
                    argv[i]);
            return 2;
        }
    }
    struct http_server_config cfg;
    http_server_config_defaults(&cfg);
    int port, threads = 0;
    if (num_parse_int(port_s, 0, 65535, &port) != ERR_OK ||
        (threads_s && num_parse_int(threads_s, 1, 256, &threads) != ERR_OK)) {
        fprintf(stderr, "tambon serve: พอร์ตหรือจำนวนเธรดไม่ถูกต้อง (bad --port or --threads)\n");
        return 2;
    }
    cfg.port = port;
    cfg.bind = bind;
    if (threads)
        cfg.threads = (unsigned)threads;
    if (check_database(target) != 0)
        return 1;

    struct buf err;
    buf_init(&err, 8192);
    struct web_app *app;
    if (web_app_create(target, &app, &err) != ERR_OK) {
        fprintf(stderr, "tambon serve: เริ่มระบบไม่สำเร็จ (start-up failed):\n%s\n", buf_str(&err));
        buf_release(&err);
        return 1;
    }
    buf_release(&err);

    /* Block the stop signals in every thread (the pool inherits the mask); this thread waits for them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct http_server *srv;
    char msg[512];
    if (http_server_start(&cfg, web_app_handle, app, &srv, msg, sizeof msg) != ERR_OK) {
        fprintf(stderr, "tambon serve: %s\n", msg);
        web_app_free(app);
        return 1;
    }
    struct purger purger = {.target = target, .lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};
    pthread_t purge_thread;
    bool purging = pthread_create(&purge_thread, NULL, purge_loop, &purger) == 0;
    printf("Tambon พร้อมให้บริการที่ http://%s:%d/ (serving; stop with Ctrl-C)\n", bind, http_server_port(srv));
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    log_info("received %s: finishing requests in progress", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    http_server_stop(srv);
    if (purging) {
        pthread_mutex_lock(&purger.lock);
        purger.stop = true;
        pthread_cond_signal(&purger.wake);
        pthread_mutex_unlock(&purger.lock);
        pthread_join(purge_thread, NULL);
    }
    web_app_free(app);
    log_info("stopped");
    return 0;
}
