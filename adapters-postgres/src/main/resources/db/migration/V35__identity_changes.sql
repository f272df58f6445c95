-- Every committed change of users or API keys is announced on the channel attune_identity, so that each instance can
-- keep the callers of requests in memory and drop them when they change (PostgresIdentityChanges). NOTIFY is
-- delivered at commit, and not at all when the transaction rolls back; a statement-level trigger sends one
-- notification per statement, and PostgreSQL folds equal ones of one transaction into one.
CREATE FUNCTION attune_identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('attune_identity', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER users_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION attune_identity_changed();
CREATE TRIGGER api_keys_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION attune_identity_changed();
