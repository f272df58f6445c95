package io.attune.application.port.out;

import io.attune.application.port.in.ExecutionQueries.WorkerRuntime;
import io.attune.application.port.in.ExecutionQueries.WorkerView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registered workers and their heartbeats. A worker is {@code active} from its registration or its last heartbeat,
 * {@code draining} from the start of an orderly stop (it takes no more work and lets what it runs finish),
 * {@code lost} once the executor judged its heartbeat gone ({@link #markLost}), {@code stopped} after an orderly stop;
 * a heartbeat makes a lost worker active again (a draining one says so again in the same transaction). The repository reads no clock: every time is passed in.
 */
public interface WorkerRepository {

    /**
     * Registers (or re-registers) a worker as active, started {@code at}, heartbeating every {@code heartbeatInterval},
     * serving these runtimes (as it found them) and advertising these labels.
     */
    void register(String name, String host, List<WorkerRuntime> runtimes, Map<String, String> labels, int capacity,
                  Duration heartbeatInterval, Instant at);

    /** Registers a worker that says of its runtimes only their names, and has no labels. */
    default void register(String name, String host, Set<String> runtimes, int capacity, Duration heartbeatInterval,
                          Instant at) {
        register(name, host, runtimes.stream().sorted()
                .map(r -> new WorkerRuntime(r, Optional.empty(), Optional.empty())).toList(), Map.of(), capacity,
                heartbeatInterval, at);
    }

    /** Records a heartbeat and makes the worker active (a lost one too); false if the worker is not registered. */
    boolean heartbeat(String name, Instant at);

    /** Marks a worker draining (the start of an orderly shutdown); its last heartbeat is kept. */
    void draining(String name, Instant at);

    /** Marks a worker stopped (orderly shutdown); its last heartbeat is kept. */
    void stopped(String name, Instant at);

    /** The worker of this name, with its status, its last heartbeat and what it runs. */
    Optional<WorkerView> find(String name);

    /**
     * Marks lost every active or draining worker that missed {@code missedHeartbeats} of its heartbeats: its last one is more than
     * that many of its intervals before {@code now}. Returns their names, by name. Idempotent: a worker already lost or
     * stopped is left as it is. A draining worker that dies is lost like any other, so its executions are abandoned.
     */
    List<String> markLost(Instant now, int missedHeartbeats);

    /** Deletes the lost and stopped workers whose last heartbeat is before {@code silentSince}; returns how many. */
    int prune(Instant silentSince);

    /** Workers by name, with their status and how many executions each is running. */
    List<WorkerView> list();
}
