package io.attune.domain.workflow;

import static io.attune.domain.workflow.Wf.items;
import static io.attune.domain.workflow.Wf.on;
import static io.attune.domain.workflow.Wf.task;
import static io.attune.domain.workflow.Wf.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A task whose child waits for a person (an inquiry) pauses its workflow, and the answer resumes it. */
class WorkflowWaitsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
    private static final WorkflowEnv ENV = new WorkflowEnv() {
        @Override
        public Optional<Object> key(String name) {
            return Optional.empty();
        }

        @Override
        public List<Object> itemResults(int run, int attempt, int count) {
            return new ArrayList<>(java.util.Collections.nCopies(count, null));
        }
    };
    private final WorkflowEngine engine = new WorkflowEngine(new FakeExpressions());

    /** split → ask (waits) → after_ask; split → other → after_other. */
    private final WorkflowDefinition parallel = workflow(List.of(), Map.of(),
            task("split", null, on(null, "ask", "other")),
            task("ask", "core.ask", on("<% succeeded() %>", "after_ask")),
            task("other", "core.noop", on(null, "after_other")),
            task("after_ask", "core.noop"),
            task("after_other", "core.noop"));

    private WorkflowEngine.Step handle(WorkflowDefinition wf, WorkflowEngine.Step step, WorkflowEvent event) {
        return engine.handle(wf, step.state(), event, ENV);
    }

    private static WorkflowEvent.ChildEnded ended(int run, TaskStatus status) {
        return new WorkflowEvent.ChildEnded(run, OptionalInt.empty(), 0, status, Map.of("continue", true), T0);
    }

    private static WorkflowEvent.ChildWaiting waiting(int run) {
        return new WorkflowEvent.ChildWaiting(run, OptionalInt.empty(), 0, T0);
    }

    @Test
    void aWaitingTaskPausesTheWorkflowOnceItsOtherBranchesEndAndTheAnswerResumesIt() {
        var step = engine.start(parallel, Map.of(), ENV, T0); // runs: 0 split, 1 ask, 2 other
        step = handle(parallel, step, waiting(1));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.PAUSING);
        assertThat(step.commands()).containsExactly(new WorkflowCommand.StatusChanged(WorkflowStatus.PAUSING));

        step = handle(parallel, step, ended(2, TaskStatus.SUCCEEDED));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.PAUSED);
        assertThat(step.commands()).containsExactly(new WorkflowCommand.StatusChanged(WorkflowStatus.PAUSED));
        assertThat(step.state().sequence()).doesNotContain("after_other");

        step = handle(parallel, step, ended(1, TaskStatus.SUCCEEDED));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(step.commands()).first().isEqualTo(new WorkflowCommand.StatusChanged(WorkflowStatus.RUNNING));
        assertThat(step.commands()).extracting(c -> c instanceof WorkflowCommand.RunChild rc ? rc.task() : "")
                .contains("after_ask", "after_other");
    }

    @Test
    void anAnswerWhileTheWorkflowIsStillPausingResumesIt() {
        var step = engine.start(parallel, Map.of(), ENV, T0);
        step = handle(parallel, step, waiting(1));
        step = handle(parallel, step, ended(1, TaskStatus.SUCCEEDED));

        assertThat(step.state().status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(step.commands()).contains(new WorkflowCommand.RunChild(3, "after_ask", OptionalInt.empty(), 0,
                "core.noop", Map.of()));
    }

    @Test
    void twoWaitingBranchesKeepItPausedUntilBothAreAnswered() {
        WorkflowDefinition two = workflow(List.of(), Map.of(),
                task("split", null, on(null, "ask1", "ask2")),
                task("ask1", "core.ask", on(null, "done1")),
                task("ask2", "core.ask", on(null, "done2")),
                task("done1", "core.noop"),
                task("done2", "core.noop"));
        var step = engine.start(two, Map.of(), ENV, T0); // 1 ask1, 2 ask2
        step = handle(two, step, waiting(1));
        step = handle(two, step, waiting(2));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.PAUSED);

        step = handle(two, step, ended(1, TaskStatus.SUCCEEDED));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.PAUSED);
        assertThat(step.commands()).isEmpty();

        step = handle(two, step, ended(2, TaskStatus.SUCCEEDED));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(step.commands()).extracting(c -> c instanceof WorkflowCommand.RunChild rc ? rc.task() : "")
                .contains("done1", "done2");
    }

    @Test
    void aWaitingItemPausesTheWorkflowAndHoldsItsPlaceInTheConcurrency() {
        WorkflowDefinition each = workflow(List.of(), Map.of(), items(task("ask", "core.ask"), List.of(1, 2, 3), 2));
        var step = engine.start(each, Map.of(), ENV, T0);
        step = handle(each, step, new WorkflowEvent.ChildWaiting(0, OptionalInt.of(0), 0, T0));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.PAUSING);
        step = handle(each, step, new WorkflowEvent.ChildEnded(0, OptionalInt.of(1), 0, TaskStatus.SUCCEEDED, null, T0));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.PAUSED);
        assertThat(step.commands()).noneMatch(WorkflowCommand.RunChild.class::isInstance);

        step = handle(each, step, new WorkflowEvent.ChildEnded(0, OptionalInt.of(0), 0, TaskStatus.SUCCEEDED, null, T0));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(step.commands()).contains(new WorkflowCommand.RunChild(0, "ask", OptionalInt.of(2), 0, "core.ask", Map.of()));
    }

    @Test
    void cancelOfAWorkflowWaitingForAPersonCancelsTheWaitingChildAndEndsCanceled() {
        var step = engine.start(parallel, Map.of(), ENV, T0);
        step = handle(parallel, step, waiting(1));
        step = handle(parallel, step, ended(2, TaskStatus.SUCCEEDED));
        step = handle(parallel, step, new WorkflowEvent.Cancel(T0));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.CANCELING);
        assertThat(step.commands()).contains(new WorkflowCommand.CancelChildren());

        step = handle(parallel, step, ended(1, TaskStatus.CANCELED));
        assertThat(step.commands()).containsExactly(new WorkflowCommand.Finish(WorkflowStatus.CANCELED, null, List.of()));
    }

    @Test
    void aPauseOnRequestOutlastsTheAnswer() {
        var step = engine.start(parallel, Map.of(), ENV, T0);
        step = handle(parallel, step, waiting(1));
        step = handle(parallel, step, new WorkflowEvent.Pause(T0));
        step = handle(parallel, step, ended(2, TaskStatus.SUCCEEDED));
        step = handle(parallel, step, ended(1, TaskStatus.SUCCEEDED));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.PAUSED);

        step = handle(parallel, step, new WorkflowEvent.Resume(T0));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(step.commands()).extracting(c -> c instanceof WorkflowCommand.RunChild rc ? rc.task() : "")
                .contains("after_ask", "after_other");
    }

    @Test
    void aPausedSubworkflowLetsItsParentPauseAndItsResumeResumesTheParent() {
        WorkflowDefinition wf = workflow(List.of(), Map.of(), task("sub", "examples.sub", on(null, "next")),
                task("next", "core.noop"));
        var step = engine.start(wf, Map.of(), ENV, T0);
        step = handle(wf, step, new WorkflowEvent.Pause(T0));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.PAUSING);
        step = handle(wf, step, waiting(0)); // the subworkflow reports it is paused
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.PAUSED);

        step = handle(wf, step, new WorkflowEvent.Resume(T0));
        step = handle(wf, step, new WorkflowEvent.ChildResumed(0, OptionalInt.empty(), 0, T0));
        assertThat(step.state().status()).isEqualTo(WorkflowStatus.RUNNING);
        step = handle(wf, step, ended(0, TaskStatus.SUCCEEDED));
        assertThat(step.commands()).contains(new WorkflowCommand.RunChild(1, "next", OptionalInt.empty(), 0, "core.noop", Map.of()));
    }
}
