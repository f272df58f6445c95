-- What running actions print, stored in chunks while they run so that their output can be followed
-- (GET /api/v1/executions/{id}/output, the console). A worker writes each running action's new output at most every
-- flush interval (500 ms), several actions in one statement, and nothing for an action that printed nothing. The
-- chunks go with their execution (retention deletes executions; the cascade deletes their chunks).
CREATE TABLE execution_output (
    execution_id BIGINT      NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    seq          BIGINT      NOT NULL,
    stream       TEXT        NOT NULL CHECK (stream IN ('stdout', 'stderr')),
    data         TEXT        NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (execution_id, seq)
);
