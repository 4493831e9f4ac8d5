#!/usr/bin/env bash
# The signed-in pages against the real server on a province demo database (Chiang Mai, seed 3), with
# the demo accounts `tambon demo` makes:
#   - signed out, a page sends to the sign-in form and the API answers 401;
#   - the sign-in form sets the pre-session CSRF cookie and carries the same token; a POST without it
#     or with another one is refused (403); a wrong password re-renders the form with the message and
#     the typed user name; the right one sets an HttpOnly SameSite=Lax session cookie and goes to next
#     (an employee without the dashboard lands on /me);
#   - with the session: the dashboard, the LAO directory (filters, pages), one LAO, one person, as pages
#     and as /api/v1 JSON whose every model matches its schema in the OpenAPI document exactly;
#   - Buddhist Era dates on Thai pages, Common Era on English ones, baht with separators, the national
#     ID masked for officials and whole for the LAO's personnel officer and for the employee's own record;
#   - sign-out ends the session (its cookie no longer works) and needs the CSRF token; sign-out
#     everywhere ends the user's other sessions; after five wrong passwords the user name is locked
#     out with a message giving the minutes; sign-ins and sign-outs are in the audit trail.
# Runs on SQLite, and again on a fresh PostgreSQL database when TAMBON_TEST_PG is set.
bin=$(realpath "$1")
. "$(dirname "$0")/lib.sh"
export TAMBON_TODAY=2026-11-24 TAMBON_QUIET=1
PASSWORD=tambon-demo-2569

pgdb=""
drop_pg() {
    if [ -n "$pgdb" ]; then psql -qAt "$TAMBON_TEST_PG" -c "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1 || true; fi
}
trap 'cleanup; drop_pg' EXIT

# jq_py FILE EXPRESSION: a value from a JSON file (m is the document), printed by Python.
jq_py() { python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

# signin USER PASSWORD JAR [NEXT]: signs in through the form like a browser; leaves the POST's status
# in $code, its headers in $workdir/signin.h and its body in $workdir/signin.html.
signin() {
    local user=$1 pass=$2 jar=$3 next=${4:-/}
    rm -f "$jar"
    curl -fsS -L -c "$jar" -b "$jar" -o "$workdir/form.html" "$base/signin?next=$next" || fail "sign-in form"
    local csrf
    csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$workdir/form.html")
    [ -n "$csrf" ] || fail "no _csrf field in the sign-in form"
    code=$(curl -s -c "$jar" -b "$jar" -o "$workdir/signin.html" -D "$workdir/signin.h" -w '%{http_code}' \
        --data-urlencode "username=$user" --data-urlencode "password=$pass" --data-urlencode "next=$next" \
        --data-urlencode "_csrf=$csrf" "$base/signin")
    sed -i 's/\r$//' "$workdir/signin.h"
}

# The session cookie's value in a curl cookie jar.
session_of() { awk '$6 == "tambon_session" { print $7 }' "$1"; }

# get_api JAR PATH: fetches an API route with the jar's session into a file and prints the file's name
# (models can be larger than a command line may be).
get_api() {
    local f
    f="$workdir/api_$(basename "$1")_$(tr -c 'A-Za-z0-9' '_' <<<"$2").json"
    curl -fsS -b "$1" -o "$f" "$base/api/v1$2" || fail "GET /api/v1$2"
    echo "$f"
}

# check_schema NAME FILE: the model matches components.schemas.NAME of the OpenAPI document exactly
# (types, required keys, no undeclared keys, enums, dates).
check_schema() {
    python3 - "$workdir/openapi.json" "$1" "$2" <<'PY' || fail "model does not match schema $1"
import json, re, sys
doc = json.load(open(sys.argv[1])); name = sys.argv[2]; value = json.load(open(sys.argv[3]))
schemas = doc["components"]["schemas"]
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
def typed(v, t):
    if t == "integer":
        return isinstance(v, int) and not isinstance(v, bool)
    return isinstance(v, TYPES[t])
def check(s, v, where):
    if "$ref" in s:
        return check(schemas[s["$ref"].split("/")[-1]], v, where)
    ts = s.get("type")
    ts = [ts] if isinstance(ts, str) else ts
    assert any(typed(v, t) for t in ts), f"{where}: {v!r} is not {ts}"
    if v is None:
        return
    if "enum" in s:
        assert v in s["enum"], f"{where}: {v!r} not in {s['enum']}"
    if s.get("format") == "date":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", v), f"{where}: {v!r} is not a date"
    if isinstance(v, dict) and "properties" in s:
        for k in s.get("required", []):
            assert k in v, f"{where}: {k} missing"
        for k, x in v.items():
            assert k in s["properties"], f"{where}: {k} is not in the schema"
            check(s["properties"][k], x, f"{where}.{k}")
    if isinstance(v, list) and "items" in s:
        for i, x in enumerate(v):
            check(s["items"], x, f"{where}[{i}]")
check(schemas[name], value, name)
PY
}

# audit_actions DB: the actions recorded about accounts, one per line, oldest first.
audit_actions() {
    case "$1" in
    postgres*) psql -qAt "$1" -c "SELECT action || ' ' || actor FROM audit_log WHERE entity = 'app_user' ORDER BY id" ;;
    *) python3 -c '
import sqlite3, sys
for a, who in sqlite3.connect(sys.argv[1]).execute("SELECT action, actor FROM audit_log WHERE entity = '"'"'app_user'"'"' ORDER BY id"):
    print(a, who)' "$1" ;;
    esac
}

run_suite() {
    local db=$1
    start_server "$db"
    curl -fsS "$base/api/v1/openapi.json" >"$workdir/openapi.json" || fail "openapi.json"

    # Signed out: pages send to the sign-in form and back, the API answers 401.
    curl -s -o /dev/null -D "$workdir/h" "$base/laos?province=50"
    grep -qi '^location: /signin?next=/laos%3Fprovince%3D50' "$workdir/h" || fail "signed-out page not sent to sign in"
    code=$(curl -s -o "$workdir/b" -w '%{http_code}' "$base/api/v1/laos")
    [ "$code" = 401 ] || fail "signed-out API gave $code"

    # The form: the first visit sets the pre-session cookie, and the form's token is that cookie's value.
    jar=$workdir/jar
    rm -f "$jar"
    curl -fsS -c "$jar" -b "$jar" -o "$workdir/form.html" -D "$workdir/h" "$base/signin?next=/laos"
    grep -qi '^set-cookie: tambon_csrf=.*HttpOnly; SameSite=Strict' "$workdir/h" || fail "no pre-session CSRF cookie"
    cookie=$(awk '$6 == "tambon_csrf" { print $7 }' "$jar")
    grep -q "name=\"_csrf\" value=\"$cookie\"" "$workdir/form.html" || fail "form token is not the cookie"
    # A second visit keeps the same token.
    curl -fsS -c "$jar" -b "$jar" -o "$workdir/form.html" -D "$workdir/h" "$base/signin?next=/laos"
    grep -qi '^set-cookie: tambon_csrf=' "$workdir/h" && fail "second visit made a new CSRF cookie"
    grep -q "name=\"_csrf\" value=\"$cookie\"" "$workdir/form.html" || fail "form token changed"
    grep -q 'name="next" value="/laos"' "$workdir/form.html" || fail "form lost next"
    grep -q '<html lang="th"' "$workdir/form.html" || fail "sign-in page not Thai"

    # CSRF: missing or wrong token is refused, and nobody is signed in.
    code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' --data "username=province&password=$PASSWORD" "$base/signin")
    [ "$code" = 403 ] || fail "sign-in without CSRF token gave $code"
    code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' \
        --data "username=province&password=$PASSWORD&_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "$base/signin")
    [ "$code" = 403 ] || fail "sign-in with a wrong CSRF token gave $code"
    code=$(curl -s -o /dev/null -w '%{http_code}' --data "username=province&password=$PASSWORD&_csrf=$cookie" \
        "$base/signin")
    [ "$code" = 403 ] || fail "sign-in with the token but without the cookie gave $code"

    # A wrong password: the form again, with the message and the typed name, and no session.
    signin province wrong-password-1 "$jar" /laos
    [ "$code" = 401 ] || fail "wrong password gave $code"
    grep -q 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง' "$workdir/signin.html" || fail "no wrong-password message"
    grep -q 'name="username" type="text" value="province"' "$workdir/signin.html" || fail "typed name not kept"
    grep -qi '^set-cookie: tambon_session' "$workdir/signin.h" && fail "session cookie after a wrong password"
    # An open redirect through next is not possible.
    signin province "$PASSWORD" "$jar" //evil.example/
    grep -qi '^location: /$' "$workdir/signin.h" || fail "next=//evil.example was followed"

    # The provincial officer signs in and goes where they asked.
    signin province "$PASSWORD" "$jar" /laos
    [ "$code" = 303 ] || fail "sign-in gave $code"
    grep -qi '^location: /laos' "$workdir/signin.h" || fail "sign-in did not go to next"
    grep -qi '^set-cookie: tambon_session=[A-Za-z0-9_-]\{43\}; Path=/; HttpOnly; SameSite=Lax' "$workdir/signin.h" ||
        fail "session cookie attributes: $(grep -i set-cookie "$workdir/signin.h")"

    # The directory page: Thai, the officer's name, the province's LAOs, no inline script.
    page=$(curl -fsS -b "$jar" "$base/laos")
    grep -q 'เจ้าหน้าที่ท้องถิ่นจังหวัดเชียงใหม่' <<<"$page" || fail "user menu does not name the officer"
    grep -q 'เชียงใหม่' <<<"$page" || fail "directory lacks the province"
    grep -q '<script>' <<<"$page" && fail "inline script"
    grep -q 'href="/laos/[0-9]*"' <<<"$page" || fail "directory has no LAO links"

    # The same as JSON, matching its schema: every LAO in Chiang Mai, 20 a page, consistent pages.
    laos=$(get_api "$jar" "/laos")
    check_schema LaoList "$laos"
    python3 - "$laos" <<'PY' || fail "directory model"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["total"] > 100, m["total"]
assert m["page"] == 1 and m["pages"] == (m["total"] + 19) // 20, m
assert len(m["laos"]) == 20 and m["prev_href"] is None and m["next_href"] == "/laos?page=2", m["next_href"]
assert all(l["province_name"] == "เชียงใหม่" and l["href"] == f"/laos/{l['id']}" for l in m["laos"])
assert [p["code"] for p in m["provinces"]] == ["50"], m["provinces"]
assert any(t["code"] == "sao" and t["name"] == "อบต." for t in m["types"]), m["types"]
PY
    total=$(jq_py "$laos" 'm["total"]')
    pages=$(jq_py "$laos" 'm["pages"]')
    # Filters and paging.
    sao=$(get_api "$jar" "/laos?province=50&type=sao&page=2")
    check_schema LaoList "$sao"
    python3 - "$sao" <<'PY' || fail "filtered directory"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["filters"] == {"province": "50", "type": "sao"}, m["filters"]
assert m["page"] == 2 and m["prev_href"] == "/laos?province=50&type=sao", m["prev_href"]
assert all(l["type_name"] == "อบต." for l in m["laos"]) and m["laos"], m["laos"][:1]
assert [t["code"] for t in m["types"] if t["selected"]] == ["sao"]
PY
    last=$(get_api "$jar" "/laos?page=$pages")
    [ "$(jq_py "$last" 'm["next_href"]')" = None ] || fail "last page has a next link"
    code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$base/api/v1/laos?page=$((pages + 1))")
    [ "$code" = 404 ] || fail "page past the end gave $code"
    code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$base/api/v1/laos?province=99")
    [ "$code" = 404 ] || fail "unknown province gave $code"
    code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$base/api/v1/laos?type=bangkok")
    [ "$code" = 422 ] || fail "unknown LAO type gave $code"

    # The dashboard: the province's counts, agreeing with the directory.
    home=$(get_api "$jar" "")
    check_schema Home "$home"
    python3 - "$home" "$total" <<'PY' || fail "dashboard model"
import json, sys
m = json.load(open(sys.argv[1])); total = int(sys.argv[2])
assert m["scope_text"] == "จังหวัดเชียงใหม่", m["scope_text"]
c = m["counts"]
assert c["laos"] == total == sum(t["laos"] for t in m["by_type"]), (c, total)
assert c["positions"] > c["vacant"] > 0 and c["frozen"] >= 0, c
assert c["people"] > 0 and sum(x["people"] for x in m["by_category"]) >= c["people"], m["by_category"]
assert m["by_category"][0]["category"] == "civil_servant"
PY
    page=$(curl -fsS -b "$jar" "$base/") || fail "dashboard page"
    grep -q 'จังหวัดเชียงใหม่' <<<"$page" || fail "dashboard page"

    # One LAO: details, the unit tree, positions with holders linked.
    lao_id=$(jq_py "$laos" 'm["laos"][0]["id"]')
    lao=$(get_api "$jar" "/laos/$lao_id")
    check_schema Lao "$lao"
    python3 - "$lao" <<'PY' || fail "LAO model"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["lao"]["province_name"] == "เชียงใหม่" and m["lao"]["size_class_text"].startswith("ขนาด"), m["lao"]
assert m["units"] and m["units"][0]["depth"] == 0
tops = [u for u in m["units"] if u["depth"] == 0]
assert sum(u["positions"] for u in tops) == len(m["positions"]), "unit totals do not add up to the posts"
filled = [p for p in m["positions"] if p["status"] == "filled"]
assert filled and all(p["holder_href"].startswith("/people/") for p in filled if p["holder_name"])
assert all(p["holder_name"] is None for p in m["positions"] if p["status"] == "vacant")
assert {p["status_text"] for p in m["positions"]} <= {"ว่าง", "มีผู้ครอง", "ยุบเลิก/ระงับ"}
assert m["staff_count"] > 0
PY
    page=$(curl -fsS -b "$jar" "$base/laos/$lao_id") || fail "LAO page"
    grep -q 'data-status="filled"' <<<"$page" || fail "LAO page"
    code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$base/api/v1/laos/999999")
    [ "$code" = 403 ] || fail "a LAO that does not exist gave $code to a provincial officer"

    # One person: masked ID for the provincial officer, BE dates, baht, retirement at 60.
    person_href=$(jq_py "$lao" '[p["holder_href"] for p in m["positions"] if p["holder_href"]][0]')
    person=$(get_api "$jar" "$person_href")
    check_schema Person "$person"
    python3 - "$person" <<'PY' || fail "person model"
import json, re, sys
m = json.load(open(sys.argv[1])); p = m["person"]
MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
          "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
def be(iso):
    y, mo, d = map(int, iso.split("-"))
    return f"{d} {MONTHS[mo - 1]} {y + 543}"
assert re.fullmatch(r"\d-\d{4}-xxxxx-xx-\d", p["national_id_text"]), p["national_id_text"]
assert p["birth_date_text"] == be(p["birth_date"]), (p["birth_date"], p["birth_date_text"])
by, bm, bd = map(int, p["birth_date"].split("-"))
assert p["age"] == 2026 - by - ((11, 24) < (bm, bd)), p["age"]
ry, rm, rd = map(int, p["retirement_date"].split("-"))
assert (rm, rd) == (9, 30) and p["retirement_date_text"] == be(p["retirement_date"])
assert p["retirement_fy"] == ry + 543
# 60 years complete on the day before the 60th birthday; retire at the end of that fiscal year.
fy_end = by + 60 if (bm, bd) <= (10, 1) else by + 61
assert ry == fy_end, (p["birth_date"], p["retirement_date"])
c = m["current"]
assert c and re.fullmatch(r"\d{1,3}(,\d{3})*\.\d{2}", c["salary_text"]), c
assert c["salary_text"] == f"{c['salary_satang'] // 100:,}.{c['salary_satang'] % 100:02d}"
assert c["since_text"] == be(c["since"]) and c["lao_href"].startswith("/laos/")
assert m["appointments"] and m["appointments"][0]["to"] is None
for a in m["appointments"]:
    assert a["from_text"] == be(a["from"]) and (a["to"] is None or a["to_text"] == be(a["to"])), a
for s in m["salaries"]:
    assert s["date_text"] == be(s["date"]) and s["salary_text"].endswith(f"{s['salary_satang'] % 100:02d}"), s
assert m["salaries"] and m["salaries"][-1]["change_text"]
PY
    page=$(curl -fsS -b "$jar" "$base$person_href")
    grep -q 'xxxxx-xx' <<<"$page" || fail "person page does not mask the ID"
    grep -q "$(jq_py "$person" 'm["person"]["birth_date_text"]')" <<<"$page" || fail "person page lacks the BE birth date"
    grep -q 'class="timeline"' <<<"$page" || fail "person page lacks the career timeline"
    # In English: Common Era dates.
    en=$workdir/person_en.json
    curl -fsS -b "$jar" -b "lang=en" -o "$en" "$base/api/v1$person_href" || fail "English person"
    python3 - "$en" <<'PY' || fail "English person model"
import json, sys
p = json.load(open(sys.argv[1]))["person"]
y, mo, d = map(int, p["birth_date"].split("-"))
months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
assert p["birth_date_text"] == f"{d} {months[mo - 1]} {y}", p["birth_date_text"]
assert p["gender_text"] in ("Male", "Female"), p["gender_text"]
PY
    page=$(curl -fsS -b "$jar" -b "lang=en" "$base/laos") || fail "English directory page"
    grep -q '<html lang="en"' <<<"$page" || fail "English directory page"

    # Sign-out needs the session's CSRF token, ends the session and clears the cookie.
    old=$(session_of "$jar")
    code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' --data "" "$base/signout")
    [ "$code" = 403 ] || fail "sign-out without CSRF token gave $code"
    token=$(curl -fsS -b "$jar" "$base/laos" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
    curl -s -b "$jar" -c "$jar" -o /dev/null -D "$workdir/h" --data "_csrf=$token" "$base/signout"
    grep -qi '^location: /signin' "$workdir/h" || fail "sign-out does not go to the sign-in page"
    grep -qi '^set-cookie: tambon_session=; Path=/; Max-Age=0' "$workdir/h" || fail "sign-out leaves the cookie"
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "tambon_session=$old" "$base/api/v1/laos")
    [ "$code" = 401 ] || fail "the session still works after sign-out ($code)"

    # The LAO's personnel officer sees whole national IDs of the LAO's people.
    signin hr "$PASSWORD" "$jar" /
    [ "$code" = 303 ] && grep -qi '^location: /$' "$workdir/signin.h" || fail "hr sign-in"
    hr_home=$(get_api "$jar" "")
    hr_lao=$(jq_py "$(get_api "$jar" "/laos")" 'm["laos"][0]["id"]')
    [ "$(jq_py "$(get_api "$jar" "/laos")" 'm["total"]')" = 1 ] || fail "hr lists more than their LAO"
    hr_lao_json=$(get_api "$jar" "/laos/$hr_lao")
    [ "$(jq_py "$hr_home" 'm["scope_text"]')" = "$(jq_py "$hr_lao_json" 'm["lao"]["name"]')" ] || fail "hr scope text"
    someone=$(jq_py "$hr_lao_json" '[p["holder_href"] for p in m["positions"] if p["holder_href"]][0]')
    nid=$(jq_py "$(get_api "$jar" "$someone")" 'm["person"]["national_id_text"]')
    [[ $nid =~ ^[0-9]-[0-9]{4}-[0-9]{5}-[0-9]{2}-[0-9]$ ]] || fail "hr sees a masked ID: $nid"

    # Two sessions of one user; sign-out everywhere from one ends both.
    jar2=$workdir/jar2
    signin hr "$PASSWORD" "$jar2" /
    get_api "$jar2" "/laos" >/dev/null
    token=$(curl -fsS -b "$jar" "$base/laos" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
    curl -s -b "$jar" -o /dev/null -D "$workdir/h" --data "_csrf=$token" "$base/signout-everywhere"
    grep -qi '^location: /signin' "$workdir/h" || fail "sign-out everywhere"
    for j in "$jar" "$jar2"; do
        code=$(curl -s -b "$j" -o /dev/null -w '%{http_code}' "$base/api/v1/laos")
        [ "$code" = 401 ] || fail "a session survived sign-out everywhere ($code)"
    done

    # The employee has no dashboard and lands on their own record, with their whole ID.
    signin employee "$PASSWORD" "$jar" /
    grep -qi '^location: /me' "$workdir/signin.h" || fail "employee did not land on /me"
    me=$(get_api "$jar" "/me")
    check_schema Person "$me"
    python3 - "$me" <<'PY' || fail "employee's own record"
import json, re, sys
m = json.load(open(sys.argv[1]))
assert re.fullmatch(r"\d-\d{4}-\d{5}-\d{2}-\d", m["person"]["national_id_text"]), m["person"]["national_id_text"]
assert m["current"] is not None and m["current"]["lao_href"] is None, m["current"]
PY
    page=$(curl -fsS -b "$jar" "$base/me") || fail "me page"
    grep -q 'ข้อมูลของฉัน' <<<"$page" || fail "me page"
    code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$base/api/v1")
    [ "$code" = 403 ] || fail "employee opened the dashboard ($code)"

    # Throttling: after five wrong passwords even the right one is refused for a while.
    for i in 1 2 3 4 5; do
        signin exec "wrong-password-$i" "$jar" /
        [ "$code" = 401 ] || fail "wrong password $i gave $code"
    done
    signin exec "$PASSWORD" "$jar" /
    [ "$code" = 429 ] || fail "locked-out sign-in gave $code"
    grep -q 'เข้าสู่ระบบไม่สำเร็จหลายครั้ง' "$workdir/signin.html" || fail "no lockout message"
    grep -Eq '(1[0-5]|[1-9]) (นาที|unit_minutes)' "$workdir/signin.html" || fail "lockout message gives no minutes"
    grep -qi '^set-cookie: tambon_session' "$workdir/signin.h" && fail "a locked-out sign-in got a session"

    # The audit trail holds the sign-ins, the failures and the sign-outs.
    actions=$(audit_actions "$db")
    for want in "login province" "login_failed anonymous" "logout province" "logout_all hr" "login employee"; do
        grep -qx "$want" <<<"$actions" || fail "audit trail lacks '$want': $actions"
    done

    kill -TERM "$server_pid"
    wait "$server_pid" || fail "server exit status"
    server_pid=
}

db="$workdir/t.db"
"$bin" demo --db "$db" --scale province --province 50 --seed 3 >"$workdir/demo.out" || fail "demo"
grep -q "$PASSWORD" "$workdir/demo.out" || fail "demo does not print the demo password"
run_suite "$db"
echo "test_pages: sqlite ok"

if [ -n "${TAMBON_TEST_PG:-}" ] && command -v psql >/dev/null; then
    pgdb="tambon_pages_$$"
    psql -qAt "$TAMBON_TEST_PG" -c "CREATE DATABASE $pgdb TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'" \
        >/dev/null || fail "create database"
    url="${TAMBON_TEST_PG%/*}/$pgdb"
    "$bin" demo --db "$url" --scale province --province 50 --seed 3 >/dev/null || fail "demo on PostgreSQL"
    run_suite "$url"
    echo "test_pages: postgres ok"
else
    echo "test_pages: postgres skipped (set TAMBON_TEST_PG)"
fi
