-- Inquiries (core.ask): the question an execution asks a person while it waits in 'pending', and the answer. One per
-- asking execution; its answer, its timeout and the cancel of its execution each lock its row and compare-and-set its
-- status, so exactly one of them ends it.

-- V2 sketched an inquiries table that no version ever wrote (prompt, assignees): replaced by the one core.ask fills.
DROP TABLE inquiries;
CREATE TABLE inquiries (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    execution_id BIGINT      NOT NULL UNIQUE REFERENCES executions (id) ON DELETE CASCADE,
    -- the workflow the asking execution is a task of
    parent_id    BIGINT,
    status       TEXT        NOT NULL CHECK (status IN ('pending', 'responded', 'timeout', 'canceled')),
    schema       JSONB       NOT NULL CHECK (jsonb_typeof(schema) = 'object'),
    route        TEXT        NOT NULL DEFAULT '',
    users        TEXT[]      NOT NULL DEFAULT '{}',
    roles        TEXT[]      NOT NULL DEFAULT '{}',
    -- minutes; 0: never times out (then expires_at is NULL)
    ttl_minutes  DOUBLE PRECISION NOT NULL CHECK (ttl_minutes >= 0),
    expires_at   timestamptz CHECK ((expires_at IS NULL) = (ttl_minutes = 0)),
    -- the answer as stored: fields the schema marks secret are sealed
    response     JSONB       CHECK (jsonb_typeof(response) = 'object'),
    responded_by TEXT,
    responded_at timestamptz,
    created_at   timestamptz NOT NULL,
    CHECK ((status = 'responded') = (response IS NOT NULL)
        AND (response IS NULL) = (responded_by IS NULL) AND (response IS NULL) = (responded_at IS NULL))
);
-- the timeout sweep: pending inquiries by expiry, taken FOR UPDATE SKIP LOCKED
CREATE INDEX inquiries_due_idx ON inquiries (expires_at, id) WHERE status = 'pending' AND expires_at IS NOT NULL;
-- lists: newest first, by status
CREATE INDEX inquiries_status_idx ON inquiries (status, id DESC);

-- core.ask's runner: the inquirer
ALTER TABLE actions DROP CONSTRAINT actions_runner_check;
ALTER TABLE actions ADD CONSTRAINT actions_runner_check
    CHECK (runner IN ('internal', 'shell', 'python', 'node', 'http', 'workflow', 'inquirer'));
