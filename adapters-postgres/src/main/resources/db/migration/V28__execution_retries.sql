-- Retries: an action may say that an execution ending failed, timeout or abandoned runs again
-- ({"on": [..], "count": n, "delay_seconds": s, "backoff": "constant"|"linear"|"exponential", "max_delay_seconds": s}).
ALTER TABLE actions ADD COLUMN retry JSONB CHECK (retry IS NULL OR jsonb_typeof(retry) = 'object');

-- A retry is an execution of its own, linked to the one it retries; attempt counts the chain from 1. It is created
-- 'requested' in the transaction that ends the previous attempt and waits there until retry_not_before, when an
-- executor takes it (FOR UPDATE SKIP LOCKED, as workflow timers are taken) and admits it under the action's policies.
-- retry_of is cleared, not cascaded, when retention deletes the retried execution: a live retry is never deleted
-- with it.
ALTER TABLE executions
    ADD COLUMN retry_of         BIGINT REFERENCES executions (id) ON DELETE SET NULL,
    ADD COLUMN attempt          INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    ADD COLUMN retry_not_before timestamptz,
    ADD CHECK ((attempt = 1) = (retry_not_before IS NULL));
CREATE INDEX executions_retry_of_idx ON executions (retry_of) WHERE retry_of IS NOT NULL;
CREATE INDEX executions_retry_due_idx ON executions (retry_not_before)
    WHERE status = 'requested' AND retry_not_before IS NOT NULL;
