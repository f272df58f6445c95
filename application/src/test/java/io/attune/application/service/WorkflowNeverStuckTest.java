package io.attune.application.service;

import static io.attune.application.service.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.fake.FakeSecretCipher;
import io.attune.application.fake.InMemoryAdmissionLedger;
import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryExecutions;
import io.attune.application.fake.InMemoryOutbox;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.InMemoryWorkers;
import io.attune.application.fake.InMemoryWorkflows;
import io.attune.application.fake.MutableClock;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.WorkflowCommands.TaskRun;
import io.attune.application.port.out.WorkflowDefinitions;
import io.attune.application.port.out.WorkflowReader;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.pack.PackContent;
import io.attune.domain.workflow.TaskSpec;
import io.attune.domain.workflow.TaskSpec.Transition;
import io.attune.domain.workflow.TaskStatus;
import io.attune.domain.workflow.WorkflowDefinition;
import io.attune.domain.workflow.WorkflowEngine;
import io.attune.domain.workflow.WorkflowSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A workflow is never stuck: for each shape of work in flight (plain tasks running, a with-items task mid-way, a
 * subworkflow running, a task waiting for its delay) and each control (pause then resume, cancel, pause then cancel, cancel once paused), once the
 * children in flight end, as workers end them, the workflow and every workflow under it are paused (and succeed on
 * resume, each task run once) or canceled, within a bounded number of steps; and a child's end delivered twice
 * advances its workflow once.
 */
class WorkflowNeverStuckTest {

    /** More steps than any of these workflows needs: a workflow that keeps asking for work past it loops. */
    private static final int STEP_BOUND = 100;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger();
    private final InMemoryWorkflows states = new InMemoryWorkflows();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx);
    private final FakeSecretCipher cipher = new FakeSecretCipher();
    private final Map<Ref, String> texts = new HashMap<>();
    private final Map<String, WorkflowDefinition> definitions = new HashMap<>();
    private final WorkflowDefinitions sources = ref -> Optional.ofNullable(texts.get(ref))
            .map(text -> new WorkflowSource("actions/" + ref.name() + ".yaml", text));
    private final WorkflowReader reader = (text, file) -> definitions.containsKey(text)
            ? new WorkflowReader.Read.Valid(definitions.get(text))
            : new WorkflowReader.Read.Invalid(List.of(FieldError.of("tasks", "not a workflow: " + text)));
    private final WorkflowCatalog workflowCatalog = new WorkflowCatalog(sources, reader);
    private WorkflowService workflows;
    private final ExecutionEnding ending = new ExecutionEnding(executions, ledger, dispatch, tx, clock,
            List.of((ended, pending) -> workflows.onEnded(ended, pending)));
    private final ExecutionService service = new ExecutionService(catalog, catalog.policies(), executions, ledger,
            new InMemoryWorkers(), new ProgrammableSchemaValidator(), cipher, dispatch, ending, tx, clock,
            Fixtures.idempotency(tx, clock), new ExecutionService.WorkflowSupport(workflowCatalog, () -> workflows));

    /** What is in flight when the control comes. */
    enum Shape {
        /** Two start tasks run side by side; a third follows the first. */
        RUNNING_TASKS("demo.pair"),
        /** A with-items task of six items, two at a time, two of them done; a task follows it. */
        ITEMS_MIDWAY("demo.items"),
        /** A task whose action is a workflow (demo.pair) runs; a task follows it. */
        SUBWORKFLOW("demo.nest"),
        /** A task waits for its 30 s delay (a timer); a task follows it. */
        DELAYED_TASK("demo.later");

        final String action;

        Shape(String action) {
            this.action = action;
        }
    }

    @BeforeEach
    void install() {
        workflows = new WorkflowService(service, executions, catalog, states, workflowCatalog,
                new WorkflowEngine(new PathExpressions()), catalog, cipher, dispatch, ending, tx, clock);
        catalog.replace(new PackContent(pack("demo"), List.of(
                workflowAction("demo.pair"), workflowAction("demo.items"), workflowAction("demo.nest"),
                workflowAction("demo.later"),
                new Action(Ref.parse("demo.step"), "", RunnerType.SHELL, Optional.of("step.sh"),
                        new ParameterSchema(Map.of("name", Map.of("type", "string"))), OutputFormat.TEXT,
                        Optional.empty(), true)),
                List.of(), List.of(), List.of(), List.of()));
        workflow("demo.pair", tasks(
                task("a", "demo.step", Map.of("name", "a"), Optional.empty(), then("c")),
                task("b", "demo.step", Map.of("name", "b"), Optional.empty()),
                task("c", "demo.step", Map.of("name", "c"), Optional.empty())));
        workflow("demo.items", tasks(
                task("each", "demo.step", Map.of("name", "item"), Optional.of(new TaskSpec.WithItems(
                        List.of(1, 2, 3, 4, 5, 6), List.of(), Optional.of(2))), then("after")),
                task("after", "demo.step", Map.of("name", "after"), Optional.empty())));
        workflow("demo.later", tasks(
                new TaskSpec("wait", Optional.of("demo.step"), Map.of("name", "wait"), List.of(then("after")),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(30)),
                task("after", "demo.step", Map.of("name", "after"), Optional.empty())));
        workflow("demo.nest", tasks(
                task("sub", "demo.pair", Map.of(), Optional.empty(), then("after")),
                task("after", "demo.step", Map.of("name", "after"), Optional.empty())));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void pauseThenResume(Shape shape) {
        long id = midway(shape);

        workflows.pause(id);
        int steps = drive(id);

        assertThat(status(id)).as("after %d steps", steps).isEqualTo(ExecutionStatus.PAUSED);
        assertThat(descendants(id)).allSatisfy(e -> assertThat(e.status())
                .as("%s of %s", e.action(), e.task()).isIn(ExecutionStatus.PAUSED, ExecutionStatus.SUCCEEDED));
        List<Execution> whilePaused = descendants(id);

        workflows.resume(id);
        assertThat(descendants(id).stream().filter(this::isWorkflow))
                .allSatisfy(e -> assertThat(e.status()).isIn(ExecutionStatus.RUNNING, ExecutionStatus.SUCCEEDED));
        drive(id);

        assertThat(status(id)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(descendants(id)).extracting(Execution::status).containsOnly(ExecutionStatus.SUCCEEDED);
        assertThat(descendants(id)).hasSizeGreaterThan(whilePaused.size());
        assertRanOnce(id);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void cancel(Shape shape) {
        long id = midway(shape);

        service.cancel(id);
        int steps = drive(id);

        assertCanceled(id, steps);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void pauseThenCancelWhileTasksStillRun(Shape shape) {
        long id = midway(shape);

        workflows.pause(id);
        assertThat(status(id)).isEqualTo(ExecutionStatus.PAUSING);
        service.cancel(id);
        int steps = drive(id);

        assertCanceled(id, steps);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void cancelOncePaused(Shape shape) {
        long id = midway(shape);
        workflows.pause(id);
        drive(id);
        assertThat(status(id)).isEqualTo(ExecutionStatus.PAUSED);

        service.cancel(id);

        assertThat(status(id)).as("nothing runs under a paused workflow: it is canceled at once")
                .isEqualTo(ExecutionStatus.CANCELED);
        assertCanceled(id, 0);
    }

    @Test
    void aTaskWhoseExecutionIsCanceledOnItsOwnCancelsItsWorkflowInsteadOfLettingItSucceed() {
        long id = started("demo.pair");
        Execution a = executions.children(id).get(0);
        runs(a.id());

        service.cancel(a.id());
        ending.end(a.id(), e -> Optional.of(at -> e.endedWithout(ExecutionStatus.CANCELED, at, "killed on cancel")));
        int steps = drive(id);

        assertCanceled(id, steps);
        assertThat(executions.children(id)).extracting(e -> e.task().orElseThrow().name())
                .as("c, which follows a, never started").containsExactly("a", "b");
    }

    @Test
    void aChildsEndDeliveredTwiceAdvancesItsWorkflowOnce() {
        long id = started("demo.pair");
        Execution a = executions.children(id).get(0);
        finish(a.id(), ExecutionStatus.SUCCEEDED);
        Execution ended = executions.find(a.id()).orElseThrow();
        assertThat(executions.children(id)).extracting(e -> e.task().orElseThrow().name()).containsExactly("a", "b", "c");
        Map<String, Object> state = states.find(id).orElseThrow().state();
        int messages = outbox.published().size();

        tx.run(() -> {
            Dispatch.Pending pending = new Dispatch.Pending();
            workflows.onEnded(ended, pending);
            workflows.onEnded(ended, pending);
        });

        assertThat(executions.children(id)).as("c is requested once").hasSize(3);
        assertThat(states.find(id).orElseThrow().state()).isEqualTo(state);
        assertThat(outbox.published()).hasSize(messages);
        finish(executions.children(id).get(1).id(), ExecutionStatus.SUCCEEDED);
        finish(executions.children(id).get(2).id(), ExecutionStatus.SUCCEEDED);
        assertThat(status(id)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertRanOnce(id);
    }

    @Test
    void anItemsEndDeliveredTwiceCountsOnceAndStartsOneMoreItem() {
        long id = started("demo.items");
        List<Execution> first = executions.children(id);
        assertThat(first).hasSize(2);
        finish(first.get(0).id(), ExecutionStatus.SUCCEEDED);
        Execution ended = executions.find(first.get(0).id()).orElseThrow();
        assertThat(executions.children(id)).hasSize(3);

        tx.run(() -> {
            Dispatch.Pending pending = new Dispatch.Pending();
            workflows.onEnded(ended, pending);
            workflows.onEnded(ended, pending);
        });

        assertThat(executions.children(id)).as("one item ended, so one more started").hasSize(3);
        drive(id);
        assertThat(status(id)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertRanOnce(id);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** Starts the workflow of this shape and brings it to where the shape has work in flight. */
    private long midway(Shape shape) {
        long id = started(shape.action);
        switch (shape) {
            case RUNNING_TASKS -> executions.children(id).forEach(c -> runs(c.id()));
            case ITEMS_MIDWAY -> {
                finish(executions.children(id).get(0).id(), ExecutionStatus.SUCCEEDED);
                finish(executions.children(id).get(1).id(), ExecutionStatus.SUCCEEDED);
                assertThat(executions.children(id)).extracting(Execution::status).containsExactly(
                        ExecutionStatus.SUCCEEDED, ExecutionStatus.SUCCEEDED, ExecutionStatus.SCHEDULED,
                        ExecutionStatus.SCHEDULED);
                executions.children(id).stream().filter(c -> c.status() == ExecutionStatus.SCHEDULED)
                        .forEach(c -> runs(c.id()));
            }
            case SUBWORKFLOW -> {
                Execution sub = executions.children(id).get(0);
                assertThat(workflows.start(sub.id())).isTrue();
                executions.children(sub.id()).forEach(c -> runs(c.id()));
                assertThat(executions.children(sub.id())).hasSize(2);
            }
            case DELAYED_TASK -> assertThat(executions.children(id)).isEmpty();
        }
        assertThat(status(id)).isEqualTo(ExecutionStatus.RUNNING);
        return id;
    }

    /**
     * Does what the executors and workers do until nothing is left to do: starts scheduled workflows, runs scheduled
     * actions and ends running ones succeeded, ends canceling ones canceled, fires due timers. Returns the number of steps; fails past
     * the bound.
     */
    private int drive(long root) {
        for (int steps = 0; steps <= STEP_BOUND; steps++) {
            Optional<Execution> next = descendants(root).stream().filter(this::actionable).findFirst();
            if (next.isEmpty()) {
                // nothing to run or end: time passes, and the executor fires the timers that are due
                clock.advance(Duration.ofSeconds(60));
                if (workflows.fireDueTimers() == 0) {
                    return steps;
                }
                continue;
            }
            Execution e = next.get();
            if (isWorkflow(e)) {
                workflows.start(e.id());
            } else if (e.status() == ExecutionStatus.CANCELING) {
                assertThat(ending.end(e.id(), x -> Optional.of(at -> x.endedWithout(ExecutionStatus.CANCELED, at,
                        "killed on cancel")))).isInstanceOf(EndOutcome.Ended.class);
            } else {
                finish(e.id(), ExecutionStatus.SUCCEEDED);
            }
        }
        throw new AssertionError("workflow " + root + " still asks for work after " + STEP_BOUND + " steps: "
                + descendants(root));
    }

    private boolean actionable(Execution e) {
        return isWorkflow(e) ? e.status() == ExecutionStatus.SCHEDULED
                : e.status() == ExecutionStatus.SCHEDULED || e.status() == ExecutionStatus.RUNNING
                        || e.status() == ExecutionStatus.CANCELING;
    }

    private void assertCanceled(long id, int steps) {
        assertThat(status(id)).as("after %d steps: %s", steps, descendants(id)).isEqualTo(ExecutionStatus.CANCELED);
        assertThat(descendants(id)).allSatisfy(e -> assertThat(e.status().isTerminal())
                .as("%s (%s of %s) has ended", e.status(), e.action(), e.task()).isTrue());
        assertThat(descendants(id).stream().filter(this::isWorkflow))
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.CANCELED));
        assertThat(workflows.tasks(id)).extracting(TaskRun::status).doesNotContain(TaskStatus.RUNNING);
    }

    /** Every task of the workflow and of its subworkflows ran once (each item of a with-items task once). */
    private void assertRanOnce(long id) {
        List<String> seen = new ArrayList<>();
        for (Execution child : executions.children(id)) {
            Execution.TaskOf t = child.task().orElseThrow();
            seen.add(t.name() + "/" + t.item().orElse(-1));
            if (isWorkflow(child)) {
                assertRanOnce(child.id());
            }
        }
        assertThat(seen).as("task/item of each child of %s", id).doesNotHaveDuplicates().isNotEmpty();
    }

    private List<Execution> descendants(long root) {
        List<Execution> all = new ArrayList<>();
        for (Execution child : executions.children(root)) {
            all.add(child);
            all.addAll(descendants(child.id()));
        }
        return all;
    }

    private ExecutionStatus status(long id) {
        return executions.find(id).orElseThrow().status();
    }

    private boolean isWorkflow(Execution e) {
        return dispatch.runnerOf(e) == RunnerType.WORKFLOW;
    }

    private long started(String action) {
        long id = service.request(RequestExecution.of(action, Map.of())).execution().id();
        assertThat(workflows.start(id)).isTrue();
        return id;
    }

    private void runs(long id) {
        Execution e = executions.find(id).orElseThrow();
        assertThat(executions.update(e.startedBy("w1", clock.instant(), clock.instant().plusSeconds(30)),
                ExecutionStatus.SCHEDULED)).isTrue();
    }

    private void finish(long id, ExecutionStatus status) {
        if (status(id) == ExecutionStatus.SCHEDULED) {
            runs(id);
        }
        EndOutcome outcome = ending.end(id, e -> Optional.of(at -> e.finished(status, at,
                Optional.of(status == ExecutionStatus.SUCCEEDED ? 0 : 1), new Execution.Output("", "", 0, 0),
                Optional.empty(), Optional.empty())));
        assertThat(outcome).isInstanceOf(EndOutcome.Ended.class);
    }

    private void workflow(String ref, Map<String, TaskSpec> tasks) {
        texts.put(Ref.parse(ref), ref + " text");
        definitions.put(ref + " text", new WorkflowDefinition("1.0", "", List.of(), List.of(), List.of(), tasks));
    }

    private static Action workflowAction(String ref) {
        return new Action(Ref.parse(ref), "", RunnerType.WORKFLOW, Optional.of(Ref.parse(ref).name() + ".yaml"),
                ParameterSchema.none(), OutputFormat.TEXT, Optional.empty(), true);
    }

    private static Map<String, TaskSpec> tasks(TaskSpec... tasks) {
        Map<String, TaskSpec> map = new LinkedHashMap<>();
        for (TaskSpec t : tasks) {
            map.put(t.name(), t);
        }
        return map;
    }

    private static TaskSpec task(String name, String action, Map<String, Object> input,
                                 Optional<TaskSpec.WithItems> with, Transition... next) {
        return new TaskSpec(name, Optional.of(action), input, List.of(next), Optional.empty(), with,
                Optional.empty(), Optional.empty());
    }

    private static Transition then(String target) {
        return new Transition(Optional.of("<% succeeded() %>"), List.of(), List.of(target));
    }
}
