package io.attune.domain.workflow.expr;

import java.util.Map;
import java.util.Optional;

/** A scope with fixed contents for tests: the context, the current task's result and status, task statuses, item, keys. */
record FixedScope(Map<String, Object> ctx, Object currentResult, String status, Map<String, String> tasks,
                  Object currentItem,
                  Map<String, Object> keys) implements Scope {

    static FixedScope of(Map<String, Object> ctx) {
        return new FixedScope(ctx, null, null, Map.of(), null, Map.of());
    }

    FixedScope withTask(String status, Object result) {
        return new FixedScope(ctx, result, status, tasks, currentItem, keys);
    }

    FixedScope withTasks(Map<String, String> tasks) {
        return new FixedScope(ctx, currentResult, status, tasks, currentItem, keys);
    }

    FixedScope withItem(Object item) {
        return new FixedScope(ctx, currentResult, status, tasks, item, keys);
    }

    FixedScope withKeys(Map<String, Object> keys) {
        return new FixedScope(ctx, currentResult, status, tasks, currentItem, keys);
    }

    @Override
    public Optional<Object> result() {
        return status == null ? Optional.empty() : Optional.ofNullable(currentResult);
    }

    @Override
    public Optional<String> currentStatus() {
        return Optional.ofNullable(status);
    }

    @Override
    public Optional<String> taskStatus(String task) {
        return Optional.ofNullable(tasks.get(task));
    }

    @Override
    public Optional<Object> item() {
        return Optional.ofNullable(currentItem);
    }

    @Override
    public Optional<Object> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }
}
