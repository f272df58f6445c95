package io.attune.application.port.in;

import io.attune.domain.execution.Execution;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Asking for executions and stopping them. */
public interface ExecutionCommands {

    /**
     * Creates an execution of an action: parameters validated against its schema (defaults applied, unknown names
     * refused: Invalid naming the field), admitted under its policies in the same transaction. NotFound for an
     * unknown action. The returned execution is requested, delayed, scheduled or (policy) canceled/failed.
     */
    ExecutionView request(RequestExecution command);

    /** Cancels a non-terminal execution; Conflict when it already finished, NotFound when absent. */
    ExecutionView cancel(long id);

    /** A new execution of the same action with the same parameters, or {@code parameters} when given. */
    ExecutionView rerun(long id, Optional<Map<String, Object>> parameters);

    /** What a client asks to run. */
    record RequestExecution(String action, Map<String, Object> parameters, Optional<Integer> timeoutSeconds,
                            OptionalLong parent, OptionalLong enforcement, Optional<Idempotency.Claim> idempotency) {
        public RequestExecution {
            parameters = parameters == null ? Map.of() : parameters;
            timeoutSeconds = timeoutSeconds == null ? Optional.empty() : timeoutSeconds;
            parent = parent == null ? OptionalLong.empty() : parent;
            enforcement = enforcement == null ? OptionalLong.empty() : enforcement;
            idempotency = idempotency == null ? Optional.empty() : idempotency;
        }

        public RequestExecution(String action, Map<String, Object> parameters, Optional<Integer> timeoutSeconds,
                                OptionalLong parent, OptionalLong enforcement) {
            this(action, parameters, timeoutSeconds, parent, enforcement, Optional.empty());
        }

        /** The same request, claiming an Idempotency-Key in the transaction that stores it. */
        public RequestExecution once(Idempotency.Claim claim) {
            return new RequestExecution(action, parameters, timeoutSeconds, parent, enforcement, Optional.of(claim));
        }

        public static RequestExecution of(String action, Map<String, Object> parameters) {
            return new RequestExecution(action, parameters, Optional.empty(), OptionalLong.empty(), OptionalLong.empty());
        }
    }

    /**
     * An execution as it may be shown: secret parameters masked, its queue position while delayed, and, for a workflow
     * only, its errors so far.
     */
    record ExecutionView(Execution execution, java.util.OptionalInt queuePosition,
                         Optional<java.util.List<Map<String, Object>>> errors, java.util.OptionalLong retriedBy,
                         Optional<String> waitingFor) {
        public ExecutionView {
            errors = errors == null ? Optional.empty()
                    : errors.map(list -> list.stream().map(io.attune.domain.common.Json::copyObject).toList());
            retriedBy = retriedBy == null ? java.util.OptionalLong.empty() : retriedBy;
            waitingFor = waitingFor == null ? Optional.empty() : waitingFor;
        }

        public ExecutionView(Execution execution, java.util.OptionalInt queuePosition,
                             Optional<java.util.List<Map<String, Object>>> errors) {
            this(execution, queuePosition, errors, java.util.OptionalLong.empty(), Optional.empty());
        }

        public ExecutionView(Execution execution, java.util.OptionalInt queuePosition) {
            this(execution, queuePosition, Optional.empty());
        }
    }
}
