package io.attune.domain.workflow;

import io.attune.domain.workflow.expr.Expressions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The workflow engine: a pure function from (definition, state, event) to (new state, commands), with Orquesta's
 * semantics (start tasks, transitions with publish, joins, with-items, retries, delays, fail-fast, engine commands).
 * No clock, no I/O: times come with the events, keys and item results through {@link WorkflowEnv}.
 */
public final class WorkflowEngine {

    private final Expressions expressions;

    public WorkflowEngine(Expressions expressions) {
        this.expressions = expressions;
    }

    /** The new state and what the platform must do, in order. */
    public record Step(WorkflowState state, List<WorkflowCommand> commands) {
        public Step {
            commands = List.copyOf(commands);
        }
    }

    /**
     * Problems of an input against the workflow's declared input (an undeclared name, a required one missing), each
     * as (field, message); empty when the input is acceptable.
     */
    public static List<Map.Entry<String, String>> checkInput(WorkflowDefinition definition, Map<String, Object> input) {
        throw new UnsupportedOperationException("being written");
    }

    /** Starts a workflow: input with defaults, vars rendered, start tasks requested. Call checkInput first. */
    public Step start(WorkflowDefinition definition, Map<String, Object> input, WorkflowEnv env, Instant at) {
        throw new UnsupportedOperationException("being written");
    }

    /** Applies one event (not {@link WorkflowEvent.Rerun}: see {@link #rerun}). The given state is not changed. */
    public Step handle(WorkflowDefinition definition, WorkflowState state, WorkflowEvent event, WorkflowEnv env) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * The start of a new workflow that reruns an ended one ({@code previous}) from the tasks the event names, with the
     * context those tasks started with. Throws IllegalArgumentException naming a task that never ran or is unknown.
     */
    public Step rerun(WorkflowDefinition definition, WorkflowState previous, WorkflowEvent.Rerun event, WorkflowEnv env) {
        throw new UnsupportedOperationException("being written");
    }
}
