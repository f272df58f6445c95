package io.attune.domain.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.domain.fake.FakeExpressions;
import io.attune.domain.workflow.TaskSpec.Retry;
import io.attune.domain.workflow.TaskSpec.Transition;
import io.attune.domain.workflow.TaskSpec.WithItems;
import io.attune.domain.workflow.WorkflowDefinition.Assignment;
import io.attune.domain.workflow.WorkflowDefinition.InputParam;
import io.attune.domain.workflow.WorkflowValidator.Draft;
import io.attune.domain.workflow.WorkflowValidator.Kind;
import io.attune.domain.workflow.WorkflowValidator.Outcome;
import io.attune.domain.workflow.WorkflowValidator.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkflowValidatorTest {

    private final WorkflowValidator validator = new WorkflowValidator(new FakeExpressions(),
            ref -> Set.of("core.local", "core.noop").contains(ref));

    private static TaskSpec task(String name, String action, Transition... next) {
        return new TaskSpec(name, Optional.ofNullable(action), Map.of(), List.of(next), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Transition go(String... targets) {
        return new Transition(Optional.empty(), List.of(), List.of(targets));
    }

    private static Map<String, TaskSpec> tasks(TaskSpec... tasks) {
        Map<String, TaskSpec> map = new LinkedHashMap<>();
        for (TaskSpec t : tasks) {
            map.put(t.name(), t);
        }
        return map;
    }

    private static Draft draft(TaskSpec... tasks) {
        return new Draft("1.0", "", List.of(), List.of(), List.of(), tasks(tasks));
    }

    private List<String> paths(Draft draft) {
        return validator.problems(draft).stream().map(Problem::path).toList();
    }

    @Test
    void aSoundWorkflowBuildsItsDefinition() {
        Draft draft = new Draft("1.0", "greets", List.of(InputParam.required("who")),
                List.of(new Assignment("greeting", "hello <% ctx(who) %>")), List.of(new Assignment("said", "<% ctx(said) %>")),
                tasks(task("greet", "core.local", new Transition(Optional.of("<% succeeded() %>"),
                        List.of(new Assignment("said", "<% ctx().greeting %>")), List.of("done"))),
                        task("done", "core.noop")));

        Outcome outcome = validator.validate(draft);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Valid.class, valid -> {
            assertThat(valid.definition().tasks()).containsOnlyKeys("greet", "done");
            assertThat(valid.definition().startTasks()).extracting(TaskSpec::name).containsExactly("greet");
        });
    }

    @Test
    void namesATransitionToAnUnknownTaskWithoutThrowing() {
        Outcome outcome = validator.validate(draft(task("a", null, go("b"), go("fail", "c")), task("b", null)));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Invalid.class, invalid -> {
            assertThat(invalid.problems()).extracting(Problem::path).containsExactly("tasks.a.next[1].do");
            assertThat(invalid.problems().getFirst().message()).contains("'c' is neither a task", "a, b");
            assertThat(invalid.problems().getFirst().kind()).isEqualTo(Kind.GRAPH);
        });
    }

    @Test
    void engineCommandsAreValidTargets() {
        assertThat(paths(draft(task("a", null, go("continue", "fail", "noop", "retry"))))).isEmpty();
    }

    @Test
    void namesTasksInACycleNoStartTaskLeadsInto() {
        List<Problem> problems = validator.problems(draft(task("start", null), task("x", null, go("y")),
                task("y", null, go("x"))));

        assertThat(problems).extracting(Problem::path).containsExactly("tasks.x", "tasks.y");
        assertThat(problems.getFirst().message()).contains("unreachable", "(start)");
    }

    @Test
    void refusesAWorkflowWhereEveryTaskIsATarget() {
        List<Problem> problems = validator.problems(draft(task("x", null, go("y")), task("y", null, go("x"))));

        assertThat(problems).extracting(Problem::path).containsExactly("tasks");
        assertThat(problems.getFirst().message()).contains("no task to start from");
    }

    @Test
    void refusesAWorkflowWithoutTasks() {
        assertThat(validator.validate(draft())).isInstanceOfSatisfying(Outcome.Invalid.class, invalid ->
                assertThat(invalid.problems()).extracting(Problem::toString).containsExactly("tasks: a workflow needs at least one task"));
    }

    @Test
    void refusesATaskNamedLikeAnEngineCommand() {
        assertThat(paths(draft(task("noop", null)))).containsExactly("tasks.noop");
    }

    @Test
    void namesUnknownActionsButNotExpressionActionsOrTasksWithoutAction() {
        List<Problem> problems = validator.problems(draft(task("a", "core.nope", go("b")),
                task("b", "<% ctx(which) %>", go("c")), task("c", null)));

        assertThat(problems).extracting(Problem::kind, Problem::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.UNKNOWN_ACTION, "tasks.a.action"),
                org.assertj.core.groups.Tuple.tuple(Kind.UNDEFINED_VARIABLE, "tasks.b.action"));
    }

    @Test
    void leavesActionsUncheckedWithoutAPredicate() {
        assertThat(new WorkflowValidator(new FakeExpressions()).problems(draft(task("a", "any.thing")))).isEmpty();
    }

    @Test
    void checksTheExpressionsOfEveryRawValueAndReportsThemAllAtOnce() {
        TaskSpec busy = new TaskSpec("busy", Optional.of("core.local"),
                Map.of("cmd", "<% bad 1 %>", "timeout", "<% bad 2 %>"),
                List.of(new Transition(Optional.of("<% bad 3 %>"), List.of(new Assignment("out", "<% bad 4 %>")), List.of())),
                Optional.empty(),
                Optional.of(new WithItems("<% bad 5 %>", List.of("x"), Optional.of("<% bad 6 %>"))),
                Optional.of(new Retry(Optional.of("<% bad 7 %>"), "<% bad 8 %>", "<% bad 9 %>", null, Optional.of("<% bad 10 %>"))),
                Optional.of("<% bad 11 %>"));
        Draft draft = new Draft("1.0", "", List.of(new InputParam("who", true, "<% bad 12 %>")),
                List.of(new Assignment("v", "<% bad 13 %>")), List.of(new Assignment("o", List.of("<% bad 14 %>"))),
                Map.of("busy", busy), Map.of("busy", Set.of("timeout")));

        List<Problem> problems = validator.problems(draft);

        assertThat(problems).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Kind.EXPRESSION));
        assertThat(problems).extracting(Problem::path).containsExactlyInAnyOrder(
                "input.who", "vars.v", "output.o", "tasks.busy.input.cmd", "tasks.busy.action",
                "tasks.busy.next[0].when", "tasks.busy.next[0].publish.out", "tasks.busy.with.items",
                "tasks.busy.with.concurrency", "tasks.busy.retry.when", "tasks.busy.retry.count",
                "tasks.busy.retry.delay", "tasks.busy.retry.max_delay", "tasks.busy.delay");
    }

    @Test
    void namesVariablesNobodyDefinesAndAcceptsInputVarsPublishAndBuiltIns() {
        Draft draft = new Draft("1.0", "", List.of(InputParam.required("who")),
                List.of(new Assignment("greeting", "<% ctx(who) %> <% ctx().later %>")),
                List.of(new Assignment("result", "<% ctx(missing) %> <% ctx().st2.action_execution_id %>")),
                tasks(task("a", null, new Transition(Optional.of("<% ctx('ghost') %>"),
                        List.of(new Assignment("later", "<% ctx(greeting) %>")), List.of()))));

        List<Problem> problems = validator.problems(draft);

        assertThat(problems).extracting(Problem::kind).containsOnly(Kind.UNDEFINED_VARIABLE);
        assertThat(problems).extracting(Problem::path).containsExactly("tasks.a.next[0].when", "output.result");
        assertThat(problems.getFirst().message()).contains("'ghost'");
        assertThat(problems.get(1).message()).contains("'missing'");
    }

    @Test
    void refusesLiteralCountsAndDelaysOutOfRange() {
        TaskSpec t = new TaskSpec("t", Optional.empty(), Map.of(), List.of(), Optional.empty(),
                Optional.of(new WithItems("<% ctx(who) %>", List.of(), Optional.of(0))),
                Optional.of(new Retry(Optional.empty(), 0, -1, null, Optional.of("soon"))), Optional.of(-5));
        Draft draft = new Draft("1.0", "", List.of(InputParam.required("who")), List.of(), List.of(), Map.of("t", t));

        List<Problem> problems = validator.problems(draft);

        assertThat(problems).extracting(Problem::path).containsExactly("tasks.t.with.concurrency",
                "tasks.t.retry.count", "tasks.t.retry.delay", "tasks.t.retry.max_delay", "tasks.t.delay");
        assertThat(problems).extracting(Problem::kind).containsOnly(Kind.VALUE);
        assertThat(problems.get(1).message()).contains("positive integer", "got 0");
        assertThat(problems.get(3).message()).contains("got 'soon'");
    }

    @Test
    void acceptsLiteralCountsAndDelaysInRange() {
        TaskSpec t = new TaskSpec("t", Optional.empty(), Map.of(), List.of(), Optional.empty(),
                Optional.of(new WithItems(List.of(1, 2), List.of(), Optional.of(2))),
                Optional.of(new Retry(Optional.empty(), 3, 0, TaskSpec.Backoff.LINEAR, Optional.of(1.5))), Optional.of(10));

        assertThat(validator.problems(draft(t))).isEmpty();
    }

    @Test
    void checksABuiltDefinitionToo() {
        WorkflowDefinition built = new WorkflowDefinition("1.0", "", List.of(), List.of(), List.of(),
                tasks(task("a", "core.missing")));

        assertThat(validator.problems(built)).extracting(Problem::path).containsExactly("tasks.a.action");
    }

    @Test
    void listsTheActionsTasksNameAsWrittenLeavingOutExpressionsAndTasksWithoutAction() {
        assertThat(WorkflowValidator.namedActions(tasks(task("a", "core.local"), task("b", "<% ctx(x) %>"),
                task("c", null), task("d", "demo.run")))).containsExactly(Map.entry("a", "core.local"), Map.entry("d", "demo.run"));
    }

    @Test
    void tellsWhetherARawValueHoldsAnExpression() {
        assertThat(WorkflowValidator.holdsExpression("x <% 1 %>")).isTrue();
        assertThat(WorkflowValidator.holdsExpression("{{ x }}")).isTrue();
        assertThat(WorkflowValidator.holdsExpression("plain")).isFalse();
        assertThat(WorkflowValidator.holdsExpression(3)).isFalse();
    }
}
