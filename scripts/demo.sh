#!/usr/bin/env bash
# Builds Tambon and runs it with demo data on the embedded store (SQLite): installs what is missing,
# builds the release binary, initialises tambon-demo.db, fills it with one province's LAOs, units,
# positions, people and one account per role, then serves it at http://127.0.0.1:8080/ until Ctrl-C.
# Usage: scripts/demo.sh [--scale lao|province|national] [--seed N] [--port P]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
npm ci --no-audit --no-fund --loglevel=error
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"

db=${TAMBON_DB:-tambon-demo.db}
bin=build/release/tambon
scale=province
port=8080
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) scale=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
rm -f "$db" "$db-wal" "$db-shm"
"$bin" init --db "$db"
"$bin" demo --db "$db" --scale "$scale" ${args[@]+"${args[@]}"}
"$bin" stats --db "$db"
echo
echo "ฐานข้อมูลตัวอย่าง (demo database): $db"
echo "เข้าสู่ระบบที่ (sign in at) http://127.0.0.1:$port/signin ด้วยบัญชีตัวอย่างข้างบน (with a demo account above)"
exec "$bin" serve --db "$db" --port "$port"
