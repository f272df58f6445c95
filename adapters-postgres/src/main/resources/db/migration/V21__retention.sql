-- Retention deletes history past its age in small batches: these indexes find the old rows without a scan.
CREATE INDEX events_created_at_idx ON events (created_at);
CREATE INDEX executions_finished_at_idx ON executions (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX outbox_created_at_idx ON outbox (created_at);
