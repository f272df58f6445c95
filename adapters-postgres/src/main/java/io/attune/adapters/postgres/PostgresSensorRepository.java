package io.attune.adapters.postgres;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.SensorRepository;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.Sensor;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Sensors in the {@code sensors} table (their trigger refs as a text array, in order). Joins the current
 * transaction; outside one, each call runs in a short transaction of its own. Written only through
 * {@link PostgresPackRepository}.
 */
@Singleton
public final class PostgresSensorRepository implements SensorRepository {

    private static final String COLUMNS = "ref, description, runner, entry_point, triggers, config::text AS config, enabled";

    private final Jdbc jdbc;

    PostgresSensorRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Sensor> find(Ref ref) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM sensors WHERE ref = ?",
                PostgresSensorRepository::sensor, ref.toString()));
    }

    @Override
    public Page<Sensor> list(ComponentFilter filter, PageRequest page) {
        Jdbc.Where where = new Jdbc.Where()
                .andIf(filter.pack(), "pack = ?")
                .andIf(filter.runner(), "runner = ?");
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "sensors", where, "ref", page, PostgresSensorRepository::sensor));
    }

    /** Inserts or updates by ref; for the pack's transaction. */
    static void upsert(Connection connection, Sensor sensor) throws SQLException {
        Jdbc.update(connection, """
                INSERT INTO sensors (ref, pack, description, runner, entry_point, triggers, config, enabled)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (ref) DO UPDATE SET
                    pack = EXCLUDED.pack, description = EXCLUDED.description, runner = EXCLUDED.runner,
                    entry_point = EXCLUDED.entry_point, triggers = EXCLUDED.triggers, config = EXCLUDED.config,
                    enabled = EXCLUDED.enabled, updated_at = now()
                """,
                sensor.ref().toString(), sensor.ref().pack(), sensor.description(), sensor.runner().code(),
                sensor.entryPoint(), sensor.triggers().stream().map(Ref::toString).toList(),
                JsonColumns.write(sensor.config()), sensor.enabled());
    }

    private static Sensor sensor(ResultSet row) throws SQLException {
        return new Sensor(
                Ref.parse(row.getString("ref")),
                row.getString("description"),
                Codes.decode(RunnerType::fromCode, "runner", row.getString("runner")),
                row.getString("entry_point"),
                Jdbc.texts(row, "triggers").stream().map(Ref::parse).toList(),
                JsonColumns.readObject(row.getString("config")),
                row.getBoolean("enabled"));
    }
}
