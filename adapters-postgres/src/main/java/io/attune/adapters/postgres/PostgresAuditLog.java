package io.attune.adapters.postgres;

import io.attune.application.port.in.AuditTrail.AuditFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.AuditLog;
import io.attune.domain.audit.AuditEntry;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
        jdbc.write(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO audit_entries (at, actor, action, target, outcome, details)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb)""")) {
                for (AuditEntry e : entries) {
                    insert.setObject(1, e.at().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
                    insert.setString(2, e.actor());
                    insert.setString(3, e.action());
                    insert.setString(4, e.target());
                    insert.setString(5, e.outcome().name().toLowerCase(Locale.ROOT));
                    insert.setString(6, JsonColumns.write(e.details()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
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
