-- The web console lists executions newest first (ORDER BY id DESC), filtered by status or by action, one page at a
-- time: with these indexes a page is a short index range scan however many executions the table holds (plans on
-- 1,000,000 rows in docs/console.md). They replace the indexes on (status) and on (action_ref, created_at DESC),
-- whose leading columns they keep, so writing an execution maintains no more indexes than before.
CREATE INDEX executions_status_id_idx ON executions (status, id DESC);
DROP INDEX executions_status_idx;
CREATE INDEX executions_action_ref_id_idx ON executions (action_ref, id DESC);
DROP INDEX executions_action_ref_idx;
