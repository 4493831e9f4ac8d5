#!/usr/bin/env bash
# Benchmark of `tambon serve`: wrk with 64 connections against one person page (HTML) and one page of
# the LAO directory API (JSON), both signed in as the `nation` demo account, and in the same run nginx
# serving a static file of the same byte size as the person page, as the baseline. Three runs each;
# prints the medians of requests/s and p99 latency, the ratio to nginx and the server's peak RSS
# (VmHWM) as Markdown for docs/PERFORMANCE.md.
#
#   bench/web.sh [--scale province|national|lao] [--runs N] [--duration SECONDS] [DB]
#
# DB is an existing SQLite demo database (made by `tambon demo`, so it has the demo accounts); without
# it a demo database of the given scale (default province: national takes minutes) is made in a
# temporary directory. Installs wrk and nginx with apt-get when missing (needs root). Everything listens
# on 127.0.0.1 only; the server, nginx and the scratch directory are removed at exit. Uses the release
# build in build/release (built here if stale).
set -euo pipefail
cd "$(dirname "$0")/.."

scale=province runs=3 duration=10 db=""
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) scale=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        -*) echo "usage: $0 [--scale S] [--runs N] [--duration SECONDS] [DB]" >&2; exit 2 ;;
        *) db=$1; shift ;;
    esac
done
PASSWORD=tambon-demo-2569
export TAMBON_TODAY=2026-11-24 TAMBON_QUIET=1

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
    echo "bench: installing ${need[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

[ -d build/release ] || cmake --preset release >/dev/null
cmake --build build/release -j2 --target tambon >/dev/null
bin=$PWD/build/release/tambon

work=$(mktemp -d /tmp/tambon-web-XXXXXX)
server_pid="" nginx_pid=""
cleanup() {
    [ -z "$server_pid" ] || { kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
    [ -z "$nginx_pid" ] || { kill -TERM "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; }
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "bench: $*" >&2; exit 1; }
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

if [ -z "$db" ]; then
    db=$work/demo.db
    db_text="fresh $scale demo database (seed 1)"
    echo "bench: making a $scale demo database" >&2
    "$bin" demo --db "$db" --scale "$scale" --seed 1 >"$work/demo.out" || fail "demo failed"
else
    [ -f "$db" ] || fail "no such database: $db"
    db_text="existing database $db"
fi
db_size=$(du -m "$db" | cut -f1)
people=$(sqlite3 "$db" "SELECT count(*) FROM person" 2>/dev/null || echo "?")
laos=$(sqlite3 "$db" "SELECT count(*) FROM lao" 2>/dev/null || echo "?")

# The server, as the issue asks: release build, one worker thread per core.
port=$(free_port)
base="http://127.0.0.1:$port"
"$bin" serve --db "$db" --port "$port" --threads "$(nproc)" >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 300); do
    curl -fsS "$base/api/v1/health" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; fail "server exited"; }
    sleep 0.1
done
curl -fsS "$base/api/v1/health" >/dev/null || fail "server did not answer on $base"

# Sign in as `nation` through the form, like a browser.
jar=$work/jar
curl -fsS -c "$jar" -b "$jar" -o "$work/form.html" "$base/signin?next=/" || fail "sign-in form"
csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$work/form.html")
[ -n "$csrf" ] || fail "no _csrf field in the sign-in form"
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "username=nation" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "next=/" --data-urlencode "_csrf=$csrf" "$base/signin"
session=$(awk '$6 == "tambon_session" { print $7 }' "$jar")
[ -n "$session" ] || fail "sign-in as nation gave no session (is $db a demo database?)"
cookie="Cookie: tambon_session=$session"

# A person: the first holder of a post in the first LAO of the directory.
api_path=/api/v1/laos?page=1
curl -fsS -H "$cookie" -o "$work/laos.json" "$base$api_path" || fail "GET $api_path"
lao_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["laos"][0]["id"])' "$work/laos.json")
curl -fsS -H "$cookie" -o "$work/lao.json" "$base/api/v1/laos/$lao_id" || fail "GET /api/v1/laos/$lao_id"
person_path=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))
print([p["holder_href"] for p in m["positions"] if p["holder_href"]][0])' "$work/lao.json")
curl -fsS -H "$cookie" -o "$work/person.html" "$base$person_path" || fail "GET $person_path"
grep -q 'class="timeline"' "$work/person.html" || fail "$person_path is not a person page"
person_bytes=$(stat -c %s "$work/person.html")
api_bytes=$(stat -c %s "$work/laos.json")

# nginx: a minimal config in the scratch directory, one worker per core, a file of the same size.
mkdir -p "$work/www" "$work/nginx"
head -c "$person_bytes" /dev/zero | tr '\0' 'x' >"$work/www/person.html"
nport=$(free_port)
nginx_user=""
[ "$(id -u)" = 0 ] && nginx_user="user root;"
cat >"$work/nginx/nginx.conf" <<EOF
$nginx_user
worker_processes $(nproc);
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$nport;
        root $work/www;
        default_type text/html;
    }
}
EOF
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" >"$work/nginx/out" 2>&1 &
nginx_pid=$!
nbase="http://127.0.0.1:$nport"
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$nbase/person.html" 2>/dev/null && break
    kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/out" "$work/nginx/error.log" >&2; fail "nginx exited"; }
    sleep 0.1
done
[ "$(curl -fsS "$nbase/person.html" | wc -c)" = "$person_bytes" ] || fail "nginx does not serve the file"

# bench NAME URL [HEADER]: one wrk run; appends "rps p99_ms" to $work/NAME.
to_ms() { awk '{v = $1; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)}
                else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; printf "%.2f\n", v}'; }
bench() {
    local name=$1 url=$2 out=$work/wrk.out
    shift 2
    wrk -t2 -c64 -d"${duration}s" --latency "$@" "$url" >"$out"
    grep -q 'Non-2xx' "$out" && { cat "$out" >&2; fail "$name: wrk saw non-2xx answers"; }
    local rps p99
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out" | to_ms)
    echo "$rps $p99" >>"$work/r_$name"
    echo "bench: $name run: $rps req/s, p99 $p99 ms" >&2
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq 1 "$runs"); do
    echo "bench: run $r of $runs" >&2
    bench person "$base$person_path" -H "$cookie"
    bench api "$base$api_path" -H "$cookie"
    bench nginx "$nbase/person.html"
done
rss_kib=$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status")
rss_now=$(awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status")
rps_of() { cut -d' ' -f1 "$work/r_$1" | median; }
p99_of() { cut -d' ' -f2 "$work/r_$1" | median; }
n_rps=$(rps_of nginx)

echo "## Web serving (wrk, 64 connections)"
echo
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc)"
echo "- Memory: $(free -h | awk '/^Mem:/ {print $2}') total; kernel $(uname -r); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); nginx $("$nginx_bin" -v 2>&1 | sed 's/.*nginx\///')"
echo "- Date: $(date -u +%Y-%m-%d); tambon $(git rev-parse --short HEAD 2>/dev/null || echo '?'), release build, \`serve --threads $(nproc)\`"
echo "- Database: $db_text, SQLite, ${db_size} MB, $laos LAOs, $people people"
echo "- Load average before the runs: $load_before (wrk, the server and nginx share the same cores)"
echo "- Method: \`wrk -t2 -c64 -d${duration}s --latency\`, signed in as \`nation\`; $runs run(s) of each target, interleaved; medians"
echo
echo "| Target | Body bytes | Requests/s (median) | p99 ms (median) | Ratio to nginx | Runs (req/s; p99 ms) |"
echo "|---|---:|---:|---:|---:|---|"
row() {
    local name=$1 label=$2 bytes=$3 rps p99 all
    rps=$(rps_of "$name"); p99=$(p99_of "$name")
    all=$(awk '{printf "%s%.0f; %s", (NR > 1 ? ", " : ""), $1, $2}' "$work/r_$name")
    echo "| $label | $bytes | $(printf '%.0f' "$rps") | $p99 | $(awk -v a="$rps" -v b="$n_rps" 'BEGIN {printf "%.2f", a / b}') | $all |"
}
row person "tambon \`$person_path\` (HTML)" "$person_bytes"
row api "tambon \`$api_path\` (JSON)" "$api_bytes"
row nginx "nginx static file, same size as the person page" "$person_bytes"
echo
echo "- tambon server peak RSS (VmHWM): $((rss_kib / 1024)) MiB (now $((rss_now / 1024)) MiB)"
echo "- Targets: p99 < 20 ms; at least 0.25 of nginx's rate; server memory < 100 MB"
