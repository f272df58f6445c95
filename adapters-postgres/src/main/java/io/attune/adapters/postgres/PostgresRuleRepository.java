package io.attune.adapters.postgres;

import io.attune.application.port.in.CatalogQueries.RuleFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.RuleRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.Criteria;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Rules in the {@code rules} table, from packs (origin {@code pack}) and from the API (origin {@code api}).
 * Criteria are stored as a JSON array of one-entry objects in the map form of {@link Criteria#toMap()}, because
 * JSONB would lose the order of an object's keys and criteria are checked in order. Joins the current transaction;
 * outside one, each call runs in a short transaction of its own.
 */
@Singleton
public final class PostgresRuleRepository implements RuleRepository {

    private static final String COLUMNS = """
            ref, description, trigger_ref, trigger_parameters::text AS trigger_parameters, criteria::text AS criteria,
            action_ref, action_parameters::text AS action_parameters, enabled, origin""";

    private static final String INSERT = """
            INSERT INTO rules (ref, pack, description, trigger_ref, trigger_parameters, criteria, action_ref,
                               action_parameters, enabled, origin)
            VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?)
            """;

    private final Jdbc jdbc;
    private final PostgresCatalogVersion catalog;

    PostgresRuleRepository(Jdbc jdbc, PostgresCatalogVersion catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    @Override
    public Optional<Rule> find(Ref ref) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM rules WHERE ref = ?",
                PostgresRuleRepository::rule, ref.toString()));
    }

    @Override
    public List<Rule> enabledOn(Ref trigger) {
        return jdbc.read(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM rules WHERE trigger_ref = ? AND enabled ORDER BY ref",
                PostgresRuleRepository::rule, trigger.toString()));
    }

    @Override
    public Page<Rule> list(RuleFilter filter, PageRequest page) {
        Jdbc.Where where = new Jdbc.Where()
                .andIf(filter.pack(), "pack = ?")
                .andIf(filter.trigger().map(Ref::toString), "trigger_ref = ?")
                .andIf(filter.action().map(Ref::toString), "action_ref = ?")
                .andIf(filter.enabled(), "enabled = ?");
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "rules", where, "ref", page, PostgresRuleRepository::rule));
    }

    @Override
    public boolean insert(Rule rule) {
        return jdbc.write(c -> {
            catalog.written();
            return Jdbc.update(c, INSERT + " ON CONFLICT (ref) DO NOTHING", withRefFirst(rule, rule.origin())) == 1;
        });
    }

    @Override
    public boolean update(Rule rule) {
        Object[] args = Stream.concat(columns(rule, rule.origin()).stream(), Stream.of(rule.ref().toString())).toArray();
        return jdbc.write(c -> {
            catalog.written();
            return Jdbc.update(c, """
                UPDATE rules SET pack = ?, description = ?, trigger_ref = ?, trigger_parameters = ?::jsonb,
                                 criteria = ?::jsonb, action_ref = ?, action_parameters = ?::jsonb, enabled = ?,
                                 origin = ?, updated_at = now()
                WHERE ref = ?
                """, args) == 1;
        });
    }

    @Override
    public boolean delete(Ref ref) {
        return jdbc.write(c -> {
            catalog.written();
            return Jdbc.update(c, "DELETE FROM rules WHERE ref = ?", ref.toString()) == 1;
        });
    }

    /** Inserts or updates a rule of a pack's files by ref (an API rule of the same ref becomes the pack's). */
    static void upsertFromPack(Connection connection, Rule rule) throws SQLException {
        Jdbc.update(connection, INSERT + """
                ON CONFLICT (ref) DO UPDATE SET
                    pack = EXCLUDED.pack, description = EXCLUDED.description, trigger_ref = EXCLUDED.trigger_ref,
                    trigger_parameters = EXCLUDED.trigger_parameters, criteria = EXCLUDED.criteria,
                    action_ref = EXCLUDED.action_ref, action_parameters = EXCLUDED.action_parameters,
                    enabled = EXCLUDED.enabled, origin = EXCLUDED.origin, updated_at = now()
                """, withRefFirst(rule, Rule.Origin.PACK));
    }

    private static Object[] withRefFirst(Rule rule, Rule.Origin origin) {
        return Stream.concat(Stream.of(rule.ref().toString()), columns(rule, origin).stream()).toArray();
    }

    /** The values of every column but ref, in the order the statements above name them. */
    private static List<Object> columns(Rule rule, Rule.Origin origin) {
        return Arrays.asList(rule.ref().pack(), rule.description(), rule.trigger().toString(),
                JsonColumns.write(rule.triggerParameters()), JsonColumns.write(criteria(rule.criteria())),
                rule.action().toString(), JsonColumns.write(rule.actionParameters()), rule.enabled(), origin(origin));
    }

    private static String origin(Rule.Origin origin) {
        return origin.name().toLowerCase(Locale.ROOT);
    }

    private static List<Map<String, Object>> criteria(Criteria criteria) {
        return criteria.toMap().entrySet().stream()
                .map(e -> Map.of(e.getKey(), e.getValue()))
                .toList();
    }

    private static Criteria criteria(String stored) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Object entry : JsonColumns.readArray(stored)) {
            if (!(entry instanceof Map<?, ?> one)) {
                throw new PersistenceException("stored criteria entry is not a JSON object: " + entry);
            }
            one.forEach((path, spec) -> map.put(String.valueOf(path), spec));
        }
        try {
            return Criteria.fromMap(map);
        } catch (IllegalArgumentException e) {
            throw new PersistenceException("stored criteria are no longer valid: " + e.getMessage(), e);
        }
    }

    private static Rule rule(ResultSet row) throws SQLException {
        return new Rule(
                Ref.parse(row.getString("ref")),
                row.getString("description"),
                Ref.parse(row.getString("trigger_ref")),
                JsonColumns.readObject(row.getString("trigger_parameters")),
                criteria(row.getString("criteria")),
                Ref.parse(row.getString("action_ref")),
                JsonColumns.readObject(row.getString("action_parameters")),
                row.getBoolean("enabled"),
                switch (row.getString("origin")) {
                    case "pack" -> Rule.Origin.PACK;
                    case "api" -> Rule.Origin.API;
                    default -> throw new PersistenceException("unknown origin '" + row.getString("origin") + "' stored");
                });
    }
}
