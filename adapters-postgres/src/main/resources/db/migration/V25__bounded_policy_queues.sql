-- Bounded policy queues: a concurrency policy's max_queue and queue_timeout (stored in policies.concurrency and in
-- each hold's gates: {"max_queue": n, "queue_timeout": ISO-8601 duration, "overflow": "cancel"|"reject"}).

-- Counted per key beside the other totals: requests refused because the queue was full, and executions that waited
-- past their queue timeout (a withdrawal at or after the hold's expires_at).
ALTER TABLE admission_keys
    ADD COLUMN total_overflowed BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN total_timed_out  BIGINT NOT NULL DEFAULT 0;

-- When a waiting execution has waited too long: enqueue time + the shortest queue_timeout of its gates; NULL when
-- none has one (and once admitted it no longer matters). The executor's sweep ends the expired ones as timeout.
ALTER TABLE admission_holds ADD COLUMN expires_at timestamptz;
CREATE INDEX admission_holds_expiry_idx ON admission_holds (expires_at) WHERE NOT admitted AND expires_at IS NOT NULL;
