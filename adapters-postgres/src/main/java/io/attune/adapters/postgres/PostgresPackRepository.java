package io.attune.adapters.postgres;

import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.PackRepository;
import io.attune.domain.action.Action;
import io.attune.domain.pack.Pack;
import io.attune.domain.pack.PackContent;
import io.attune.domain.pack.PackWarning;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Packs in the {@code packs} table; {@link #replace} writes a pack's whole content. Joins the current transaction;
 * outside one, {@code replace} and {@code delete} run in a transaction of their own, so they are atomic either way.
 * Components are removed with their pack by the tables' ON DELETE CASCADE, rules (which have no foreign key to
 * packs, see V1) explicitly.
 */
@Singleton
public final class PostgresPackRepository implements PackRepository {

    private static final String COLUMNS = "ref, label, version, description, path, warnings::text AS warnings";

    private final Jdbc jdbc;
    private final PostgresCatalogVersion catalog;

    PostgresPackRepository(Jdbc jdbc, PostgresCatalogVersion catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    @Override
    public List<String> replace(PackContent content) {
        Pack pack = content.pack();
        return jdbc.write(c -> {
            catalog.written();
            Jdbc.update(c, """
                    INSERT INTO packs (ref, label, version, description, path, warnings) VALUES (?, ?, ?, ?, ?, ?::jsonb)
                    ON CONFLICT (ref) DO UPDATE SET
                        label = EXCLUDED.label, version = EXCLUDED.version, description = EXCLUDED.description,
                        path = EXCLUDED.path, warnings = EXCLUDED.warnings, updated_at = now()
                    """, pack.ref(), pack.label(), pack.version(), pack.description(), pack.path(),
                    JsonColumns.write(pack.warnings().stream().map(w -> Map.of("file", w.file(), "key", w.key(),
                            "message", w.message())).toList()));
            for (Action action : content.actions()) {
                PostgresActionRepository.upsert(c, action);
            }
            PostgresWorkflowDefinitions.replace(c, content);
            for (Trigger trigger : content.triggers()) {
                PostgresTriggerRepository.upsert(c, trigger);
            }
            for (Sensor sensor : content.sensors()) {
                PostgresSensorRepository.upsert(c, sensor);
            }
            for (Rule rule : content.rules()) {
                PostgresRuleRepository.upsertFromPack(c, rule);
            }
            for (Policy policy : content.policies()) {
                PostgresPolicyRepository.upsert(c, policy);
            }
            List<String> retired = new ArrayList<>();
            retired.addAll(retire(c, "actions", "", pack, refs(content.actions(), Action::ref)));
            retired.addAll(retire(c, "triggers", "", pack, refs(content.triggers(), Trigger::ref)));
            retired.addAll(retire(c, "sensors", "", pack, refs(content.sensors(), Sensor::ref)));
            retired.addAll(retire(c, "rules", " AND origin = 'pack'", pack, refs(content.rules(), Rule::ref)));
            retired.addAll(retire(c, "policies", "", pack, refs(content.policies(), Policy::ref)));
            Collections.sort(retired);
            return List.copyOf(retired);
        });
    }

    @Override
    public Optional<Pack> find(String ref) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM packs WHERE ref = ?", PostgresPackRepository::pack, ref));
    }

    @Override
    public Page<Pack> list(PageRequest page) {
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "packs", new Jdbc.Where(), "ref", page, PostgresPackRepository::pack));
    }

    @Override
    public boolean delete(String ref) {
        return jdbc.write(c -> {
            catalog.written();
            Jdbc.update(c, "DELETE FROM rules WHERE pack = ?", ref);
            return Jdbc.update(c, "DELETE FROM packs WHERE ref = ?", ref) == 1;
        });
    }

    /** Deletes the pack's rows of {@code table} whose ref is not among {@code kept}; returns their refs. */
    private static List<String> retire(Connection c, String table, String condition, Pack pack, List<String> kept)
            throws SQLException {
        return Jdbc.list(c, "DELETE FROM " + table + " WHERE pack = ? AND ref <> ALL (?)" + condition + " RETURNING ref",
                row -> row.getString("ref"), pack.ref(), kept);
    }

    private static <T> List<String> refs(List<T> components, Function<T, ?> ref) {
        return components.stream().map(ref).map(Object::toString).toList();
    }

    private static Pack pack(ResultSet row) throws SQLException {
        List<PackWarning> warnings = new ArrayList<>();
        for (Object item : JsonColumns.readArray(row.getString("warnings"))) {
            if (!(item instanceof Map<?, ?> w)) {
                throw new PersistenceException("stored pack warning is not an object: " + item);
            }
            warnings.add(new PackWarning(String.valueOf(w.get("file")), String.valueOf(w.get("key")),
                    String.valueOf(w.get("message"))));
        }
        return new Pack(row.getString("ref"), row.getString("label"), row.getString("version"),
                row.getString("description"), row.getString("path"), warnings);
    }
}
