package io.attune.application.service;

import static io.attune.application.service.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.WorkflowCommands.TaskRun;
import io.attune.application.port.out.Message;
import io.attune.application.port.out.WorkflowDefinitions;
import io.attune.application.port.out.WorkflowReader;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import io.attune.domain.pack.PackContent;
import io.attune.domain.policy.Policy;
import io.attune.domain.workflow.TaskSpec;
import io.attune.domain.workflow.TaskSpec.Transition;
import io.attune.domain.workflow.TaskStatus;
import io.attune.domain.workflow.WorkflowDefinition;
import io.attune.domain.workflow.WorkflowDefinition.Assignment;
import io.attune.domain.workflow.WorkflowDefinition.InputParam;
import io.attune.domain.workflow.WorkflowEngine;
import io.attune.domain.workflow.WorkflowSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workflows run through the service with the real engine over in-memory fakes: started from a dispatch, children
 * requested as ordinary executions with their task, their ends fed back in the ending's transaction, timers, pause,
 * resume, cancel with its cascade, rerun and the tasks view.
 */
class WorkflowServiceTest {

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
    /** The workflow texts by action, and what each text reads as (the YAML reader is another adapter's). */
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

    @BeforeEach
    void install() {
        workflows = new WorkflowService(service, executions, catalog, states, workflowCatalog,
                new WorkflowEngine(new PathExpressions()), catalog, cipher, dispatch, ending, tx, clock);
        catalog.replace(new PackContent(pack("demo"), List.of(
                workflowAction("demo.flow"), workflowAction("demo.outer"), workflowAction("demo.broken"),
                workflowAction("demo.slow"), workflowAction("demo.lost"), workflowAction("demo.each"),
                new Action(Ref.parse("demo.step"), "", RunnerType.SHELL, Optional.of("step.sh"),
                        new ParameterSchema(Map.of("name", Map.of("type", "string"))), OutputFormat.TEXT,
                        Optional.empty(), true),
                new Action(Ref.parse("demo.echo"), "", RunnerType.INTERNAL, Optional.empty(),
                        new ParameterSchema(Map.of("message", Map.of("type", "string"))), OutputFormat.TEXT,
                        Optional.empty(), true),
                new Action(Ref.parse("demo.never"), "", RunnerType.INTERNAL, Optional.empty(), ParameterSchema.none(),
                        OutputFormat.TEXT, Optional.empty(), true)),
                List.of(), List.of(), List.of(), List.of(new Policy(Ref.parse("demo.no_never"), "",
                        new Policy.ActionTarget(Ref.parse("demo.never")), Optional.empty(),
                        Optional.of(new Policy.RateLimit(1, 3600, Policy.RateBehavior.REJECT)), true))));
        // greet: a step greets ctx(who), its stdout is published, then echo says it; the output is what was said
        workflow("demo.flow", new WorkflowDefinition("1.0", "", List.of(InputParam.required("who")), List.of(),
                List.of(new Assignment("said", "<% ctx(greeting) %>")), tasks(
                task("greet", "demo.step", Map.of("name", "<% ctx(who) %>"),
                        on("<% succeeded() %>", List.of(new Assignment("greeting", "<% result().stdout %>")), "say")),
                task("say", "demo.echo", Map.of("message", "<% ctx(greeting) %>")))));
        workflow("demo.outer", new WorkflowDefinition("1.0", "", List.of(), List.of(), List.of(), tasks(
                task("inner", "demo.flow", Map.of("who", "bo")))));
        workflow("demo.broken", new WorkflowDefinition("1.0", "", List.of(), List.of(), List.of(), tasks(
                task("first", "demo.missing", Map.of()))));
        workflow("demo.slow", new WorkflowDefinition("1.0", "", List.of(), List.of(), List.of(), tasks(
                new TaskSpec("later", Optional.of("demo.echo"), Map.of("message", "<% st2kv(system.greeting) %>"),
                        List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(30)))));
        // each: one echo per name, the items' results published together, in item order
        workflow("demo.each", new WorkflowDefinition("1.0", "", List.of(InputParam.required("names")), List.of(),
                List.of(new Assignment("all", "<% ctx(all) %>")), tasks(
                new TaskSpec("each", Optional.of("demo.echo"), Map.of("message", "<% item() %>"),
                        List.of(on("<% succeeded() %>", List.of(new Assignment("all", "<% result() %>")))),
                        Optional.empty(), Optional.of(new TaskSpec.WithItems("<% ctx(names) %>", List.of(),
                        Optional.empty())), Optional.empty(), Optional.empty()))));
        workflow("demo.lost", new WorkflowDefinition("1.0", "", List.of(), List.of(), List.of(), tasks(
                task("first", "demo.never", Map.of()), task("second", "demo.never", Map.of()))));
    }

    @Test
    void aDispatchedWorkflowRunsItsTasksInOrderAndEndsWithItsOutput() {
        long id = service.request(RequestExecution.of("demo.flow", Map.of("who", "ann"))).execution().id();
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.SCHEDULED);
        assertThat(outbox.published()).anyMatch(m -> m.routingKey().equals(Message.Routes.dispatch("workflow"))
                && Long.valueOf(id).equals(((Number) m.payload().get("execution")).longValue()));

        assertThat(workflows.start(id)).isTrue();
        assertThat(workflows.start(id)).as("a redelivered dispatch does nothing").isFalse();
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        Execution greet = onlyChild(id);
        assertThat(greet.action()).isEqualTo(Ref.parse("demo.step"));
        assertThat(greet.parameters()).isEqualTo(Map.of("name", "ann"));
        assertThat(greet.task()).contains(new Execution.TaskOf("greet", 0, OptionalInt.empty(), 0));

        finish(greet.id(), ExecutionStatus.SUCCEEDED, "hello ann");
        Execution say = executions.children(id).get(1);
        assertThat(say.parameters()).isEqualTo(Map.of("message", "hello ann"));
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);

        finish(say.id(), ExecutionStatus.SUCCEEDED, "");
        Execution done = executions.find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.result()).contains(Map.of("said", "hello ann"));
        ExecutionView view = service.get(id);
        assertThat(view.errors()).contains(List.of());
        assertThat(service.get(greet.id()).errors()).as("only a workflow shows errors").isEmpty();

        List<TaskRun> tasks = workflows.tasks(id);
        assertThat(tasks).extracting(TaskRun::task).containsExactly("greet", "say");
        assertThat(tasks).extracting(TaskRun::status).containsOnly(TaskStatus.SUCCEEDED);
        assertThat(tasks.get(0).executions()).containsExactly(greet.id());
        assertThat(tasks.get(1).executions()).containsExactly(say.id());
    }

    @Test
    void anInputTheWorkflowDoesNotDeclareIsRefusedNamingTheFieldAndStoresNothing() {
        assertThatThrownBy(() -> service.request(RequestExecution.of("demo.flow", Map.of("who", "ann", "whom", "bo"))))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("parameters.whom"));
        assertThatThrownBy(() -> service.request(RequestExecution.of("demo.flow", Map.of())))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("parameters.who"));
        assertThat(executions.children(0)).isEmpty();
        assertThat(executions.find(1)).isEmpty();
    }

    @Test
    void aWorkflowWhoseDefinitionWentAwayBeforeItsStartFailsSayingWhy() {
        long id = service.request(RequestExecution.of("demo.flow", Map.of("who", "al"))).execution().id();
        texts.remove(Ref.parse("demo.flow"));

        assertThat(workflows.start(id)).isTrue();

        Execution failed = executions.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.failure().orElseThrow()).contains("could not start", "without a workflow definition");
        assertThat(executions.children(id)).isEmpty();
        assertThat(workflows.start(id)).isFalse();
    }

    @Test
    void aChildThatCannotBeRequestedFailsItsTaskAndTheWorkflowWithItsErrors() {
        long id = started("demo.broken", Map.of());

        Execution failed = executions.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(executions.children(id)).isEmpty();
        assertThat(service.get(id).errors().orElseThrow()).isNotEmpty();
        assertThat(failed.failure()).isPresent();
        assertThat(workflows.tasks(id)).extracting(TaskRun::status).containsExactly(TaskStatus.FAILED);
    }

    @Test
    void aChildAPolicyRejectsAtOnceFailsItsTaskInTheSameTransactionAndTheWorkflowOnceTheOtherEnds() {
        long id = started("demo.lost", Map.of());

        // two start tasks of a rate-limited action: the first is admitted, the second rejected on the spot
        List<Execution> children = executions.children(id);
        assertThat(children).extracting(Execution::status)
                .containsExactly(ExecutionStatus.SCHEDULED, ExecutionStatus.FAILED);
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(workflows.tasks(id)).extracting(TaskRun::status).contains(TaskStatus.FAILED);

        finish(children.get(0).id(), ExecutionStatus.SUCCEEDED, "");
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void aWithItemsTaskRunsOneChildPerItemAndSeesTheirResultsInItemOrder() {
        long id = started("demo.each", Map.of("names", List.of("x", "y", "z")));

        List<Execution> items = executions.children(id);
        assertThat(items).extracting(e -> e.task().orElseThrow().item().orElseThrow()).containsExactly(0, 1, 2);
        assertThat(items).extracting(Execution::parameters).containsExactly(
                Map.of("message", "x"), Map.of("message", "y"), Map.of("message", "z"));

        // the items end out of order; the results are read back in item order
        for (int i : new int[] {2, 0, 1}) {
            Execution item = items.get(i);
            runs(item.id());
            ending.end(item.id(), e -> Optional.of(at -> e.finished(ExecutionStatus.SUCCEEDED, at, Optional.of(0),
                    Execution.Output.none(), Optional.of(Map.of("said", e.parameters().get("message"))),
                    Optional.empty())));
        }

        Execution done = executions.find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // an in-process action's result() is the shell shape with its own result's fields beside
        List<?> all = (List<?>) ((Map<?, ?>) done.result().orElseThrow()).get("all");
        assertThat(all.stream().<Object>map(r -> ((Map<?, ?>) r).get("said")).toList()).containsExactly("x", "y", "z");
        assertThat(all.stream().<Object>map(r -> ((Map<?, ?>) r).get("succeeded")).toList()).containsOnly(true);
        assertThat(workflows.tasks(id).get(0).executions()).containsExactly(items.get(0).id(), items.get(1).id(),
                items.get(2).id());
        assertThat(workflows.tasks(id).get(0).items()).hasValue(3);
    }

    @Test
    void aWorkflowWhoseStateCannotBeReadFailsOnItsNextEventAndCancelsItsOtherChildren() {
        long id = started("demo.each", Map.of("names", List.of("x", "y")));
        List<Execution> items = executions.children(id);
        assertThat(states.update(id, Map.of("not", "a workflow state"), states.find(id).orElseThrow().version()))
                .isTrue();

        finish(items.get(0).id(), ExecutionStatus.SUCCEEDED, "");

        Execution failed = executions.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.failure().orElseThrow()).contains("could not go on");
        assertThat(executions.find(items.get(0).id()).orElseThrow().status()).as("the child's end was kept")
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(executions.find(items.get(1).id()).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELED);
    }

    @Test
    void aSubworkflowRunsAsAChildAndItsOutputIsItsTasksResult() {
        long outer = started("demo.outer", Map.of());
        Execution inner = onlyChild(outer);
        assertThat(inner.action()).isEqualTo(Ref.parse("demo.flow"));
        assertThat(workflows.start(inner.id())).isTrue();

        finish(onlyChild(inner.id()).id(), ExecutionStatus.SUCCEEDED, "hi bo");
        finish(executions.children(inner.id()).get(1).id(), ExecutionStatus.SUCCEEDED, "");

        assertThat(executions.find(inner.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(executions.find(outer).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void cancelStopsTheRunningChildrenCascadesIntoSubworkflowsAndEndsOnceTheyEnded() {
        long outer = started("demo.outer", Map.of());
        Execution inner = onlyChild(outer);
        workflows.start(inner.id());
        Execution greet = onlyChild(inner.id());
        runs(greet.id());

        Execution canceling = service.cancel(outer).execution();

        assertThat(canceling.status()).isEqualTo(ExecutionStatus.CANCELING);
        assertThat(executions.find(inner.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELING);
        assertThat(executions.find(greet.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELING);
        assertThat(outbox.published()).anyMatch(m -> m.routingKey().equals(Message.Routes.CANCEL)
                && ((Number) m.payload().get("execution")).longValue() == greet.id());

        // the worker stops the step: its end cancels the inner workflow, whose end cancels the outer one
        ending.end(greet.id(), e -> Optional.of(at -> e.endedWithout(ExecutionStatus.CANCELED, at, "killed")));
        assertThat(executions.find(inner.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELED);
        assertThat(executions.find(outer).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELED);
        assertThat(executions.children(inner.id())).hasSize(1);
    }

    @Test
    void aPausedWorkflowLetsItsRunningTaskFinishAndStartsTheNextOnlyWhenResumed() {
        long id = started("demo.flow", Map.of("who", "cy"));
        Execution greet = onlyChild(id);

        assertThat(workflows.pause(id).execution().status()).isEqualTo(ExecutionStatus.PAUSING);
        assertThatThrownBy(() -> workflows.pause(id)).isInstanceOf(UseCaseException.Conflict.class);
        finish(greet.id(), ExecutionStatus.SUCCEEDED, "hey cy");
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.PAUSED);
        assertThat(executions.children(id)).hasSize(1);
        assertThat(outbox.published()).anyMatch(m -> m.routingKey().equals(Message.Routes.STATUS)
                && "paused".equals(m.payload().get("status")));

        assertThat(workflows.resume(id).execution().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(executions.children(id)).hasSize(2);
        assertThat(executions.children(id).get(1).parameters()).isEqualTo(Map.of("message", "hey cy"));
    }

    @Test
    void pausingAWorkflowPausesItsSubworkflowAndResumingResumesIt() {
        long outer = started("demo.outer", Map.of());
        Execution inner = onlyChild(outer);
        workflows.start(inner.id());
        Execution greet = onlyChild(inner.id());

        workflows.pause(outer);
        assertThat(executions.find(inner.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.PAUSING);
        finish(greet.id(), ExecutionStatus.SUCCEEDED, "hi bo");
        assertThat(executions.find(inner.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.PAUSED);
        // a paused subworkflow waits, for its parent: the parent has nothing busy left and is paused too
        assertThat(executions.find(outer).orElseThrow().status()).isEqualTo(ExecutionStatus.PAUSED);
        assertThat(executions.children(inner.id())).hasSize(1);

        workflows.resume(outer);
        assertThat(executions.find(outer).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(executions.find(inner.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(executions.children(inner.id())).hasSize(2);
    }

    @Test
    void aTaskWaitingForAPersonPausesItsWorkflowAndItsEndResumesIt() {
        long id = started("demo.flow", Map.of("who", "di"));
        Execution greet = onlyChild(id);
        runs(greet.id());
        Execution running = executions.find(greet.id()).orElseThrow();
        Execution waiting = running.moveTo(ExecutionStatus.PENDING, clock.instant());
        tx.run(() -> {
            assertThat(executions.update(waiting, ExecutionStatus.RUNNING)).isTrue();
            workflows.onWaiting(waiting, new Dispatch.Pending());
        });
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.PAUSED);

        EndOutcome answered = ending.end(greet.id(), e -> Optional.of(at -> e.finished(ExecutionStatus.SUCCEEDED, at,
                Optional.of(0), new Execution.Output("hello di", "", 0, 0), Optional.empty(), Optional.empty())));

        assertThat(answered).isInstanceOf(EndOutcome.Ended.class);
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(executions.children(id)).extracting(c -> c.task().orElseThrow().name()).containsExactly("greet", "say");
    }

    @Test
    void pauseAndResumeAreRefusedForWhatIsNotARunningWorkflow() {
        long id = started("demo.flow", Map.of("who", "di"));
        Execution greet = onlyChild(id);

        assertThatThrownBy(() -> workflows.pause(greet.id())).isInstanceOf(UseCaseException.Conflict.class)
                .hasMessageContaining("not a workflow");
        assertThatThrownBy(() -> workflows.resume(id)).isInstanceOf(UseCaseException.Conflict.class);
        assertThatThrownBy(() -> workflows.pause(id + 1000)).isInstanceOf(UseCaseException.NotFound.class);
        assertThatThrownBy(() -> workflows.tasks(greet.id())).isInstanceOf(UseCaseException.Conflict.class);
    }

    @Test
    void aDelayedTaskStartsWhenItsTimerIsDueReadingASystemKey() {
        catalog.put(new Key("greeting", new KeyScope.System(), "good day", false, Optional.empty()));
        long id = started("demo.slow", Map.of());
        assertThat(executions.children(id)).isEmpty();
        assertThat(workflows.fireDueTimers()).isZero();

        clock.advance(Duration.ofSeconds(31));
        assertThat(workflows.fireDueTimers()).isEqualTo(1);
        assertThat(workflows.fireDueTimers()).as("a fired timer is gone").isZero();

        assertThat(onlyChild(id).parameters()).isEqualTo(Map.of("message", "good day"));
    }

    @Test
    void aSecretKeyIsNotReadIntoAWorkflowAndTheTaskFailsNamingTheKeyNotItsValue() {
        catalog.put(new Key("greeting", new KeyScope.System(), cipher.seal("good day"), true, Optional.empty()));
        long id = started("demo.slow", Map.of());
        clock.advance(Duration.ofSeconds(31));
        assertThat(workflows.fireDueTimers()).isEqualTo(1);

        Execution failed = executions.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.failure().orElseThrow()).contains("system.greeting").contains("secret").doesNotContain("good day");
        assertThat(executions.children(id)).isEmpty();
    }

    @Test
    void aRerunFromAFailedTaskStartsANewWorkflowWithTheContextThatTaskStartedWith() {
        long id = started("demo.flow", Map.of("who", "ed"));
        finish(onlyChild(id).id(), ExecutionStatus.SUCCEEDED, "hi ed");
        finish(executions.children(id).get(1).id(), ExecutionStatus.FAILED, "");
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.FAILED);

        assertThatThrownBy(() -> workflows.rerun(id, List.of("nope"), List.of()))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("tasks"));
        ExecutionView again = workflows.rerun(id, List.of("say"), List.of());
        long rerun = again.execution().id();
        assertThat(again.execution().parameters()).isEqualTo(Map.of("who", "ed"));
        assertThat(again.execution().parent()).isEmpty();

        assertThat(workflows.start(rerun)).isTrue();
        Execution say = onlyChild(rerun);
        assertThat(say.task().orElseThrow().name()).isEqualTo("say");
        assertThat(say.parameters()).isEqualTo(Map.of("message", "hi ed"));
        finish(say.id(), ExecutionStatus.SUCCEEDED, "");
        assertThat(executions.find(rerun).orElseThrow().result()).contains(Map.of("said", "hi ed"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private long started(String action, Map<String, Object> input) {
        long id = service.request(RequestExecution.of(action, input)).execution().id();
        assertThat(workflows.start(id)).isTrue();
        return id;
    }

    private Execution onlyChild(long parent) {
        List<Execution> children = executions.children(parent);
        assertThat(children).hasSize(1);
        return children.get(0);
    }

    private void runs(long id) {
        Execution e = executions.find(id).orElseThrow();
        assertThat(executions.update(e.startedBy("w1", clock.instant(), clock.instant().plusSeconds(30)),
                ExecutionStatus.SCHEDULED)).isTrue();
    }

    /** The child runs and ends with this stdout, as a worker ends it. */
    private void finish(long id, ExecutionStatus status, String stdout) {
        if (executions.find(id).orElseThrow().status() == ExecutionStatus.SCHEDULED) {
            runs(id);
        }
        EndOutcome outcome = ending.end(id, e -> Optional.of(at -> e.finished(status, at,
                Optional.of(status == ExecutionStatus.SUCCEEDED ? 0 : 1), new Execution.Output(stdout, "", 0, 0),
                Optional.empty(), Optional.empty())));
        assertThat(outcome).isInstanceOf(EndOutcome.Ended.class);
    }

    private void workflow(String ref, WorkflowDefinition definition) {
        texts.put(Ref.parse(ref), ref + " text");
        definitions.put(ref + " text", definition);
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

    private static TaskSpec task(String name, String action, Map<String, Object> input, Transition... next) {
        return new TaskSpec(name, Optional.of(action), input, List.of(next), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static Transition on(String when, List<Assignment> publish, String... targets) {
        return new Transition(Optional.of(when), publish, List.of(targets));
    }
}
