#!/usr/bin/env bash
# End-to-end browser tests: makes a LAO-scale SQLite demo database (seed 1, today 2026-11-24), starts
# `tambon serve` on it on a free port, runs the node:test journey in tests/e2e/ against it with Debian's
# Chromium driven by playwright-core, stops the server and exits with node's status.
# Usage: tests/e2e/run.sh PATH_TO_TAMBON
# Needs: node >= 20, `npm ci` done (playwright-core, axe-core), /usr/bin/chromium (or TAMBON_CHROMIUM).
# Screenshots go to tests/e2e/output/ (ignored by git).
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 PATH_TO_TAMBON" >&2; exit 2; }
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

fail() { echo "FAIL: $*" >&2; exit 1; }

[ -x "$bin" ] || fail "not an executable: $bin"
chromium=${TAMBON_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || fail "no Chromium at $chromium (apt-get install -y chromium)"
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge 20 ] || fail "node >= 20 is needed (playwright-core); found $(node --version 2>/dev/null || echo none)"
[ -d "$root/node_modules/playwright-core" ] && [ -d "$root/node_modules/axe-core" ] ||
    fail "playwright-core or axe-core missing: run npm ci in $root"

workdir=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$workdir"
}
trap cleanup EXIT

export TAMBON_TODAY=2026-11-24 TAMBON_QUIET=1
db="$workdir/e2e.db"
"$bin" demo --db "$db" --scale lao --seed 1 >"$workdir/demo.out" 2>"$workdir/demo.err" ||
    { cat "$workdir/demo.err" >&2; fail "tambon demo"; }
# The demo prints the shared password of its accounts; the journey signs in with it.
password=$(sed -n 's/.*(password): *\([^ ]*\).*/\1/p' "$workdir/demo.out" | head -1)
[ -n "$password" ] || fail "the demo does not print the demo accounts' password"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
"$bin" serve --db "$db" --port "$port" --threads 2 >"$workdir/serve.out" 2>"$workdir/serve.err" &
server_pid=$!
up=0
for _ in $(seq 1 100); do
    if curl -fsS "$base/api/v1/health" >/dev/null 2>&1; then up=1; break; fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$workdir/serve.err" >&2; fail "server exited"; }
    sleep 0.1
done
[ "$up" = 1 ] || fail "server did not answer on $base"

mkdir -p "$here/output"
status=0
TAMBON_E2E_BASE=$base TAMBON_E2E_PASSWORD=$password TAMBON_CHROMIUM=$chromium \
    node --test --test-concurrency=1 "$here"/*.test.mjs || status=$?

kill -TERM "$server_pid"
wait "$server_pid" || { [ "$status" -ne 0 ] || status=1; echo "FAIL: server exit status" >&2; cat "$workdir/serve.err" >&2; }
server_pid=
exit "$status"
