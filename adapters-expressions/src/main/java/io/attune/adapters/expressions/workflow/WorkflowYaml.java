package io.attune.adapters.expressions.workflow;

import io.attune.adapters.expressions.text.Wording;
import io.attune.domain.common.Ref;
import io.attune.domain.workflow.TaskSpec;
import io.attune.domain.workflow.TaskSpec.Backoff;
import io.attune.domain.workflow.TaskSpec.Join;
import io.attune.domain.workflow.TaskSpec.Retry;
import io.attune.domain.workflow.TaskSpec.Transition;
import io.attune.domain.workflow.TaskSpec.WithItems;
import io.attune.domain.workflow.WorkflowDefinition.Assignment;
import io.attune.domain.workflow.WorkflowDefinition.InputParam;
import io.attune.domain.workflow.WorkflowValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields of an Orquesta workflow (native DSL 1.0) into a {@link WorkflowValidator.Draft}: every field's
 * form, strictly (unknown keys are problems). A task whose fields have problems is still kept (with what could be
 * read), so that the graph of the rest can be checked too.
 */
final class WorkflowYaml {

    static final List<String> TOP = List.of("version", "description", "input", "vars", "output", "tasks");
    static final List<String> TASK = List.of("action", "input", "next", "join", "with", "retry", "delay");
    static final List<String> TRANSITION = List.of("when", "publish", "do");
    static final List<String> WITH = List.of("items", "concurrency");
    static final List<String> RETRY = List.of("when", "count", "delay", "backoff", "max_delay");

    /** {@code x in <% ... %>} or {@code x, y in <% zip(...) %>}: the item's variable names, then the expression. */
    private static final Pattern ITEMS = Pattern.compile(
            "\\s*([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s+in\\s+(\\S.*?)\\s*", Pattern.DOTALL);

    private final Problems problems;
    private final Map<String, Set<String>> inlineInput = new LinkedHashMap<>();

    private WorkflowYaml(Problems problems) {
        this.problems = problems;
    }

    /** The draft of a workflow document (its top-level map), recording every problem of form. */
    static WorkflowValidator.Draft read(Map<String, Object> document, Problems problems) {
        return new WorkflowYaml(problems).draft(document);
    }

    private WorkflowValidator.Draft draft(Map<String, Object> document) {
        Node top = Node.strict(document, "", problems, "a workflow", TOP).orElseThrow();
        String version = version(top);
        String description = top.has("description") ? top.text("description").orElse(null) : null;
        List<InputParam> input = input(top);
        List<Assignment> vars = assignments(top.value("vars"), "vars");
        List<Assignment> output = assignments(top.value("output"), "output");
        Map<String, TaskSpec> tasks = tasks(top);
        return new WorkflowValidator.Draft(version, description, input, vars, output, tasks, inlineInput);
    }

    private String version(Node top) {
        Object version = top.value("version").orElse(null);
        if (version == null) {
            problems.add("version", "is required: version: 1.0 (Orquesta's native DSL)");
            return "1.0";
        }
        boolean one = "1.0".equals(version) || Double.valueOf(1.0).equals(version) || Integer.valueOf(1).equals(version);
        if (!one) {
            problems.add("version", "must be 1.0 (Orquesta's native DSL), got " + Wording.describe(version));
        }
        return "1.0";
    }

    private List<InputParam> input(Node top) {
        List<InputParam> params = new ArrayList<>();
        Object value = top.value("input").orElse(null);
        if (value == null) {
            return params;
        }
        if (!(value instanceof List<?> list)) {
            problems.add("input", "must be a list of names or of single-key maps 'name: default', got " + Wording.describe(value));
            return params;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "input[" + i + "]";
            Object item = list.get(i);
            Optional<InputParam> param = switch (item) {
                case String name when !name.isBlank() -> Optional.of(InputParam.required(name));
                case Map<?, ?> map when map.size() == 1 -> {
                    Map.Entry<?, ?> entry = map.entrySet().iterator().next();
                    yield Optional.of(new InputParam(String.valueOf(entry.getKey()), true, entry.getValue()));
                }
                default -> {
                    problems.add(at, "must be a name or a single-key map 'name: default', got " + Wording.describe(item));
                    yield Optional.empty();
                }
            };
            param.ifPresent(p -> {
                if (!seen.add(p.name())) {
                    problems.add(at, "'" + p.name() + "' is declared twice");
                } else {
                    params.add(p);
                }
            });
        }
        return params;
    }

    /** {@code vars}, {@code output} or a {@code publish}: a list of single-key maps, or a map. */
    private List<Assignment> assignments(Optional<Object> value, String at) {
        List<Assignment> assignments = new ArrayList<>();
        if (value.isEmpty()) {
            return assignments;
        }
        Set<String> seen = new HashSet<>();
        switch (value.get()) {
            case Map<?, ?> map -> map.forEach((name, raw) -> assignments.add(new Assignment(String.valueOf(name), raw)));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> map && map.size() == 1) {
                        Map.Entry<?, ?> entry = map.entrySet().iterator().next();
                        String name = String.valueOf(entry.getKey());
                        if (seen.add(name)) {
                            assignments.add(new Assignment(name, entry.getValue()));
                        } else {
                            problems.add(at + "[" + i + "]", "'" + name + "' is given twice");
                        }
                    } else {
                        problems.add(at + "[" + i + "]", "must be a single-key map 'name: value', got "
                                + Wording.describe(list.get(i)));
                    }
                }
            }
            default -> problems.add(at, "must be a list of single-key maps 'name: value' or a map, got "
                    + Wording.describe(value.get()));
        }
        assignments.stream().filter(a -> a.name().isBlank()).findFirst()
                .ifPresent(a -> problems.add(at, "a name must not be empty"));
        return assignments;
    }

    private Map<String, TaskSpec> tasks(Node top) {
        Map<String, TaskSpec> tasks = new LinkedHashMap<>();
        Object value = top.value("tasks").orElse(null);
        if (value == null) {
            problems.add("tasks", "is required: a map of task name to task, e.g. tasks: {hello: {action: core.echo}}");
            return tasks;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add("tasks", "must be a map of task name to task, got " + Wording.describe(value));
            return tasks;
        }
        if (map.isEmpty()) {
            problems.add("tasks", "must hold at least one task");
        }
        map.forEach((name, body) -> {
            String taskName = String.valueOf(name);
            if (taskName.isBlank()) {
                problems.add("tasks", "a task name must not be empty");
                return;
            }
            tasks.put(taskName, task(taskName, body));
        });
        return tasks;
    }

    private TaskSpec task(String name, Object body) {
        String at = "tasks." + name;
        Optional<Node> found = Node.strict(body, at, problems, "a task", TASK);
        if (found.isEmpty()) {
            return new TaskSpec(name, Optional.empty(), Map.of(), List.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        Node task = found.get();
        Map<String, Object> input = new LinkedHashMap<>();
        Optional<String> action = task.text("action").flatMap(line -> action(task, name, line, input));
        task.value("input").ifPresent(value -> {
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(task.at("input"), "must be a map of parameter name to value, got " + Wording.describe(value));
                return;
            }
            map.forEach((key, raw) -> {
                String k = String.valueOf(key);
                if (input.containsKey(k)) {
                    problems.add(task.at("input") + "." + k, "is given on the action line too; give it once");
                } else {
                    input.put(k, raw);
                }
            });
        });
        return new TaskSpec(name, action, input, next(task), join(task), with(task), retry(task), task.value("delay"));
    }

    /** The ref (or expression) of an action line; its inline arguments go into {@code input}. */
    private Optional<String> action(Node task, String name, String line, Map<String, Object> input) {
        String at = task.at("action");
        int end;
        try {
            end = InlineAssignments.firstWordEnd(line);
        } catch (InlineAssignments.Unreadable e) {
            problems.add(at, e.getMessage());
            return Optional.empty();
        }
        String ref = line.substring(InlineAssignments.skipBlanks(line, 0), end);
        String rest = line.substring(end);
        if (!WorkflowValidator.holdsExpression(ref)) {
            try {
                Ref.parse(ref);
            } catch (IllegalArgumentException e) {
                problems.add(at, e.getMessage());
                return Optional.empty();
            }
        }
        if (!rest.isBlank()) {
            try {
                Set<String> keys = new LinkedHashSet<>();
                for (Map.Entry<String, Object> argument : InlineAssignments.parse(rest)) {
                    input.put(argument.getKey(), argument.getValue());
                    keys.add(argument.getKey());
                }
                inlineInput.put(name, keys);
            } catch (InlineAssignments.Unreadable e) {
                problems.add(at, "inline arguments after '" + ref + "': " + e.getMessage());
            }
        }
        return Optional.of(ref);
    }

    private List<Transition> next(Node task) {
        List<Transition> transitions = new ArrayList<>();
        Object value = task.value("next").orElse(null);
        if (value == null) {
            return transitions;
        }
        if (!(value instanceof List<?> list)) {
            problems.add(task.at("next"), "must be a list of transitions ({when, publish, do}), got " + Wording.describe(value));
            return transitions;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = task.at("next") + "[" + i + "]";
            Node.strict(list.get(i), at, problems, "a transition", TRANSITION).ifPresent(n ->
                    transitions.add(new Transition(n.text("when"), publish(n), targets(n))));
        }
        return transitions;
    }

    private List<Assignment> publish(Node transition) {
        Optional<Object> value = transition.value("publish");
        if (value.isPresent() && value.get() instanceof String line) {
            try {
                return InlineAssignments.parse(line).stream().map(e -> new Assignment(e.getKey(), e.getValue())).toList();
            } catch (InlineAssignments.Unreadable e) {
                problems.add(transition.at("publish"), e.getMessage());
                return List.of();
            }
        }
        return assignments(value, transition.at("publish"));
    }

    private List<String> targets(Node transition) {
        String at = transition.at("do");
        Object value = transition.value("do").orElse(null);
        List<String> targets = new ArrayList<>();
        switch (value) {
            case null -> {
            }
            case String names -> {
                List<String> split = Arrays.stream(names.split(",", -1)).map(String::strip).toList();
                if (split.stream().anyMatch(String::isEmpty)) {
                    problems.add(at, "'" + names + "' has an empty task name: write names separated by commas");
                } else {
                    targets.addAll(split);
                }
            }
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof String name && !name.isBlank()) {
                        targets.add(name.strip());
                    } else {
                        problems.add(at + "[" + i + "]", "must be a task name, got " + Wording.describe(list.get(i)));
                    }
                }
            }
            default -> problems.add(at, "must be a task name, names separated by commas, or a list of names, got "
                    + Wording.describe(value));
        }
        return targets;
    }

    private Optional<Join> join(Node task) {
        Object value = task.value("join").orElse(null);
        if (value == null) {
            return Optional.empty();
        }
        if ("all".equals(value)) {
            return Optional.of(Join.all());
        }
        if (value instanceof Integer n && n >= 1) {
            return Optional.of(new Join(OptionalInt.of(n)));
        }
        problems.add(task.at("join"), "must be 'all' or a positive number of inbound tasks, got " + Wording.describe(value));
        return Optional.empty();
    }

    private Optional<WithItems> with(Node task) {
        Object value = task.value("with").orElse(null);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String line) {
            return items(line, task.at("with"), Optional.empty());
        }
        if (!(value instanceof Map<?, ?>)) {
            problems.add(task.at("with"), "must be an expression (x in <% ctx(list) %>) or a map {items, concurrency}, got "
                    + Wording.describe(value));
            return Optional.empty();
        }
        Optional<Node> found = Node.strict(value, task.at("with"), problems, "with", WITH);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Node with = found.get();
        Optional<Object> concurrency = with.value("concurrency");
        return switch (with.value("items").orElse(null)) {
            case null -> {
                problems.add(with.at("items"), "is required, e.g. items: x in <% ctx(list) %>");
                yield Optional.empty();
            }
            case String line -> items(line, with.at("items"), concurrency);
            case List<?> list -> Optional.of(new WithItems(list, List.of(), concurrency));
            default -> {
                problems.add(with.at("items"), "must be an expression giving a list (x in <% ctx(list) %>) or a list, got "
                        + Wording.describe(with.value("items").get()));
                yield Optional.empty();
            }
        };
    }

    /** {@code <% expr %>}, {@code x in <% expr %>} or {@code x, y in <% zip(...) %>}. */
    private Optional<WithItems> items(String line, String at, Optional<Object> concurrency) {
        List<String> variables = List.of();
        String items = line.strip();
        Matcher named = ITEMS.matcher(line);
        if (named.matches()) {
            variables = Arrays.stream(named.group(1).split(",")).map(String::strip).toList();
            items = named.group(2);
            if (new HashSet<>(variables).size() < variables.size()) {
                problems.add(at, "names an item variable twice: " + named.group(1).strip());
                return Optional.empty();
            }
        }
        if (!WorkflowValidator.holdsExpression(items)) {
            problems.add(at, "must be an expression giving a list, e.g. x in <% ctx(list) %>, got '" + line + "'");
            return Optional.empty();
        }
        return Optional.of(new WithItems(items, variables, concurrency));
    }

    private Optional<Retry> retry(Node task) {
        if (!task.has("retry")) {
            return Optional.empty();
        }
        Optional<Node> found = Node.strict(task.value("retry").get(), task.at("retry"), problems, "retry", RETRY);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Node retry = found.get();
        Optional<String> when = retry.text("when");
        Backoff backoff = retry.text("backoff").flatMap(code -> {
            try {
                return Optional.of(Backoff.valueOf(code.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(retry.at("backoff"), "must be constant, linear or exponential, got '" + code + "'");
                return Optional.empty();
            }
        }).orElse(Backoff.CONSTANT);
        if (!retry.has("count")) {
            problems.add(retry.at("count"), "is required: how many times to retry, e.g. count: 3");
            return Optional.empty();
        }
        return Optional.of(new Retry(when, retry.value("count").get(), retry.value("delay").orElse(null), backoff,
                retry.value("max_delay")));
    }
}
