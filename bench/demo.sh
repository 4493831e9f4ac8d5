#!/usr/bin/env bash
# Benchmark of `tambon demo`: national-scale generation on SQLite (and on PostgreSQL when a URL is
# given), several runs each, reporting the median wall time, the database size and the peak memory
# (/usr/bin/time -v), next to a baseline measured in the same run: the same rows loaded by the
# store's own bulk path (sqlite3 CLI .import of CSV files into the same schema; psql \copy into the
# same schema), so the ratio says how close the generator comes to the store's own speed.
#
#   bench/demo.sh [--runs N] [--scale national|province|lao] [--seed N] [--pg postgres://...]
#
# Builds a release binary in build/bench. Results go to stdout as Markdown (paste into
# docs/PERFORMANCE.md); scratch files live in a temporary directory that is removed at the end.
# The PostgreSQL URL must name a database the benchmark may fill (it creates and drops its own
# databases next to it, tambon_bench_*).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3 scale=national seed=1 pg=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --scale) scale=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --pg) pg=$2; shift 2 ;;
        *) echo "usage: $0 [--runs N] [--scale S] [--seed N] [--pg URL]" >&2; exit 2 ;;
    esac
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench: the sqlite3 CLI is missing (apt-get install sqlite3)" >&2; exit 1; }

cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/bench -j2 --target tambon >/dev/null
bin=$PWD/build/bench/tambon
work=$(mktemp -d /tmp/tambon-bench-XXXXXX)
pgdbs=()
cleanup() {
    for d in "${pgdbs[@]}"; do psql -qAt "$pg" -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true; done
    rm -rf "$work"
}
trap cleanup EXIT
export TAMBON_TODAY=2026-11-24 TAMBON_QUIET=1
tables=(lao org_unit position person employment appointment salary_history)

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
# Runs a command under /usr/bin/time -v; prints "wall_seconds peak_kib".
timed() {
    /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; return 1; }
    awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s}
                /Maximum resident set size/ {m = $2} END {printf "%.1f %d\n", w, m}' "$work/time.txt"
}
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

echo "## Machine"
echo
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores available"
echo "- Memory: $(free -h | awk '/^Mem:/ {print $2}') total"
echo "- Kernel: $(uname -sr); SQLite $(sqlite3 --version | cut -d' ' -f1)$(command -v psql >/dev/null && echo "; $(psql --version | head -1)")"
echo "- Date: $(date -u +%Y-%m-%d); tambon $(git rev-parse --short HEAD 2>/dev/null || echo '?'), release build"
echo "- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared: compare ratios, not seconds)"
echo

# ---- SQLite ----
walls=() peaks=() sizes=()
for r in $(seq "$runs"); do
    rm -f "$work"/demo.db*
    "$bin" init --db "$work/demo.db" >/dev/null
    read -r w m < <(timed "$bin" demo --db "$work/demo.db" --scale "$scale" --seed "$seed")
    walls+=("$w"); peaks+=("$m")
    sizes+=("$(du -bc "$work"/demo.db* | tail -1 | cut -f1)")
    echo "sqlite run $r: ${w}s, peak $(mib "$m") MiB" >&2
done
sq_wall=$(printf '%s\n' "${walls[@]}" | median)
sq_peak=$(printf '%s\n' "${peaks[@]}" | median)
sq_size=$(printf '%s\n' "${sizes[@]}" | median)
grep -E "อปท\.|การแต่งตั้ง" "$work/out.txt" >"$work/summary.txt" || true
rows=0
for t in "${tables[@]}"; do
    n=$(sqlite3 "$work/demo.db" "SELECT count(*) FROM $t")
    rows=$((rows + n))
    echo "$t $n" >>"$work/rows.txt"
done

# Baseline: the same rows as CSV, loaded by the sqlite3 CLI into the same schema (tables, CHECKs,
# foreign keys, indexes; the 'thai' collation, which only tambon registers, replaced by BINARY). The
# CLI imports CSV text into staging tables, then INSERT ... SELECT turns empty fields into NULL.
for t in "${tables[@]}"; do
    sqlite3 -csv "$work/demo.db" "SELECT * FROM $t ORDER BY id" >"$work/$t.csv"
done
reftables=(region province district subdistrict lao_type position_type position_level position_line)
quote() { printf "'%s'," "$@" | sed 's/,$//'; }
reflist=$(quote "${reftables[@]}")
genlist=$(quote "${tables[@]}")
{
    echo "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
    sqlite3 "$work/demo.db" "SELECT sql || ';' FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name IN ($reflist, $genlist)
                             ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid" | sed 's/COLLATE thai//g'
} >"$work/schema.sql"
rm -f "$work"/base.db*
"$bin" init --db "$work/ref.db" >/dev/null # reference tables the generated rows point to
sqlite3 "$work/base.db" <"$work/schema.sql" >/dev/null
for t in "${reftables[@]}"; do
    sqlite3 -csv "$work/ref.db" "SELECT * FROM $t" >"$work/ref_$t.csv"
    sqlite3 "$work/base.db" ".import --csv $work/ref_$t.csv $t"
done
{
    echo "PRAGMA foreign_keys=ON;"
    echo "BEGIN;"
    for t in "${tables[@]}"; do
        cols=$(sqlite3 "$work/demo.db" "SELECT group_concat(name, ',') FROM pragma_table_info('$t')")
        sel=$(sqlite3 "$work/demo.db" "SELECT group_concat('nullif(' || name || ', '''')', ',') FROM pragma_table_info('$t')")
        echo "CREATE TEMP TABLE s_$t AS SELECT $cols FROM $t WHERE 0;"
        echo ".import --csv $work/$t.csv s_$t"
        echo "INSERT INTO $t ($cols) SELECT $sel FROM s_$t;"
        echo "DROP TABLE s_$t;"
    done
    echo "COMMIT;"
} >"$work/load.sql"
read -r base_wall base_peak < <(timed sqlite3 "$work/base.db" ".read $work/load.sql")
base_rows=0
for t in "${tables[@]}"; do base_rows=$((base_rows + $(sqlite3 "$work/base.db" "SELECT count(*) FROM $t"))); done
[ "$base_rows" -eq "$rows" ] || { echo "bench: baseline loaded $base_rows rows, want $rows" >&2; exit 1; }

echo "## \`tambon demo --scale $scale --seed $seed\` on SQLite ($runs runs)"
echo
echo "| | wall time (median) | rows | rows/s | peak memory | database size |"
echo "|---|---|---|---|---|---|"
awk -v w="$sq_wall" -v r="$rows" -v m="$sq_peak" -v s="$sq_size" 'BEGIN {
    printf "| tambon demo | %.1f s | %d | %.0f | %.0f MiB | %.0f MiB |\n", w, r, r / w, m / 1024, s / 1048576 }'
awk -v w="$base_wall" -v r="$rows" -v m="$base_peak" 'BEGIN {
    printf "| baseline: sqlite3 CLI CSV import + INSERT SELECT | %.1f s | %d | %.0f | %.0f MiB | |\n", w, r, r / w, m / 1024 }'
awk -v a="$sq_wall" -v b="$base_wall" 'BEGIN {printf "\nRatio tambon / baseline: %.2f\n\n", a / b}'
echo "Runs: ${walls[*]} s. Rows by table: $(tr '\n' ' ' <"$work/rows.txt"). Load average now: $(cut -d' ' -f1-3 /proc/loadavg)."
echo

# ---- PostgreSQL ----
if [ -n "$pg" ]; then
    pwalls=() ppeaks=() psizes=()
    for r in $(seq "$runs"); do
        db="tambon_bench_$$_$r"
        pgdbs+=("$db")
        psql -qAt "$pg" -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'" >/dev/null
        url="${pg%/*}/$db"
        "$bin" init --db "$url" >/dev/null
        read -r w m < <(timed "$bin" demo --db "$url" --scale "$scale" --seed "$seed")
        pwalls+=("$w"); ppeaks+=("$m")
        psizes+=("$(psql -qAt "$url" -c "SELECT pg_database_size(current_database())")")
        echo "postgres run $r: ${w}s, peak $(mib "$m") MiB" >&2
        [ "$r" -eq "$runs" ] || { psql -qAt "$pg" -c "DROP DATABASE $db" >/dev/null; }
    done
    pg_wall=$(printf '%s\n' "${pwalls[@]}" | median)
    pg_peak=$(printf '%s\n' "${ppeaks[@]}" | median)
    pg_size=$(printf '%s\n' "${psizes[@]}" | median)
    # Baseline: the same rows with psql \copy (COPY FROM STDIN) into a fresh database with the same
    # schema and reference data, in one transaction.
    bdb="tambon_bench_$$_base"
    pgdbs+=("$bdb")
    psql -qAt "$pg" -c "CREATE DATABASE $bdb TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'" >/dev/null
    burl="${pg%/*}/$bdb"
    "$bin" init --db "$burl" >/dev/null
    last="${pg%/*}/${pgdbs[$((${#pgdbs[@]} - 2))]}"
    {
        echo "BEGIN;"
        for t in "${tables[@]}"; do
            psql -qAt "$last" -c "COPY (SELECT * FROM $t ORDER BY id) TO STDOUT" >"$work/pg_$t.tsv"
            echo "\\copy $t FROM '$work/pg_$t.tsv'"
        done
        echo "COMMIT;"
    } >"$work/pgload.sql"
    read -r pbase_wall pbase_peak < <(timed psql -q -v ON_ERROR_STOP=1 "$burl" -f "$work/pgload.sql")
    echo "## \`tambon demo --scale $scale --seed $seed\` on PostgreSQL ($runs runs)"
    echo
    echo "| | wall time (median) | rows | rows/s | peak memory (client) | database size |"
    echo "|---|---|---|---|---|---|"
    awk -v w="$pg_wall" -v r="$rows" -v m="$pg_peak" -v s="$pg_size" 'BEGIN {
        printf "| tambon demo | %.1f s | %d | %.0f | %.0f MiB | %.0f MiB |\n", w, r, r / w, m / 1024, s / 1048576 }'
    awk -v w="$pbase_wall" -v r="$rows" 'BEGIN {
        printf "| baseline: psql \\copy of the same rows | %.1f s | %d | %.0f | | |\n", w, r, r / w }'
    awk -v a="$pg_wall" -v b="$pbase_wall" 'BEGIN {printf "\nRatio tambon / baseline: %.2f\n\n", a / b}'
    echo "Runs: ${pwalls[*]} s."
    echo
fi
