package io.attune.domain.workflow;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** What the engine asks of the platform after an event; carried out in the transaction that stores the new state. */
public sealed interface WorkflowCommand {

    /**
     * Request a child execution of {@code action} with the rendered {@code input}, for run {@code run} of {@code task}
     * (item {@code item} of a with-items task), attempt {@code attempt} (0, then 1, 2, ... on retries). Its end comes
     * back as {@link WorkflowEvent.ChildEnded} with the same run, item and attempt. A child that cannot be requested
     * (unknown action, parameters refused) is reported back at once as a failed ChildEnded.
     */
    record RunChild(int run, String task, OptionalInt item, int attempt, String action, Map<String, Object> input)
            implements WorkflowCommand {
        public RunChild {
            item = item == null ? OptionalInt.empty() : item;
            input = io.attune.domain.common.Json.copyObject(input);
        }
    }

    /** Come back with {@link WorkflowEvent.TimerDue}({@code run}, {@code attempt}) after {@code delayMillis}. */
    record StartTimer(int run, int attempt, long delayMillis) implements WorkflowCommand {
    }

    /** Cancel every child execution of this workflow that has not ended (subworkflows cascade). */
    record CancelChildren() implements WorkflowCommand {
    }

    /** Pause every running child that is a workflow (its own tasks finish first). */
    record PauseChildren() implements WorkflowCommand {
    }

    /** Resume every paused or pausing child that is a workflow. */
    record ResumeChildren() implements WorkflowCommand {
    }

    /** The workflow's status changed without ending (running, pausing, paused, canceling): show it on its execution. */
    record StatusChanged(WorkflowStatus status) implements WorkflowCommand {
    }

    /** The workflow ended: end its execution with this status, output (its result) and errors. */
    record Finish(WorkflowStatus status, Object output, List<Map<String, Object>> errors) implements WorkflowCommand {
        public Finish {
            if (!status.isTerminal()) {
                throw new IllegalArgumentException("a workflow finishes succeeded, failed or canceled, not " + status.code());
            }
            errors = errors.stream().map(io.attune.domain.common.Json::copyObject).toList();
        }
    }
}
