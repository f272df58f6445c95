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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Enforcements in the {@code enforcements} table, whose UNIQUE (rule_ref, event_id) makes a second enforcement of a
 * rule for the same event impossible: {@code ON CONFLICT DO NOTHING} waits for a concurrent insert of the same pair
 * to commit, then writes nothing. Each row is inserted once, in its final state, under an id drawn beforehand.
 */
@Singleton
public final class PostgresEnforcementRepository implements EnforcementRepository {

    private static final String COLUMNS = "id, rule_ref, event_id, status, rendered_parameters, execution_id, failure, created_at";

    private final Jdbc jdbc;

    PostgresEnforcementRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids are drawn from the identity's sequence, and the existing pairs read, in one statement. */
    @Override
    public Map<Claim, Long> reserve(Collection<Claim> claims) {
        if (claims.isEmpty()) {
            return Map.of();
        }
        List<Claim> pairs = List.copyOf(claims);
        String[] rules = pairs.stream().map(c -> c.rule().toString()).toArray(String[]::new);
        Long[] events = pairs.stream().map(Claim::event).toArray(Long[]::new);
        Set<Claim> enforced = new HashSet<>();
        List<Long> ids = new ArrayList<>(pairs.size());
        jdbc.write(c -> Jdbc.list(c, """
                SELECT NULL::text AS rule_ref, NULL::bigint AS event_id,
                       nextval(pg_get_serial_sequence('enforcements', 'id')) AS id
                FROM generate_series(1, ?)
                UNION ALL
                SELECT e.rule_ref, e.event_id, NULL FROM enforcements e
                JOIN unnest(?::text[], ?::bigint[]) AS p(rule_ref, event_id)
                  ON e.rule_ref = p.rule_ref AND e.event_id = p.event_id""", row -> {
                    String rule = row.getString("rule_ref");
                    if (rule == null) {
                        ids.add(row.getLong("id"));
                    } else {
                        enforced.add(new Claim(Ref.parse(rule), row.getLong("event_id")));
                    }
                    return rule;
                }, pairs.size(), rules, events));
        Map<Claim, Long> reserved = new LinkedHashMap<>();
        Iterator<Long> next = ids.iterator();
        for (Claim claim : pairs) {
            if (!enforced.contains(claim) && !reserved.containsKey(claim)) {
                reserved.put(claim, next.next());
            }
        }
        return reserved;
    }

    @Override
    public boolean insert(Enforcement e) {
        return jdbc.write(c -> Jdbc.update(c, """
                INSERT INTO enforcements (id, rule_ref, event_id, status, rendered_parameters, execution_id, failure,
                                          created_at)
                OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (rule_ref, event_id) DO NOTHING""",
                e.id(), e.rule().toString(), e.event(), code(e.status()), JsonColumns.write(e.renderedParameters()),
                e.execution().isPresent() ? e.execution().getAsLong() : null, e.failure().orElse(null),
                e.createdAt()) == 1);
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
