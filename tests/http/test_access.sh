#!/usr/bin/env bash
# The access matrix, generated from the route table: every operation the OpenAPI document lists
# (which the server builds from web/routes.c) is called by every demo role and by an anonymous caller,
# and each answer is checked against the expectations below: allowed (200, and the data limited to the
# caller's scope), denied (401 signed out, 403 signed in) or not found (404, only for callers whose
# reach is nation-wide, so that ids cannot be probed). An operation without an entry here fails the
# test, and so does an entry whose operation is gone: a new route cannot ship without saying who may
# call it.
#
# Callers use API tokens (`tambon user token`): the demo accounts of a Chiang Mai province demo, plus
# "outsider", a provincial officer of Phitsanulok (65), where this database has no LAO.
bin=$(realpath "$1")
. "$(dirname "$0")/lib.sh"
export TAMBON_TODAY=2026-11-24 TAMBON_QUIET=1

db="$workdir/t.db"
"$bin" demo --db "$db" --scale province --province 50 --seed 3 >/dev/null || fail "demo"
echo "outsider-password-1" | "$bin" user add outsider --password-stdin --db "$db" >/dev/null || fail "add outsider"
"$bin" user grant outsider province_officer province:65 --db "$db" >/dev/null || fail "grant outsider"
echo "{" >"$workdir/tokens.json"
sep=""
for u in admin nation province hr exec employee outsider; do
    tok=$("$bin" user token "$u" access-test --db "$db" 2>/dev/null) || fail "token for $u"
    printf '%s"%s": "%s"' "$sep" "$u" "$tok" >>"$workdir/tokens.json"
    sep=", "
done
echo "}" >>"$workdir/tokens.json"
"$bin" user list --json --db "$db" >"$workdir/users.json" || fail "user list"
start_server "$db"

python3 - "$base" "$workdir/tokens.json" "$workdir/users.json" "$db" <<'PY' || fail "access matrix"
import json, re, sqlite3, sys, urllib.error, urllib.request

base, tokens, users, db = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3])), sys.argv[4]
ROLES = ["anonymous", "admin", "nation", "province", "hr", "exec", "employee", "outsider"]

def call(method, path, role):
    """(status, JSON body) of an API call as role."""
    # "/" is the API's root, /api/v1 itself ("/api/v1/" with a trailing slash is not routed).
    url = base + "/api/v1" + ("" if path == "/" else path)
    req = urllib.request.Request(url, method=method)
    if role != "anonymous":
        req.add_header("Authorization", "Bearer " + tokens[role])
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")

# Facts of this database that the expectations refer to.
grants = {u["username"]: u for u in users["users"]}
hr_lao = int(grants["hr"]["grants"][0]["scope"].split(":")[1])
employee_person = grants["employee"]["person_id"]
all_laos = sqlite3.connect(db).execute("SELECT count(*) FROM lao").fetchone()[0]
_, first = call("GET", "/laos", "admin")
other_lao = next(l["id"] for l in first["laos"] if l["id"] != hr_lao)
def holders(lao_id):
    _, m = call("GET", f"/laos/{lao_id}", "admin")
    return [int(p["holder_href"].split("/")[-1]) for p in m["positions"] if p["holder_href"]]
colleague = next(p for p in holders(hr_lao) if p != employee_person)
stranger = holders(other_lao)[0]
MISSING = 99999999
assert employee_person in holders(hr_lao), "the demo employee does not work in the hr officer's LAO"

FULL = re.compile(r"\d-\d{4}-\d{5}-\d{2}-\d")
MASKED = re.compile(r"\d-\d{4}-xxxxx-xx-\d")
NATION = ["admin", "nation"]
LAO = ["hr", "exec"]

def status_for(role, allowed, missing=False):
    """The status a role gets: 200 when allowed, 401 signed out, else 403 (404 for a missing record
    when the role's reach is nation-wide)."""
    if role == "anonymous":
        return 401
    if missing:
        return 404 if role in NATION else 403
    return 200 if allowed else 403

def home(role):
    def check(m):
        c = m["counts"]
        if role in NATION + ["province"]:
            assert c["laos"] == all_laos, c
            assert m["scope_text"] == ("ทั้งประเทศ" if role in NATION else "จังหวัดเชียงใหม่"), m["scope_text"]
        elif role in LAO:
            assert c["laos"] == 1 and 0 < c["people"] < 2000, c
        else:
            assert c == {"laos": 0, "positions": 0, "vacant": 0, "frozen": 0, "people": 0}, c
    return [("/", status_for(role, role != "employee"), check)]

def laos(role):
    def check(m):
        ids = [l["id"] for l in m["laos"]]
        if role in NATION + ["province"]:
            assert m["total"] == all_laos and all(l["province_name"] == "เชียงใหม่" for l in m["laos"]), m["total"]
        elif role in LAO:
            assert m["total"] == 1 and ids == [hr_lao], (m["total"], ids)
        else:
            assert m["total"] == 0 and ids == [] and m["provinces"] == [], m
    def none(m):
        assert m["total"] == 0 and m["laos"] == [], m["total"]
    ok = role != "employee"
    return [("/laos", status_for(role, ok), check), ("/laos?province=65", status_for(role, ok), none),
            ("/laos?province=50&type=sao", status_for(role, ok), None)]

def lao(role):
    sees_other = role in NATION + ["province"]
    official = role not in ("employee", "outsider")
    return [(f"/laos/{hr_lao}", status_for(role, official), lambda m: m["lao"]["id"] == hr_lao),
            (f"/laos/{other_lao}", status_for(role, sees_other), None),
            (f"/laos/{MISSING}", status_for(role, False, missing=True), None)]

def person(role):
    official = role not in ("employee", "outsider")
    def nid(m):
        text = m["person"]["national_id_text"]
        assert (FULL if role == "hr" else MASKED).fullmatch(text), (role, text)
    return [(f"/people/{colleague}", status_for(role, official), nid),
            (f"/people/{employee_person}", status_for(role, official), nid),
            (f"/people/{stranger}", status_for(role, role in NATION + ["province"]), nid),
            (f"/people/{MISSING}", status_for(role, False, missing=True), None)]

def me(role):
    def own(m):
        assert m["person"]["id"] == employee_person and FULL.fullmatch(m["person"]["national_id_text"]), m["person"]
    return [("/me", status_for(role, role == "employee"), own)]

def public(path, check=None):
    return lambda role: [(path, 200, check)]

# Every API operation and who may call it. Adding a route means adding its line here.
EXPECT = {
    "GET /health": public("/health", lambda m: m["status"] == "ok"),
    "GET /openapi.json": public("/openapi.json", lambda m: m["openapi"].startswith("3.1")),
    "GET /public/vacancies": public("/public/vacancies?province=50", lambda m: m["province"]["code"] == "50"),
    "GET /": home,
    "GET /laos": laos,
    "GET /laos/{id}": lao,
    "GET /people/{id}": person,
    "GET /me": me,
}

_, doc = call("GET", "/openapi.json", "anonymous")
ops = {f"{method.upper()} {path}" for path, item in doc["paths"].items() for method in item}
missing = sorted(ops - set(EXPECT))
stale = sorted(set(EXPECT) - ops)
assert not missing, f"routes without access expectations: {missing}"
assert not stale, f"expectations for routes that do not exist: {stale}"

failures, calls = [], 0
for op in sorted(ops):
    method = op.split()[0]
    for role in ROLES:
        for path, want, check in EXPECT[op](role):
            status, body = call(method, path, role)
            calls += 1
            if status != want:
                failures.append(f"{role} {method} {path}: {status}, want {want}")
                continue
            if status == 200 and check:
                try:
                    ok = check(body)
                    assert ok is None or ok, "check returned false"
                except AssertionError as e:
                    failures.append(f"{role} {method} {path}: {e}")
            elif status != 200:
                if not (isinstance(body, dict) and body.get("status") == status):
                    failures.append(f"{role} {method} {path}: {status} without a problem body")
for f in failures:
    print("  " + f, file=sys.stderr)
assert not failures, f"{len(failures)} of {calls} calls answered otherwise than expected"
print(f"access matrix: {len(ops)} operations, {len(ROLES)} callers, {calls} calls")
PY
echo "test_access: ok"
