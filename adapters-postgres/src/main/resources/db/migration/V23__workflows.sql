-- Workflows run: a child execution knows the task it runs for, a workflow's engine state is one row changed in the
-- transaction of each of its events, and the timers of its delayed and retried tasks are rows the executor fires.

-- A workflow pauses in two steps: pausing while its running tasks finish, then paused.
ALTER TABLE executions DROP CONSTRAINT executions_status_check;
ALTER TABLE executions ADD CONSTRAINT executions_status_check CHECK (status IN (
    'requested', 'delayed', 'scheduled', 'running', 'pending', 'pausing', 'paused', 'canceling',
    'succeeded', 'failed', 'timeout', 'canceled', 'abandoned'));

-- Run task_run of task task_name (item task_item of a with-items task), attempt task_attempt, of the parent workflow.
ALTER TABLE executions
    ADD COLUMN task_name    TEXT,
    ADD COLUMN task_run     INTEGER CHECK (task_run >= 0),
    ADD COLUMN task_item    INTEGER CHECK (task_item >= 0),
    ADD COLUMN task_attempt INTEGER CHECK (task_attempt >= 0),
    ADD CONSTRAINT executions_task_check CHECK (
        (task_name IS NULL) = (task_run IS NULL) AND (task_name IS NULL) = (task_attempt IS NULL)
        AND (task_item IS NULL OR task_name IS NOT NULL) AND (task_name IS NULL OR parent_id IS NOT NULL));
-- a with-items task reads the results of its items in one query: (parent, run, attempt) in item order
CREATE INDEX executions_parent_task_idx ON executions (parent_id, task_run, task_attempt, task_item)
    WHERE parent_id IS NOT NULL;

-- The engine state of a workflow execution (WorkflowState.toJson), read FOR UPDATE by each event's transaction, with
-- the workflow source (file and text) it runs (a re-uploaded pack changes only later runs) and, for a rerun not yet started, what to
-- rerun: {"of": execution id, "tasks": [...], "reset": [...], "at": ISO-8601 instant}.
CREATE TABLE workflow_states (
    execution_id BIGINT      PRIMARY KEY REFERENCES executions (id) ON DELETE CASCADE,
    action_ref   TEXT COLLATE "C" NOT NULL,
    source_file  TEXT        NOT NULL,
    source_text  TEXT        NOT NULL,
    state        JSONB       NOT NULL CHECK (jsonb_typeof(state) = 'object'),
    rerun        JSONB       CHECK (jsonb_typeof(rerun) = 'object'),
    version      BIGINT      NOT NULL DEFAULT 0,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Due times of task delays and retry waits; taken FOR UPDATE SKIP LOCKED by any executor, deleted once fired.
CREATE TABLE workflow_timers (
    execution_id BIGINT      NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    run          INTEGER     NOT NULL CHECK (run >= 0),
    attempt      INTEGER     NOT NULL CHECK (attempt >= 0),
    due_at       timestamptz NOT NULL,
    PRIMARY KEY (execution_id, run, attempt)
);
CREATE INDEX workflow_timers_due_idx ON workflow_timers (due_at);
