package io.attune.application.service;

import static io.attune.application.service.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.Message;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.pack.PackContent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cancel that loses the compare-and-set to another writer reads the status again and still takes effect. */
class CancelUnderContentionTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final RacingExecutions executions = new RacingExecutions();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx);
    private final ExecutionService service = new ExecutionService(catalog, catalog.policies(), executions, ledger,
            new InMemoryWorkers(), new ProgrammableSchemaValidator(), new io.attune.application.fake.FakeSecretCipher(),
            dispatch, Fixtures.ending(executions, ledger, dispatch, tx, clock), tx, clock, Fixtures.idempotency(tx, clock));

    @BeforeEach
    void install() {
        catalog.replace(new PackContent(pack("demo"), List.of(Fixtures.action("demo.free")), List.of(), List.of(),
                List.of(), List.of()));
    }

    private long scheduled() {
        long id = service.request(RequestExecution.of("demo.free", Map.of())).execution().id();
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.SCHEDULED);
        return id;
    }

    @Test
    void aCancelThatLosesToTheWorkersStartAsksTheWorkerToStop() {
        long id = scheduled();
        // just before the cancel's compare-and-set, a worker takes the execution: scheduled → running
        executions.beforeNextUpdates(1, e -> e.moveTo(ExecutionStatus.RUNNING, clock.instant()));

        assertThat(service.cancel(id).execution().status()).isEqualTo(ExecutionStatus.CANCELING);
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELING);
        assertThat(outbox.published()).extracting(Message::routingKey).contains("execution.cancel");
    }

    @Test
    void aCancelThatLosesTheRaceManyTimesInARowStillTakesEffect() {
        long id = scheduled();
        executions.beforeNextUpdates(7, UnaryOperator.identity()); // the row is rewritten (same status) seven times

        assertThat(service.cancel(id).execution().status()).isEqualTo(ExecutionStatus.CANCELED);
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELED);
        assertThat(executions.lost).isEqualTo(7);
    }

    @Test
    void aCancelThatLosesToTheEndOfTheExecutionIsAConflictSayingItFinished() {
        long id = scheduled();
        executions.beforeNextUpdates(1, e -> e.endedWithout(ExecutionStatus.FAILED, clock.instant(), "lease lost"));

        assertThatThrownBy(() -> service.cancel(id)).isInstanceOf(UseCaseException.Conflict.class)
                .hasMessageContaining("already finished (failed)");
    }

    /** Executions where another writer changes the row just before the next compare-and-sets, so those lose. */
    private static final class RacingExecutions implements ExecutionRepository {

        private final InMemoryExecutions rows = new InMemoryExecutions();
        private int toLose;
        private UnaryOperator<Execution> otherWriter = UnaryOperator.identity();
        int lost;

        synchronized void beforeNextUpdates(int times, UnaryOperator<Execution> change) {
            toLose = times;
            otherWriter = change;
        }

        @Override
        public synchronized boolean update(Execution next, ExecutionStatus expected) {
            if (toLose > 0) {
                toLose--;
                lost++;
                Execution current = rows.find(next.id()).orElseThrow();
                rows.update(otherWriter.apply(current), current.status());
                return false;
            }
            return rows.update(next, expected);
        }

        @Override
        public Execution insert(Execution execution) {
            return rows.insert(execution);
        }

        @Override
        public Optional<Execution> find(long id) {
            return rows.find(id);
        }

        @Override
        public List<Execution> children(long parent) {
            return rows.children(parent);
        }

        @Override
        public List<Execution> taskChildren(long parent, int run, int attempt) {
            return rows.taskChildren(parent, run, attempt);
        }

        @Override
        public Page<Execution> list(ExecutionFilter filter, PageRequest page) {
            return rows.list(filter, page);
        }

        @Override
        public int renewLeases(String worker, List<Long> executions, Instant until) {
            return rows.renewLeases(worker, executions, until);
        }

        @Override
        public List<Long> expiredLeases(Instant now, int limit) {
            return rows.expiredLeases(now, limit);
        }

        @Override
        public List<Long> dueRetries(Instant now, int limit) {
            return rows.dueRetries(now, limit);
        }

        @Override
        public java.util.OptionalLong retriedBy(long id) {
            return rows.retriedBy(id);
        }
    }
}
