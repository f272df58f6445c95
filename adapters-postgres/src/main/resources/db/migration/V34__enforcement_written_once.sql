-- An enforcement is written once, in its final state (issue 12): the rules engine reserves its id, requests the
-- execution that names it, then inserts the enforcement that names the execution, in one transaction. The execution's
-- reference to its enforcement is therefore checked at commit, when both rows exist.
ALTER TABLE executions ALTER CONSTRAINT executions_enforcement_id_fkey DEFERRABLE INITIALLY DEFERRED;
