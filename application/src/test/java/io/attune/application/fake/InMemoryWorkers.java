package io.attune.application.fake;

import io.attune.application.port.in.ExecutionQueries.WorkerView;
import io.attune.application.port.out.WorkerRepository;
import java.time.Instant;
import java.util.List;
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
    public synchronized void register(String name, String host, Set<String> runtimes, int capacity, Instant at) {
        rows.put(name, new WorkerView(name, host, Set.copyOf(runtimes), capacity, "active", at, at, 0));
    }

    @Override
    public synchronized boolean heartbeat(String name, Instant at) {
        WorkerView w = rows.get(name);
        if (w == null) {
            return false;
        }
        rows.put(name, new WorkerView(name, w.host(), w.runtimes(), w.capacity(), "active", at, w.startedAt(), 0));
        return true;
    }

    @Override
    public synchronized void stopped(String name, Instant at) {
        WorkerView w = rows.get(name);
        if (w != null) {
            rows.put(name, new WorkerView(name, w.host(), w.runtimes(), w.capacity(), "stopped", w.heartbeatAt(),
                    w.startedAt(), 0));
        }
    }

    /** By name, each with the executions naming it that are running or canceling. */
    @Override
    public synchronized List<WorkerView> list() {
        return rows.values().stream()
                .map(w -> new WorkerView(w.name(), w.host(), w.runtimes(), w.capacity(), w.status(), w.heartbeatAt(),
                        w.startedAt(), executions.runningOn(w.name())))
                .toList();
    }

    /** Forgets every worker (not the executions). */
    public synchronized void clear() {
        rows.clear();
    }
}
