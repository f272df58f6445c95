package io.attune.application.fake;

import io.attune.application.port.in.ExecutionQueries.WorkerRuntime;
import io.attune.application.port.in.ExecutionQueries.WorkerView;
import io.attune.application.port.out.WorkerRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Registered workers in memory; the {@code running} count of each is read from the executions fake at listing time.
 * Each call is atomic, but a failing transaction of the transaction fake does not undo it (see {@link InMemoryStore}).
 */
public final class InMemoryWorkers implements WorkerRepository {

    private final InMemoryExecutions executions;
    /** What each worker said, by name; {@code running} is not kept here. */
    private final TreeMap<String, WorkerView> rows = new TreeMap<>();

    /** Workers whose executions are not known: each is listed running none. */
    public InMemoryWorkers() {
        this(new InMemoryExecutions());
    }

    /** @param executions where the executions each worker runs are counted */
    public InMemoryWorkers(InMemoryExecutions executions) {
        this.executions = executions;
    }

    @Override
    public synchronized void register(String name, String host, List<WorkerRuntime> runtimes,
                                      Map<String, String> labels, int capacity, Duration heartbeatInterval, Instant at) {
        rows.put(name, new WorkerView(name, host, runtimes.stream().map(WorkerRuntime::runner)
                .collect(java.util.stream.Collectors.toSet()), capacity, "active", at, heartbeatInterval, at, 0,
                runtimes, labels));
    }

    @Override
    public synchronized boolean heartbeat(String name, Instant at) {
        WorkerView w = rows.get(name);
        if (w == null) {
            return false;
        }
        rows.put(name, with(w, "active", at));
        return true;
    }

    @Override
    public synchronized void draining(String name, Instant at) {
        WorkerView w = rows.get(name);
        if (w != null) {
            rows.put(name, with(w, "draining", w.heartbeatAt()));
        }
    }

    @Override
    public synchronized void stopped(String name, Instant at) {
        WorkerView w = rows.get(name);
        if (w != null) {
            rows.put(name, with(w, "stopped", w.heartbeatAt()));
        }
    }

    @Override
    public synchronized Optional<WorkerView> find(String name) {
        return Optional.ofNullable(rows.get(name)).map(this::counted);
    }

    @Override
    public synchronized List<String> markLost(Instant now, int missedHeartbeats) {
        List<String> lost = new ArrayList<>();
        for (WorkerView w : List.copyOf(rows.values())) {
            if ((w.status().equals("active") || w.status().equals("draining"))
                    && w.heartbeatAt().plus(w.heartbeatInterval().multipliedBy(missedHeartbeats)).isBefore(now)) {
                rows.put(w.name(), with(w, "lost", w.heartbeatAt()));
                lost.add(w.name());
            }
        }
        return lost;
    }

    @Override
    public synchronized int prune(Instant silentSince) {
        int before = rows.size();
        rows.values().removeIf(w -> (w.status().equals("lost") || w.status().equals("stopped"))
                && w.heartbeatAt().isBefore(silentSince));
        return before - rows.size();
    }

    /** By name, each with the executions naming it that are running or canceling. */
    @Override
    public synchronized List<WorkerView> list() {
        return rows.values().stream().map(this::counted).toList();
    }

    private static WorkerView with(WorkerView w, String status, Instant heartbeatAt) {
        return new WorkerView(w.name(), w.host(), w.runtimes(), w.capacity(), status, heartbeatAt, w.heartbeatInterval(),
                w.startedAt(), 0, w.details(), w.labels());
    }

    private WorkerView counted(WorkerView w) {
        return new WorkerView(w.name(), w.host(), w.runtimes(), w.capacity(), w.status(), w.heartbeatAt(),
                w.heartbeatInterval(), w.startedAt(), executions.runningOn(w.name()), w.details(), w.labels());
    }

    /** Forgets every worker (not the executions). */
    public synchronized void clear() {
        rows.clear();
    }
}
