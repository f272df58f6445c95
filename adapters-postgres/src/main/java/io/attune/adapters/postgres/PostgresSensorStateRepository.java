package io.attune.adapters.postgres;

import io.attune.application.port.out.SensorStateRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.SensorError;
import io.attune.domain.sensor.SensorState;
import io.attune.domain.sensor.SensorStatus;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Sensor states in {@code sensor_states} (one row per sensor ref, upserted) and their malformed lines in
 * {@code sensor_errors} (the newest N per sensor kept). NUL characters, which PostgreSQL text cannot hold, are
 * stored as U+FFFD. Joins the current transaction; outside one, each call runs in a short transaction of its own.
 */
@Singleton
public final class PostgresSensorStateRepository implements SensorStateRepository {

    private static final String COLUMNS = "sensor, status, instance, pid, started_at, restarts, last_exit_code, "
            + "last_error, events_emitted, errors, updated_at";

    private final Jdbc jdbc;

    PostgresSensorStateRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(SensorState s) {
        jdbc.write(c -> Jdbc.update(c, "INSERT INTO sensor_states (" + COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (sensor) DO UPDATE SET
                    status = EXCLUDED.status, instance = EXCLUDED.instance, pid = EXCLUDED.pid,
                    started_at = EXCLUDED.started_at, restarts = EXCLUDED.restarts,
                    last_exit_code = EXCLUDED.last_exit_code, last_error = EXCLUDED.last_error,
                    events_emitted = EXCLUDED.events_emitted, errors = EXCLUDED.errors, updated_at = EXCLUDED.updated_at
                """, s.sensor().toString(), s.status().code(), s.instance().map(PostgresSensorStateRepository::text)
                        .orElse(null), s.pid().orElse(null), s.startedAt().orElse(null), s.restarts(),
                s.lastExitCode().orElse(null), s.lastError().map(PostgresSensorStateRepository::text).orElse(null),
                s.eventsEmitted(), s.errors(), s.updatedAt()));
    }

    @Override
    public Optional<SensorState> find(Ref sensor) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM sensor_states WHERE sensor = ?",
                PostgresSensorStateRepository::state, sensor.toString()));
    }

    @Override
    public List<SensorState> list() {
        return jdbc.read(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM sensor_states ORDER BY sensor",
                PostgresSensorStateRepository::state));
    }

    @Override
    public void remove(Ref sensor) {
        jdbc.write(c -> {
            Jdbc.update(c, "DELETE FROM sensor_errors WHERE sensor = ?", sensor.toString());
            return Jdbc.update(c, "DELETE FROM sensor_states WHERE sensor = ?", sensor.toString());
        });
    }

    @Override
    public void recordError(Ref sensor, SensorError error, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be positive, got " + keep);
        }
        jdbc.write(c -> {
            Jdbc.update(c, "INSERT INTO sensor_errors (sensor, occurred_at, line, reason) VALUES (?, ?, ?, ?)",
                    sensor.toString(), error.occurredAt(), text(error.line()), text(error.reason()));
            return Jdbc.update(c, """
                    DELETE FROM sensor_errors WHERE sensor = ? AND id < (
                        SELECT min(id) FROM (SELECT id FROM sensor_errors WHERE sensor = ? ORDER BY id DESC LIMIT ?) newest)
                    """, sensor.toString(), sensor.toString(), keep);
        });
    }

    @Override
    public List<SensorError> errors(Ref sensor, int limit) {
        return jdbc.read(c -> Jdbc.list(c, """
                SELECT occurred_at, line, reason FROM sensor_errors WHERE sensor = ? ORDER BY id DESC LIMIT ?""",
                row -> new SensorError(Jdbc.instant(row, "occurred_at").orElseThrow(), row.getString("line"),
                        row.getString("reason")), sensor.toString(), limit));
    }

    private static SensorState state(ResultSet row) throws SQLException {
        long pid = row.getLong("pid");
        Optional<Long> maybePid = row.wasNull() ? Optional.empty() : Optional.of(pid);
        return new SensorState(
                Ref.parse(row.getString("sensor")),
                SensorStatus.ofCode(row.getString("status")),
                Optional.ofNullable(row.getString("instance")),
                maybePid,
                Jdbc.instant(row, "started_at"),
                row.getInt("restarts"),
                Jdbc.integer(row, "last_exit_code"),
                Optional.ofNullable(row.getString("last_error")),
                row.getLong("events_emitted"),
                row.getLong("errors"),
                Jdbc.instant(row, "updated_at").orElseThrow());
    }

    private static String text(String value) {
        return value.replace('\0', '\uFFFD');
    }
}
