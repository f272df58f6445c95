package io.attune.domain.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An Orquesta workflow (native DSL, version 1.0) as read from its YAML: input, vars, tasks and output. Values stay raw
 * (strings may hold {@code <% %>} or {@code {{ }}} expressions); the engine renders them. Checks its own graph shape:
 * every {@code do} target names a task or an engine command.
 */
public record WorkflowDefinition(
        String version,
        String description,
        List<InputParam> input,
        List<Assignment> vars,
        List<Assignment> output,
        Map<String, TaskSpec> tasks) {

    /** Engine commands allowed in a transition's {@code do} besides task names. */
    public static final Set<String> COMMANDS = Set.of("continue", "fail", "noop", "retry");

    /** One declared input: a bare name (required) or {@code name: default}. */
    public record InputParam(String name, boolean hasDefault, Object defaultValue) {
        public InputParam {
            Objects.requireNonNull(name, "name");
        }

        public static InputParam required(String name) {
            return new InputParam(name, false, null);
        }
    }

    /** A named raw value: a var, a publish, an output entry. */
    public record Assignment(String name, Object value) {
        public Assignment {
            Objects.requireNonNull(name, "name");
        }
    }

    public WorkflowDefinition {
        version = version == null ? "1.0" : version;
        description = description == null ? "" : description;
        input = List.copyOf(input == null ? List.of() : input);
        vars = List.copyOf(vars == null ? List.of() : vars);
        output = List.copyOf(output == null ? List.of() : output);
        if (tasks == null || tasks.isEmpty()) {
            throw new IllegalArgumentException("a workflow needs at least one task");
        }
        Map<String, TaskSpec> copy = new LinkedHashMap<>();
        tasks.forEach((name, task) -> {
            if (!name.equals(task.name())) {
                throw new IllegalArgumentException("task '" + name + "' is filed under another name: " + task.name());
            }
            if (COMMANDS.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is an engine command and cannot name a task");
            }
            copy.put(name, task);
        });
        tasks = Collections.unmodifiableMap(copy);
        for (TaskSpec task : tasks.values()) {
            for (TaskSpec.Transition t : task.next()) {
                for (String target : t.targets()) {
                    if (!COMMANDS.contains(target) && !tasks.containsKey(target)) {
                        throw new IllegalArgumentException("task '" + task.name() + "' goes to '" + target
                                + "', which is neither a task nor an engine command");
                    }
                }
            }
        }
    }

    public Optional<TaskSpec> task(String name) {
        return Optional.ofNullable(tasks.get(name));
    }

    /** Tasks no transition leads to: where the workflow starts (Orquesta's rule). */
    public List<TaskSpec> startTasks() {
        Set<String> targets = new TreeSet<>();
        tasks.values().forEach(t -> t.next().forEach(n -> targets.addAll(n.targets())));
        return tasks.values().stream().filter(t -> !targets.contains(t.name())).toList();
    }

    /** The names of the tasks with a transition to {@code task}, in definition order, each once. */
    public List<String> inbound(String task) {
        return tasks.values().stream()
                .filter(t -> t.next().stream().anyMatch(n -> n.targets().contains(task)))
                .map(TaskSpec::name).toList();
    }
}
