# Shared by the HTTP tests: start the real tambon binary on a free port against a fresh database and
# stop it at exit. Source it after setting bin (path to tambon). Uses curl.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }

workdir=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$workdir"
}
trap cleanup EXIT

# free_port: a TCP port nobody listens on now.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_server DB: runs `tambon serve` in the background and waits until /api/v1/health answers.
start_server() {
    local db=$1
    port=$(free_port)
    base="http://127.0.0.1:$port"
    "$bin" serve --db "$db" --port "$port" --threads 2 >"$workdir/serve.out" 2>"$workdir/serve.err" &
    server_pid=$!
    for _ in $(seq 1 100); do
        curl -fsS "$base/api/v1/health" >/dev/null 2>&1 && return 0
        kill -0 "$server_pid" 2>/dev/null || { cat "$workdir/serve.err" >&2; fail "server exited"; }
        sleep 0.1
    done
    fail "server did not answer on $base"
}
