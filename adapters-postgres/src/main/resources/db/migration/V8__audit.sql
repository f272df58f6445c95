-- The audit trail: who did what, when, with what outcome. Appended only; never holds request bodies or secrets.
CREATE TABLE audit_entries (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL,
    actor    TEXT        NOT NULL,
    action   TEXT        NOT NULL,
    target   TEXT        NOT NULL DEFAULT '',
    outcome  TEXT        NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'denied')),
    details  JSONB       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_entries_at_idx ON audit_entries (at);
CREATE INDEX audit_entries_actor_idx ON audit_entries (actor, id);
CREATE INDEX audit_entries_action_idx ON audit_entries (action, id);
