package io.attune.application.port.in;

import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.domain.workflow.TaskStatus;
import io.attune.domain.workflow.WorkflowDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Controlling running workflows and showing their tasks. */
public interface WorkflowCommands {

    /** Pauses a running workflow (its running tasks finish first). NotFound; Conflict unless it is a running workflow. */
    ExecutionView pause(long execution);

    /** Resumes a pausing or paused workflow. NotFound; Conflict unless it is a pausing or paused workflow. */
    ExecutionView resume(long execution);

    /**
     * A new workflow execution that reruns the ended workflow {@code execution} from {@code tasks} (with-items tasks in
     * {@code reset} rerun every item, the others only their failed ones). NotFound; Conflict unless it is an ended
     * workflow; Invalid naming a task that is unknown or never ran.
     */
    ExecutionView rerun(long execution, List<String> tasks, List<String> reset);

    /** Every run of every task of a workflow, in the order they started. NotFound; Invalid for a non-workflow. */
    List<TaskRun> tasks(long execution);

    /**
     * The definition a workflow execution runs: the text it started with (kept with its state), or its action's
     * current one before it started. NotFound; Conflict for a non-workflow; Invalid when the text is not valid.
     */
    WorkflowDefinition definition(long execution);

    /** One run of a task with the executions that ran it (one per item and attempt, oldest first). */
    record TaskRun(String task, int run, TaskStatus status, int attempt, Instant startedAt, Optional<Instant> endedAt,
                   List<String> route, OptionalInt items, List<Long> executions) {
        public TaskRun {
            route = List.copyOf(route);
            executions = List.copyOf(executions);
        }
    }
}
