package io.attune.application.service;

import static io.attune.application.service.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.InMemoryAdmissionLedger;
import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryExecutionOutputs;
import io.attune.application.fake.InMemoryExecutions;
import io.attune.application.fake.InMemoryOutbox;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.InMemoryWorkers;
import io.attune.application.fake.MutableClock;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.ActionRunner;
import io.attune.application.port.out.Message;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.OutputChunk;
import io.attune.domain.pack.PackContent;
import io.attune.domain.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request → admission → worker → completion through the services, on the in-memory fakes. */
class ExecutionPipelineTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx);
    private final io.attune.application.fake.FakeSecretCipher cipher = new io.attune.application.fake.FakeSecretCipher();
    private final ExecutionEnding ending = Fixtures.ending(executions, ledger, dispatch, tx, clock);
    private final ExecutionService service = new ExecutionService(catalog, catalog.policies(), executions, ledger,
            new InMemoryWorkers(), new ProgrammableSchemaValidator(), cipher, dispatch, ending, tx, clock, Fixtures.idempotency(tx, clock));
    private final ControlledRunner runner = new ControlledRunner();
    private final InMemoryWorkers workers = new InMemoryWorkers(executions);
    /** The output chunks, with a count of the statements that stored them. */
    private final CountingOutputs outputs = new CountingOutputs(executions);
    private final WorkerService worker = new WorkerService(
            new WorkerService.Settings("w1", "localhost", 4, Duration.ofSeconds(10), Duration.ofSeconds(30),
                    Duration.ofMinutes(10), 1024, Map.of()),
            List.of(runner), executions, catalog, catalog, workers, cipher, dispatch, ending, tx, clock, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor(),
            outputs);
    private final ExecutorDutiesService executor = new ExecutorDutiesService(executions, catalog, ledger, outbox, outbox, dispatch,
            ending, tx, clock, Duration.ofSeconds(2), workers, ExecutorDutiesService.WorkerWatch.defaults());

    @BeforeEach
    void install() {
        Action deploy = new Action(Ref.parse("demo.deploy"), "", RunnerType.SHELL, Optional.of("deploy.sh"),
                new ParameterSchema(Map.of("env", Map.of("type", "string", "required", true),
                        "count", Map.of("type", "integer", "default", 1))),
                OutputFormat.TEXT, Optional.empty(), true);
        Policy one = new Policy(Ref.parse("demo.one_at_a_time"), "", new Policy.ActionTarget(deploy.ref()),
                Optional.of(new Policy.Concurrency(1, Policy.ConcurrencyBehavior.DELAY, List.of())), Optional.empty(), true);
        catalog.replace(new PackContent(pack("demo"), List.of(deploy, Fixtures.action("demo.free")), List.of(), List.of(),
                List.of(), List.of(one)));
    }

    private ExecutionView request(String action, Map<String, Object> parameters) {
        return service.request(RequestExecution.of(action, parameters));
    }

    private ExecutionStatus awaitStatus(long id, ExecutionStatus expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        ExecutionStatus status = executions.find(id).orElseThrow().status();
        while (status != expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            status = executions.find(id).orElseThrow().status();
        }
        return status;
    }

    private void awaitStarted(long id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!runner.started.contains(id) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(runner.started).contains(id);
    }

    private List<String> dispatchedIds() {
        return outbox.published().stream().filter(m -> m.routingKey().startsWith("execution.dispatch."))
                .map(m -> String.valueOf(m.payload().get("execution"))).toList();
    }

    @Test
    void anActionWithoutPoliciesIsScheduledAndDispatchedToItsRuntime() {
        ExecutionView view = request("demo.free", Map.of("name", "x"));

        assertThat(view.execution().status()).isEqualTo(ExecutionStatus.SCHEDULED);
        assertThat(outbox.published()).extracting(Message::routingKey).contains("execution.dispatch.shell");
        dispatch.forgetConfirmed();
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void refusesParametersThatBreakTheSchemaNamingTheFieldAndStoresNothing() {
        assertThatThrownBy(() -> request("demo.deploy", Map.of("count", "many")))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).contains("parameters.env", "parameters.count"));
        assertThat(executions.list(io.attune.application.port.in.ExecutionQueries.ExecutionFilter.any(),
                io.attune.application.port.in.PageRequest.defaults()).total()).isZero();
    }

    @Test
    void anUnknownActionIsNotFound() {
        assertThatThrownBy(() -> request("demo.ghost", Map.of())).isInstanceOf(UseCaseException.NotFound.class);
    }

    @Test
    void aFullConcurrencyLimitDelaysAndTheFinishOfTheFirstAdmitsTheNext() {
        long first = request("demo.deploy", Map.of("env", "prod")).execution().id();
        ExecutionView second = request("demo.deploy", Map.of("env", "prod"));

        assertThat(second.execution().status()).isEqualTo(ExecutionStatus.DELAYED);
        assertThat(second.queuePosition()).as("the answer to the request does not count the queue").isEmpty();
        assertThat(service.get(second.execution().id()).queuePosition()).hasValue(1);
        assertThat(dispatchedIds()).containsExactly(String.valueOf(first));

        assertThat(worker.take(first)).isTrue();
        runner.finish(first, new ActionRunner.RunOutcome.Exited(0, ActionRunner.Output.empty(), Optional.empty(), Optional.empty()));

        assertThat(awaitStatus(first, ExecutionStatus.SUCCEEDED)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(awaitStatus(second.execution().id(), ExecutionStatus.SCHEDULED)).isEqualTo(ExecutionStatus.SCHEDULED);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (dispatchedIds().size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(dispatchedIds()).containsExactly(String.valueOf(first), String.valueOf(second.execution().id()));
    }

    @Test
    void aDuplicatedDispatchRunsTheActionOnce() {
        long id = request("demo.free", Map.of()).execution().id();

        assertThat(worker.take(id)).isTrue();
        assertThat(worker.take(id)).isFalse();
        awaitStarted(id);
        assertThat(runner.started).containsExactly(id);
    }

    @Test
    void cancelingAWaitingExecutionEndsItAndCancelingAFinishedOneIsAConflict() {
        long first = request("demo.deploy", Map.of("env", "a")).execution().id();
        long second = request("demo.deploy", Map.of("env", "a")).execution().id();

        assertThat(service.cancel(second).execution().status()).isEqualTo(ExecutionStatus.CANCELED);
        assertThat(service.cancel(first).execution().status()).isEqualTo(ExecutionStatus.CANCELED);
        assertThatThrownBy(() -> service.cancel(first)).isInstanceOf(UseCaseException.Conflict.class);
        assertThat(dispatchedIds()).containsExactly(String.valueOf(first));
    }

    @Test
    void cancelingARunningExecutionAsksTheWorkerAndEndsCanceled() {
        long id = request("demo.free", Map.of()).execution().id();
        worker.take(id);

        assertThat(service.cancel(id).execution().status()).isEqualTo(ExecutionStatus.CANCELING);
        assertThat(outbox.published()).extracting(Message::routingKey).contains("execution.cancel");
        awaitStarted(id);
        worker.cancel(id);

        assertThat(awaitStatus(id, ExecutionStatus.CANCELED)).isEqualTo(ExecutionStatus.CANCELED);
    }

    @Test
    void aCancelThatOvertakesTheStartOfTheRunStillStopsIt() throws Exception {
        long id = request("demo.free", Map.of()).execution().id();
        runner.startGate = new java.util.concurrent.CountDownLatch(1);
        worker.take(id);
        assertThat(awaitStatus(id, ExecutionStatus.RUNNING)).isEqualTo(ExecutionStatus.RUNNING);

        assertThat(service.cancel(id).execution().status()).isEqualTo(ExecutionStatus.CANCELING);
        worker.cancel(id);
        runner.startGate.countDown();

        assertThat(awaitStatus(id, ExecutionStatus.CANCELED)).isEqualTo(ExecutionStatus.CANCELED);
    }

    @Test
    void messagesTheBrokerDidNotConfirmStayInTheOutboxUntilTheRelaySendsThem() {
        outbox.brokerUp(false);
        long id = request("demo.free", Map.of()).execution().id();
        assertThat(outbox.pending()).isPositive();

        outbox.brokerUp(true);
        clock.advance(Duration.ofSeconds(5));
        executor.relayOutbox();
        dispatch.forgetConfirmed();

        assertThat(outbox.pending()).isZero();
        assertThat(dispatchedIds()).containsExactly(String.valueOf(id));
    }

    @Test
    void anExpiredLeaseAbandonsTheExecutionAndAdmitsTheNext() {
        worker.register();
        long first = request("demo.deploy", Map.of("env", "b")).execution().id();
        long second = request("demo.deploy", Map.of("env", "b")).execution().id();
        worker.take(first);

        clock.advance(Duration.ofSeconds(31));
        assertThat(executor.abandonExpiredLeases()).isEqualTo(1);

        assertThat(executions.find(first).orElseThrow().status()).isEqualTo(ExecutionStatus.ABANDONED);
        assertThat(executions.find(second).orElseThrow().status()).isEqualTo(ExecutionStatus.SCHEDULED);
    }

    @Test
    void aTimeoutAndANonZeroExitAreRecorded() {
        long slow = request("demo.free", Map.of()).execution().id();
        long bad = request("demo.free", Map.of()).execution().id();
        worker.take(slow);
        worker.take(bad);

        runner.finish(slow, new ActionRunner.RunOutcome.TimedOut(ActionRunner.Output.empty()));
        runner.finish(bad, new ActionRunner.RunOutcome.Exited(3, new ActionRunner.Output("", "boom", 0, 0),
                Optional.empty(), Optional.empty()));

        assertThat(awaitStatus(slow, ExecutionStatus.TIMEOUT)).isEqualTo(ExecutionStatus.TIMEOUT);
        assertThat(awaitStatus(bad, ExecutionStatus.FAILED)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(executions.find(bad).orElseThrow().exitCode()).contains(3);
        assertThat(executions.find(bad).orElseThrow().output().stderr()).isEqualTo("boom");
    }

    /** A runner whose runs end when the test says so. */
    @Test
    void theWorkerStoresWhatRunningActionsPrintInOneStatementPerFlushAndNothingForThoseThatPrintNothing() {
        long loud = request("demo.free", Map.of("name", "loud")).execution().id();
        long other = request("demo.free", Map.of("name", "other")).execution().id();
        long quiet = request("demo.free", Map.of("name", "quiet")).execution().id();
        List.of(loud, other, quiet).forEach(id -> assertThat(worker.take(id)).isTrue());
        awaitStarted(loud, other, quiet);
        worker.flushOutput();
        assertThat(outputs.statements.get()).isZero();

        runner.print(loud, "line 1\n", "");
        runner.print(other, "", "warning\n");
        worker.flushOutput();
        worker.flushOutput();
        assertThat(outputs.statements.get()).isEqualTo(1);
        assertThat(outputs.of(loud)).extracting(OutputChunk::seq, OutputChunk::stream, OutputChunk::data)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, OutputChunk.Stream.STDOUT, "line 1\n"));
        assertThat(outputs.of(other)).extracting(OutputChunk::seq, OutputChunk::stream, OutputChunk::data)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, OutputChunk.Stream.STDERR, "warning\n"));

        runner.print(loud, "line 2", "");
        runner.finish(loud, new ActionRunner.RunOutcome.Exited(0, new ActionRunner.Output("line 1\nline 2", "", 0, 0),
                Optional.empty(), Optional.empty()));
        assertThat(awaitStatus(loud, ExecutionStatus.SUCCEEDED)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(outputs.statements.get()).isEqualTo(2);
        assertThat(outputs.of(loud)).extracting(OutputChunk::data).containsExactly("line 1\n", "line 2");
        for (long id : List.of(other, quiet)) {
            runner.finish(id, new ActionRunner.RunOutcome.Exited(0, ActionRunner.Output.empty(), Optional.empty(),
                    Optional.empty()));
            assertThat(awaitStatus(id, ExecutionStatus.SUCCEEDED)).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
        worker.flushOutput();
        assertThat(outputs.statements.get()).isEqualTo(2);
        assertThat(outputs.of(quiet)).isEmpty();
    }

    private void awaitStarted(Long... ids) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!runner.awaited.containsAll(List.of(ids)) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(runner.awaited).contains(ids);
    }

    /** The in-memory chunks, counting the calls that store some. */
    private static final class CountingOutputs implements io.attune.application.port.out.ExecutionOutputRepository {
        final java.util.concurrent.atomic.AtomicInteger statements = new java.util.concurrent.atomic.AtomicInteger();
        private final InMemoryExecutionOutputs stored;

        CountingOutputs(InMemoryExecutions executions) {
            this.stored = new InMemoryExecutionOutputs(executions);
        }

        @Override
        public void append(List<OutputChunk> chunks) {
            statements.incrementAndGet();
            stored.append(chunks);
        }

        @Override
        public Optional<OutputPage> after(long executionId, long after, Optional<OutputChunk.Stream> stream, int limit) {
            return stored.after(executionId, after, stream, limit);
        }

        List<OutputChunk> of(long executionId) {
            return stored.of(executionId);
        }
    }

    private static final class ControlledRunner implements ActionRunner {
        final List<Long> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Map<Long, CompletableFuture<RunOutcome>> runs = new ConcurrentHashMap<>();
        final Map<Long, java.util.Queue<NewOutput>> printed = new ConcurrentHashMap<>();
        /** The runs the worker waits for: it follows their output from before it waits. */
        final Set<Long> awaited = ConcurrentHashMap.newKeySet();

        void print(long id, String stdout, String stderr) {
            printed.computeIfAbsent(id, k -> new java.util.concurrent.ConcurrentLinkedQueue<>())
                    .add(new NewOutput(stdout, stderr));
        }

        @Override
        public Set<RunnerType> runners() {
            return Set.of(RunnerType.SHELL, RunnerType.INTERNAL);
        }

        volatile java.util.concurrent.CountDownLatch startGate;

        @Override
        public RunningAction start(RunRequest request) {
            if (startGate != null) {
                try {
                    startGate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            started.add(request.executionId());
            CompletableFuture<RunOutcome> end = runs.computeIfAbsent(request.executionId(), k -> new CompletableFuture<>());
            return new RunningAction() {
                @Override
                public RunOutcome await() {
                    awaited.add(request.executionId());
                    return end.join();
                }

                @Override
                public void cancel() {
                    end.complete(new RunOutcome.Canceled(Output.empty()));
                }

                @Override
                public NewOutput takeNewOutput() {
                    NewOutput next = printed.getOrDefault(request.executionId(), new java.util.LinkedList<>()).poll();
                    return next == null ? NewOutput.NONE : next;
                }
            };
        }

        void finish(long id, RunOutcome outcome) {
            runs.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(outcome);
        }
    }
}
