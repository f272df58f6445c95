package io.attune.adapters.postgres;

import io.attune.application.port.in.Retention;
import io.attune.application.port.out.RetentionStore;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Retention's deletes: each picks at most {@code limit} old rows ({@code FOR UPDATE SKIP LOCKED}, so it never waits
 * on a row another transaction is changing) and deletes them. The "nothing refers to it" checks are explicit because
 * the foreign keys to enforcements and executions are {@code ON DELETE SET NULL} and would not stop a delete.
 * Inquiries, admission rows and output chunks of an execution go with it ({@code ON DELETE CASCADE}).
 */
@Singleton
public final class PostgresRetentionStore implements RetentionStore {

    private static final String OFF = "off";

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

    @Override
    public int deleteDeadLettersBefore(Instant cutoff, int limit) {
        return delete("""
                DELETE FROM dead_letters WHERE id IN (
                    SELECT id FROM dead_letters WHERE created_at < ? ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)""",
                cutoff, limit);
    }

    /** One row ({@code retention_settings}); each age is stored as ISO-8601, or {@code off} to keep that kind. */
    @Override
    public Optional<StoredAges> storedAges() {
        return jdbc.read(c -> Jdbc.one(c, "SELECT events, executions, audit, updated_at, updated_by"
                + " FROM retention_settings", row -> new StoredAges(new Retention.Ages(age(row.getString("events")),
                age(row.getString("executions")), age(row.getString("audit"))),
                Jdbc.instant(row, "updated_at").orElseThrow(), row.getString("updated_by"))));
    }

    @Override
    public void storeAges(StoredAges stored) {
        Retention.Ages ages = stored.ages();
        jdbc.write(c -> Jdbc.update(c, """
                        INSERT INTO retention_settings (events, executions, audit, updated_at, updated_by)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (singleton) DO UPDATE SET events = excluded.events,
                            executions = excluded.executions, audit = excluded.audit,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by""",
                text(ages.events()), text(ages.executions()), text(ages.audit()), stored.at(), stored.by()));
    }

    private static String text(Optional<Duration> age) {
        return age.map(Duration::toString).orElse(OFF);
    }

    private static Optional<Duration> age(String text) {
        return OFF.equals(text) ? Optional.empty() : Optional.of(Duration.parse(text));
    }

    private int delete(String sql, Object... args) {
        return jdbc.write(c -> Jdbc.update(c, sql, args));
    }
}
