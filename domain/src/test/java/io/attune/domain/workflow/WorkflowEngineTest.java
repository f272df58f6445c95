package io.attune.domain.workflow;

import static io.attune.domain.workflow.Wf.delay;
import static io.attune.domain.workflow.Wf.input;
import static io.attune.domain.workflow.Wf.items;
import static io.attune.domain.workflow.Wf.join;
import static io.attune.domain.workflow.Wf.on;
import static io.attune.domain.workflow.Wf.retry;
import static io.attune.domain.workflow.Wf.task;
import static io.attune.domain.workflow.Wf.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.domain.workflow.WorkflowSimulation.Mock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class WorkflowEngineTest {

    private final WorkflowEngine engine = new WorkflowEngine(new FakeExpressions());
    private final WorkflowSimulation simulation = new WorkflowSimulation(new FakeExpressions());
    private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
    private static final WorkflowEnv ENV = new WorkflowEnv() {
        @Override
        public Optional<Object> key(String name) {
            return Optional.empty();
        }

        @Override
        public List<Object> itemResults(int run, int attempt, int count) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add("r" + run + "." + i);
            }
            return list;
        }
    };

    private static Mock mock(String task, TaskStatus status, Object result) {
        return new Mock(task, status, result, OptionalInt.empty(), 1, OptionalInt.empty());
    }

    @Test
    void runsTasksInSequencePublishingForLaterTasksAndRendersTheOutput() {
        WorkflowDefinition wf = workflow(List.of("who"), Map.of("greeting", "<% ctx(msg) %>", "n", "<% ctx(n) %>"),
                task("first", "core.echo", on("<% succeeded() %>", List.of("msg", "<% result().text %>"), "second")),
                input(task("second", "core.echo", on(null, List.of("n", "<% ctx(who) %>"))), Map.of("text", "<% ctx(msg) %>")));

        var outcome = simulation.run(wf, Map.of("who", "ada"), List.of(mock("first", TaskStatus.SUCCEEDED, Map.of("text", "hi"))), Map.of());

        assertThat(outcome.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(outcome.tasks()).containsExactly("first", "second");
        assertThat(outcome.output()).isEqualTo(Map.of("greeting", "hi", "n", "ada"));
        assertThat(outcome.errors()).isEmpty();
    }

    @Test
    void requestsTheSecondTaskWithTheContextTheFirstPublished() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(),
                task("first", "core.echo", on(null, List.of("msg", "<% result().text %>"), "second")),
                input(task("second", "core.local"), Map.of("cmd", "<% ctx(msg) %>")));

        var step = engine.start(wf, Map.of(), ENV, T0);
        assertThat(step.commands()).containsExactly(new WorkflowCommand.RunChild(0, "first", OptionalInt.empty(), 0, "core.echo", Map.of()));
        step = engine.handle(wf, step.state(), new WorkflowEvent.ChildEnded(0, OptionalInt.empty(), 0, TaskStatus.SUCCEEDED,
                Map.of("text", "echo hi"), T0), ENV);

        assertThat(step.commands()).containsExactly(new WorkflowCommand.RunChild(1, "second", OptionalInt.empty(), 0, "core.local",
                Map.of("cmd", "echo hi")));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.RUNNING);
    }

    @Test
    void joinWaitsForEveryInboundBranchAndRunsOnce() {
        WorkflowDefinition wf = workflow(List.of(), Map.of("a", "<% ctx(a) %>", "b", "<% ctx(b) %>"),
                task("split", null, on(null, "left", "right")),
                task("left", "core.noop", on(null, List.of("a", "1"), "joined")),
                task("right", "core.noop", on(null, List.of("b", "2"), "joined")),
                join(task("joined", "core.noop"), null));

        var outcome = simulation.run(wf, Map.of(), List.of(), Map.of());

        assertThat(outcome.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(outcome.tasks()).containsExactly("split", "left", "right", "joined");
        assertThat(outcome.output()).isEqualTo(Map.of("a", "1", "b", "2"));
    }

    @Test
    void aTaskWithoutJoinRunsOnceForEachArrival() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(),
                task("split", null, on(null, "left", "right")),
                task("left", "core.noop", on(null, "after")),
                task("right", "core.noop", on(null, "after")),
                task("after", "core.noop"));

        assertThat(simulation.run(wf, Map.of(), List.of(), Map.of()).tasks())
                .containsExactly("split", "left", "right", "after", "after");
    }

    @Test
    void anUnhandledFailureFailsTheWorkflowOnceRunningBranchesEndAndStartsNothingNew() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(),
                task("split", null, on(null, "bad", "slow")),
                task("bad", "core.local", on("<% succeeded() %>", "never")),
                task("slow", "core.local", on(null, "after_slow")),
                task("never", "core.noop"),
                task("after_slow", "core.noop"));

        var outcome = simulation.run(wf, Map.of(), List.of(mock("bad", TaskStatus.FAILED, Map.of("stderr", "boom"))), Map.of());

        assertThat(outcome.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(outcome.tasks()).containsExactly("split", "bad", "slow");
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("type", "error").containsEntry("task_id", "bad");
            assertThat(e.get("result")).isEqualTo(Map.of("stderr", "boom"));
        });
    }

    @Test
    void aFailureWithATransitionForItIsHandled() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(),
                task("bad", "core.local", on("<% failed() %>", "cleanup")),
                task("cleanup", "core.noop"));

        var outcome = simulation.run(wf, Map.of(), List.of(mock("bad", TaskStatus.FAILED, null)), Map.of());

        assertThat(outcome.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(outcome.tasks()).containsExactly("bad", "cleanup");
    }

    @Test
    void theFailCommandFailsTheWorkflowWithoutAnError() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(), task("check", "core.noop", on(null, "fail")));

        var outcome = simulation.run(wf, Map.of(), List.of(), Map.of());

        assertThat(outcome.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(outcome.errors()).isEmpty();
    }

    @Test
    void withItemsRunsEachItemOnceWithinItsConcurrencyAndResultsFollowItemOrder() {
        WorkflowDefinition wf = workflow(List.of("hosts"), Map.of("all", "<% ctx(all) %>"),
                input(items(task("each", "core.echo", on(null, List.of("all", "<% result() %>"))), "<% ctx(hosts) %>", 2, "host"),
                        Map.of("text", "<% item(host) %>")));

        var step = engine.start(wf, Map.of("hosts", List.of("a", "b", "c", "d", "e")), ENV, T0);
        assertThat(step.commands()).extracting(c -> ((WorkflowCommand.RunChild) c).input().get("text")).containsExactly("a", "b");
        step = engine.handle(wf, step.state(), new WorkflowEvent.ChildEnded(0, OptionalInt.of(1), 0, TaskStatus.SUCCEEDED, null, T0), ENV);
        assertThat(step.commands()).singleElement().extracting(c -> ((WorkflowCommand.RunChild) c).item()).isEqualTo(OptionalInt.of(2));
        for (int i : new int[] {0, 2, 3}) {
            step = engine.handle(wf, step.state(), new WorkflowEvent.ChildEnded(0, OptionalInt.of(i), 0, TaskStatus.SUCCEEDED, null, T0), ENV);
        }
        step = engine.handle(wf, step.state(), new WorkflowEvent.ChildEnded(0, OptionalInt.of(4), 0, TaskStatus.SUCCEEDED, null, T0), ENV);

        assertThat(step.commands()).singleElement().isEqualTo(new WorkflowCommand.Finish(WorkflowStatus.SUCCEEDED,
                Map.of("all", List.of("r0.0", "r0.1", "r0.2", "r0.3", "r0.4")), List.of()));
    }

    @Test
    void aFailedItemFailsTheTaskAndStopsStartingItems() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(),
                items(task("each", "core.echo"), List.of(1, 2, 3, 4), 1));

        var outcome = simulation.run(wf, Map.of(), List.of(new Mock("each", TaskStatus.FAILED, null, OptionalInt.of(1), 1, OptionalInt.empty())), Map.of());

        assertThat(outcome.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(outcome.state().runs()).singleElement().extracting(WorkflowState.RunView::status).isEqualTo(TaskStatus.FAILED);
        assertThat(new String(outcome.state().runs.get(0).itemStatus)).isEqualTo("sfpp");
    }

    @Test
    void retriesWhileTheConditionHoldsUpToTheCount() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(),
                retry(task("flaky", "core.local"), null, 3, 0, TaskSpec.Backoff.CONSTANT));

        var outcome = simulation.run(wf, Map.of(), List.of(new Mock("flaky", TaskStatus.FAILED, null, OptionalInt.empty(), 2, OptionalInt.empty())), Map.of());

        assertThat(outcome.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(outcome.tasks()).containsExactly("flaky", "flaky", "flaky");
    }

    @Test
    void retryWaitsOnATimerThatGrowsWithItsBackoff() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(),
                retry(task("flaky", "core.local"), null, 3, 5, TaskSpec.Backoff.EXPONENTIAL));
        var step = engine.start(wf, Map.of(), ENV, T0);
        List<Long> delays = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            step = engine.handle(wf, step.state(), new WorkflowEvent.ChildEnded(0, OptionalInt.empty(), attempt, TaskStatus.FAILED, null, T0), ENV);
            var timer = (WorkflowCommand.StartTimer) step.commands().get(0);
            delays.add(timer.delayMillis());
            step = engine.handle(wf, step.state(), new WorkflowEvent.TimerDue(0, timer.attempt(), T0), ENV);
            assertThat(step.commands()).singleElement().isInstanceOf(WorkflowCommand.RunChild.class);
        }
        assertThat(delays).containsExactly(5000L, 10000L, 20000L);
        step = engine.handle(wf, step.state(), new WorkflowEvent.ChildEnded(0, OptionalInt.empty(), 3, TaskStatus.FAILED, null, T0), ENV);
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.FAILED);
    }

    @Test
    void cyclesRunUntilTheirConditionStops() {
        WorkflowDefinition wf = workflow(List.of(), Map.of("i", "<% ctx(i) %>"),
                task("init", null, on(null, List.of("i", 0L), "loop")),
                task("loop", "core.noop",
                        on("<% ctx(i) < 2 %>", List.of("i", "<% ctx(i) + 1 %>"), "loop"),
                        on("<% ctx(i) = 2 %>", "done")),
                task("done", null));
        var outcome = simulation.run(wf, Map.of(), List.of(), Map.of());
        assertThat(outcome.tasks()).containsExactly("init", "loop", "loop", "loop", "done");
        assertThat(outcome.output()).isEqualTo(Map.of("i", 2L));
    }

    @Test
    void aJoinThatCanNoLongerBeSatisfiedFailsTheWorkflow() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(),
                task("split", null, on(null, "left", "right")),
                task("left", "core.noop", on("<% succeeded() %>", "joined")),
                task("right", "core.noop", on("<% succeeded() %>", "joined"), on("<% failed() %>", "noop")),
                join(task("joined", "core.noop"), null));

        var outcome = simulation.run(wf, Map.of(), List.of(mock("right", TaskStatus.FAILED, null)), Map.of());

        assertThat(outcome.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(outcome.errors()).singleElement().satisfies(e -> assertThat((String) e.get("message")).contains("UnreachableJoinError"));
    }

    @Test
    void pauseLetsRunningTasksFinishThenResumeGoesOn() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(), task("a", "core.noop", on(null, "b")), task("b", "core.noop"));
        var step = engine.start(wf, Map.of(), ENV, T0);
        step = engine.handle(wf, step.state(), new WorkflowEvent.Pause(T0), ENV);
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.PAUSING);
        assertThat(step.commands()).containsExactly(new WorkflowCommand.StatusChanged(WorkflowStatus.PAUSING), new WorkflowCommand.PauseChildren());

        step = engine.handle(wf, step.state(), new WorkflowEvent.ChildEnded(0, OptionalInt.empty(), 0, TaskStatus.SUCCEEDED, null, T0), ENV);
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.PAUSED);
        assertThat(step.commands()).containsExactly(new WorkflowCommand.StatusChanged(WorkflowStatus.PAUSED));

        step = engine.handle(wf, step.state(), new WorkflowEvent.Resume(T0), ENV);
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(step.commands()).contains(new WorkflowCommand.RunChild(1, "b", OptionalInt.empty(), 0, "core.noop", Map.of()));
    }

    @Test
    void aTaskCanceledOnItsOwnCancelsTheWorkflowAndItsOtherChildrenInsteadOfLettingItSucceed() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(), task("a", "core.noop", on(null, "c")), task("b", "core.noop"),
                task("c", "core.noop"));
        var step = engine.start(wf, Map.of(), ENV, T0);

        step = engine.handle(wf, step.state(), new WorkflowEvent.ChildEnded(0, OptionalInt.empty(), 0, TaskStatus.CANCELED, null, T0), ENV);
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.CANCELING);
        assertThat(step.commands()).containsExactly(new WorkflowCommand.StatusChanged(WorkflowStatus.CANCELING),
                new WorkflowCommand.CancelChildren());

        step = engine.handle(wf, step.state(), new WorkflowEvent.ChildEnded(1, OptionalInt.empty(), 0, TaskStatus.CANCELED, null, T0), ENV);
        assertThat(step.commands()).containsExactly(new WorkflowCommand.Finish(WorkflowStatus.CANCELED, null, List.of()));
        assertThat(step.state().sequence()).containsExactly("a", "b");
    }

    @Test
    void cancelCancelsRunningChildrenAndEndsCanceledOnceTheyHaveEnded() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(), task("a", "core.noop", on(null, "b")), task("b", "core.noop"));
        var step = engine.start(wf, Map.of(), ENV, T0);
        step = engine.handle(wf, step.state(), new WorkflowEvent.Cancel(T0), ENV);
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.CANCELING);
        assertThat(step.commands()).contains(new WorkflowCommand.CancelChildren());

        step = engine.handle(wf, step.state(), new WorkflowEvent.ChildEnded(0, OptionalInt.empty(), 0, TaskStatus.CANCELED, null, T0), ENV);
        assertThat(step.commands()).containsExactly(new WorkflowCommand.Finish(WorkflowStatus.CANCELED, null, List.of()));
    }

    @Test
    void cancelOfAPausedWorkflowWithNothingRunningEndsAtOnce() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(), task("a", "core.noop", on(null, "b")), task("b", "core.noop"));
        var step = engine.start(wf, Map.of(), ENV, T0);
        step = engine.handle(wf, step.state(), new WorkflowEvent.Pause(T0), ENV);
        step = engine.handle(wf, step.state(), new WorkflowEvent.ChildEnded(0, OptionalInt.empty(), 0, TaskStatus.SUCCEEDED, null, T0), ENV);
        step = engine.handle(wf, step.state(), new WorkflowEvent.Cancel(T0), ENV);
        assertThat(step.commands()).containsExactly(new WorkflowCommand.Finish(WorkflowStatus.CANCELED, null, List.of()));
    }

    @Test
    void aDuplicateEndAdvancesTheWorkflowOnce() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(), task("a", "core.noop", on(null, "b")), task("b", "core.noop"));
        var step = engine.start(wf, Map.of(), ENV, T0);
        var end = new WorkflowEvent.ChildEnded(0, OptionalInt.empty(), 0, TaskStatus.SUCCEEDED, null, T0);
        step = engine.handle(wf, step.state(), end, ENV);
        var again = engine.handle(wf, step.state(), end, ENV);
        assertThat(again.commands()).isEmpty();
        assertThat(again.state().toJson()).isEqualTo(step.state().toJson());
    }

    @Test
    void aDelayedTaskWaitsForItsTimer() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(), delay(task("later", "core.noop"), 3));
        var step = engine.start(wf, Map.of(), ENV, T0);
        assertThat(step.commands()).containsExactly(new WorkflowCommand.StartTimer(0, 0, 3000));
        step = engine.handle(wf, step.state(), new WorkflowEvent.TimerDue(0, 0, T0), ENV);
        assertThat(step.commands()).containsExactly(new WorkflowCommand.RunChild(0, "later", OptionalInt.empty(), 0, "core.noop", Map.of()));
    }

    @Test
    void anExpressionThatFailsFailsTheTaskWithTheExpressionInErrors() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(), input(task("a", "core.echo"), Map.of("text", "<% ctx(missing) %>")));
        var outcome = simulation.run(wf, Map.of(), List.of(), Map.of());
        assertThat(outcome.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("task_id", "a");
            assertThat((String) e.get("message")).contains("ctx(missing)").contains("no key 'missing'");
        });
    }

    @Test
    void checkInputNamesUndeclaredAndMissingInputs() {
        WorkflowDefinition wf = workflow(List.of("who"), Map.of(), task("a", "core.noop"));
        assertThat(WorkflowEngine.checkInput(wf, Map.of("whom", 1))).extracting(Map.Entry::getKey)
                .containsExactly("parameters.whom", "parameters.who");
        assertThat(WorkflowEngine.checkInput(wf, Map.of("who", 1))).isEmpty();
    }

    @Test
    void rerunStartsFromTheNamedTaskWithTheContextItStartedWithAndKeepsSucceededItems() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(),
                task("a", "core.noop", on(null, List.of("x", "1"), "each")),
                items(task("each", "core.echo"), List.of(1, 2, 3), null));
        var outcome = simulation.run(wf, Map.of(), List.of(new Mock("each", TaskStatus.FAILED, null, OptionalInt.of(1), 1, OptionalInt.empty())), Map.of());
        assertThat(outcome.status()).isEqualTo(WorkflowStatus.FAILED);

        var step = engine.rerun(wf, outcome.state(), new WorkflowEvent.Rerun(List.of("each"), List.of(), T0), ENV);

        assertThat(step.commands()).singleElement().isEqualTo(new WorkflowCommand.RunChild(0, "each", OptionalInt.of(1), 0, "core.echo", Map.of()));
        assertThat(step.state().runs.get(0).ctx).containsEntry("x", "1");
        assertThatThrownBy(() -> engine.rerun(wf, outcome.state(), new WorkflowEvent.Rerun(List.of("nope"), List.of(), T0), ENV))
                .hasMessageContaining("no task 'nope'");
    }

    @Test
    void theStateSurvivesItsJsonForm() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(),
                task("split", null, on(null, "left", "right")),
                items(task("left", "core.echo", on(null, "joined")), List.of(1, 2), 1),
                task("right", "core.noop", on(null, "joined")),
                join(task("joined", "core.noop"), null));
        var step = engine.start(wf, Map.of(), ENV, T0);
        var state = step.state();
        assertThat(WorkflowState.fromJson(state.toJson()).toJson()).isEqualTo(state.toJson());
    }
}
