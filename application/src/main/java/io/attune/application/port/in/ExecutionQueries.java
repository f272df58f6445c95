package io.attune.application.port.in;

import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Reading executions, policy queues and workers. */
public interface ExecutionQueries {

    /** Newest first; secret parameters masked. */
    Page<ExecutionView> list(ExecutionFilter filter, PageRequest page);

    /**
     * Newest first, secret parameters masked, like {@link #list}, but without the total: as fast on a million
     * executions as on ten (the console's lists).
     */
    Slice<ExecutionView> browse(ExecutionFilter filter, PageRequest page);

    /** NotFound when absent. */
    ExecutionView get(long id);

    /** Per policy key of the action's policies; NotFound for an unknown action. */
    List<QueueStats> queueStats(String action);

    List<WorkerView> workers();

    /** Execution list filters; empty means any. */
    record ExecutionFilter(Optional<ExecutionStatus> status, Optional<Ref> action, Optional<String> pack,
                           OptionalLong parent, Optional<Instant> since, Optional<Instant> until) {
        public ExecutionFilter {
            status = status == null ? Optional.empty() : status;
            action = action == null ? Optional.empty() : action;
            pack = pack == null ? Optional.empty() : pack;
            parent = parent == null ? OptionalLong.empty() : parent;
            since = since == null ? Optional.empty() : since;
            until = until == null ? Optional.empty() : until;
        }

        public static ExecutionFilter any() {
            return new ExecutionFilter(null, null, null, null, null, null);
        }
    }

    /** One policy key's queue. */
    record QueueStats(String policy, String key, OptionalInt limit, int active, int queued,
                      Optional<Duration> oldestQueuedAge, long totalAdmitted, long totalQueued, long totalCanceled,
                      long totalRejected, long totalReleased, OptionalInt maxQueue, Optional<Duration> queueTimeout,
                      long totalOverflowed, long totalTimedOut) {

        /** Stats of a key whose queue has no bound or timeout to show and nothing overflowed or timed out. */
        public QueueStats(String policy, String key, OptionalInt limit, int active, int queued,
                          Optional<Duration> oldestQueuedAge, long totalAdmitted, long totalQueued, long totalCanceled,
                          long totalRejected, long totalReleased) {
            this(policy, key, limit, active, queued, oldestQueuedAge, totalAdmitted, totalQueued, totalCanceled,
                    totalRejected, totalReleased, OptionalInt.empty(), Optional.empty(), 0, 0);
        }
    }

    /**
     * A worker as the API shows it: {@code status} is {@code active}, {@code draining} (stopping: it takes no more
     * work), {@code lost} (its heartbeat stopped) or {@code stopped}; {@code heartbeatInterval} is how often it said it
     * heartbeats; {@code details} what it found of each runtime it serves at start (version, path); {@code labels} what
     * it advertises ({@code ATTUNE_WORKER_LABELS}), for actions that ask for labels.
     */
    record WorkerView(String name, String host, Set<String> runtimes, int capacity, String status, Instant heartbeatAt,
                      Duration heartbeatInterval, Instant startedAt, int running, List<WorkerRuntime> details,
                      java.util.Map<String, String> labels) {
        public WorkerView {
            runtimes = Set.copyOf(runtimes);
            details = details.stream().sorted(java.util.Comparator.comparing(WorkerRuntime::runner)).toList();
            labels = java.util.Map.copyOf(labels);
        }

        /** A worker that said nothing of its runtimes but their names. */
        public WorkerView(String name, String host, Set<String> runtimes, int capacity, String status,
                          Instant heartbeatAt, Duration heartbeatInterval, Instant startedAt, int running) {
            this(name, host, runtimes, capacity, status, heartbeatAt, heartbeatInterval, startedAt, running,
                    runtimes.stream().sorted().map(r -> new WorkerRuntime(r, Optional.empty(), Optional.empty())).toList(),
                    java.util.Map.of());
        }

        /** Whether it takes work now: active (a draining, lost or stopped worker takes none). */
        public boolean live() {
            return "active".equals(status);
        }
    }

    /**
     * A runtime as one worker found it at start: the runner it serves ({@code shell}, {@code python}, {@code node},
     * {@code internal}, {@code http}), the interpreter's version and absolute path (empty for runners built into the
     * worker).
     */
    record WorkerRuntime(String runner, Optional<String> version, Optional<String> path) {
    }

    /** A runtime and the workers that serve it (each with the version and path it found); {@code served} by a live one. */
    record RuntimeView(String name, boolean served, List<RuntimeWorker> workers) {
    }

    /** One worker that serves a runtime. */
    record RuntimeWorker(String worker, String status, Optional<String> version, Optional<String> path) {
    }

    /** Every runtime a worker can serve, with the workers that serve it now (live or draining). */
    List<RuntimeView> runtimes();
}
