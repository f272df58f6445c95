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
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.pack.PackContent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Several execution requests in one transaction: order kept, a refused one refused alone. */
class RequestBatchTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx);
    private final ExecutionService service = new ExecutionService(catalog, catalog.policies(), executions,
            ledger, new InMemoryWorkers(), new ProgrammableSchemaValidator(), new io.attune.application.fake.FakeSecretCipher(), dispatch, Fixtures.ending(executions, ledger, dispatch, tx, clock), tx, clock, Fixtures.idempotency(tx, clock));

    @Test
    void aBatchKeepsItsOrderInThePolicyQueueAndRefusesABadRequestAlone() {
        Action quick = new Action(Ref.parse("demo.quick"), "", RunnerType.INTERNAL, Optional.empty(),
                new ParameterSchema(Map.of("n", Map.of("type", "integer"))), OutputFormat.TEXT, Optional.empty(), true);
        catalog.replace(new PackContent(pack("demo"), List.of(quick), List.of(), List.of(), List.of(),
                List.of(Fixtures.limit("demo.one", "demo.quick", 1))));

        List<GroupCommit.Outcome<io.attune.application.port.in.ExecutionCommands.ExecutionView>> outcomes = service.requestAll(List.of(
                RequestExecution.of("demo.quick", Map.of("n", 1)),
                RequestExecution.of("demo.quick", Map.of("n", "not a number")),
                RequestExecution.of("demo.ghost", Map.of()),
                RequestExecution.of("demo.quick", Map.of("n", 2)),
                RequestExecution.of("demo.quick", Map.of("n", 3))));

        assertThat(outcomes).hasSize(5);
        assertThat(outcomes.get(1)).isInstanceOf(GroupCommit.Outcome.Refused.class);
        assertThat(outcomes.get(2)).isInstanceOf(GroupCommit.Outcome.Refused.class);
        List<Execution> stored = List.of(0, 3, 4).stream()
                .map(i -> ((GroupCommit.Outcome.Done<io.attune.application.port.in.ExecutionCommands.ExecutionView>) outcomes.get(i)).value().execution())
                .toList();
        assertThat(stored).extracting(Execution::status)
                .containsExactly(ExecutionStatus.SCHEDULED, ExecutionStatus.DELAYED, ExecutionStatus.DELAYED);
        assertThat(stored.get(1).id()).isLessThan(stored.get(2).id());
        assertThat(outbox.published().stream().filter(m -> m.routingKey().startsWith("execution.dispatch"))).hasSize(1);
    }
}
