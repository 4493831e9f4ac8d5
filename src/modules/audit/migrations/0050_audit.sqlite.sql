-- The audit trail: one row per change, each linked to the row before it by hash. SQLite dialect.
-- docs/AUDIT.md describes the format; src/modules/audit/audit.h the hashing.
--
-- Rows are hashed as the database returns them, so every column is stored as written: the time is text
-- ('YYYY-MM-DDTHH:MM:SS.ffffffZ', UTC, the same text on both stores), before/after are canonical JSON
-- text. There are no foreign keys on purpose: an entry outlives the user, LAO or record it names, and a
-- cascade (ON DELETE SET NULL) would edit entries and break the chain.
-- Ids are given by the writer (the previous id + 1, under the write lock), not by the database.

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL CHECK (length(at) = 27 AND at GLOB
                  '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    actor_user_id INTEGER CHECK (actor_user_id > 0),
    actor         TEXT NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    lao_id        INTEGER CHECK (lao_id > 0),
    entity        TEXT NOT NULL CHECK (length(entity) BETWEEN 1 AND 64),
    entity_id     TEXT CHECK (length(entity_id) BETWEEN 1 AND 200),
    action        TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
    before        TEXT,
    after         TEXT,
    request_id    TEXT CHECK (length(request_id) BETWEEN 1 AND 128),
    -- UNIQUE: two entries can never claim the same predecessor, so the chain cannot fork.
    prev_hash     TEXT NOT NULL UNIQUE CHECK (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'),
    hash          TEXT NOT NULL UNIQUE CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*')
) STRICT;
-- The history of one record, and what an LAO's officers may read.
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_lao ON audit_log (lao_id, id) WHERE lao_id IS NOT NULL;

-- Append-only: the application never edits or removes an entry. (Someone who can change the schema
-- can drop these triggers; verification is what shows that they did.)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
