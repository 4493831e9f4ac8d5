-- Identity and access: user accounts, roles granted with a scope, browser sessions, login throttling
-- counters and API tokens. SQLite dialect. docs/SECURITY.md explains the choices.
--
-- Times are whole seconds since the Unix epoch (UTC) in *_at columns: expiry is a comparison of two
-- integers, the same on both stores, with no time zone to get wrong.
-- Secrets are never stored: a session or API token is kept as the hex SHA-256 of the token, a password
-- as its argon2id hash string.

CREATE TABLE app_user (
    id                  INTEGER PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE
                        CHECK (length(username) BETWEEN 1 AND 64 AND username NOT GLOB '*[^a-z0-9._-]*'
                               AND substr(username, 1, 1) GLOB '[a-z0-9]'),
    display_name        TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    password_hash       TEXT NOT NULL CHECK (password_hash GLOB '$argon2*'),
    person_id           INTEGER REFERENCES person (id),
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at          INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL
) STRICT;
-- One account per person: self-service pages find the account of an employee and back.
CREATE UNIQUE INDEX app_user_person ON app_user (person_id) WHERE person_id IS NOT NULL;

-- A role held over a scope. The scope text ('self', 'lao:<id>', 'province:<code>', 'nation') is
-- repeated as lao_id / province_code so that foreign keys hold the LAO or province to exist, and the
-- role decides which kind of scope it takes.
CREATE TABLE role_grant (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('employee', 'lao_hr', 'lao_exec', 'province_officer',
                                                'nation_officer', 'admin')),
    scope         TEXT NOT NULL,
    lao_id        INTEGER REFERENCES lao (id),
    province_code TEXT REFERENCES province (code),
    granted_at    INTEGER NOT NULL,
    granted_by    INTEGER REFERENCES app_user (id) ON DELETE SET NULL,
    UNIQUE (user_id, role, scope),
    CHECK ((scope IN ('self', 'nation') AND lao_id IS NULL AND province_code IS NULL)
           OR (lao_id IS NOT NULL AND province_code IS NULL AND scope = 'lao:' || lao_id)
           OR (province_code IS NOT NULL AND lao_id IS NULL AND scope = 'province:' || province_code)),
    CHECK ((role = 'employee' AND scope = 'self')
           OR (role IN ('lao_hr', 'lao_exec') AND lao_id IS NOT NULL)
           OR (role = 'province_officer' AND province_code IS NOT NULL)
           OR (role IN ('nation_officer', 'admin') AND scope = 'nation'))
) STRICT;
CREATE INDEX role_grant_lao ON role_grant (lao_id);
CREATE INDEX role_grant_province ON role_grant (province_code);

-- Browser sessions. id_hash is the hex SHA-256 of the random token held by the browser's cookie.
CREATE TABLE session (
    id_hash      TEXT PRIMARY KEY CHECK (length(id_hash) = 64 AND id_hash NOT GLOB '*[^0-9a-f]*'),
    user_id      INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    csrf_secret  TEXT NOT NULL CHECK (length(csrf_secret) = 64 AND csrf_secret NOT GLOB '*[^0-9a-f]*'),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    ip           TEXT,
    user_agent   TEXT
) STRICT;
CREATE INDEX session_by_user ON session (user_id);
CREATE INDEX session_expires ON session (expires_at);

-- Fixed-window counters (failed logins per user name and per address), shared by every process.
CREATE TABLE rate_limit (
    key          TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL CHECK (count >= 0)
) STRICT;

-- Tokens for programs calling the API. token_hash is the hex SHA-256 of the whole token ("tbn_...").
CREATE TABLE api_token (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    last_used_at INTEGER,
    UNIQUE (user_id, name)
) STRICT;
