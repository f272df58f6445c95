package io.attune.adapters.postgres;

import io.attune.application.port.in.ExecutionQueries.WorkerRuntime;
import io.attune.application.port.in.ExecutionQueries.WorkerView;
import io.attune.application.port.out.WorkerRepository;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Workers in the {@code workers} table, by name. The status is what the workers said ({@code active} on register and
 * heartbeat, {@code draining} then {@code stopped} on an orderly stop) or what the executor judged ({@code lost}, with the time it passes
 * in: this repository reads no clock). {@code running} counts the executions in {@code running} or {@code canceling}
 * that name the worker. Joins the current transaction; outside one, each call runs in a short transaction of its own.
 */
@Singleton
public final class PostgresWorkerRepository implements WorkerRepository {

    private static final String SELECT = """
            SELECT w.name, w.host, w.runtimes, w.capacity, w.status, w.heartbeat_at, w.heartbeat_interval_ms, w.started_at,
                   w.runtime_details, w.labels,
                   (SELECT count(*) FROM executions e
                    WHERE e.worker = w.name AND e.status IN ('running', 'canceling')) AS running
            FROM workers w""";

    private final Jdbc jdbc;

    PostgresWorkerRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(String name, String host, List<WorkerRuntime> runtimes, Map<String, String> labels,
                         int capacity, Duration heartbeatInterval, Instant at) {
        Map<String, Object> details = new TreeMap<>();
        runtimes.forEach(r -> {
            Map<String, Object> found = new TreeMap<>();
            r.version().ifPresent(v -> found.put("version", v));
            r.path().ifPresent(p -> found.put("path", p));
            details.put(r.runner(), found);
        });
        jdbc.write(c -> Jdbc.update(c, """
                INSERT INTO workers (name, host, runtimes, capacity, status, heartbeat_at, heartbeat_interval_ms, started_at,
                                     runtime_details, labels)
                VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?::jsonb, ?::jsonb)
                ON CONFLICT (name) DO UPDATE SET
                    host = EXCLUDED.host, runtimes = EXCLUDED.runtimes, capacity = EXCLUDED.capacity, status = 'active',
                    heartbeat_at = EXCLUDED.heartbeat_at, heartbeat_interval_ms = EXCLUDED.heartbeat_interval_ms,
                    started_at = EXCLUDED.started_at, runtime_details = EXCLUDED.runtime_details,
                    labels = EXCLUDED.labels, updated_at = now()
                """, name, host, details.keySet().toArray(String[]::new), capacity, at,
                heartbeatInterval.toMillis(), at, JsonColumns.write(details), JsonColumns.write(new TreeMap<>(labels))));
    }

    @Override
    public boolean heartbeat(String name, Instant at) {
        return jdbc.write(c -> Jdbc.update(c,
                "UPDATE workers SET heartbeat_at = ?, status = 'active', updated_at = now() WHERE name = ?",
                at, name) == 1);
    }

    @Override
    public void draining(String name, Instant at) {
        jdbc.write(c -> Jdbc.update(c, "UPDATE workers SET status = 'draining', updated_at = ? WHERE name = ?", at, name));
    }

    @Override
    public void stopped(String name, Instant at) {
        jdbc.write(c -> Jdbc.update(c, "UPDATE workers SET status = 'stopped', updated_at = ? WHERE name = ?", at, name));
    }

    @Override
    public Optional<WorkerView> find(String name) {
        return jdbc.read(c -> Jdbc.one(c, SELECT + " WHERE w.name = ?", PostgresWorkerRepository::worker, name));
    }

    @Override
    public List<String> markLost(Instant now, int missedHeartbeats) {
        return jdbc.write(c -> Jdbc.list(c, """
                UPDATE workers SET status = 'lost', updated_at = ?
                WHERE status IN ('active', 'draining') AND heartbeat_at + heartbeat_interval_ms * ? * interval '1 millisecond' < ?
                RETURNING name""", row -> row.getString("name"),
                now, missedHeartbeats, now)).stream().sorted().toList();
    }

    @Override
    public int prune(Instant silentSince) {
        return jdbc.write(c -> Jdbc.update(c,
                "DELETE FROM workers WHERE status IN ('lost', 'stopped') AND heartbeat_at < ?", silentSince));
    }

    @Override
    public List<WorkerView> list() {
        return jdbc.read(c -> Jdbc.list(c, SELECT + " ORDER BY w.name", PostgresWorkerRepository::worker));
    }

    private static WorkerView worker(ResultSet row) throws SQLException {
        List<WorkerRuntime> details = new ArrayList<>();
        JsonColumns.readObject(row.getString("runtime_details")).forEach((runner, found) -> {
            Map<?, ?> fields = found instanceof Map<?, ?> m ? m : Map.of();
            details.add(new WorkerRuntime(runner, Optional.ofNullable(fields.get("version")).map(Object::toString),
                    Optional.ofNullable(fields.get("path")).map(Object::toString)));
        });
        Map<String, String> labels = new TreeMap<>();
        JsonColumns.readObject(row.getString("labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
        return new WorkerView(
                row.getString("name"),
                row.getString("host"),
                Set.copyOf(Jdbc.texts(row, "runtimes")),
                row.getInt("capacity"),
                row.getString("status"),
                Jdbc.instant(row, "heartbeat_at").orElseThrow(),
                Duration.ofMillis(row.getLong("heartbeat_interval_ms")),
                Jdbc.instant(row, "started_at").orElseThrow(),
                row.getInt("running"),
                details,
                labels);
    }
}
