#!/usr/bin/env bash
# tambon init: creates and migrates a database with reference data; running it again changes nothing;
# bad usage and unusable paths fail with a message in Thai and English.
set -euo pipefail
bin=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$(TAMBON_QUIET=1 "$bin" init --db "$dir/t.db") || fail "init failed: $out"
grep -q "ฐานข้อมูลพร้อมใช้งาน" <<<"$out" || fail "no ready message: $out"
grep -q "applied" <<<"$out" || fail "first init applied no migration: $out"

out=$(TAMBON_QUIET=1 "$bin" init --db="$dir/t.db") || fail "second init failed"
grep -q "applied" <<<"$out" && fail "second init applied migrations again: $out"

# TAMBON_DB is the default database.
out=$(cd "$dir" && TAMBON_QUIET=1 TAMBON_DB="$dir/env.db" "$bin" init) || fail "init with TAMBON_DB failed"
[ -f "$dir/env.db" ] || fail "TAMBON_DB was not used"

set +e
err=$("$bin" init --bogus 2>&1); rc=$?
[ $rc -eq 2 ] || fail "unknown option: exit $rc, want 2"
grep -q "ไม่รู้จักตัวเลือก" <<<"$err" || fail "unknown option message: $err"

err=$("$bin" init --db 2>&1); rc=$?
[ $rc -eq 2 ] || fail "missing value: exit $rc, want 2"

err=$("$bin" init --db "$dir/no/such/dir/x.db" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "unusable path: exit $rc, want 1"
grep -q "เปิดฐานข้อมูลไม่ได้" <<<"$err" || fail "unusable path message: $err"

err=$("$bin" frobnicate 2>&1); rc=$?
[ $rc -eq 2 ] || fail "unknown command: exit $rc, want 2"
set -e
echo "test_init: ok"
