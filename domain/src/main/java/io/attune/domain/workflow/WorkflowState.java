package io.attune.domain.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the engine knows about one running workflow, as plain JSON ({@link #toJson()} / {@link #fromJson}) so it
 * is stored whole in one row and changed in the transaction of each event. Task results are not in it (they are stored
 * once, with the child executions); published variables are.
 */
public final class WorkflowState {

    /** One run of a task as the tasks view shows it. */
    public record RunView(int run, String task, TaskStatus status, int attempt, Instant startedAt,
                          Optional<Instant> endedAt, OptionalInt items, List<String> route) {
    }

    public WorkflowStatus status() {
        throw new UnsupportedOperationException("being written");
    }

    /** Every run of every task, in the order they started. */
    public List<RunView> runs() {
        throw new UnsupportedOperationException("being written");
    }

    /** The names of the tasks in the order they were started, one entry per start (retries and cycles included). */
    public List<String> sequence() {
        throw new UnsupportedOperationException("being written");
    }

    /** The workflow's errors so far ({@code type}, {@code message}, {@code task_id}, {@code route}, ...). */
    public List<Map<String, Object>> errors() {
        throw new UnsupportedOperationException("being written");
    }

    public Map<String, Object> toJson() {
        throw new UnsupportedOperationException("being written");
    }

    public static WorkflowState fromJson(Map<String, Object> json) {
        throw new UnsupportedOperationException("being written");
    }
}
