package io.attune.adapters.postgres;

import io.attune.application.port.in.EventQueries.EnforcementFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.EnforcementRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.enforcement.Enforcement;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Enforcements in the {@code enforcements} table, whose UNIQUE (rule_ref, event_id) makes a second enforcement of a
 * rule for the same event impossible: {@code ON CONFLICT DO NOTHING} waits for a concurrent insert of the same pair
 * to commit, then writes nothing.
 */
@Singleton
public final class PostgresEnforcementRepository implements EnforcementRepository {

    private static final String COLUMNS = "id, rule_ref, event_id, status, rendered_parameters, execution_id, failure, created_at";

    private final Jdbc jdbc;

    PostgresEnforcementRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Enforcement> insertIfAbsent(Enforcement e) {
        return jdbc.write(c -> Jdbc.one(c, """
                INSERT INTO enforcements (rule_ref, event_id, status, rendered_parameters, execution_id, failure, created_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (rule_ref, event_id) DO NOTHING
                RETURNING id""", row -> row.getLong(1),
                e.rule().toString(), e.event(), code(e.status()), JsonColumns.write(e.renderedParameters()),
                e.execution().isPresent() ? e.execution().getAsLong() : null, e.failure().orElse(null), e.createdAt()))
                .map(id -> new Enforcement(id, e.rule(), e.event(), e.status(), e.renderedParameters(), e.execution(),
                        e.failure(), e.createdAt()));
    }

    @Override
    public boolean update(Enforcement e) {
        return jdbc.write(c -> Jdbc.update(c, """
                UPDATE enforcements SET status = ?, rendered_parameters = ?::jsonb, execution_id = ?, failure = ?,
                    updated_at = now()
                WHERE id = ?""", code(e.status()), JsonColumns.write(e.renderedParameters()),
                e.execution().isPresent() ? e.execution().getAsLong() : null, e.failure().orElse(null), e.id()) == 1);
    }

    @Override
    public Optional<Enforcement> find(long id) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM enforcements WHERE id = ?",
                PostgresEnforcementRepository::enforcement, id));
    }

    @Override
    public List<Enforcement> ofEvent(long event) {
        return jdbc.read(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM enforcements WHERE event_id = ? ORDER BY id",
                PostgresEnforcementRepository::enforcement, event));
    }

    @Override
    public Page<Enforcement> list(EnforcementFilter filter, PageRequest page) {
        Jdbc.Where where = new Jdbc.Where()
                .andIf(filter.rule().map(Ref::toString), "rule_ref = ?")
                .andIf(filter.status().map(PostgresEnforcementRepository::code), "status = ?")
                .andIf(filter.since(), "created_at >= ?")
                .andIf(filter.until(), "created_at < ?");
        filter.event().ifPresent(event -> where.and("event_id = ?", event));
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "enforcements", where, "id DESC", page,
                PostgresEnforcementRepository::enforcement));
    }

    private static String code(Enforcement.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static Enforcement enforcement(ResultSet row) throws SQLException {
        long execution = row.getLong("execution_id");
        OptionalLong executionId = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(execution);
        return new Enforcement(row.getLong("id"), Ref.parse(row.getString("rule_ref")), row.getLong("event_id"),
                Enforcement.Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                JsonColumns.readObject(row.getString("rendered_parameters")), executionId,
                Optional.ofNullable(row.getString("failure")), Jdbc.instant(row, "created_at").orElseThrow());
    }
}
