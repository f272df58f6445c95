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

-- A policy may declare the retry of the actions it covers (as the action's own retry; the action's wins), alone or
-- beside a concurrency or rate limit.
ALTER TABLE policies ADD COLUMN retry JSONB CHECK (retry IS NULL OR jsonb_typeof(retry) = 'object');
DO $$
DECLARE
    old_check text;
BEGIN
    SELECT conname INTO STRICT old_check FROM pg_constraint
    WHERE conrelid = 'policies'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%concurrency IS NOT NULL%rate_limit IS NOT NULL%';
    EXECUTE format('ALTER TABLE policies DROP CONSTRAINT %I', old_check);
END $$;
ALTER TABLE policies ADD CONSTRAINT policies_guards_something
    CHECK (concurrency IS NOT NULL OR rate_limit IS NOT NULL OR retry IS NOT NULL);
