-- Lag you can see (issue 14 §5): an event awaits the rules stage from its insert until the rules consumer has handled
-- it (matched or not). Rows that exist before this migration count as handled (the constant default is stored once in
-- the catalog, no table rewrite); new rows then default to awaiting. The partial index holds only the backlog, so the
-- lag sampler's count and oldest age stay cheap however large the table is.
ALTER TABLE events ADD COLUMN awaiting_rules BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE events ALTER COLUMN awaiting_rules SET DEFAULT true;
CREATE INDEX events_awaiting_rules_idx ON events (created_at) WHERE awaiting_rules;

-- Dead letters an operator can see (issue 14 §6): each message a consumer gave up on, written by the executors'
-- dead-letter consumer, listed by GET /api/v1/dead-letters and put back on its queue by a replay. delivery_key is
-- unique per dead-lettering, so a redelivered dead letter is stored once. body is the message exactly as delivered.
CREATE TABLE dead_letters (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_key TEXT        NOT NULL UNIQUE,
    queue        TEXT        NOT NULL,
    routing_key  TEXT,
    message_id   TEXT,
    type         TEXT,
    execution_id BIGINT,
    event_id     BIGINT,
    error        TEXT        NOT NULL,
    attempts     INTEGER     NOT NULL CHECK (attempts >= 0),
    body         BYTEA       NOT NULL,
    failed_at    timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    replays      INTEGER     NOT NULL DEFAULT 0 CHECK (replays >= 0),
    replayed_at  timestamptz,
    replayed_by  TEXT
);
-- retention deletes dead letters older than the executions' age, oldest first
CREATE INDEX dead_letters_created_at_idx ON dead_letters (created_at);

-- Retention ages set through PUT /api/v1/retention (issue 14 §7): one row, read by every instance's sweep, over the
-- configuration. Each age is an ISO-8601 duration, or 'off' to keep that kind for ever.
CREATE TABLE retention_settings (
    singleton  BOOLEAN     PRIMARY KEY DEFAULT true CHECK (singleton),
    events     TEXT        NOT NULL,
    executions TEXT        NOT NULL,
    audit      TEXT        NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by TEXT        NOT NULL
);
