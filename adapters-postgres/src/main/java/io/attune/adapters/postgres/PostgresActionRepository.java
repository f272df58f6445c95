package io.attune.adapters.postgres;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.ActionRepository;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Actions in the {@code actions} table. Joins the current transaction; outside one, each call runs in a short
 * transaction of its own. Written only through {@link PostgresPackRepository}.
 */
@Singleton
public final class PostgresActionRepository implements ActionRepository {

    private static final String COLUMNS =
            "ref, description, runner, entry_point, parameters::text AS parameters, output_format, timeout_seconds, enabled,"
            + " retry::text AS retry, worker_labels::text AS worker_labels";

    private final Jdbc jdbc;

    PostgresActionRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Action> find(Ref ref) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM actions WHERE ref = ?",
                PostgresActionRepository::action, ref.toString()));
    }

    @Override
    public Page<Action> list(ComponentFilter filter, PageRequest page) {
        Jdbc.Where where = new Jdbc.Where()
                .andIf(filter.pack(), "pack = ?")
                .andIf(filter.runner(), "runner = ?");
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "actions", where, "ref", page, PostgresActionRepository::action));
    }

    /** Inserts or updates by ref; for the pack's transaction. */
    static void upsert(Connection connection, Action action) throws SQLException {
        Jdbc.update(connection, """
                INSERT INTO actions (ref, pack, description, runner, entry_point, parameters, output_format,
                                     timeout_seconds, enabled, retry, worker_labels)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?::jsonb)
                ON CONFLICT (ref) DO UPDATE SET
                    pack = EXCLUDED.pack, description = EXCLUDED.description, runner = EXCLUDED.runner,
                    entry_point = EXCLUDED.entry_point, parameters = EXCLUDED.parameters,
                    output_format = EXCLUDED.output_format, timeout_seconds = EXCLUDED.timeout_seconds,
                    enabled = EXCLUDED.enabled, retry = EXCLUDED.retry, worker_labels = EXCLUDED.worker_labels,
                    updated_at = now()
                """,
                action.ref().toString(), action.pack(), action.description(), action.runner().code(),
                action.entryPoint().orElse(null), JsonColumns.write(action.parameters().parameters()),
                action.outputFormat().code(), action.timeoutSeconds().orElse(null), action.enabled(),
                RetryColumns.write(action.retry()), JsonColumns.write(new java.util.TreeMap<>(action.workerLabels())));
    }

    private static Action action(ResultSet row) throws SQLException {
        return new Action(
                Ref.parse(row.getString("ref")),
                row.getString("description"),
                Codes.decode(RunnerType::fromCode, "runner", row.getString("runner")),
                Optional.ofNullable(row.getString("entry_point")),
                new ParameterSchema(parameters(JsonColumns.readObject(row.getString("parameters")))),
                Codes.decode(OutputFormat::fromCode, "output_format", row.getString("output_format")),
                Jdbc.integer(row, "timeout_seconds"),
                row.getBoolean("enabled"),
                RetryColumns.read(row.getString("retry")),
                labels(JsonColumns.readObject(row.getString("worker_labels"))));
    }

    private static Map<String, String> labels(Map<String, Object> stored) {
        Map<String, String> labels = new LinkedHashMap<>();
        stored.forEach((k, v) -> labels.put(k, String.valueOf(v)));
        return labels;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> parameters(Map<String, Object> stored) {
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        stored.forEach((name, spec) -> {
            if (!(spec instanceof Map<?, ?>)) {
                throw new PersistenceException("stored parameter '" + name + "' is not a JSON object");
            }
            parameters.put(name, (Map<String, Object>) spec);
        });
        return parameters;
    }
}
