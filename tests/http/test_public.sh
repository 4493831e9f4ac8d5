#!/usr/bin/env bash
# The real server on a demo database: health, the public vacancies page and API, the OpenAPI document,
# language switch, security headers, error answers for people and for programs, and a clean stop on
# SIGTERM.
bin=$(realpath "$1")
. "$(dirname "$0")/lib.sh"

db="$workdir/t.db"
TAMBON_QUIET=1 TAMBON_TODAY=2026-11-24 "$bin" demo --db "$db" --scale lao --seed 3 >/dev/null
start_server "$db"
# The province of the demo LAO: the one province that has LAOs.
prov=$(curl -fsS "$base/api/v1/public/vacancies" |
       python3 -c 'import json,sys; print([p["code"] for p in json.load(sys.stdin)["provinces"] if p["laos"]][0])')
prov_name=$(curl -fsS "$base/api/v1/public/vacancies" |
       python3 -c 'import json,sys; print([p["name"] for p in json.load(sys.stdin)["provinces"] if p["laos"]][0])')

# Health, as JSON on the API path.
curl -fsS "$base/api/v1/health" | grep -q '"status":"ok"' || fail "health"

# The public portal without sign-in: Thai page by default, with the province's LAOs and their vacancies.
page=$(curl -fsS -D "$workdir/h" "$base/public/vacancies?province=$prov")
grep -qi '^content-type: text/html' "$workdir/h" || fail "vacancies page is not HTML"
grep -qi "^content-security-policy: default-src 'self'" "$workdir/h" || fail "no CSP header"
grep -q '<html lang="th"' <<<"$page" || fail "page is not Thai by default"
grep -q "$prov_name" <<<"$page" || fail "province name missing"
grep -q '<script>' <<<"$page" && fail "inline script in page"

# The same route as JSON: every LAO listed has vacant posts that add up.
curl -fsS "$base/api/v1/public/vacancies?province=$prov" | python3 -c '
import json, sys
m = json.load(sys.stdin)
assert m["province"]["code"] == sys.argv[1], m["province"]
assert m["laos"], "no LAO with vacancies"
for lao in m["laos"]:
    assert lao["vacant"] == sum(p["count"] for p in lao["positions"]) > 0, lao
assert m["total_vacant"] >= sum(l["vacant"] for l in m["laos"])
' "$prov" || fail "vacancies JSON"

# English after the switch: the cookie is set and we are sent back.
curl -fsS -o /dev/null -D "$workdir/h" "$base/lang?to=en&back=/public/vacancies"
grep -qi '^location: /public/vacancies' "$workdir/h" || fail "language switch did not redirect back"
grep -qi '^set-cookie: lang=en' "$workdir/h" || fail "language cookie not set"
curl -fsS -b "lang=en" "$base/public/vacancies" | grep -q '<html lang="en"' || fail "English page"
# Only local paths are returned to.
curl -fsS -o /dev/null -D "$workdir/h" "$base/lang?to=en&back=//evil.example/"
grep -qiE '^location: /\s*$' "$workdir/h" || fail "open redirect through the language switch"

# Errors: a problem+json for programs, a page for people.
code=$(curl -s -o "$workdir/b" -w '%{http_code}' "$base/api/v1/public/vacancies?province=123")
[ "$code" = 422 ] || fail "malformed parameter gave $code"
grep -q '"status":422' "$workdir/b" || fail "no problem body"
grep -q 'province' "$workdir/b" || fail "problem does not name the parameter"
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/public/vacancies?province=zz")
[ "$code" = 404 ] || fail "unknown province gave $code"
code=$(curl -s -o "$workdir/b" -w '%{http_code}' "$base/no/such/page")
[ "$code" = 404 ] || fail "unknown page gave $code"
grep -q '<html' "$workdir/b" || fail "404 for people is not a page"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/v1/health")
[ "$code" = 405 ] || fail "wrong method gave $code"

# The OpenAPI document lists every API route.
curl -fsS "$base/api/v1/openapi.json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["openapi"].startswith("3.1"), d["openapi"]
for p in ("/health", "/openapi.json", "/public/vacancies"):
    assert p in d["paths"], p
assert "/lang" not in d["paths"]
' || fail "openapi document"

# SIGTERM: the server finishes and exits 0.
kill -TERM "$server_pid"
wait "$server_pid"; rc=$?
server_pid=
[ $rc -eq 0 ] || fail "server exit status $rc after SIGTERM"
echo "test_public: ok"
