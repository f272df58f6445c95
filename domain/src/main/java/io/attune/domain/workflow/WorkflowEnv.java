package io.attune.domain.workflow;

import java.util.List;
import java.util.Optional;

/**
 * What the engine reads that is not in its state: keys ({@code st2kv}, {@code keys.<name>}) and the results of a
 * with-items task's items, which are stored once with their executions rather than copied into the workflow's state.
 * Both are read-only; an item's result never changes once its execution has ended.
 */
public interface WorkflowEnv {

    /** The value of a key as written in the expression ({@code system.name} or {@code name}); empty when missing. */
    Optional<Object> key(String name);

    /**
     * The results of the items of run {@code run}, attempt {@code attempt}, in item order: {@code count} entries, null
     * where an item has no result (not started, or ended without one).
     */
    List<Object> itemResults(int run, int attempt, int count);
}
