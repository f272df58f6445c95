-- Idempotency-Keys of requests that created something (executions, events, webhooks): claimed in the transaction
-- that creates, so a retry after a crash between commit and reply finds them. Numbered 20 to stay clear of the
-- migrations other branches add meanwhile. Rows older than attune.idempotency.retention are swept.
CREATE TABLE idempotency_keys (
    scope         TEXT        NOT NULL,   -- executions:<caller>, events:<caller>, webhook:<url>
    key           TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,   -- SHA-256 of what was asked: a reused key with another request is refused
    resource      TEXT,                   -- what the request created: execution:<id>, event:<id>
    answer_status INTEGER,                -- the first answer, once given
    answer_body   TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
