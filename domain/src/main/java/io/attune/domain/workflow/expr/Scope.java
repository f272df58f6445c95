package io.attune.domain.workflow.expr;

import java.util.Map;
import java.util.Optional;

/**
 * What an expression may read while it is evaluated: the workflow context ({@code ctx()}), the current task's result
 * and status ({@code result()}, {@code succeeded()}, {@code failed()}, {@code completed()}), other tasks' statuses
 * ({@code task_status(name)}), the current item ({@code item()}), and keys ({@code st2kv('system.name')},
 * {@code keys.name}). A function with nothing to read throws {@link ExpressionException}.
 */
public interface Scope {

    /** The context variables: the workflow's input, its vars and what tasks published on the way here. */
    Map<String, Object> ctx();

    /** The current task's result; empty outside a task's transitions or with-items. */
    Optional<Object> result();

    /** The current task's status code ({@code succeeded}, {@code failed}, ...); empty outside a task. */
    Optional<String> currentStatus();

    /** The status code of the latest run of {@code task}; empty when it has not run. */
    Optional<String> taskStatus(String task);

    /** The current item of a with-items task (a map of the named variables when the task names them); empty outside. */
    Optional<Object> item();

    /**
     * The value of a key: {@code name} as written ({@code system.x}, {@code x}); secrets decrypted only where the
     * platform allows it. Empty when there is no such key.
     */
    Optional<Object> key(String name);

    /** A scope that holds a context and nothing else (input, vars, output). */
    static Scope of(Map<String, Object> ctx) {
        return new Scope() {
            @Override
            public Map<String, Object> ctx() {
                return ctx;
            }

            @Override
            public Optional<Object> result() {
                return Optional.empty();
            }

            @Override
            public Optional<String> currentStatus() {
                return Optional.empty();
            }

            @Override
            public Optional<String> taskStatus(String task) {
                return Optional.empty();
            }

            @Override
            public Optional<Object> item() {
                return Optional.empty();
            }

            @Override
            public Optional<Object> key(String name) {
                return Optional.empty();
            }
        };
    }
}
