#!/usr/bin/env bash
# tambon user: accounts, passwords (from standard input and from a terminal), roles over scopes, API
# tokens, listing; refusals with their messages and exit codes (1 failure, 2 usage). Runs on SQLite,
# and also on PostgreSQL (in a schema of its own) when TAMBON_TEST_PG is set.
set -euo pipefail
bin=$(realpath "$1")
dir=$(mktemp -d)
pg_schema=""
cleanup() {
    if [ -n "$pg_schema" ]; then psql -q "$TAMBON_TEST_PG" -c "DROP SCHEMA IF EXISTS $pg_schema CASCADE" >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A valid national ID from 12 digits (the check digit of the Thai rule).
natid() {
    local d=$1 sum=0 i
    for i in $(seq 0 11); do sum=$((sum + ${d:$i:1} * (13 - i))); done
    echo "$d$(((11 - sum % 11) % 10))"
}

# expect RC PATTERN command...: runs the command (stdin from $input), checks exit status and that
# stdout+stderr match PATTERN.
input=/dev/null
expect() {
    local want=$1 pattern=$2
    shift 2
    local out rc
    set +e
    out=$("$@" <"$input" 2>&1)
    rc=$?
    set -e
    [ "$rc" -eq "$want" ] || fail "$*: exit $rc, want $want: $out"
    grep -q -- "$pattern" <<<"$out" || fail "$*: output lacks '$pattern': $out"
}

run_suite() {
    local db=$1 sql=$2 # sql: a command reading SQL on stdin and printing bare values
    local nid lao province pw="$dir/pw"
    # People and an LAO from the demo generator (one LAO), since names need the Thai collation.
    TAMBON_QUIET=1 "$bin" demo --scale lao --db "$db" >/dev/null || fail "demo"
    nid=$("$sql" <<<"SELECT min(national_id) FROM person;")
    lao=$("$sql" <<<"SELECT min(id) FROM lao;")
    province=$("$sql" <<<"SELECT province_code FROM lao WHERE id = $lao;")
    [ ${#nid} -eq 13 ] && [ -n "$lao" ] || fail "demo data: '$nid' '$lao'"
    # The demo's own accounts are audited too: only what this test does counts below.
    local audit_from
    audit_from=$("$sql" <<<"SELECT coalesce(max(id), 0) FROM audit_log;")

    # add: from standard input; the policy in Thai and English; duplicates; no terminal, no flag.
    printf 'correct horse battery\n' >"$pw"; input=$pw
    expect 0 "เพิ่มผู้ใช้ somchai แล้ว" "$bin" user add SomChai --name "สมชาย ใจดี" --password-stdin --db "$db"
    expect 1 "มีผู้ใช้ชื่อ" "$bin" user add somchai --password-stdin --db "$db"
    printf 'short\n' >"$pw"
    expect 1 "รหัสผ่านสั้นเกินไป.*at least 10 characters" "$bin" user add somsri --password-stdin --db "$db"
    printf 'somsri.k.p\n' >"$pw"
    expect 1 "must not be the user name" "$bin" user add somsri.k.p --password-stdin --db "$db"
    printf '' >"$pw"
    expect 1 "cannot read the password" "$bin" user add somsri --password-stdin --db "$db"
    input=/dev/null
    expect 2 "use --password-stdin" "$bin" user add somsri --db "$db"
    expect 1 "a user name is a-z" "$bin" user add "สมศรี" --password-stdin --db "$db"

    # add --person: typed with dashes; a wrong check digit; nobody with that ID.
    printf 'another good password\n' >"$pw"; input=$pw
    local dashed="${nid:0:1}-${nid:1:4}-${nid:5:5}-${nid:10:2}-${nid:12:1}"
    expect 0 "เพิ่มผู้ใช้ emp" "$bin" user add emp --person "$dashed" --password-stdin --db "$db"
    expect 1 "invalid national ID" "$bin" user add emp2 --person "${nid:0:12}$(((${nid:12:1} + 1) % 10))" --password-stdin --db "$db"
    local unknown
    unknown=$(natid 110170000001)
    [ "$("$sql" <<<"SELECT count(*) FROM person WHERE national_id = '$unknown';")" = 0 ] || fail "unknown ID exists"
    expect 1 "no person with this national ID" "$bin" user add emp2 --person "$unknown" --password-stdin --db "$db"
    expect 1 "has an account already" "$bin" user add emp2 --person "$nid" --password-stdin --db "$db"
    input=/dev/null

    # grant and revoke, with the reasons for refusals.
    expect 0 "role granted" "$bin" user grant somchai lao_hr "lao:$lao" --db "$db"
    expect 1 "holds this role over this scope already" "$bin" user grant somchai lao_hr "lao:$lao" --db "$db"
    expect 1 "another kind of scope" "$bin" user grant somchai lao_hr "province:$province" --db "$db"
    expect 1 "no LAO with this id" "$bin" user grant somchai lao_exec lao:999999 --db "$db"
    expect 1 "no province with this code" "$bin" user grant somchai province_officer province:99 --db "$db"
    expect 0 "role granted" "$bin" user grant somchai province_officer "province:$province" --db "$db"
    expect 1 "unknown role" "$bin" user grant somchai root nation --db "$db"
    expect 1 "malformed scope" "$bin" user grant somchai admin "nation;" --db "$db"
    expect 1 "not linked to a person" "$bin" user grant somchai employee self --db "$db"
    expect 0 "role granted" "$bin" user grant emp employee self --db "$db"
    expect 1 "no such user" "$bin" user grant nobody admin nation --db "$db"
    expect 0 "role revoked" "$bin" user revoke somchai province_officer "province:$province" --db "$db"
    expect 1 "does not hold this role" "$bin" user revoke somchai province_officer "province:$province" --db "$db"

    # list: text and JSON.
    expect 0 "somchai.*สมชาย ใจดี" "$bin" user list --db "$db"
    local json
    json=$("$bin" user list --json --db "$db")
    python3 -c 'import json, sys; d = json.load(sys.stdin); names = [u["username"] for u in d["users"]]; assert names == sorted(names) and {"emp", "somchai"} <= set(names), d; assert [g["role"] for u in d["users"] if u["username"] == "somchai" for g in u["grants"]] == ["lao_hr"], d' <<<"$json" ||
        fail "list --json: $json"
    grep -q "\"grants\":\[{\"role\":\"lao_hr\",\"scope\":\"lao:$lao\"}\]" <<<"$json" || fail "grants in JSON: $json"
    grep -q '"person_id":null' <<<"$json" || fail "person_id null: $json"
    grep -q "$nid" <<<"$json" && fail "list prints national IDs: $json"

    # passwd ends the user's sessions.
    local uid
    uid=$("$sql" <<<"SELECT id FROM app_user WHERE username = 'somchai';")
    "$sql" <<<"INSERT INTO session (id_hash, user_id, csrf_secret, created_at, last_seen_at, expires_at)
               VALUES ('$(printf 'a%.0s' $(seq 64))', $uid, '$(printf 'b%.0s' $(seq 64))', 1, 1, 4102444800);" >/dev/null
    printf 'a brand new password\n' >"$pw"; input=$pw
    expect 0 "1 sessions ended" "$bin" user passwd somchai --password-stdin --db "$db"
    [ "$("$sql" <<<"SELECT count(*) FROM session;")" = 0 ] || fail "passwd left sessions"
    input=/dev/null
    expect 2 "use --password-stdin" "$bin" user passwd somchai --db "$db"

    # token: printed once on stdout, stored only as its SHA-256.
    local token hash
    token=$("$bin" user token somchai "รายงาน" --days 30 --db "$db" 2>"$dir/err") || fail "token: $(cat "$dir/err")"
    [[ "$token" =~ ^tbn_[A-Za-z0-9_-]{43}$ ]] || fail "token form: $token"
    grep -q "will not be shown again" "$dir/err" || fail "token warning: $(cat "$dir/err")"
    hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
    [ "$("$sql" <<<"SELECT count(*) FROM api_token WHERE token_hash = '$hash' AND expires_at IS NOT NULL;")" = 1 ] ||
        fail "token hash not stored"
    [ "$("$sql" <<<"SELECT count(*) FROM api_token WHERE token_hash = '$token';")" = 0 ] || fail "token stored"
    expect 1 "has a token of this name" "$bin" user token somchai "รายงาน" --db "$db"
    expect 2 "1 to 3650" "$bin" user token somchai other --days 0 --db "$db"

    # unlock clears a lockout of the name.
    "$sql" <<<"INSERT INTO rate_limit (key, window_start, count) VALUES ('login_user:somchai', 1, 5);" >/dev/null
    expect 0 "lockout cleared" "$bin" user unlock SomChai --db "$db"
    [ "$("$sql" <<<"SELECT count(*) FROM rate_limit;")" = 0 ] || fail "unlock left the count"
    expect 1 "no such user" "$bin" user unlock nobody --db "$db"

    # disable and enable.
    expect 0 "account disabled" "$bin" user disable emp --db "$db"
    expect 0 "ระงับ disabled" "$bin" user list --db "$db"
    expect 0 "account enabled" "$bin" user enable emp --db "$db"

    # Every change above is in the audit trail, and no secret is.
    local audit
    audit=$("$sql" <<<"SELECT entity || ' ' || action || ' ' || count(*) FROM audit_log WHERE id > $audit_from
                       GROUP BY entity, action ORDER BY entity, action;")
    [ "$audit" = "$(printf '%s\n' 'api_token create 1' 'app_user create 2' 'app_user password_change 1' \
                     'app_user unlock 1' 'app_user update 2' 'role_grant create 3' 'role_grant delete 1')" ] ||
        fail "audit entries: $audit"
    [ "$("$sql" <<<"SELECT count(*) FROM audit_log WHERE id > $audit_from AND actor LIKE 'cli:%' AND actor_user_id IS NULL;")" = 11 ] ||
        fail "audit actor"
    [ "$("$sql" <<<"SELECT count(*) FROM audit_log WHERE id > $audit_from AND entity = 'role_grant' AND lao_id = $lao;")" = 1 ] ||
        fail "audit lao_id of the LAO grant"
    [ "$("$sql" <<<"SELECT count(*) FROM audit_log WHERE after LIKE '%argon2%' OR after LIKE '%tbn_%'
                    OR after LIKE '%$hash%' OR before LIKE '%argon2%';")" = 0 ] || fail "a secret in the audit trail"
}

TAMBON_QUIET=1 "$bin" init --db "$dir/t.db" >/dev/null || fail "init"
sqlite_sql() { sqlite3 -batch "$dir/t.db"; }
run_suite "$dir/t.db" sqlite_sql

# Passwords typed at a terminal: twice, and they must match.
if command -v script >/dev/null; then
    printf 'typed at a terminal\ntyped at a terminal\n' >"$dir/tty"
    out=$(script -qec "'$bin' user add ttyuser --db '$dir/t.db'" /dev/null <"$dir/tty" 2>&1) || fail "tty add: $out"
    grep -q "พิมพ์รหัสผ่านอีกครั้ง" <<<"$out" || fail "no second prompt: $out"
    grep -q "เพิ่มผู้ใช้ ttyuser แล้ว" <<<"$out" || fail "tty add: $out"
    printf 'typed at a terminal\ntyped at a terminal!\n' >"$dir/tty"
    set +e
    out=$(script -qec "'$bin' user add ttyuser2 --db '$dir/t.db'" /dev/null <"$dir/tty" 2>&1); rc=$?
    set -e
    [ $rc -eq 1 ] || fail "tty mismatch: exit $rc: $out"
    grep -q "do not match" <<<"$out" || fail "tty mismatch message: $out"
else
    fail "script(1) from util-linux is needed to test terminal prompts"
fi

# Usage errors.
input=/dev/null
expect 2 "unknown sub-command" "$bin" user frobnicate
expect 2 "usage" "$bin" user
expect 2 "needs 3 arguments" "$bin" user grant somchai admin --db "$dir/t.db"
expect 2 "goes with list" "$bin" user add x --json --db "$dir/t.db"
expect 2 "unknown option" "$bin" user list --bogus --db "$dir/t.db"
expect 2 "go with add" "$bin" user grant somchai admin nation --name x --db "$dir/t.db"
expect 0 "tambon user add" "$bin" user --help
expect 0 "user" "$bin" help

if [ -n "${TAMBON_TEST_PG:-}" ]; then
    pg_schema="test_cli_user_$$"
    psql -q "$TAMBON_TEST_PG" -c "CREATE SCHEMA $pg_schema" >/dev/null || fail "create schema"
    case "$TAMBON_TEST_PG" in *\?*) pg_url="$TAMBON_TEST_PG&options=-csearch_path%3D$pg_schema" ;;
                              *) pg_url="$TAMBON_TEST_PG?options=-csearch_path%3D$pg_schema" ;; esac
    TAMBON_QUIET=1 "$bin" init --db "$pg_url" >/dev/null || fail "init on postgres"
    pg_sql() { psql -qAt "$pg_url"; }
    run_suite "$pg_url" pg_sql
    echo "test_user: postgres ok"
else
    echo "test_user: postgres skipped (set TAMBON_TEST_PG)"
fi
echo "test_user: ok"
