package io.attune.adapters.postgres;

import io.attune.application.port.in.AuditTrail.AuditFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.AuditLog;
import io.attune.domain.audit.AuditEntry;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** The audit trail in the {@code audit_entries} table (appended in batches, never updated). */
@Singleton
public final class PostgresAuditLog implements AuditLog {

    private static final String COLUMNS = "id, at, actor, action, target, outcome, details::text AS details";

    private final Jdbc jdbc;

    PostgresAuditLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.write(c -> Jdbc.batch(c, """
                INSERT INTO audit_entries (at, actor, action, target, outcome, details)
                VALUES (?, ?, ?, ?, ?, ?::jsonb)""", entries.stream().map(e -> new Object[] {e.at(), e.actor(), e.action(),
                        e.target(), e.outcome().name().toLowerCase(Locale.ROOT), JsonColumns.write(e.details())}).toList()));
    }

    @Override
    public Page<AuditEntry> list(AuditFilter filter, PageRequest page) {
        Jdbc.Where where = new Jdbc.Where()
                .andIf(filter.actor(), "actor = ?")
                .andIf(filter.action(), "action = ?")
                .andIf(filter.outcome().map(o -> o.name().toLowerCase(Locale.ROOT)), "outcome = ?")
                .andIf(filter.since(), "at >= ?")
                .andIf(filter.until(), "at < ?");
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "audit_entries", where, "id DESC", page, PostgresAuditLog::entry));
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        return new AuditEntry(row.getLong("id"), Jdbc.instant(row, "at").orElseThrow(), row.getString("actor"),
                row.getString("action"), row.getString("target"),
                AuditEntry.Outcome.valueOf(row.getString("outcome").toUpperCase(Locale.ROOT)),
                JsonColumns.readObject(row.getString("details")));
    }
}
