#!/usr/bin/env bash
# Two `tambon serve` processes on one PostgreSQL database behave as one site: a session made on one is
# honoured by the other, signing out on one ends it on both, and sign-in throttling counts failures
# made on either. Needs TAMBON_TEST_PG (scripts/test.sh provides a throwaway cluster).
bin=$(realpath "$1")
. "$(dirname "$0")/lib.sh"

if [ -z "${TAMBON_TEST_PG:-}" ]; then
    echo "test_two_servers: skipped (set TAMBON_TEST_PG)"
    exit 0
fi
PASSWORD=tambon-demo-2569
pgdb="tambon_two_$$"
second_pid=
drop_db() {
    [ -n "$second_pid" ] && { kill -TERM "$second_pid" 2>/dev/null; wait "$second_pid" 2>/dev/null; }
    cleanup
    psql -qAt "$TAMBON_TEST_PG" -c "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1 || true
}
trap drop_db EXIT
psql -qAt "$TAMBON_TEST_PG" -c "CREATE DATABASE $pgdb TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'" \
    >/dev/null || fail "create database"
url="${TAMBON_TEST_PG%/*}/$pgdb"
TAMBON_QUIET=1 TAMBON_TODAY=2026-11-24 "$bin" demo --db "$url" --scale lao --seed 5 >/dev/null || fail "demo"

# Server A through lib.sh; server B by hand on another port.
start_server "$url"
base_a=$base
port_b=$(free_port)
base_b="http://127.0.0.1:$port_b"
"$bin" serve --db "$url" --port "$port_b" --threads 2 >"$workdir/b.out" 2>"$workdir/b.err" &
second_pid=$!
for _ in $(seq 1 100); do curl -fsS "$base_b/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "$base_b/api/v1/health" >/dev/null || fail "server B did not start"

# sign_in BASE USER PASS JAR: the form's CSRF token from BASE, then the POST to BASE; prints the status.
sign_in() {
    local b=$1 user=$2 pass=$3 jar=$4
    curl -fsS -c "$jar" -b "$jar" -o "$workdir/form.html" "$b/signin" || fail "form on $b"
    local csrf
    csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$workdir/form.html")
    curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "username=$user" \
        --data-urlencode "password=$pass" --data-urlencode "_csrf=$csrf" "$b/signin"
}

# A session made on A works on B.
jar=$workdir/jar
code=$(sign_in "$base_a" hr "$PASSWORD" "$jar")
[ "$code" = 303 ] || fail "sign-in on A gave $code"
code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$base_b/api/v1/laos")
[ "$code" = 200 ] || fail "A's session on B gave $code"

# Signing out on B ends the session on A. The form's token comes from B's page.
curl -fsS -b "$jar" -o "$workdir/page.html" "$base_b/laos" || fail "page on B"
csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$workdir/page.html" | head -n 1)
[ -n "$csrf" ] || fail "no sign-out form token on B"
code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" "$base_b/signout")
[ "$code" = 303 ] || fail "sign-out on B gave $code"
code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$base_a/api/v1/laos")
[ "$code" = 401 ] || fail "A still honours a session ended on B ($code)"

# Throttling is shared: failures alternate between A and B, and the lockout holds on both.
for i in 1 2 3 4 5; do
    b=$base_a; [ $((i % 2)) -eq 0 ] && b=$base_b
    code=$(sign_in "$b" exec "wrong-password-$i" "$workdir/j$i")
    [ "$code" = 401 ] || fail "failure $i gave $code"
done
code=$(sign_in "$base_a" exec "$PASSWORD" "$workdir/j6")
[ "$code" = 429 ] || fail "A did not count B's failures ($code)"
code=$(sign_in "$base_b" exec "$PASSWORD" "$workdir/j7")
[ "$code" = 429 ] || fail "B did not count A's failures ($code)"
echo "test_two_servers: ok"
