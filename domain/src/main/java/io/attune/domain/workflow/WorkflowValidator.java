package io.attune.domain.workflow;

import io.attune.domain.workflow.WorkflowDefinition.Assignment;
import io.attune.domain.workflow.WorkflowDefinition.InputParam;
import io.attune.domain.workflow.expr.Expressions;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Finds every static problem of a workflow at once, each with the path of its field ({@code tasks.t1.next[0].do}):
 * transitions to unknown tasks, tasks no path reaches, no start task, expressions that do not parse, context variables
 * nobody defines, actions that do not exist, and literal counts and delays out of range. Pure: expressions are only
 * checked, never evaluated.
 *
 * <p>Named values are pathed by name ({@code vars.count}, {@code tasks.t.next[0].publish.x}), whether the YAML gave
 * them as a list of single-key maps or as a map.
 */
public final class WorkflowValidator {

    /**
     * Context variables the platform provides without a declaration ({@code ctx().st2}: the execution's own details,
     * as StackStorm provides them).
     */
    public static final Set<String> CONTEXT_BUILT_INS = Set.of("st2");

    /** What kind of problem: a caller may treat some kinds differently (e.g. ignore variables of a partial parse). */
    public enum Kind { STRUCTURE, GRAPH, EXPRESSION, UNDEFINED_VARIABLE, UNKNOWN_ACTION, VALUE }

    /** One problem: where ({@code tasks.t.retry.count}) and what is wrong. */
    public record Problem(Kind kind, String path, String message) {
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /**
     * The parts of a workflow before it is a {@link WorkflowDefinition} (whose constructor refuses a transition to an
     * unknown task). {@code inlineInput} names, per task, the input keys written inline on the {@code action} line,
     * so that their problems point at {@code tasks.t.action}.
     */
    public record Draft(String version, String description, List<InputParam> input, List<Assignment> vars,
                        List<Assignment> output, Map<String, TaskSpec> tasks, Map<String, Set<String>> inlineInput) {
        public Draft {
            input = List.copyOf(input == null ? List.of() : input);
            vars = List.copyOf(vars == null ? List.of() : vars);
            output = List.copyOf(output == null ? List.of() : output);
            tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks == null ? Map.of() : tasks));
            Map<String, Set<String>> inline = new LinkedHashMap<>();
            (inlineInput == null ? Map.<String, Set<String>>of() : inlineInput).forEach((task, keys) -> inline.put(task, Set.copyOf(keys)));
            inlineInput = Collections.unmodifiableMap(inline);
        }

        public Draft(String version, String description, List<InputParam> input, List<Assignment> vars,
                     List<Assignment> output, Map<String, TaskSpec> tasks) {
            this(version, description, input, vars, output, tasks, Map.of());
        }

        /** The parts of a built definition (to check its expressions, variables and actions). */
        public static Draft of(WorkflowDefinition definition) {
            return new Draft(definition.version(), definition.description(), definition.input(), definition.vars(),
                    definition.output(), definition.tasks());
        }
    }

    /** The outcome of {@link #validate}: the definition, or every problem. */
    public sealed interface Outcome permits Outcome.Valid, Outcome.Invalid {
        /** No problem: the built definition. */
        record Valid(WorkflowDefinition definition) implements Outcome {
        }

        /** At least one problem. */
        record Invalid(List<Problem> problems) implements Outcome {
            public Invalid {
                problems = List.copyOf(problems);
                if (problems.isEmpty()) {
                    throw new IllegalArgumentException("an invalid workflow has at least one problem");
                }
            }
        }
    }

    private final Expressions expressions;
    private final Predicate<String> actionExists;

    /**
     * @param actionExists whether an action ref (as written in a task, e.g. {@code core.local}) exists; null to leave
     *                     actions unchecked
     */
    public WorkflowValidator(Expressions expressions, Predicate<String> actionExists) {
        this.expressions = Objects.requireNonNull(expressions, "expressions");
        this.actionExists = actionExists;
    }

    /** Leaves actions unchecked. */
    public WorkflowValidator(Expressions expressions) {
        this(expressions, null);
    }

    /** Whether a raw value holds an expression ({@code <% %>} or {@code {{ }}}) somewhere in a string. */
    public static boolean holdsExpression(Object raw) {
        return raw instanceof String s && (s.contains("<%") || s.contains("{{"));
    }

    /**
     * The actions the tasks name as written (not through an expression), by task name in definition order: what a
     * caller checks against the actions it knows.
     */
    public static Map<String, String> namedActions(Map<String, TaskSpec> tasks) {
        Map<String, String> named = new LinkedHashMap<>();
        tasks.values().forEach(task -> task.action().filter(action -> !holdsExpression(action))
                .ifPresent(action -> named.put(task.name(), action)));
        return Collections.unmodifiableMap(named);
    }

    /** The definition when the draft has no problem, else every problem. */
    public Outcome validate(Draft draft) {
        List<Problem> problems = problems(draft);
        if (!problems.isEmpty()) {
            return new Outcome.Invalid(problems);
        }
        try {
            return new Outcome.Valid(new WorkflowDefinition(draft.version(), draft.description(), draft.input(),
                    draft.vars(), draft.output(), draft.tasks()));
        } catch (IllegalArgumentException e) {
            return new Outcome.Invalid(List.of(new Problem(Kind.STRUCTURE, "tasks", e.getMessage())));
        }
    }

    /** Every problem of a built definition (its graph shape is known to hold targets; the rest is checked). */
    public List<Problem> problems(WorkflowDefinition definition) {
        return problems(Draft.of(definition));
    }

    /** Every problem of the draft, in the order of the YAML (input, vars, tasks, output), graph problems first. */
    public List<Problem> problems(Draft draft) {
        Run run = new Run();
        graph(draft, run);
        for (InputParam param : draft.input()) {
            if (param.hasDefault()) {
                run.expression("input." + param.name(), param.defaultValue());
            }
        }
        draft.vars().forEach(v -> run.expression("vars." + v.name(), v.value()));
        if (actionExists != null) {
            namedActions(draft.tasks()).forEach((task, action) -> {
                if (!actionExists.test(action)) {
                    run.add(Kind.UNKNOWN_ACTION, "tasks." + task + ".action", "action '" + action + "' does not exist");
                }
            });
        }
        draft.tasks().values().forEach(task -> task(task, draft.inlineInput().getOrDefault(task.name(), Set.of()), run));
        draft.output().forEach(o -> run.expression("output." + o.name(), o.value()));
        undefinedVariables(draft, run);
        return List.copyOf(run.problems);
    }

    /** What one validation collects: the problems, and which variables each path reads. */
    private final class Run {
        final List<Problem> problems = new ArrayList<>();
        final Map<String, Set<String>> reads = new LinkedHashMap<>();

        void add(Kind kind, String path, String message) {
            problems.add(new Problem(kind, path, message));
        }

        void expression(String path, Object raw) {
            expressions.check(raw).forEach(message -> add(Kind.EXPRESSION, path, message));
            Set<String> read = expressions.variablesRead(raw);
            if (!read.isEmpty()) {
                reads.computeIfAbsent(path, p -> new LinkedHashSet<>()).addAll(read);
            }
        }
    }

    private static void graph(Draft draft, Run run) {
        Map<String, TaskSpec> tasks = draft.tasks();
        if (tasks.isEmpty()) {
            run.add(Kind.STRUCTURE, "tasks", "a workflow needs at least one task");
            return;
        }
        Set<String> targeted = new HashSet<>();
        for (TaskSpec task : tasks.values()) {
            if (WorkflowDefinition.COMMANDS.contains(task.name())) {
                run.add(Kind.GRAPH, "tasks." + task.name(), "'" + task.name()
                        + "' is an engine command and cannot name a task; rename the task");
            }
            for (int i = 0; i < task.next().size(); i++) {
                for (String target : task.next().get(i).targets()) {
                    if (tasks.containsKey(target)) {
                        targeted.add(target);
                    } else if (!WorkflowDefinition.COMMANDS.contains(target)) {
                        run.add(Kind.GRAPH, "tasks." + task.name() + ".next[" + i + "].do", "'" + target
                                + "' is neither a task of this workflow (" + String.join(", ", tasks.keySet())
                                + ") nor an engine command (" + String.join(", ", new TreeSet<>(WorkflowDefinition.COMMANDS)) + ")");
                    }
                }
            }
        }
        List<String> starts = tasks.keySet().stream().filter(name -> !targeted.contains(name)).toList();
        if (starts.isEmpty()) {
            run.add(Kind.GRAPH, "tasks", "no task to start from: every task is the target of a transition, so the"
                    + " workflow could not begin; a start task is one no 'do' names");
            return;
        }
        Set<String> reached = new HashSet<>(starts);
        Deque<String> pending = new ArrayDeque<>(starts);
        while (!pending.isEmpty()) {
            for (TaskSpec.Transition transition : tasks.get(pending.pop()).next()) {
                for (String target : transition.targets()) {
                    if (tasks.containsKey(target) && reached.add(target)) {
                        pending.push(target);
                    }
                }
            }
        }
        for (String name : tasks.keySet()) {
            if (!reached.contains(name)) {
                run.add(Kind.GRAPH, "tasks." + name, "is unreachable: no path of 'do' leads to it from the start tasks ("
                        + String.join(", ", starts) + ")");
            }
        }
    }

    private void task(TaskSpec task, Set<String> inline, Run run) {
        String at = "tasks." + task.name();
        task.action().filter(WorkflowValidator::holdsExpression).ifPresent(action -> run.expression(at + ".action", action));
        task.input().forEach((key, value) ->
                run.expression(inline.contains(key) ? at + ".action" : at + ".input." + key, value));
        task.with().ifPresent(with -> {
            run.expression(at + ".with.items", with.items());
            with.concurrency().ifPresent(c -> literal(at + ".with.concurrency", c, 1, true, run));
        });
        task.retry().ifPresent(retry -> {
            retry.when().ifPresent(when -> run.expression(at + ".retry.when", when));
            literal(at + ".retry.count", retry.count(), 1, true, run);
            literal(at + ".retry.delay", retry.delay(), 0, false, run);
            retry.maxDelay().ifPresent(max -> literal(at + ".retry.max_delay", max, 0, false, run));
        });
        task.delay().ifPresent(delay -> literal(at + ".delay", delay, 0, false, run));
        for (int i = 0; i < task.next().size(); i++) {
            TaskSpec.Transition transition = task.next().get(i);
            String path = at + ".next[" + i + "]";
            transition.when().ifPresent(when -> run.expression(path + ".when", when));
            transition.publish().forEach(p -> run.expression(path + ".publish." + p.name(), p.value()));
        }
    }

    /** A count or a delay: an expression (checked), or a literal number of at least {@code min}. */
    private void literal(String path, Object raw, int min, boolean integer, Run run) {
        String wanted = integer ? (min == 1 ? "a positive integer" : "an integer of at least " + min)
                : (min == 0 ? "a number of seconds, 0 or more" : "a number of at least " + min);
        switch (raw) {
            case String s when holdsExpression(s) -> run.expression(path, s);
            case Integer n -> atLeast(path, n, min, wanted, run);
            case Long n -> atLeast(path, n, min, wanted, run);
            case BigInteger n -> {
                if (n.compareTo(BigInteger.valueOf(min)) < 0) {
                    run.add(Kind.VALUE, path, "must be " + wanted + " or an expression, got " + n);
                }
            }
            case Number n when !integer -> {
                if (n.doubleValue() < min) {
                    run.add(Kind.VALUE, path, "must be " + wanted + " or an expression, got " + n);
                }
            }
            default -> run.add(Kind.VALUE, path, "must be " + wanted + " or an expression, got "
                    + (raw instanceof String s ? "'" + s + "'" : String.valueOf(raw)));
        }
    }

    private static void atLeast(String path, long n, int min, String wanted, Run run) {
        if (n < min) {
            run.add(Kind.VALUE, path, "must be " + wanted + " or an expression, got " + n);
        }
    }

    private static void undefinedVariables(Draft draft, Run run) {
        Set<String> defined = new HashSet<>(CONTEXT_BUILT_INS);
        draft.input().forEach(p -> defined.add(p.name()));
        draft.vars().forEach(v -> defined.add(v.name()));
        draft.tasks().values().forEach(t -> t.next().forEach(n -> n.publish().forEach(p -> defined.add(p.name()))));
        run.reads.forEach((path, names) -> names.stream().filter(name -> !defined.contains(name)).forEach(name ->
                run.add(Kind.UNDEFINED_VARIABLE, path, "reads the context variable '" + name
                        + "', which no input, var or publish of this workflow defines")));
    }
}
