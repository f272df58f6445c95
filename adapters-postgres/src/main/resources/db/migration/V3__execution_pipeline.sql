-- What the execution pipeline needs beyond V2: why an execution failed, what the admission ledger must remember
-- to decide promotions in the database (each admitted or waiting execution's gates, each key's rate window), and
-- the index behind a worker's running count.

-- Why an execution failed, was canceled, rejected or abandoned (Execution.failure).
ALTER TABLE executions ADD COLUMN failure TEXT;

-- WorkerRepository.list counts what each worker runs now; executions_worker_idx would scan a worker's history.
CREATE INDEX executions_running_worker_idx ON executions (worker) WHERE status IN ('running', 'canceling');

-- The limits last requested on a key, kept on the key's row: concurrency_limit (V2) for the queue stats, rate_max
-- and rate_window to load only the admissions that can still count. NULL when no rate gate ever named the key.
ALTER TABLE admission_keys
    ADD COLUMN rate_max    INTEGER  CHECK (rate_max >= 1),
    ADD COLUMN rate_window INTERVAL CHECK (rate_window > interval '0');

-- Every execution the ledger admitted (and has not released) or queued (and has not admitted or withdrawn), with
-- the gates it was decided with: a release needs the gates of the execution it frees and of the queue heads it may
-- promote (the domain's gatesOf). gates is a JSON array of
--   {"kind": "concurrency", "policy": ref, "key": k, "limit": n, "behavior": "delay"|"cancel"} or
--   {"kind": "rate", "policy": ref, "key": k, "max": n, "window": ISO-8601 duration, "behavior": "delay"|"reject"}.
-- Changed only by a transaction that holds the row locks of every key in gates.
CREATE TABLE admission_holds (
    execution_id BIGINT      PRIMARY KEY REFERENCES executions (id) ON DELETE CASCADE,
    gates        JSONB       NOT NULL CHECK (jsonb_typeof(gates) = 'array'),
    admitted     BOOLEAN     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
