package io.attune.application.fake;

import io.attune.application.port.in.ExecutionQueries.WorkerView;
import io.attune.application.port.out.WorkerRepository;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** Registered workers in memory. */
public final class InMemoryWorkers implements WorkerRepository {

    private final TreeMap<String, WorkerView> rows = new TreeMap<>();

    @Override
    public synchronized void register(String name, String host, Set<String> runtimes, int capacity, Instant at) {
        rows.put(name, new WorkerView(name, host, runtimes, capacity, "active", at, at, 0));
    }

    @Override
    public synchronized boolean heartbeat(String name, Instant at) {
        WorkerView w = rows.get(name);
        if (w == null) {
            return false;
        }
        rows.put(name, new WorkerView(name, w.host(), w.runtimes(), w.capacity(), "active", at, w.startedAt(), w.running()));
        return true;
    }

    @Override
    public synchronized void stopped(String name, Instant at) {
        WorkerView w = rows.get(name);
        if (w != null) {
            rows.put(name, new WorkerView(name, w.host(), w.runtimes(), w.capacity(), "stopped", w.heartbeatAt(), w.startedAt(), 0));
        }
    }

    @Override
    public synchronized List<WorkerView> list() {
        return List.copyOf(rows.values());
    }
}
