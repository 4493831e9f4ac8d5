#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests.
#
#   scripts/pg-test-cluster.sh start DIR PORT   creates a cluster in DIR (new or empty), starts it,
#                                               creates database tambon_test and prints its URL
#                                               (postgres://USER@127.0.0.1:PORT/tambon_test) as the
#                                               last line of stdout; progress goes to stderr
#   scripts/pg-test-cluster.sh stop DIR         stops that cluster and removes DIR
#
# The cluster trusts every local connection, listens only on 127.0.0.1 and on a unix socket in DIR,
# and runs with fsync off: it is for tests, never for data anyone wants to keep. The database is
# UTF-8 with the C.UTF-8 locale (pg_trgm needs a UTF-8 ctype to make trigrams of Thai), and the
# cluster has ICU, so the collation "th-TH-x-icu" exists.
#
# initdb refuses to run as root, so as root (CI) the server runs as the "postgres" user that
# Debian's postgresql package creates, and DIR is handed to that user.
# PGBIN overrides where the server programs are (default /usr/lib/postgresql/15/bin).
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DBNAME=tambon_test
MARKER=tambon-test-cluster   # file in DIR that marks it as ours, so stop never removes anything else

usage() {
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
}

die() {
    echo "pg-test-cluster: $*" >&2
    exit 1
}

# Runs a command as the cluster's owner, with no PG* variables from the caller's environment.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD -u PGDATA \
            runuser -u "$owner" -- "$@")
    else
        (cd / && env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD -u PGDATA "$@")
    fi
}

pick_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        owner=postgres
        id -u "$owner" >/dev/null 2>&1 ||
            die "running as root needs the 'postgres' user (apt-get install postgresql)"
    else
        owner=$(id -un)
    fi
}

start() {
    local dir=$1 port=$2
    [[ $port =~ ^[0-9]+$ ]] && [ "$port" -ge 1024 ] && [ "$port" -le 65535 ] ||
        die "PORT must be a number from 1024 to 65535, not '$port'"
    [ -x "$PGBIN/initdb" ] || die "no PostgreSQL 15 server in $PGBIN (apt-get install postgresql)"
    pick_owner

    if [ -e "$dir" ]; then
        [ -d "$dir" ] || die "$dir exists and is not a directory"
        [ -z "$(ls -A "$dir")" ] || die "$dir is not empty"
    else
        mkdir -p "$dir"
    fi
    dir=$(cd "$dir" && pwd)
    # Unix socket paths are limited to 107 bytes ("/.s.PGSQL.PORT" included).
    [ ${#dir} -le 80 ] || die "DIR path is too long for a unix socket: $dir"
    touch "$dir/$MARKER"
    chmod 700 "$dir"
    [ "$(id -u)" -ne 0 ] || chown -R "$owner:" "$dir"
    as_owner test -w "$dir" || die "user $owner cannot write to $dir (is a parent directory private?)"

    echo "pg-test-cluster: initdb in $dir/data (owner $owner)" >&2
    as_owner "$PGBIN/initdb" -D "$dir/data" -E UTF8 --locale=C.UTF-8 -A trust -U "$owner" \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

    cat >>"$dir/data/postgresql.conf" <<EOF

# pg-test-cluster.sh: a throwaway cluster for tests
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
EOF

    echo "pg-test-cluster: starting on 127.0.0.1:$port" >&2
    if ! as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
        tail -n 20 "$dir/server.log" >&2 || true
        die "the server did not start (is port $port in use?)"
    fi
    as_owner "$PGBIN/createdb" -h "$dir" -p "$port" -U "$owner" -E UTF8 --locale=C.UTF-8 -T template0 \
        "$DBNAME" || die "cannot create database $DBNAME"
    echo "postgres://$owner@127.0.0.1:$port/$DBNAME"
}

stop() {
    local dir=$1
    [ -d "$dir" ] || die "no directory $dir"
    [ -f "$dir/$MARKER" ] || die "$dir was not made by this script; not touching it"
    pick_owner
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null ||
            echo "pg-test-cluster: pg_ctl stop failed; removing $dir anyway" >&2
    fi
    rm -rf -- "$dir"
}

case "${1:-}" in
start)
    [ $# -eq 3 ] || usage
    start "$2" "$3"
    ;;
stop)
    [ $# -eq 2 ] || usage
    stop "$2"
    ;;
*)
    usage
    ;;
esac
