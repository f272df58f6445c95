package io.attune.application.fake;

import io.attune.application.port.out.WorkflowRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Workflow states and timers in memory, for application tests; held to the same contract as PostgreSQL. There are no
 * row locks: the tests that use it apply one workflow's events from one thread.
 */
public final class InMemoryWorkflows implements WorkflowRepository {

    private final TreeMap<Long, StoredState> states = new TreeMap<>();
    private final TreeMap<String, Timer> timers = new TreeMap<>();

    @Override
    public synchronized void insert(StoredState state) {
        if (states.containsKey(state.execution())) {
            throw new IllegalStateException("workflow execution " + state.execution() + " has a stored state already");
        }
        states.put(state.execution(), new StoredState(state.execution(), state.action(), state.definition(),
                state.state(), state.rerun(), 0));
    }

    @Override
    public synchronized Optional<StoredState> find(long execution) {
        return Optional.ofNullable(states.get(execution));
    }

    @Override
    public synchronized Optional<StoredState> findForUpdate(long execution) {
        return find(execution);
    }

    @Override
    public synchronized boolean update(long execution, Map<String, Object> state, long expectedVersion) {
        StoredState current = states.get(execution);
        if (current == null || current.version() != expectedVersion) {
            return false;
        }
        states.put(execution, new StoredState(execution, current.action(), current.definition(), state,
                Optional.empty(), expectedVersion + 1));
        return true;
    }

    @Override
    public synchronized void addTimer(Timer timer) {
        timers.put(key(timer.execution(), timer.run(), timer.attempt()), timer);
    }

    @Override
    public synchronized List<Timer> dueTimers(Instant now, int limit) {
        return timers.values().stream().filter(t -> !t.dueAt().isAfter(now))
                .sorted(Comparator.comparing(Timer::dueAt).thenComparingLong(Timer::execution)
                        .thenComparingInt(Timer::run).thenComparingInt(Timer::attempt))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean deleteTimer(long execution, int run, int attempt) {
        return timers.remove(key(execution, run, attempt)) != null;
    }

    /** Empties the fake. */
    public synchronized void clear() {
        states.clear();
        timers.clear();
    }

    private static String key(long execution, int run, int attempt) {
        return execution + "/" + run + "/" + attempt;
    }
}
