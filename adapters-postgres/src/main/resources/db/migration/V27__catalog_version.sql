-- The catalog's version: the id of the last transaction that changed a pack, an action, a trigger, a rule or a
-- policy. Instances cache what they look up of the catalog and read this one row once per transaction: when it
-- differs from the version their cache was filled at, they drop the cache. A change made through any instance is
-- therefore seen by every instance in its next transaction that starts after the change committed.
--
-- The row is written by deferred triggers, at the commit of the changing transaction (so it is locked only for the
-- last moment of that transaction, after all its other locks), and holds a transaction id, which is never used
-- twice: a version never comes back, even after the table is truncated.
CREATE TABLE catalog_version (
    id      BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
    version BIGINT  NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (true, txid_current());

CREATE FUNCTION catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO catalog_version (id, version) VALUES (true, txid_current())
    ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version WHERE catalog_version.version <> EXCLUDED.version;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE ON packs
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();
CREATE CONSTRAINT TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE ON actions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();
CREATE CONSTRAINT TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE ON triggers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();
CREATE CONSTRAINT TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE ON rules
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();
CREATE CONSTRAINT TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE ON policies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();

-- TRUNCATE has no row triggers: a statement trigger at once
CREATE TRIGGER catalog_truncated AFTER TRUNCATE ON packs FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
CREATE TRIGGER catalog_truncated AFTER TRUNCATE ON actions FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
CREATE TRIGGER catalog_truncated AFTER TRUNCATE ON triggers FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
CREATE TRIGGER catalog_truncated AFTER TRUNCATE ON rules FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
CREATE TRIGGER catalog_truncated AFTER TRUNCATE ON policies FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
