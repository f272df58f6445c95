package io.attune.domain.workflow;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/** What happens to a running workflow; each carries the time it happened (the engine has no clock). */
public sealed interface WorkflowEvent {

    Instant at();

    /**
     * The child execution of run {@code run} (item {@code item}, attempt {@code attempt}) of a task ended. The status is
     * the task's view of the child's end: a child that timed out or was abandoned is FAILED. {@code result} has
     * StackStorm's shape ({@code result()} in expressions). A duplicate, or the end of a superseded attempt, is ignored.
     */
    record ChildEnded(int run, OptionalInt item, int attempt, TaskStatus status, Object result, Instant at)
            implements WorkflowEvent {
        public ChildEnded {
            item = item == null ? OptionalInt.empty() : item;
            if (!status.isEnded()) {
                throw new IllegalArgumentException("a child ends succeeded, failed or canceled, not " + status.code());
            }
        }
    }

    /**
     * The child of run {@code run} (item {@code item}, attempt {@code attempt}) waits without ending: an inquiry waits
     * for a person, or a subworkflow is paused. The workflow pauses once its other running children have ended (nothing
     * new starts meanwhile) and resumes by itself when no child waits any more. Ignored when stale.
     */
    record ChildWaiting(int run, OptionalInt item, int attempt, Instant at) implements WorkflowEvent {
        public ChildWaiting {
            item = item == null ? OptionalInt.empty() : item;
        }
    }

    /** A waiting child goes on without having ended (a paused subworkflow was resumed). Ignored when stale. */
    record ChildResumed(int run, OptionalInt item, int attempt, Instant at) implements WorkflowEvent {
        public ChildResumed {
            item = item == null ? OptionalInt.empty() : item;
        }
    }

    /** The timer the engine asked for run {@code run} (its delay or its retry wait) is due. Ignored when stale. */
    record TimerDue(int run, int attempt, Instant at) implements WorkflowEvent {
    }

    /** Pause: no new task starts; running ones finish (subworkflows pause too); then the workflow is paused. */
    record Pause(Instant at) implements WorkflowEvent {
    }

    /** Resume a pausing or paused workflow: what waited starts. */
    record Resume(Instant at) implements WorkflowEvent {
    }

    /** Cancel: running children are canceled; once they have ended the workflow is canceled. */
    record Cancel(Instant at) implements WorkflowEvent {
    }

    /**
     * Rerun an ended workflow (as a new one) from {@code tasks}, keeping the context they started with; a with-items
     * task among them reruns only its failed items unless it is also in {@code reset}.
     */
    record Rerun(List<String> tasks, List<String> reset, Instant at) implements WorkflowEvent {
        public Rerun {
            tasks = List.copyOf(tasks);
            reset = List.copyOf(reset == null ? List.of() : reset);
        }
    }
}
