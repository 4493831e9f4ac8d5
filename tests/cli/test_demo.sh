#!/usr/bin/env bash
# tambon demo and tambon stats: generates one province on a fresh SQLite file and checks the counts
# (stats --json) and the data itself (valid unique national IDs, nobody past retirement, salaries in
# their ranges, one holder per filled post); the same seed gives identical tables; a second run without
# --replace is refused and changes nothing, --replace regenerates the same data; one LAO at lao scale;
# bad usage is refused. With TAMBON_TEST_PG set (and psql at hand), the same seed on PostgreSQL gives
# the same stats and the same rows.
# Usage: test_demo.sh PATH-TO-TAMBON
set -euo pipefail
bin=$(realpath "$1")
dir=$(mktemp -d)
pgdb=""
cleanup() {
    if [ -n "$pgdb" ]; then psql -qAt "$TAMBON_TEST_PG" -c "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export TAMBON_TODAY=2026-11-24 TAMBON_QUIET=1

# Dumps the generated tables of a SQLite database as CSV in id order (raise_percent as a number, so
# that 2.5 and 2.500 compare equal).
dump_sqlite() {
    python3 - "$1" <<'PY'
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
w = csv.writer(sys.stdout, lineterminator="\n")
for t in ["lao", "org_unit", "position", "person", "employment", "appointment", "salary_history"]:
    cur = db.execute(f"SELECT * FROM {t} ORDER BY id")
    cols = [d[0] for d in cur.description]
    w.writerow([t] + cols)
    for r in cur:
        w.writerow(["" if v is None else (repr(float(v)) if c == "raise_percent" else v) for c, v in zip(cols, r)])
PY
}

"$bin" init --db "$dir/a.db" >/dev/null || fail "init failed"
out=$("$bin" demo --db "$dir/a.db" --scale province --seed 1) || fail "demo failed: $out"
grep -q "สร้างข้อมูลตัวอย่างเสร็จ" <<<"$out" || fail "no Thai summary: $out"
grep -q "บุคลากร" <<<"$out" || fail "summary lacks people: $out"
"$bin" stats --db "$dir/a.db" --json >"$dir/a.json" || fail "stats --json failed"
text=$("$bin" stats --db "$dir/a.db") || fail "stats failed"
grep -q "พิษณุโลก" <<<"$text" || fail "stats text lacks the province: $text"
grep -q "เทศบาลตำบล" <<<"$text" || fail "stats text lacks LAO types: $text"

python3 - "$dir/a.json" "$dir/a.db" <<'PY' || fail "checks of the generated province failed"
import datetime, json, sqlite3, sys
s = json.load(open(sys.argv[1]))
def check(cond, what):
    if not cond:
        print("check failed:", what, file=sys.stderr)
        sys.exit(1)

types = {t["code"]: t["laos"] for t in s["lao_types"]}
check(s["laos"] == sum(types.values()), "laos is the sum of the types")
check(60 <= s["laos"] <= 150, f"a province has 60-150 LAOs, got {s['laos']}")
check(types["pao"] == 1 and types["pattaya"] == 0, f"one pao, no Pattaya in Phitsanulok: {types}")
check(types["sao"] > types["subdistrict_municipality"] > 0, f"more อบต. than เทศบาลตำบล: {types}")
check([p["code"] for p in s["provinces"]] == ["65"], "only the default province (65)")
p = s["provinces"][0]
pos, ppl = s["positions"], s["people"]
check(p["laos"] == s["laos"] and p["positions"] == pos["total"] and p["people"] == ppl["total"], "province row")
check(pos["total"] == pos["filled"] + pos["vacant"] + pos["frozen"], "positions add up")
check(0.08 <= pos["vacant"] / pos["total"] <= 0.12, f"8-12% vacant: {pos}")
check(0 < pos["frozen"] <= 0.03 * pos["total"], f"a few frozen: {pos}")
check(ppl["total"] == pos["filled"], "one current person per filled post")
cats = ["civil_servant", "teacher", "permanent_employee", "mission_contract", "general_contract"]
check(sum(ppl[c] for c in cats) == ppl["total"], "categories add up")
n = ppl["total"]
check(0.38 <= (ppl["civil_servant"] + ppl["teacher"]) / n <= 0.50, f"civil servants ~44%: {ppl}")
check(0.07 <= ppl["permanent_employee"] / n <= 0.15, f"permanent employees ~11%: {ppl}")
check(0.38 <= (ppl["mission_contract"] + ppl["general_contract"]) / n <= 0.52, f"contract ~45%: {ppl}")

db = sqlite3.connect(sys.argv[2])
today = datetime.date(2026, 11, 24)
def retirement(birth):
    # completes 60 on the day before the 60th birthday; leaves on 30 September of that fiscal year
    try:
        bday = birth.replace(year=birth.year + 60)
    except ValueError:
        bday = datetime.date(birth.year + 60, 3, 1)
    done = bday - datetime.timedelta(days=1)
    fy_end = done.year + (1 if done.month >= 10 else 0)
    return datetime.date(fy_end, 9, 30)
ids = set()
for nid, birth in db.execute("SELECT p.national_id, p.birth_date FROM person p JOIN employment e "
                             "ON e.person_id = p.id WHERE e.end_date IS NULL"):
    d = [int(c) for c in nid]
    check(len(d) == 13 and (11 - sum(d[i] * (13 - i) for i in range(12)) % 11) % 10 == d[12], f"check digit {nid}")
    check(nid not in ids, f"duplicate national ID {nid}")
    ids.add(nid)
    b = datetime.date.fromisoformat(birth)
    check(retirement(b) >= today, f"{nid} born {birth} is past retirement")
    check((today - b).days >= 18 * 365, f"{nid} born {birth} is under 18")
check(len(ids) == n, "people counted once")
ages = [(today - datetime.date.fromisoformat(b)).days / 365.25 for (b,) in db.execute(
    "SELECT p.birth_date FROM person p JOIN employment e ON e.person_id = p.id "
    "WHERE e.end_date IS NULL AND e.category = 'civil_servant'")]
check(sum(1 for a in ages if a >= 45) / len(ages) >= 0.4, "an ageing workforce: 40%+ of civil servants 45-59")

# One current, non-acting appointment per filled post, none on a vacant or frozen one.
rows = db.execute("SELECT p.status, count(a.id) FROM position p LEFT JOIN appointment a ON a.position_id = p.id "
                  "AND a.effective_to IS NULL GROUP BY p.id, p.status").fetchall()
check(all((st == "filled") == (k == 1) for st, k in rows), "holders match post status")
# Salaries inside the ranges of the salary_ranges rule set for the levels it lists.
body = json.loads(db.execute("SELECT body FROM rule_set WHERE kind = 'salary_ranges' ORDER BY effective_from "
                             "DESC LIMIT 1").fetchone()[0])
ranges = body["levels"]
bad = [r for r in db.execute("SELECT level_code, salary_satang FROM appointment")
       if r[0] in ranges and not ranges[r[0]]["min"] <= r[1] <= ranges[r[0]]["max"]]
check(not bad, f"appointment salaries outside their range: {bad[:5]}")
# C-grades only before the broadband reform of 1 April 2015; broadband levels of civil lines only after.
check(db.execute("SELECT count(*) FROM appointment WHERE level_code LIKE 'cgrade%' "
                 "AND effective_from >= '2015-04-01'").fetchone()[0] == 0, "no C-grade after 2015-04-01")
check(db.execute("SELECT count(*) FROM appointment WHERE level_code LIKE 'cgrade%'").fetchone()[0] > 0,
      "careers from before 2015 in C-grades")
check(db.execute("SELECT count(*) FROM appointment WHERE kind = 'reclassification' "
                 "AND effective_from <> '2015-04-01'").fetchone()[0] == 0, "reclassification on 2015-04-01")
check(db.execute("SELECT count(*) FROM employment WHERE end_reason = 'transferred'").fetchone()[0] > 0,
      "some transfers between LAOs")
# A raise row each year: civil servants in service 10+ years have 9+ raises.
short = db.execute("SELECT count(*) FROM employment e WHERE e.category = 'civil_servant' AND e.end_date IS NULL "
                   "AND e.start_date <= '2016-01-01' AND NOT EXISTS (SELECT 1 FROM employment x WHERE "
                   "x.person_id = e.person_id AND x.end_date IS NOT NULL) AND (SELECT count(*) FROM salary_history "
                   "s WHERE s.person_id = e.person_id AND s.change_kind = 'raise') < 9").fetchone()[0]
check(short == 0, f"{short} long-serving civil servants lack yearly raises")
PY

# Same seed, another file: identical rows.
"$bin" demo --db "$dir/b.db" --scale province --seed 1 >/dev/null || fail "second database failed"
dump_sqlite "$dir/a.db" >"$dir/a.csv"
dump_sqlite "$dir/b.db" >"$dir/b.csv"
cmp -s "$dir/a.csv" "$dir/b.csv" || fail "same seed gave different data: $(diff "$dir/a.csv" "$dir/b.csv" | head -5)"
# Another seed: other people on the same LAOs.
"$bin" demo --db "$dir/c.db" --scale province --seed 2 >/dev/null || fail "seed 2 failed"
python3 - "$dir/a.db" "$dir/c.db" <<'PY' || fail "seed 2 should change people, not LAOs"
import sqlite3, sys
a, c = (sqlite3.connect(p) for p in sys.argv[1:])
q = lambda db, sql: db.execute(sql).fetchall()
assert q(a, "SELECT code, type_code, size_class FROM lao ORDER BY id") == \
       q(c, "SELECT code, type_code, size_class FROM lao ORDER BY id"), "LAO plan depends on the seed"
assert q(a, "SELECT national_id, first_name_th FROM person ORDER BY id LIMIT 50") != \
       q(c, "SELECT national_id, first_name_th FROM person ORDER BY id LIMIT 50"), "people do not"
PY

# A second demo without --replace is refused and changes nothing.
set +e
err=$("$bin" demo --db "$dir/a.db" --scale province --seed 3 2>&1); rc=$?
set -e
[ $rc -eq 1 ] || fail "demo into a database with LAOs: exit $rc, want 1"
grep -q -- "--replace" <<<"$err" || fail "refusal does not mention --replace: $err"
dump_sqlite "$dir/a.db" | cmp -s - "$dir/a.csv" || fail "refused demo changed the data"
# --replace deletes and regenerates: with seed 1 again, the very same rows.
"$bin" demo --db "$dir/a.db" --scale province --seed 1 --replace >/dev/null || fail "demo --replace failed"
dump_sqlite "$dir/a.db" | cmp -s - "$dir/a.csv" || fail "--replace with the same seed gave other data"

# lao scale: one เทศบาลตำบล; another province by --province.
"$bin" demo --db "$dir/l.db" --scale lao --province 50 --seed 1 >/dev/null || fail "lao scale failed"
"$bin" stats --db "$dir/l.db" --json | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert s["laos"] == 1, s["laos"]
assert [t["code"] for t in s["lao_types"] if t["laos"]] == ["subdistrict_municipality"], s["lao_types"]
assert [p["code"] for p in s["provinces"]] == ["50"], s["provinces"]
assert s["people"]["total"] > 10, s["people"]' || fail "lao scale stats"

# Bad usage.
set +e
"$bin" demo --db "$dir/x.db" --scale county >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "--scale county: exit $rc, want 2"
"$bin" demo --db "$dir/x.db" --seed -1 >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "--seed -1: exit $rc, want 2"
"$bin" demo --db "$dir/x.db" --seed 12x >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "--seed 12x: exit $rc, want 2"
"$bin" demo --db "$dir/x.db" --province 1 >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "--province 1: exit $rc, want 2"
"$bin" demo --db "$dir/x.db" --scale national --province 65 >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "--province with the national scale: exit $rc, want 2"
err=$("$bin" demo --db "$dir/x.db" --scale province --province 10 2>&1); rc=$?
[ $rc -eq 1 ] || fail "Bangkok has no LAOs: exit $rc, want 1 ($err)"
"$bin" demo --db "$dir/x.db" --bogus >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "unknown option: exit $rc, want 2"
"$bin" stats --db "$dir/x.db" --bogus >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "stats unknown option: exit $rc, want 2"
set -e
python3 -c "import sqlite3,sys; sys.exit(sqlite3.connect('$dir/x.db').execute('SELECT count(*) FROM lao').fetchone()[0])" \
    || fail "a refused demo left LAOs behind"

# PostgreSQL: the same seed gives the same stats and rows (when a test cluster is at hand).
if [ -n "${TAMBON_TEST_PG:-}" ] && command -v psql >/dev/null; then
    pgdb="tambon_demo_test_$$"
    psql -qAt "$TAMBON_TEST_PG" -c "CREATE DATABASE $pgdb TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'" \
        >/dev/null || fail "cannot create $pgdb"
    url="${TAMBON_TEST_PG%/*}/$pgdb"
    "$bin" demo --db "$url" --scale province --seed 1 >/dev/null || fail "demo on PostgreSQL failed"
    "$bin" stats --db "$url" --json >"$dir/pg.json" || fail "stats on PostgreSQL failed"
    cmp -s "$dir/a.json" "$dir/pg.json" || fail "PostgreSQL stats differ from SQLite's"
    for t in lao org_unit position person employment appointment salary_history; do
        psql -qAt "$url" -c "COPY (SELECT * FROM $t ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)" |
            python3 -c '
import csv, sys
t = sys.argv[1]
r = csv.reader(sys.stdin)
w = csv.writer(sys.stdout, lineterminator="\n")
cols = next(r)
w.writerow([t] + cols)
for row in r:
    w.writerow([repr(float(v)) if c == "raise_percent" and v else v for c, v in zip(cols, row)])' "$t"
    done >"$dir/pg.csv"
    cmp -s "$dir/a.csv" "$dir/pg.csv" || fail "PostgreSQL rows differ: $(diff "$dir/a.csv" "$dir/pg.csv" | head -5)"
    # Ids were supplied by COPY: the identity sequences must have moved past them.
    psql -qAt "$url" -c "INSERT INTO lao (code, type_code, size_class, name_th, province_code, district_code)
        VALUES ('9999999', 'sao', 'small', 'ทดสอบ', '65', '6501')" >/dev/null ||
        fail "the lao identity sequence was not moved past the generated ids"
    echo "test_demo: PostgreSQL ok"
fi
echo "test_demo: ok"
