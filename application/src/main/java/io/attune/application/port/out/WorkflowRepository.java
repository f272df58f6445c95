package io.attune.application.port.out;

import io.attune.domain.common.Ref;
import io.attune.domain.workflow.WorkflowSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine state of each workflow execution (one row, changed in the transaction of each event) and the timers of
 * its delayed and retried tasks. Joins the caller's transaction.
 */
public interface WorkflowRepository {

    /**
     * A workflow's stored state: the workflow it runs ({@code definition}, file and text, kept so that a re-uploaded
     * pack does not change a running workflow), the engine state ({@code WorkflowState.toJson}), and, for a rerun not
     * started yet, what to rerun. {@code version} counts its writes (0 once inserted).
     */
    record StoredState(long execution, Ref action, WorkflowSource definition, Map<String, Object> state,
                       Optional<PendingRerun> rerun, long version) {
        public StoredState {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(definition, "definition");
            state = io.attune.domain.common.Json.copyObject(state);
            rerun = rerun == null ? Optional.empty() : rerun;
        }
    }

    /** A rerun of workflow execution {@code of} from {@code tasks} asked for at {@code at}, applied when it starts. */
    record PendingRerun(long of, List<String> tasks, List<String> reset, Instant at) {
        public PendingRerun {
            tasks = List.copyOf(tasks);
            reset = List.copyOf(reset);
            Objects.requireNonNull(at, "at");
        }
    }

    /** A due time of run {@code run}, attempt {@code attempt} of a workflow. */
    record Timer(long execution, int run, int attempt, Instant dueAt) {
        public Timer {
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }

    /** Stores the first state of a workflow execution (its version ignored: 0); IllegalStateException when it has one. */
    void insert(StoredState state);

    /** The stored state, without a lock (for reading views). */
    Optional<StoredState> find(long execution);

    /**
     * The stored state, locked until the transaction ends ({@code SELECT ... FOR UPDATE}): the events of one workflow
     * are applied one at a time, whichever executor receives them.
     */
    Optional<StoredState> findForUpdate(long execution);

    /**
     * Writes {@code state} (and forgets a pending rerun, now applied) if the stored version is still
     * {@code expectedVersion}, which then becomes one more; false, writing nothing, otherwise.
     */
    boolean update(long execution, Map<String, Object> state, long expectedVersion);

    /** Sets the due time of (execution, run, attempt), replacing an earlier one. */
    void addTimer(Timer timer);

    /**
     * Timers due at {@code now} or before, earliest first, at most {@code limit}, locked and skipping those another
     * transaction holds ({@code FOR UPDATE SKIP LOCKED}): executors that fire timers at once never fire one twice.
     */
    List<Timer> dueTimers(Instant now, int limit);

    /** Removes a timer; false when there was none. */
    boolean deleteTimer(long execution, int run, int attempt);
}
