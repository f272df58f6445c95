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
                      long totalRejected, long totalReleased) {
    }

    /**
     * A worker as the API shows it: {@code status} is {@code active}, {@code lost} (its heartbeat stopped) or
     * {@code stopped}; {@code heartbeatInterval} is how often it said it heartbeats.
     */
    record WorkerView(String name, String host, Set<String> runtimes, int capacity, String status, Instant heartbeatAt,
                      Duration heartbeatInterval, Instant startedAt, int running) {
    }
}
