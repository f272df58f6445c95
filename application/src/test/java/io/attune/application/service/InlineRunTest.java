package io.attune.application.service;

import static io.attune.application.service.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.fake.InMemoryAdmissionLedger;
import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryExecutions;
import io.attune.application.fake.InMemoryOutbox;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.InMemoryWorkers;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.out.ActionRunner;
import io.attune.application.port.out.Message;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.pack.PackContent;
import io.attune.domain.policy.Policy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** In-process actions are taken, run and ended in one transaction, under the same policies as any other. */
class InlineRunTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
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
    private final List<Long> ran = new ArrayList<>();
    private final ActionRunner inline = new ActionRunner() {
        @Override
        public Set<RunnerType> runners() {
            return Set.of(RunnerType.INTERNAL);
        }

        @Override
        public boolean inline() {
            return true;
        }

        @Override
        public RunningAction start(RunRequest request) {
            ran.add(request.executionId());
            return new RunningAction() {
                @Override
                public RunOutcome await() {
                    return new RunOutcome.Exited(0, new Output("ok", "", 0, 0), Optional.of(request.parameters()),
                            Optional.empty());
                }

                @Override
                public void cancel() {
                }
            };
        }
    };
    private final WorkerService worker = new WorkerService(
            new WorkerService.Settings("w1", "localhost", 2, Duration.ofSeconds(10), Duration.ofSeconds(30),
                    Duration.ofMinutes(10), 1024, Map.of()),
            List.of(inline), executions, catalog, catalog, new InMemoryWorkers(), cipher, dispatch, ending, tx, clock,
            Executors.newVirtualThreadPerTaskExecutor(), new io.attune.application.fake.InMemoryExecutionOutputs(executions));

    @Test
    @Timeout(10) // a take that kept its slot would block the third one for ever
    void eachTakeEndsItsExecutionAndAdmitsTheNextQueuedOneWithoutHoldingASlot() {
        Action quick = new Action(Ref.parse("demo.quick"), "", RunnerType.INTERNAL, Optional.empty(),
                new ParameterSchema(Map.of("n", Map.of("type", "integer"))), OutputFormat.TEXT, Optional.empty(), true);
        catalog.replace(new PackContent(pack("demo"), List.of(quick), List.of(), List.of(), List.of(),
                List.of(Fixtures.limit("demo.one", "demo.quick", 1))));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(service.request(RequestExecution.of("demo.quick", Map.of("n", i))).execution().id());
        }
        assertThat(executions.find(ids.get(4)).orElseThrow().status()).isEqualTo(ExecutionStatus.DELAYED);

        // five takes in a row on a worker of capacity 2: each ends before the next (none keeps a slot)
        for (long id : ids) {
            assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.SCHEDULED);
            assertThat(worker.take(id)).isTrue();
            Execution done = executions.find(id).orElseThrow();
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.worker()).contains("w1");
            assertThat(done.startedAt()).isPresent();
            assertThat(done.result()).contains(Map.of("n", ids.indexOf(id)));
        }
        assertThat(ran).isEqualTo(ids);
        assertThat(worker.take(ids.get(0))).as("an ended execution is not taken again").isFalse();
        assertThat(ran).hasSize(5);
        assertThat(outbox.published().stream().filter(m -> m.routingKey().equals(Message.Routes.STATUS))
                .map(m -> m.payload().get("status"))).doesNotContain("running");
    }

    @Test
    @Timeout(20)
    void groupedTakesEndEveryExecutionOnceUnderConcurrentDeliveries() throws Exception {
        Action quick = new Action(Ref.parse("demo.quick"), "", RunnerType.INTERNAL, Optional.empty(),
                new ParameterSchema(Map.of("n", Map.of("type", "integer"))), OutputFormat.TEXT, Optional.empty(), true);
        catalog.replace(new PackContent(pack("demo"), List.of(quick), List.of(), List.of(), List.of(), List.of()));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(service.request(RequestExecution.of("demo.quick", Map.of("n", i))).execution().id());
        }
        worker.groupInlineTakes(1, 16);
        try (var deliveries = Executors.newFixedThreadPool(12)) {
            List<java.util.concurrent.Future<Boolean>> taken = new ArrayList<>();
            for (long id : ids) {
                taken.add(deliveries.submit(() -> worker.take(id)));
                taken.add(deliveries.submit(() -> worker.take(id))); // every dispatch delivered twice
            }
            long wins = 0;
            for (var t : taken) {
                wins += t.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(ids.size());
        } finally {
            worker.close();
        }
        for (long id : ids) {
            assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
        assertThat(ran).hasSize(ids.size()).doesNotHaveDuplicates();
    }
}
