-- Lag you can see (issue 14 §5): an event awaits the rules stage from its insert until the rules consumer has handled
-- it (matched or not). Rows that exist before this migration count as handled (the constant default is stored once in
-- the catalog, no table rewrite); new rows then default to awaiting. The partial index holds only the backlog, so the
-- lag sampler's count and oldest age stay cheap however large the table is.
ALTER TABLE events ADD COLUMN awaiting_rules BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE events ALTER COLUMN awaiting_rules SET DEFAULT true;
CREATE INDEX events_awaiting_rules_idx ON events (created_at) WHERE awaiting_rules;
