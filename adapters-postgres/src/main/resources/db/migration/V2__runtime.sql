-- What the platform does with the catalog: events, enforcements, executions (with lineage), inquiries, the
-- admission ledger for policies, workers, and the transactional outbox. See V1 for the conventions.
-- Refs held here (trigger_ref, rule_ref, action_ref, policy_ref) are not foreign keys: history outlives a
-- pack's uninstall or a component's retirement.

CREATE TABLE events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trigger_ref TEXT COLLATE "C" NOT NULL,
    payload     JSONB       NOT NULL DEFAULT '{}',
    -- who emitted it: a sensor ref, 'webhook:<url>', 'timer:<rule>', 'api', ...
    source      TEXT,
    occurred_at timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_trigger_ref_idx ON events (trigger_ref);
CREATE INDEX events_occurred_at_idx ON events (occurred_at);

CREATE TABLE enforcements (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule_ref            TEXT COLLATE "C" NOT NULL,
    event_id            BIGINT      NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    status              TEXT        NOT NULL CHECK (status IN ('created', 'succeeded', 'failed')),
    rendered_parameters JSONB       NOT NULL DEFAULT '{}',
    execution_id        BIGINT,
    failure             TEXT,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    -- a redelivered event.created message finds the enforcement already there
    UNIQUE (rule_ref, event_id)
);
CREATE INDEX enforcements_event_id_idx ON enforcements (event_id);
CREATE INDEX enforcements_status_idx ON enforcements (status);
CREATE INDEX enforcements_created_at_idx ON enforcements (created_at);
CREATE INDEX enforcements_execution_id_idx ON enforcements (execution_id);

CREATE TABLE executions (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action_ref            TEXT COLLATE "C" NOT NULL,
    status                TEXT        NOT NULL CHECK (status IN (
                              'requested', 'delayed', 'scheduled', 'running', 'pending', 'paused', 'canceling',
                              'succeeded', 'failed', 'timeout', 'canceled', 'abandoned')),
    parameters            JSONB       NOT NULL DEFAULT '{}',
    result                JSONB,
    exit_code             INTEGER,
    stdout                TEXT        NOT NULL DEFAULT '',
    stderr                TEXT        NOT NULL DEFAULT '',
    -- how much output was cut off beyond the capture cap (0 = complete)
    stdout_overflow_bytes BIGINT      NOT NULL DEFAULT 0 CHECK (stdout_overflow_bytes >= 0),
    stderr_overflow_bytes BIGINT      NOT NULL DEFAULT 0 CHECK (stderr_overflow_bytes >= 0),
    timeout_seconds       INTEGER     CHECK (timeout_seconds > 0),
    worker                TEXT,
    lease_expires_at      timestamptz,
    parent_id             BIGINT REFERENCES executions (id) ON DELETE CASCADE,
    enforcement_id        BIGINT REFERENCES enforcements (id) ON DELETE SET NULL,
    -- optimistic locking for state that is read, changed in memory and written back (workflow state)
    version               BIGINT      NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT now(),
    scheduled_at          timestamptz,
    started_at            timestamptz,
    finished_at           timestamptz,
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK ((status IN ('succeeded', 'failed', 'timeout', 'canceled', 'abandoned')) = (finished_at IS NOT NULL))
);
CREATE INDEX executions_status_idx ON executions (status);
CREATE INDEX executions_action_ref_idx ON executions (action_ref, created_at DESC);
CREATE INDEX executions_parent_id_idx ON executions (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX executions_enforcement_id_idx ON executions (enforcement_id) WHERE enforcement_id IS NOT NULL;
CREATE INDEX executions_created_at_idx ON executions (created_at DESC);
CREATE INDEX executions_worker_idx ON executions (worker) WHERE worker IS NOT NULL;
-- the lease sweeper looks for running executions whose worker stopped renewing
CREATE INDEX executions_lease_idx ON executions (lease_expires_at) WHERE lease_expires_at IS NOT NULL;

ALTER TABLE enforcements
    ADD CONSTRAINT enforcements_execution_fk FOREIGN KEY (execution_id) REFERENCES executions (id) ON DELETE SET NULL;

-- A question a paused execution asks a person; at most one open inquiry per execution.
CREATE TABLE inquiries (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    execution_id BIGINT      NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    prompt       TEXT        NOT NULL DEFAULT '',
    schema       JSONB       NOT NULL DEFAULT '{}',
    -- who may answer (user or role names); empty means anyone
    assignees    TEXT[]      NOT NULL DEFAULT '{}',
    response     JSONB,
    status       TEXT        NOT NULL CHECK (status IN ('pending', 'responded', 'timeout', 'canceled')),
    responded_by TEXT,
    responded_at timestamptz,
    expires_at   timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'responded') = (response IS NOT NULL))
);
CREATE UNIQUE INDEX inquiries_one_pending_idx ON inquiries (execution_id) WHERE status = 'pending';
CREATE INDEX inquiries_status_idx ON inquiries (status);
CREATE INDEX inquiries_expires_at_idx ON inquiries (expires_at) WHERE status = 'pending';

-- The admission ledger (design §5). One row per (policy, key): key is '' for a policy without attributes, else the
-- canonical JSON of the attribute values. Admission and release lock this row FOR UPDATE, so independent keys never
-- contend and any number of executors share one limit.
CREATE TABLE admission_keys (
    policy_ref        TEXT COLLATE "C" NOT NULL,
    key               TEXT COLLATE "C" NOT NULL,
    concurrency_limit INTEGER     CHECK (concurrency_limit >= 1),
    active            INTEGER     NOT NULL DEFAULT 0 CHECK (active >= 0),
    queued            INTEGER     NOT NULL DEFAULT 0 CHECK (queued >= 0),
    total_admitted    BIGINT      NOT NULL DEFAULT 0,
    total_queued      BIGINT      NOT NULL DEFAULT 0,
    total_canceled    BIGINT      NOT NULL DEFAULT 0,
    total_rejected    BIGINT      NOT NULL DEFAULT 0,
    total_released    BIGINT      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (policy_ref, key)
);

-- Executions waiting for a slot; id is the strict first-in-first-out order within a key.
CREATE TABLE admission_queue (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_ref   TEXT COLLATE "C" NOT NULL,
    key          TEXT COLLATE "C" NOT NULL,
    execution_id BIGINT      NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    enqueued_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (policy_ref, key) REFERENCES admission_keys (policy_ref, key) ON DELETE CASCADE,
    UNIQUE (policy_ref, key, execution_id)
);
CREATE INDEX admission_queue_fifo_idx ON admission_queue (policy_ref, key, id);
CREATE INDEX admission_queue_execution_id_idx ON admission_queue (execution_id);

-- Slots held by admitted, non-terminal executions; released in the transaction that writes the terminal status.
CREATE TABLE admission_slots (
    policy_ref   TEXT COLLATE "C" NOT NULL,
    key          TEXT COLLATE "C" NOT NULL,
    execution_id BIGINT      NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    acquired_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (policy_ref, key, execution_id),
    FOREIGN KEY (policy_ref, key) REFERENCES admission_keys (policy_ref, key) ON DELETE CASCADE
);
CREATE INDEX admission_slots_execution_id_idx ON admission_slots (execution_id);

-- Admissions counted by rate-limit policies; rows older than the longest window may be deleted.
CREATE TABLE rate_admissions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_ref   TEXT COLLATE "C" NOT NULL,
    key          TEXT COLLATE "C" NOT NULL,
    execution_id BIGINT REFERENCES executions (id) ON DELETE SET NULL,
    admitted_at  timestamptz NOT NULL
);
CREATE INDEX rate_admissions_window_idx ON rate_admissions (policy_ref, key, admitted_at);

CREATE TABLE workers (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT COLLATE "C" NOT NULL UNIQUE,
    host         TEXT,
    runtimes     TEXT[]      NOT NULL DEFAULT '{}',
    capacity     INTEGER     NOT NULL CHECK (capacity >= 1),
    status       TEXT        NOT NULL CHECK (status IN ('active', 'draining', 'stopped', 'lost')),
    heartbeat_at timestamptz NOT NULL,
    started_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workers_status_idx ON workers (status);
CREATE INDEX workers_heartbeat_at_idx ON workers (heartbeat_at);

-- Messages written in the transaction of the state change that causes them; deleted once the broker confirms.
-- A row that stays behind (a crash between commit and publish) is re-published by the relay, oldest first.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id      TEXT        NOT NULL UNIQUE,
    exchange        TEXT        NOT NULL DEFAULT 'attune',
    routing_key     TEXT        NOT NULL,
    type            TEXT        NOT NULL,
    correlation_id  TEXT,
    payload         JSONB       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error      TEXT,
    next_attempt_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_next_attempt_at_idx ON outbox (next_attempt_at, id);
