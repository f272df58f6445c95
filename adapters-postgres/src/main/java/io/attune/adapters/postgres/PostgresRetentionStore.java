package io.attune.adapters.postgres;

import io.attune.application.port.out.RetentionStore;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Retention's deletes: each picks at most {@code limit} old rows ({@code FOR UPDATE SKIP LOCKED}, so it never waits
 * on a row another transaction is changing) and deletes them. The "nothing refers to it" checks are explicit because
 * the foreign keys to enforcements and executions are {@code ON DELETE SET NULL} and would not stop a delete.
 * Inquiries and admission rows of an execution go with it ({@code ON DELETE CASCADE}).
 */
@Singleton
public final class PostgresRetentionStore implements RetentionStore {

    private final Jdbc jdbc;

    PostgresRetentionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int deleteExecutionsFinishedBefore(Instant cutoff, int limit) {
        return delete("""
                DELETE FROM executions WHERE id IN (
                    SELECT e.id FROM executions e
                    WHERE e.finished_at < ?
                      AND NOT EXISTS (SELECT 1 FROM executions c WHERE c.parent_id = e.id)
                      AND (e.parent_id IS NULL
                           OR EXISTS (SELECT 1 FROM executions p WHERE p.id = e.parent_id AND p.finished_at < ?))
                    ORDER BY e.finished_at LIMIT ? FOR UPDATE OF e SKIP LOCKED)""", cutoff, cutoff, limit);
    }

    @Override
    public int deleteEnforcementsCreatedBefore(Instant cutoff, int limit) {
        return delete("""
                DELETE FROM enforcements WHERE id IN (
                    SELECT n.id FROM enforcements n
                    WHERE n.created_at < ? AND n.status <> 'created'
                      AND NOT EXISTS (SELECT 1 FROM executions x WHERE x.enforcement_id = n.id)
                    ORDER BY n.created_at LIMIT ? FOR UPDATE OF n SKIP LOCKED)""", cutoff, limit);
    }

    @Override
    public int deleteEventsCreatedBefore(Instant cutoff, int limit) {
        return delete("""
                DELETE FROM events WHERE id IN (
                    SELECT v.id FROM events v
                    WHERE v.created_at < ?
                      AND NOT EXISTS (SELECT 1 FROM enforcements n WHERE n.event_id = v.id)
                    ORDER BY v.created_at LIMIT ? FOR UPDATE OF v SKIP LOCKED)""", cutoff, limit);
    }

    @Override
    public int deleteAuditEntriesBefore(Instant cutoff, int limit) {
        return delete("""
                DELETE FROM audit_entries WHERE id IN (
                    SELECT id FROM audit_entries WHERE at < ? ORDER BY at LIMIT ? FOR UPDATE SKIP LOCKED)""",
                cutoff, limit);
    }

    @Override
    public int deleteOutboxMessagesBefore(Instant cutoff, int limit) {
        return delete("""
                DELETE FROM outbox WHERE id IN (
                    SELECT id FROM outbox WHERE created_at < ? ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)""",
                cutoff, limit);
    }

    private int delete(String sql, Object... args) {
        return jdbc.write(c -> Jdbc.update(c, sql, args));
    }
}
