package io.attune.application.port.in;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Checks and rehearses workflows without running anything: validate reports every static error, simulate dry-runs. */
public interface WorkflowDesign {

    /** A workflow given as its YAML text or as the ref of an installed workflow action (exactly one of the two). */
    record WorkflowText(Optional<String> definition, Optional<String> ref) {
        public WorkflowText {
            definition = definition == null ? Optional.empty() : definition;
            ref = ref == null ? Optional.empty() : ref;
        }
    }

    /** Every static problem of a workflow (empty when it is valid), each with its field path. */
    record Validation(boolean valid, List<FieldError> errors) {
        public Validation {
            errors = List.copyOf(errors);
        }
    }

    /**
     * Validates a workflow: syntax, Orquesta's fields, unknown tasks in {@code do}, unreachable tasks, undefined
     * variables, bad expressions and unknown actions, all at once. Invalid: neither or both of definition and ref.
     * NotFound: no workflow action with that ref.
     */
    Validation validate(WorkflowText workflow);

    /**
     * A mocked end of a task start: {@code status} succeeded, failed or canceled; {@code times} starts it answers;
     * {@code seq} only the start at that position of the task sequence; {@code item} only that item.
     */
    record Mock(String task, String status, Object result, OptionalInt item, int times, OptionalInt seq) {
    }

    /** What to rehearse: the workflow, its input, mocks consumed in order per task, and keys for st2kv(). */
    record Simulate(WorkflowText workflow, Map<String, Object> input, List<Mock> mocks, Map<String, Object> keys) {
        public Simulate {
            input = input == null ? Map.of() : input;
            mocks = List.copyOf(mocks == null ? List.of() : mocks);
            keys = keys == null ? Map.of() : keys;
        }
    }

    /** What the rehearsal came to: status, the tasks in the order they started, output and errors. */
    record Simulation(String status, List<String> tasks, Object output, List<Map<String, Object>> errors) {
    }

    /**
     * Dry-runs a workflow with mocked task results, executing nothing. Invalid (422): an invalid workflow (its
     * errors), an input it does not declare or a required one missing, a malformed mock.
     */
    Simulation simulate(Simulate command);
}
