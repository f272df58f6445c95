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
import io.attune.application.fake.MutableClock;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.in.ExecutionQueries.WorkerView;
import io.attune.application.port.out.ActionRunner;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workers that die, pause, come back and stop, on the in-memory fakes with a hand-moved clock: when a worker is lost,
 * active again or forgotten, and when its executions' slots may be freed (only once their actions cannot still run).
 */
class WorkerLivenessTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryWorkers workers = new InMemoryWorkers(executions);
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx);
    private final FakeSecretCipher cipher = new FakeSecretCipher();
    private final ExecutionEnding ending = Fixtures.ending(executions, ledger, dispatch, tx, clock);
    private final ExecutionService service = new ExecutionService(catalog, catalog.policies(), executions, ledger,
            workers, new ProgrammableSchemaValidator(), cipher, dispatch, ending, tx, clock, Fixtures.idempotency(tx, clock));
    private final KillableRunner runner = new KillableRunner();
    private final WorkerService worker = worker("w1");
    private final ExecutorDutiesService executor = new ExecutorDutiesService(executions, catalog, ledger, outbox, outbox,
            dispatch, ending, tx, clock, Duration.ofSeconds(2), workers, ExecutorDutiesService.WorkerWatch.defaults());

    private WorkerService worker(String name) {
        return worker(name, HEARTBEAT);
    }

    private WorkerService worker(String name, Duration heartbeat) {
        return worker(name, heartbeat, ending, Executors.newVirtualThreadPerTaskExecutor());
    }

    /** A worker whose ends go through {@code itsEnding} and whose runs go to {@code background}. */
    private WorkerService worker(String name, Duration heartbeat, ExecutionEnding itsEnding,
                                 java.util.concurrent.Executor background) {
        return new WorkerService(new WorkerService.Settings(name, "localhost", 4, heartbeat, LEASE,
                Duration.ofMinutes(10), 1024, Map.of()), List.of(runner), executions, catalog, catalog, workers, cipher,
                dispatch, itsEnding, tx, clock, background, new io.attune.application.fake.InMemoryExecutionOutputs(executions));
    }

    @BeforeEach
    void install() {
        Action deploy = new Action(Ref.parse("demo.deploy"), "", RunnerType.SHELL, Optional.of("deploy.sh"),
                new ParameterSchema(Map.of()), OutputFormat.TEXT, Optional.empty(), true);
        Policy one = new Policy(Ref.parse("demo.one_at_a_time"), "", new Policy.ActionTarget(deploy.ref()),
                Optional.of(new Policy.Concurrency(1, Policy.ConcurrencyBehavior.DELAY, List.of())), Optional.empty(), true);
        catalog.replace(new PackContent(pack("demo"), List.of(deploy, Fixtures.action("demo.free")), List.of(), List.of(),
                List.of(), List.of(one)));
        worker.register();
    }

    @AfterEach
    void close() {
        worker.close();
    }

    private long request() {
        return service.request(RequestExecution.of("demo.deploy", Map.of())).execution().id();
    }

    private WorkerView listed(String name) {
        return workers.list().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    private Execution execution(long id) {
        return executions.find(id).orElseThrow();
    }

    private long runningOne() {
        long id = request();
        assertThat(worker.take(id)).isTrue();
        runner.awaitStarted(id);
        return id;
    }

    @Test
    void aWorkerSilentForThreeHeartbeatsIsLostAndActiveAgainWhenItHeartbeats() {
        Instant last = clock.instant();
        clock.advance(HEARTBEAT.multipliedBy(3));
        assertThat(executor.watchWorkers()).as("silent for exactly three heartbeats").isZero();
        assertThat(listed("w1").status()).isEqualTo("active");

        clock.advance(Duration.ofSeconds(1));
        assertThat(executor.watchWorkers()).isEqualTo(1);
        assertThat(executor.watchWorkers()).as("marked once").isZero();

        assertThat(listed("w1").status()).isEqualTo("lost");
        assertThat(listed("w1").heartbeatAt()).isEqualTo(last);

        worker.heartbeat();
        assertThat(listed("w1").status()).isEqualTo("active");
        assertThat(listed("w1").heartbeatAt()).isEqualTo(clock.instant());
    }

    @Test
    void eachWorkerIsJudgedByItsOwnHeartbeatInterval() {
        WorkerService slow = worker("w2", Duration.ofMinutes(1));
        slow.register();

        clock.advance(Duration.ofMinutes(2));
        assertThat(executor.watchWorkers()).isEqualTo(1);
        assertThat(listed("w1").status()).isEqualTo("lost");
        assertThat(listed("w2").status()).isEqualTo("active");
        assertThat(listed("w2").heartbeatInterval()).isEqualTo(Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(executor.watchWorkers()).isEqualTo(1);
        assertThat(listed("w2").status()).isEqualTo("lost");
        slow.close();
    }

    @Test
    void lostAndStoppedWorkersAreForgottenADayAfterTheirLastHeartbeat() {
        WorkerService other = worker("w2");
        other.register();
        other.stop(Duration.ZERO, Duration.ofSeconds(1));
        clock.advance(Duration.ofHours(23));
        executor.watchWorkers();
        assertThat(workers.list()).extracting(WorkerView::name, WorkerView::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("w1", "lost"),
                        org.assertj.core.groups.Tuple.tuple("w2", "stopped"));

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        executor.watchWorkers();

        assertThat(workers.list()).isEmpty();
    }

    @Test
    void anExpiredLeaseOfAWorkerThatStillHeartbeatsIsKeptUntilAHeartbeatProvesTheWorkerNoLongerHoldsIt() {
        long first = runningOne();
        long second = request();
        // the lease ran out, and the worker's heartbeats go on without renewing it (its end could not be written)
        Instant expiry = clock.instant().plusSeconds(5);
        executions.renewLeases("w1", List.of(first), expiry);
        while (!clock.instant().plus(HEARTBEAT).isAfter(expiry.plus(HEARTBEAT))) {
            clock.advance(HEARTBEAT);
            workers.heartbeat("w1", clock.instant());
            executor.watchWorkers();
            assertThat(executor.abandonExpiredLeases()).isZero();
        }
        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(execution(second).status()).isEqualTo(ExecutionStatus.DELAYED);

        clock.advance(HEARTBEAT);
        workers.heartbeat("w1", clock.instant());
        assertThat(executor.abandonExpiredLeases()).isEqualTo(1);

        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.ABANDONED);
        assertThat(execution(first).failure().orElseThrow()).contains("no longer runs it");
        assertThat(execution(second).status()).isEqualTo(ExecutionStatus.SCHEDULED);
        assertThat(listed("w1").status()).isEqualTo("active");
    }

    @Test
    void aLostWorkerWithALeaseStillValidKeepsItsExecutionUntilTheLeaseEnds() {
        long first = runningOne();
        executions.renewLeases("w1", List.of(first), clock.instant().plus(Duration.ofMinutes(2)));

        clock.advance(Duration.ofMinutes(1));
        assertThat(executor.watchWorkers()).isEqualTo(1);
        assertThat(executor.abandonExpiredLeases()).isZero();

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(executor.abandonExpiredLeases()).isEqualTo(1);
    }

    @Test
    void anExecutionIsAbandonedOnceItsLeaseExpiredAndItsWorkerIsLostAndTheNextIsAdmitted() {
        long first = runningOne();
        long second = request();

        clock.advance(LEASE.plusSeconds(1));
        assertThat(executor.abandonExpiredLeases()).isEqualTo(1);

        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.ABANDONED);
        assertThat(execution(first).failure().orElseThrow()).contains("w1").contains("lease").contains("heartbeat");
        assertThat(execution(second).status()).isEqualTo(ExecutionStatus.SCHEDULED);
    }

    @Test
    void aWorkerRestartedUnderTheSameNameLetsWhatItsFormerLifeRanBeAbandonedOnceTheLeaseEnds() {
        long first = runningOne();
        long second = request();
        clock.advance(Duration.ofSeconds(5));
        WorkerService restarted = worker("w1");
        restarted.register();
        clock.advance(LEASE);
        restarted.heartbeat();

        assertThat(executor.abandonExpiredLeases()).isEqualTo(1);

        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.ABANDONED);
        assertThat(execution(first).failure().orElseThrow()).contains("restarted");
        assertThat(execution(second).status()).isEqualTo(ExecutionStatus.SCHEDULED);
        restarted.close();
    }

    @Test
    void aWorkerThatComesBackKillsTheRunsAbandonedWhileItWasSilent() {
        long first = runningOne();
        clock.advance(LEASE.plusSeconds(1));
        assertThat(executor.abandonExpiredLeases()).isEqualTo(1);

        worker.heartbeat();

        assertThat(runner.canceled).contains(first);
        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.ABANDONED);
    }

    /** Worker w2, registered, whose ends go through {@code itsEnding} and whose runs go to {@code background}. */
    private WorkerService registered(ExecutionEnding itsEnding, java.util.concurrent.Executor background) {
        WorkerService w2 = worker("w2", HEARTBEAT, itsEnding, background);
        w2.register();
        return w2;
    }

    /**
     * Heartbeats of {@code live} (and the executor's sweeps) for longer than the lease plus a heartbeat: nothing of a
     * worker that heartbeats may be abandoned meanwhile.
     */
    private void heartbeatsOutlastingTheLease(WorkerService live) {
        for (int beat = 0; beat < 6; beat++) {
            clock.advance(HEARTBEAT);
            live.heartbeat();
            executor.watchWorkers();
            assertThat(executor.abandonExpiredLeases()).as("abandoned after %d heartbeats", beat + 1).isZero();
        }
    }

    private void awaitEnded(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!execution(id).status().isTerminal() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** The next in the queue is admitted by the end's slot release, which may follow the end's own write. */
    private void awaitScheduled(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (execution(id).status() != ExecutionStatus.SCHEDULED && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void aTakeWhoseStartIsDelayedPastTheLeaseKeepsItsLeaseThroughHeartbeatsAndRunsToItsEnd() throws Exception {
        HeldTasks held = new HeldTasks();
        WorkerService slow = registered(ending, held);
        long first = request();
        long second = request();
        assertThat(slow.take(first)).isTrue();

        // the run waits for a thread for longer than the lease: the take's lease alone would lapse
        heartbeatsOutlastingTheLease(slow);

        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(execution(second).status()).isEqualTo(ExecutionStatus.DELAYED);
        held.runAll();
        runner.awaitStarted(first);
        runner.finish(first);
        awaitEnded(first);
        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        awaitScheduled(second);
        assertThat(execution(second).status()).isEqualTo(ExecutionStatus.SCHEDULED);
        slow.close();
    }

    @Test
    void anEndWhoseWriteIsDelayedPastTheLeaseKeepsItsLeaseThroughHeartbeatsAndIsWrittenAsItEnded() throws Exception {
        HeldTransaction gate = new HeldTransaction(tx);
        WorkerService slow = registered(Fixtures.ending(executions, ledger, dispatch, gate, clock),
                Executors.newVirtualThreadPerTaskExecutor());
        long first = request();
        long second = request();
        assertThat(slow.take(first)).isTrue();
        runner.awaitStarted(first);

        gate.holdNext();
        runner.finish(first);
        gate.awaitHeld();
        // the process is over; its end waits for a database connection for longer than the lease
        heartbeatsOutlastingTheLease(slow);

        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(execution(second).status()).isEqualTo(ExecutionStatus.DELAYED);
        gate.release();
        awaitEnded(first);
        assertThat(execution(first).status()).as("its success is kept").isEqualTo(ExecutionStatus.SUCCEEDED);
        awaitScheduled(second);
        assertThat(execution(second).status()).isEqualTo(ExecutionStatus.SCHEDULED);
        slow.close();
    }

    @Test
    void anExecutionAbandonedBetweenItsTakeAndItsStartNeverStartsItsAction() throws Exception {
        HeldTasks held = new HeldTasks();
        WorkerService paused = registered(ending, held);
        long first = request();
        assertThat(paused.take(first)).isTrue();
        long second = request();
        // the worker pauses (silent) between the take and the start: the executor abandons the execution
        clock.advance(LEASE.plus(HEARTBEAT.multipliedBy(3)).plusSeconds(1));
        assertThat(executor.abandonExpiredLeases()).isEqualTo(1);
        assertThat(execution(second).status()).as("admitted in the freed slot").isEqualTo(ExecutionStatus.SCHEDULED);

        paused.heartbeat();
        held.runAll().get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(runner.started).doesNotContain(first);
        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.ABANDONED);
        assertThat(execution(first).failure().orElseThrow()).contains("heartbeat stopped");
        paused.close();
    }

    /** A background that holds the runs handed to it until the test lets them go (a worker short of threads). */
    private static final class HeldTasks implements java.util.concurrent.Executor {
        private final List<Runnable> tasks = new CopyOnWriteArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        /** Runs what was held, each on a thread of its own; completes once all are over. */
        CompletableFuture<Void> runAll() {
            var threads = Executors.newVirtualThreadPerTaskExecutor();
            return CompletableFuture.allOf(tasks.stream().map(t -> CompletableFuture.runAsync(t, threads))
                    .toArray(CompletableFuture[]::new));
        }
    }

    /** Transactions of which the next one waits, before it begins, until released (a pool out of connections). */
    private static final class HeldTransaction implements io.attune.application.port.out.TransactionRunner {
        private final io.attune.application.port.out.TransactionRunner delegate;
        private final java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

        HeldTransaction(io.attune.application.port.out.TransactionRunner delegate) {
            this.delegate = delegate;
        }

        void holdNext() {
            armed.set(true);
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("a transaction waits").isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public <T> T inTransaction(java.util.function.Supplier<T> work) {
            if (armed.compareAndSet(true, false)) {
                held.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return delegate.inTransaction(work);
        }

        @Override
        public <T> T readOnly(java.util.function.Supplier<T> work) {
            return delegate.readOnly(work);
        }
    }

    @Test
    void anOrderlyStopOutlastedByAnActionKillsItEndsItAbandonedAndOnlyThenAdmitsTheNext() {
        long first = runningOne();
        long second = request();
        runner.onKill = id -> {
            // the tree is being killed: nothing may have been admitted in its place yet
            assertThat(execution(second).status()).isEqualTo(ExecutionStatus.DELAYED);
            assertThat(execution(first).status()).isEqualTo(ExecutionStatus.RUNNING);
        };

        assertThat(worker.stop(Duration.ZERO, Duration.ofSeconds(5))).isTrue();

        assertThat(runner.canceled).containsExactly(first);
        assertThat(runner.killFailures).isEmpty();
        Execution ended = execution(first);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.ABANDONED);
        assertThat(ended.failure().orElseThrow()).startsWith(WorkerService.SHUT_DOWN).contains("killed");
        assertThat(ended.finishedAt().orElseThrow()).isAfterOrEqualTo(runner.killedAt.get(first));
        assertThat(execution(second).status()).isEqualTo(ExecutionStatus.SCHEDULED);
        assertThat(listed("w1").status()).isEqualTo("stopped");
    }

    @Test
    void aDrainingWorkerTakesNothingButLetsWhatRunsFinishAndHeartbeatsAsDraining() throws Exception {
        long first = runningOne();
        long second = request();
        long free = service.request(RequestExecution.of("demo.free", Map.of())).execution().id();
        worker.beginStop();
        assertThat(listed("w1").status()).isEqualTo("draining");
        var background = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<Boolean> stop = CompletableFuture.supplyAsync(
                () -> worker.stop(Duration.ofMinutes(1), Duration.ofSeconds(5)), background);
        assertThatThrownBy(() -> worker.take(free)).as("refused once the queues are cancelled").hasMessageContaining("stopping");
        clock.advance(HEARTBEAT);
        worker.heartbeat();
        assertThat(listed("w1").status()).as("a heartbeat while draining").isEqualTo("draining");
        assertThat(listed("w1").heartbeatAt()).isEqualTo(clock.instant());
        Thread.sleep(100);
        assertThat(stop).as("the drain waits for the action").isNotDone();

        runner.finish(first);

        assertThat(stop.get(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(runner.canceled).isEmpty();
        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        awaitScheduled(second);
        assertThat(execution(second).status()).isEqualTo(ExecutionStatus.SCHEDULED);
        assertThat(execution(free).status()).isEqualTo(ExecutionStatus.SCHEDULED);
        assertThat(listed("w1").status()).isEqualTo("stopped");
    }

    @Test
    void aStoppingWorkerHoldsADeliveryUntilItsQueuesAreCancelledThenRefusesItAndNoHeartbeatMakesItActiveAgain()
            throws Exception {
        runningOne();
        long next = service.request(RequestExecution.of("demo.free", Map.of())).execution().id();
        var background = Executors.newVirtualThreadPerTaskExecutor();
        worker.beginStop();
        CompletableFuture<Boolean> take = CompletableFuture.supplyAsync(() -> worker.take(next), background);
        Thread.sleep(100);
        assertThat(take).as("held while the queues may still be consumed").isNotDone();

        assertThat(worker.stop(Duration.ZERO, Duration.ofSeconds(5))).isTrue();

        assertThatThrownBy(() -> take.get(5, java.util.concurrent.TimeUnit.SECONDS)).hasMessageContaining("stopping");
        assertThatThrownBy(() -> worker.take(next)).as("refused at once after the stop").hasMessageContaining("stopping");
        assertThat(execution(next).status()).isEqualTo(ExecutionStatus.SCHEDULED);
        assertThat(runner.started).doesNotContain(next);
        worker.heartbeat();
        assertThat(listed("w1").status()).isEqualTo("stopped");
    }

    @Test
    void aDatabaseFailureWhileAbandoningDoesNotStopTheSweepAndIsRetriedByTheNext() {
        long first = runningOne();
        long other = service.request(RequestExecution.of("demo.free", Map.of())).execution().id();
        assertThat(worker.take(other)).isTrue();
        runner.awaitStarted(other);
        FailingUpdates failing = new FailingUpdates(executions, first);
        ExecutorDutiesService sweeper = new ExecutorDutiesService(failing, catalog, ledger, outbox, outbox, dispatch,
                Fixtures.ending(failing, ledger, dispatch, tx, clock), tx,
                clock, Duration.ofSeconds(2), workers, ExecutorDutiesService.WorkerWatch.defaults());
        clock.advance(LEASE.plusSeconds(1));
        // the failure is logged (not swallowed as a lost race) and the sweep goes on with the others
        assertThat(sweeper.abandonExpiredLeases()).isEqualTo(1);

        assertThat(failing.failed).isTrue();
        assertThat(execution(other).status()).isEqualTo(ExecutionStatus.ABANDONED);
        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(sweeper.abandonExpiredLeases()).isEqualTo(1);
        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.ABANDONED);
    }

    /** The executions, whose first write of one execution fails as a lost database connection does. */
    private static final class FailingUpdates implements io.attune.application.port.out.ExecutionRepository {
        private final InMemoryExecutions delegate;
        private final long failing;
        private final java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();

        FailingUpdates(InMemoryExecutions delegate, long failing) {
            this.delegate = delegate;
            this.failing = failing;
        }

        @Override
        public Execution insert(Execution execution) {
            return delegate.insert(execution);
        }

        @Override
        public Optional<Execution> find(long id) {
            return delegate.find(id);
        }

        @Override
        public List<Execution> children(long parent) {
            return delegate.children(parent);
        }

        @Override
        public List<Execution> taskChildren(long parent, int run, int attempt) {
            return delegate.taskChildren(parent, run, attempt);
        }

        @Override
        public io.attune.application.port.in.Page<Execution> list(
                io.attune.application.port.in.ExecutionQueries.ExecutionFilter filter,
                io.attune.application.port.in.PageRequest page) {
            return delegate.list(filter, page);
        }

        @Override
        public boolean update(Execution next, ExecutionStatus expected) {
            if (next.id() == failing && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("database unavailable: connection refused");
            }
            return delegate.update(next, expected);
        }

        @Override
        public int renewLeases(String worker, List<Long> executions, Instant until) {
            return delegate.renewLeases(worker, executions, until);
        }

        @Override
        public List<Long> expiredLeases(Instant now, int limit) {
            return delegate.expiredLeases(now, limit);
        }

        @Override
        public List<Long> dueRetries(Instant now, int limit) {
            return delegate.dueRetries(now, limit);
        }

        @Override
        public java.util.OptionalLong retriedBy(long id) {
            return delegate.retriedBy(id);
        }
    }

    /** A runner whose runs go on until they are killed; a kill takes a moment, as a process tree's does. */
    private final class KillableRunner implements ActionRunner {
        final List<Long> started = new CopyOnWriteArrayList<>();
        final List<Long> canceled = new CopyOnWriteArrayList<>();
        final Map<Long, Instant> killedAt = new ConcurrentHashMap<>();
        final List<Throwable> killFailures = new CopyOnWriteArrayList<>();
        final Map<Long, CompletableFuture<RunOutcome>> ends = new ConcurrentHashMap<>();
        volatile java.util.function.LongConsumer onKill = id -> { };

        @Override
        public Set<RunnerType> runners() {
            return Set.of(RunnerType.SHELL);
        }

        @Override
        public RunningAction start(RunRequest request) {
            long id = request.executionId();
            started.add(id);
            CompletableFuture<RunOutcome> end = new CompletableFuture<>();
            ends.put(id, end);
            return new RunningAction() {
                @Override
                public RunOutcome await() {
                    return end.join();
                }

                @Override
                public void cancel() {
                    canceled.add(id);
                    Thread.ofVirtual().start(() -> {
                        try {
                            Thread.sleep(50);
                            onKill.accept(id);
                        } catch (Throwable e) {
                            killFailures.add(e);
                        }
                        killedAt.put(id, clock.instant());
                        end.complete(new RunOutcome.Canceled(Output.empty()));
                    });
                }
            };
        }

        /** Ends a run on its own, exit code 0. */
        void finish(long id) {
            ends.get(id).complete(new RunOutcome.Exited(0, Output.empty(), Optional.empty(), Optional.empty()));
        }

        void awaitStarted(long id) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!started.contains(id) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(started).contains(id);
        }
    }
}
