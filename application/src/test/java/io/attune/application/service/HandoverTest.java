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
import io.attune.application.fake.MutableClock;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.out.ActionRunner;
import io.attune.application.port.out.Handover;
import io.attune.application.port.out.Message;
import io.attune.domain.action.RunnerType;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.pack.PackContent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-memory hand-over of committed messages ({@link Handover}) keeps the outbox as the guarantee: what a local
 * consumer took is not published, and its row goes once the consumer acted; what it did not take goes to the broker;
 * a row left behind by a crash between the commit and the consumer's act is sent by the relay, and the second
 * delivery runs nothing twice.
 */
class HandoverTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger();
    private final ScriptedHandover handover = new ScriptedHandover();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx, handover);
    private final FakeSecretCipher cipher = new FakeSecretCipher();
    private final ExecutionEnding ending = Fixtures.ending(executions, ledger, dispatch, tx, clock);
    private final ExecutionService service = new ExecutionService(catalog, catalog.policies(), executions, ledger,
            new InMemoryWorkers(), new ProgrammableSchemaValidator(), cipher, dispatch, ending, tx, clock,
            Fixtures.idempotency(tx, clock));
    private final CountingRunner runner = new CountingRunner();
    private final InMemoryWorkers workers = new InMemoryWorkers(executions);
    private final WorkerService worker = new WorkerService(
            new WorkerService.Settings("w1", "localhost", 1, Duration.ofSeconds(10), Duration.ofSeconds(30),
                    Duration.ofMinutes(10), 1024, Map.of()),
            List.of(runner), executions, catalog, catalog, workers, cipher, dispatch, ending, tx, clock,
            Executors.newVirtualThreadPerTaskExecutor(), new io.attune.application.fake.InMemoryExecutionOutputs(executions));
    private final ExecutorDutiesService relay = new ExecutorDutiesService(executions, catalog, ledger, outbox, outbox,
            dispatch, ending, tx, clock, Duration.ofSeconds(2), workers, ExecutorDutiesService.WorkerWatch.defaults());

    @BeforeEach
    void install() {
        catalog.replace(new PackContent(pack("demo"), List.of(Fixtures.action("demo.free")), List.of(), List.of(),
                List.of(), List.of()));
        worker.register();
    }

    private long request() {
        return service.request(RequestExecution.of("demo.free", Map.of())).execution().id();
    }

    private List<Message> publishedDispatches() {
        return outbox.published().stream().filter(m -> m.routingKey().startsWith("execution.dispatch.")).toList();
    }

    private static long executionOf(Message message) {
        return ((Number) message.payload().get("execution")).longValue();
    }

    @Test
    void aDispatchTakenHereIsNotPublishedAndItsRowGoesOnceTheWorkerActed() {
        handover.consumer = (message, handled) -> {
            worker.take(executionOf(message));
            handled.run();
        };

        long id = request();

        assertThat(runner.started).containsExactly(id);
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(publishedDispatches()).isEmpty();
        dispatch.forgetConfirmed();
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void aDispatchNoConsumerHereTakesGoesToTheBroker() {
        handover.consumer = null; // the worker role is elsewhere, or the worker here is full

        long id = request();

        assertThat(publishedDispatches()).extracting(HandoverTest::executionOf).containsExactly(id);
        assertThat(runner.started).isEmpty();
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.SCHEDULED);
    }

    @Test
    void aCrashBetweenTheCommitAndTheLocalTakeLeavesTheRowToTheRelay() {
        handover.consumer = (message, handled) -> {
            // taken, then the process died before the worker acted: nothing runs, nothing is marked handled
        };
        long id = request();
        assertThat(outbox.pending()).isEqualTo(1);
        assertThat(publishedDispatches()).isEmpty();

        clock.advance(Duration.ofSeconds(3));
        assertThat(relay.relayOutbox()).isEqualTo(1);

        assertThat(publishedDispatches()).extracting(HandoverTest::executionOf).containsExactly(id);
        assertThat(worker.take(id)).isTrue();
        assertThat(runner.started).containsExactly(id);
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void aRowThatOutlivesItsLocalTakeIsRelayedAndTheSecondDeliveryRunsNothing() {
        handover.consumer = (message, handled) -> worker.take(executionOf(message)); // acted, died before the row went
        long id = request();
        assertThat(runner.started).containsExactly(id);
        assertThat(outbox.pending()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(3));
        relay.relayOutbox();
        Message relayed = publishedDispatches().getFirst();

        assertThat(worker.take(executionOf(relayed))).isFalse();
        assertThat(runner.started).containsExactly(id);
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aLocalConsumerThatFailsLeavesTheRowToTheRelay() {
        handover.consumer = (message, handled) -> {
            try {
                throw new IllegalStateException("the take failed");
            } catch (IllegalStateException e) {
                // the adapter logs it and never runs handled
            }
        };
        long id = request();

        clock.advance(Duration.ofSeconds(3));
        relay.relayOutbox();

        assertThat(publishedDispatches()).extracting(HandoverTest::executionOf).containsExactly(id);
    }

    /** A hand-over whose consumer the test sets: null refuses every message (it goes to the broker). */
    private static final class ScriptedHandover implements Handover {
        volatile java.util.function.BiConsumer<Message, Runnable> consumer;

        @Override
        public boolean offer(Message message, Runnable handled) {
            var c = consumer;
            if (c == null || !message.routingKey().startsWith(Message.Routes.DISPATCH_PREFIX)) {
                return false;
            }
            c.accept(message, handled);
            return true;
        }
    }

    /** Runs every action at once, successfully, and counts the starts. */
    private static final class CountingRunner implements ActionRunner {
        final List<Long> started = new CopyOnWriteArrayList<>();

        @Override
        public Set<RunnerType> runners() {
            return Set.of(RunnerType.SHELL, RunnerType.INTERNAL);
        }

        @Override
        public boolean inline() {
            return true;
        }

        @Override
        public RunningAction start(RunRequest request) {
            started.add(request.executionId());
            return new RunningAction() {
                @Override
                public RunOutcome await() {
                    return new RunOutcome.Exited(0, new Output("", "", 0, 0), java.util.Optional.empty(),
                            java.util.Optional.empty());
                }

                @Override
                public void cancel() {
                }
            };
        }
    }
}
