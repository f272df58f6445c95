package io.attune.domain.workflow;

import io.attune.domain.workflow.TaskSpec.Transition;
import io.attune.domain.workflow.WorkflowDefinition.Assignment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Builds workflow definitions for the engine's tests, without YAML. */
final class Wf {

    private Wf() {
    }

    static TaskSpec task(String name, String action, Transition... next) {
        return new TaskSpec(name, Optional.ofNullable(action), Map.of(), List.of(next), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    static TaskSpec input(TaskSpec t, Map<String, Object> input) {
        return new TaskSpec(t.name(), t.action(), input, t.next(), t.join(), t.with(), t.retry(), t.delay());
    }

    static TaskSpec join(TaskSpec t, Integer count) {
        return new TaskSpec(t.name(), t.action(), t.input(), t.next(),
                Optional.of(new TaskSpec.Join(count == null ? OptionalInt.empty() : OptionalInt.of(count))),
                t.with(), t.retry(), t.delay());
    }

    static TaskSpec items(TaskSpec t, Object items, Integer concurrency, String... vars) {
        return new TaskSpec(t.name(), t.action(), t.input(), t.next(), t.join(),
                Optional.of(new TaskSpec.WithItems(items, List.of(vars), Optional.ofNullable(concurrency))), t.retry(), t.delay());
    }

    static TaskSpec retry(TaskSpec t, String when, int count, int delay, TaskSpec.Backoff backoff) {
        return new TaskSpec(t.name(), t.action(), t.input(), t.next(), t.join(), t.with(),
                Optional.of(new TaskSpec.Retry(Optional.ofNullable(when), count, delay, backoff, Optional.empty())), t.delay());
    }

    static TaskSpec delay(TaskSpec t, int seconds) {
        return new TaskSpec(t.name(), t.action(), t.input(), t.next(), t.join(), t.with(), t.retry(), Optional.of(seconds));
    }

    static Transition on(String when, String... targets) {
        return new Transition(Optional.ofNullable(when), List.of(), List.of(targets));
    }

    /** A transition publishing name/value pairs given in order. */
    static Transition on(String when, List<?> publish, String... targets) {
        List<Assignment> p = new ArrayList<>();
        for (int i = 0; i < publish.size(); i += 2) {
            p.add(new Assignment((String) publish.get(i), publish.get(i + 1)));
        }
        return new Transition(Optional.ofNullable(when), p, List.of(targets));
    }

    static WorkflowDefinition workflow(List<String> input, Map<String, Object> output, TaskSpec... tasks) {
        Map<String, TaskSpec> map = new LinkedHashMap<>();
        for (TaskSpec t : tasks) {
            map.put(t.name(), t);
        }
        return new WorkflowDefinition("1.0", "", input.stream().map(WorkflowDefinition.InputParam::required).toList(),
                List.of(), output.entrySet().stream().map(e -> new Assignment(e.getKey(), e.getValue())).toList(), map);
    }
}
