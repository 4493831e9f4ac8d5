-- The audit trail: one row per change, each linked to the row before it by hash. PostgreSQL dialect.
-- docs/AUDIT.md describes the format; src/modules/audit/audit.h the hashing.
--
-- Rows are hashed as the database returns them, so every column is stored as written: the time is text
-- ('YYYY-MM-DDTHH:MM:SS.ffffffZ', UTC, the same text on both stores; not timestamptz, whose output
-- depends on session settings), before/after are canonical JSON text (not jsonb, which reorders keys).
-- There are no foreign keys on purpose: an entry outlives the user, LAO or record it names, and a
-- cascade (ON DELETE SET NULL) would edit entries and break the chain.
-- Ids are given by the writer (the previous id + 1, under an advisory lock), not by a sequence.

CREATE TABLE audit_log (
    id            bigint PRIMARY KEY,
    at            text NOT NULL CHECK (at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z$'),
    actor_user_id bigint CHECK (actor_user_id > 0),
    actor         text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    lao_id        bigint CHECK (lao_id > 0),
    entity        text NOT NULL CHECK (length(entity) BETWEEN 1 AND 64),
    entity_id     text CHECK (length(entity_id) BETWEEN 1 AND 200),
    action        text NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
    before        text,
    after         text,
    request_id    text CHECK (length(request_id) BETWEEN 1 AND 128),
    -- UNIQUE: two entries can never claim the same predecessor, so the chain cannot fork.
    prev_hash     text NOT NULL UNIQUE CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash          text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);
-- The history of one record, and what an LAO's officers may read.
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_lao ON audit_log (lao_id, id) WHERE lao_id IS NOT NULL;

-- Append-only: the application never edits, removes or truncates entries. (A role that owns the table
-- can drop these triggers; verification is what shows that it did. In production the application's
-- role should also lack UPDATE, DELETE and TRUNCATE on audit_log.)
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
