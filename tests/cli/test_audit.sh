#!/usr/bin/env bash
# tambon audit: entries written through real commands (audit note, user add) make an intact chain
# (exit 0); the stored hash is
# recomputed here from the documented format with sqlite3 and sha256sum, independently of the C code;
# an entry edited or removed with the sqlite3 command-line tool is found and named (exit 1); removing
# the last entry needs the recorded head (--expect-head); log lists entries newest first; bad usage
# exits 2. Needs the sqlite3 command-line tool (Debian package sqlite3).
set -euo pipefail
bin=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v sqlite3 >/dev/null || fail "the sqlite3 command-line tool is missing (apt-get install sqlite3)"
db="$dir/t.db"

TAMBON_QUIET=1 "$bin" init --db "$db" >/dev/null 2>&1 || fail "init failed"

# An empty trail is intact, and has no head yet.
out=$("$bin" audit verify --db "$db") || fail "verify of an empty trail failed: $out"
grep -q "0 entries checked" <<<"$out" || fail "empty verify: $out"
out=$("$bin" audit head --db "$db" 2>&1) || fail "head of an empty trail failed"
grep -q "empty" <<<"$out" || fail "empty head: $out"

# Five entries through the real write path.
for text in "เริ่มใช้ระบบ" "restored backup of 2025-06-01" "สมชาย: line two" "x" "ตรวจสอบประจำเดือน"; do
    out=$("$bin" audit note --db "$db" "$text") || fail "note '$text' failed: $out"
done
grep -q "recorded entry #5" <<<"$out" || fail "fifth note: $out"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log")" = 5 ] || fail "not five rows"
[ "$(sqlite3 "$db" "SELECT actor FROM audit_log WHERE id = 1")" = "cli:$(id -un)" ] || fail "actor is not cli:<user>"

# Another real write path that records its changes: an account.
printf 'correct horse battery\n' >"$dir/pw"
"$bin" user add auditor --password-stdin --db "$db" <"$dir/pw" >/dev/null 2>&1 || fail "user add failed"
[ "$(sqlite3 "$db" "SELECT entity || ' ' || action FROM audit_log WHERE id = 6")" = "app_user create" ] ||
    fail "user add left no entry #6"

out=$("$bin" audit verify --db "$db") || fail "verify of an intact trail exited $?: $out"
grep -q "ครบถ้วน" <<<"$out" || fail "no Thai summary: $out"
grep -q "audit trail intact: 6 entries checked" <<<"$out" || fail "no English summary: $out"

# The documented canonical form, built by SQL, hashed by sha256sum, equals the stored hash of each row.
f() { echo "CASE WHEN $1 IS NULL THEN '-' ELSE length(CAST($1 AS BLOB)) || ':' || $1 END"; }
canon="'tambon-audit/1'"
for c in id at actor_user_id actor lao_id entity entity_id action before after request_id prev_hash; do
    canon="$canon || char(10) || $(f $c)"
done
for id in 1 3 5 6; do
    want=$(sqlite3 "$db" "SELECT hash FROM audit_log WHERE id = $id")
    got=$(sqlite3 "$db" "SELECT $canon FROM audit_log WHERE id = $id" | sha256sum | cut -d' ' -f1)
    [ "$got" = "$want" ] || fail "row $id: sha256 of the documented form is $got, stored hash is $want"
done
[ "$(sqlite3 "$db" "SELECT prev_hash FROM audit_log WHERE id = 1")" = "$(printf '0%.0s' {1..64})" ] ||
    fail "the first prev_hash is not 64 zeros"

# The head, as an operator would keep it.
head=$("$bin" audit head --db "$db") || fail "head failed"
[[ $head =~ ^6\ [0-9a-f]{64}$ ]] || fail "head is not 'ID HASH': $head"
head_hash=${head#6 }
[ "$head_hash" = "$(sqlite3 "$db" "SELECT hash FROM audit_log WHERE id = 6")" ] || fail "head hash differs"
"$bin" audit verify --db "$db" --expect-head "$head_hash" >/dev/null || fail "expect-head of an intact trail"

# The log, newest first.
out=$("$bin" audit log --db "$db" --entity note --limit 2) || fail "log failed"
[ "$(wc -l <<<"$out")" = 2 ] || fail "log --limit 2 printed: $out"
head -n 1 <<<"$out" | grep -q '^#5 .*ตรวจสอบประจำเดือน' || fail "log first line: $out"
tail -n 1 <<<"$out" | grep -q '^#4 ' || fail "log second line: $out"
out=$("$bin" audit log --db "$db") || fail "log failed"
head -n 1 <<<"$out" | grep -q '^#6 .* create app_user ' || fail "log of all entries: $out"
[ "$(wc -l <<<"$out")" = 6 ] || fail "log printed: $out"
out=$("$bin" audit log --db "$db" --entity person) || fail "log of another entity failed"
grep -q "no entries" <<<"$out" || fail "log of another entity: $out"

cp "$db" "$dir/clean.db"
restore() { rm -f "$db" "$db-wal" "$db-shm"; cp "$dir/clean.db" "$db"; }

# Tampering with the sqlite3 tool: the append-only trigger refuses, so it is dropped first.
sqlite3 "$db" "UPDATE audit_log SET actor = 'x' WHERE id = 3" 2>/dev/null && fail "the trigger let an UPDATE through"

set +e
sqlite3 "$db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after = '{\"text\":\"forged\"}' WHERE id = 3"
out=$("$bin" audit verify --db "$db"); rc=$?
[ $rc -eq 1 ] || fail "edited row: exit $rc, want 1: $out"
grep -q "ถูกแก้ไข ที่รายการ #3" <<<"$out" || fail "edited row: Thai message does not name #3: $out"
grep -q "broken at entry #3: the entry's content does not match its hash" <<<"$out" ||
    fail "edited row: English message does not name #3: $out"
restore

sqlite3 "$db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET at = '2020-01-01T00:00:00.000000Z' WHERE id = 1"
out=$("$bin" audit verify --db "$db"); rc=$?
[ $rc -eq 1 ] && grep -q "broken at entry #1:" <<<"$out" || fail "edited time: exit $rc: $out"
restore

sqlite3 "$db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2"
out=$("$bin" audit verify --db "$db"); rc=$?
[ $rc -eq 1 ] || fail "removed row: exit $rc, want 1: $out"
grep -q "broken at entry #3: the entry's prev_hash does not match" <<<"$out" || fail "removed row: $out"
restore

# Removing the last entry leaves a valid shorter chain: only the recorded head shows it.
sqlite3 "$db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 6"
out=$("$bin" audit verify --db "$db"); rc=$?
[ $rc -eq 0 ] || fail "truncated chain without a head: exit $rc: $out"
out=$("$bin" audit verify --db "$db" --expect-head "$head_hash"); rc=$?
[ $rc -eq 1 ] || fail "truncated chain with the head: exit $rc, want 1: $out"
grep -q "recorded head is not in the chain" <<<"$out" || fail "truncated chain message: $out"
grep -q "#5" <<<"$out" || fail "truncated chain: the latest entry present is not named: $out"
restore

# Bad usage: exit 2.
for args in "" "bogus" "verify --bogus" "verify --expect-head xyz" "verify --expect-head" "verify extra" \
    "head --limit 3" "log --limit 0" "log --limit 10001" "log --limit x" "note" "note a b" "verify --entity x"; do
    # shellcheck disable=SC2086
    err=$("$bin" audit $args --db "$db" 2>&1); rc=$?
    [ $rc -eq 2 ] || fail "'audit $args': exit $rc, want 2: $err"
    grep -q "usage" <<<"$err" || fail "'audit $args': no usage text: $err"
done
"$bin" audit help >/dev/null || fail "audit help"

# A database without the schema: exit 1 with a message.
out=$("$bin" audit verify --db "$dir/empty.db" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "database without the schema: exit $rc, want 1"
grep -q "tambon init" <<<"$out" || fail "database without the schema: $out"
set -e

"$bin" audit verify --db "$db" >/dev/null || fail "restored copy does not verify"
echo "test_audit: ok"
