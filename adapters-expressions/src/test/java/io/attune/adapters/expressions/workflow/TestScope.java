package io.attune.adapters.expressions.workflow;

import io.attune.domain.workflow.expr.Scope;
import java.util.Map;
import java.util.Optional;

/** A scope with fixed contents for tests: the context, the current task's status and result, statuses, item, keys. */
record TestScope(Map<String, Object> ctx, String status, Object taskResult, Map<String, String> statuses,
                 Object currentItem, Map<String, Object> keys) implements Scope {

    static TestScope of(Map<String, Object> ctx) {
        return new TestScope(ctx, null, null, Map.of(), null, Map.of());
    }

    TestScope withTask(String status, Object result) {
        return new TestScope(ctx, status, result, statuses, currentItem, keys);
    }

    TestScope withStatuses(Map<String, String> statuses) {
        return new TestScope(ctx, status, taskResult, statuses, currentItem, keys);
    }

    TestScope withItem(Object item) {
        return new TestScope(ctx, status, taskResult, statuses, item, keys);
    }

    TestScope withKeys(Map<String, Object> keys) {
        return new TestScope(ctx, status, taskResult, statuses, currentItem, keys);
    }

    @Override
    public Optional<Object> result() {
        return status == null ? Optional.empty() : Optional.ofNullable(taskResult);
    }

    @Override
    public Optional<String> currentStatus() {
        return Optional.ofNullable(status);
    }

    @Override
    public Optional<String> taskStatus(String task) {
        return Optional.ofNullable(statuses.get(task));
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
