package io.attune.adapters.postgres;

import io.attune.application.contract.RetentionStoreContract;
import io.attune.application.port.out.RetentionStore;
import io.attune.application.port.out.TransactionRunner;
import io.micronaut.jdbc.DataSourceResolver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** The RetentionStoreContract run by the PostgreSQL adapter's beans on a real PostgreSQL; rows are seeded with SQL. */
class PostgresRetentionStoreContractTest extends RetentionStoreContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected RetentionStore store() {
        return TestDatabase.bean(RetentionStore.class);
    }

    @Override
    protected long event(Instant createdAt) {
        return id("INSERT INTO events (trigger_ref, occurred_at, created_at) VALUES ('core.t', ?, ?) RETURNING id",
                ts(createdAt), ts(createdAt));
    }

    @Override
    protected long enforcement(long eventId, boolean settled, Instant createdAt) {
        return id("INSERT INTO enforcements (rule_ref, event_id, status, created_at) VALUES ('core.r' || ?, ?, ?, ?)"
                + " RETURNING id", eventId + "-" + createdAt, eventId, settled ? "succeeded" : "created", ts(createdAt));
    }

    @Override
    protected long execution(Long parentId, Long enforcementId, Instant createdAt, Instant finishedAt) {
        return id("INSERT INTO executions (action_ref, status, parent_id, enforcement_id, created_at, finished_at)"
                        + " VALUES ('core.a', ?, ?, ?, ?, ?) RETURNING id",
                finishedAt == null ? "running" : "succeeded", parentId, enforcementId, ts(createdAt),
                finishedAt == null ? null : ts(finishedAt));
    }

    @Override
    protected void audit(Instant at) {
        id("INSERT INTO audit_entries (at, actor, action, outcome) VALUES (?, 'admin', 'x', 'succeeded') RETURNING id",
                ts(at));
    }

    @Override
    protected void outbox(Instant createdAt) {
        id("INSERT INTO outbox (message_id, routing_key, type, payload, created_at)"
                + " VALUES (gen_random_uuid()::text, 'k', 't', '{}', ?) RETURNING id", ts(createdAt));
    }

    @Override
    protected boolean eventExists(long id) {
        return count("SELECT count(*) FROM events WHERE id = ?", id) == 1;
    }

    @Override
    protected boolean enforcementExists(long id) {
        return count("SELECT count(*) FROM enforcements WHERE id = ?", id) == 1;
    }

    @Override
    protected boolean executionExists(long id) {
        return count("SELECT count(*) FROM executions WHERE id = ?", id) == 1;
    }

    @Override
    protected long auditCount() {
        return count("SELECT count(*) FROM audit_entries");
    }

    @Override
    protected long outboxCount() {
        return count("SELECT count(*) FROM outbox");
    }

    @Override
    protected void deadLetter(Instant createdAt) {
        id("INSERT INTO dead_letters (delivery_key, queue, error, attempts, body, failed_at, created_at)"
                + " VALUES (gen_random_uuid()::text, 'q', 'e', 1, '\\x00', ?, ?) RETURNING id", ts(createdAt),
                ts(createdAt));
    }

    @Override
    protected long deadLetterCount() {
        return count("SELECT count(*) FROM dead_letters");
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static long id(String sql, Object... args) {
        return count(sql, args);
    }

    /** Runs a statement returning one number, on a pooled connection outside any transaction of the adapter. */
    private static long count(String sql, Object... args) {
        DataSource pool = TestDatabase.bean(DataSourceResolver.class).resolve(TestDatabase.bean(DataSource.class));
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
