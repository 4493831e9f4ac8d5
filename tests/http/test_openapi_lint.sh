#!/usr/bin/env bash
# The OpenAPI document the server generates from its route table passes @redocly/cli lint with the
# recommended rules, without errors or warnings.
bin=$(realpath "$1")
. "$(dirname "$0")/lib.sh"
src=$(cd "$(dirname "$0")/../.." && pwd)
[ -x "$src/node_modules/.bin/redocly" ] || fail "@redocly/cli is missing: run npm ci"

db="$workdir/t.db"
TAMBON_QUIET=1 "$bin" init --db "$db" >/dev/null || fail "init"
start_server "$db"
curl -fsS "$base/api/v1/openapi.json" -o "$workdir/openapi.json" || fail "openapi.json"
out=$(cd "$workdir" && "$src/node_modules/.bin/redocly" lint openapi.json 2>&1) || { echo "$out"; fail "redocly lint"; }
grep -qE '[0-9]+ warnings?' <<<"$out" && { echo "$out"; fail "redocly lint warnings"; }
grep -q 'Your API description is valid' <<<"$out" || { echo "$out"; fail "redocly did not validate"; }
echo "test_openapi_lint: ok"
