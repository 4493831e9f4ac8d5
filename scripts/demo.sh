#!/usr/bin/env bash
# Builds Tambon and creates a demo database on the embedded store (SQLite): installs what is missing,
# builds the release binary, initialises tambon-demo.db and fills it with one province's LAOs, units,
# positions and people. Usage: scripts/demo.sh [--scale lao|province|national] [--seed N]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
npm ci --no-audit --no-fund --loglevel=error
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"

db=${TAMBON_DB:-tambon-demo.db}
bin=build/release/tambon
scale=province
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) scale=$2; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
rm -f "$db" "$db-wal" "$db-shm"
"$bin" init --db "$db"
"$bin" demo --db "$db" --scale "$scale" ${args[@]+"${args[@]}"}
"$bin" stats --db "$db"
echo
echo "ฐานข้อมูลตัวอย่าง (demo database): $db"
echo "ลองใช้ (try): $bin stats --db $db"
