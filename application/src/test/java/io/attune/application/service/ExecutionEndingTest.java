package io.attune.application.service;

import static io.attune.application.service.Fixtures.limit;
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
import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.Message;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.pack.PackContent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one way an execution ends: an end releases the slot, admits the next in FIFO order and tells the listeners, all
 * in one transaction; a lost race writes nothing and says so; an execution that is not there (or not one to end) is
 * not found; a database failure is thrown, not taken for a lost race.
 */
class ExecutionEndingTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final Transactions tx = new Transactions(new InMemoryTransactionRunner(store));
    private final Rows executions = new Rows();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx);
    /** What the listener saw of each end, inside the ending transaction. */
    private final List<String> told = new ArrayList<>();
    private volatile RuntimeException listenerFailure;
    private final ExecutionEnding ending = new ExecutionEnding(executions, ledger, dispatch, tx, clock, List.of(
            (ended, pending) -> {
                // inside the ending's transaction, after the next one was admitted
                told.add(ended.id() + " " + ended.status().code() + " in transaction " + tx.depth
                        + ", next scheduled " + executions.scheduledIds());
                if (listenerFailure != null) {
                    throw listenerFailure;
                }
            }));
    private final ExecutionService service = new ExecutionService(catalog, catalog.policies(), executions, ledger,
            new InMemoryWorkers(), new ProgrammableSchemaValidator(), new FakeSecretCipher(), dispatch, ending, tx,
            clock, Fixtures.idempotency(tx, clock));

    @BeforeEach
    void install() {
        catalog.replace(new PackContent(pack("demo"), List.of(Fixtures.action("demo.deploy")), List.of(), List.of(),
                List.of(), List.of(limit("demo.one", "demo.deploy", 1))));
    }

    private long request() {
        return service.request(RequestExecution.of("demo.deploy", Map.of())).execution().id();
    }

    private ExecutionStatus status(long id) {
        return executions.find(id).orElseThrow().status();
    }

    private static ExecutionEnding.Ending failedIfScheduled() {
        return e -> e.status() == ExecutionStatus.SCHEDULED
                ? Optional.of(at -> e.endedWithout(ExecutionStatus.FAILED, at, "ended by the test"))
                : Optional.empty();
    }

    private List<Message> dispatched() {
        return outbox.published().stream().filter(m -> m.type().equals("execution.dispatch")).toList();
    }

    @Test
    void anEndReleasesTheSlotAndAdmitsTheNextInFifoOrderInTheSameTransaction() {
        long first = request();
        long second = request();
        long third = request();
        assertThat(List.of(status(first), status(second), status(third)))
                .containsExactly(ExecutionStatus.SCHEDULED, ExecutionStatus.DELAYED, ExecutionStatus.DELAYED);
        int transactionsBefore = tx.topLevel;

        EndOutcome outcome = ending.end(first, failedIfScheduled());

        assertThat(outcome).isInstanceOfSatisfying(EndOutcome.Ended.class, ended -> {
            assertThat(ended.execution().id()).isEqualTo(first);
            assertThat(ended.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        });
        assertThat(tx.topLevel - transactionsBefore).isEqualTo(1);
        assertThat(told).containsExactly(first + " failed in transaction 1, next scheduled [" + second + "]");
        assertThat(List.of(status(first), status(second), status(third)))
                .containsExactly(ExecutionStatus.FAILED, ExecutionStatus.SCHEDULED, ExecutionStatus.DELAYED);
        assertThat(ledger.position(third)).isEqualTo(OptionalInt.of(1));
        // the end and the admission are published after the commit: the terminal status, then the next one's dispatch
        assertThat(outbox.published()).extracting(m -> m.type() + " " + m.payload().get("execution") + " "
                        + m.payload().get("status"))
                .endsWith("execution.status " + first + " failed", "execution.dispatch " + second + " scheduled",
                        "execution.status " + second + " scheduled");

        ending.end(second, failedIfScheduled());
        assertThat(status(third)).isEqualTo(ExecutionStatus.SCHEDULED);
        assertThat(dispatched()).extracting(m -> m.payload().get("execution")).containsExactly(first, second, third);
    }

    @Test
    void aListenerThatFailsRollsTheEndBack() {
        long first = request();
        long second = request();
        listenerFailure = new IllegalStateException("the listener's write failed");
        int published = outbox.published().size();

        assertThatThrownBy(() -> ending.end(first, failedIfScheduled())).isSameAs(listenerFailure);

        assertThat(tx.rolledBack).isEqualTo(1);
        assertThat(outbox.published()).hasSize(published);
    }

    @Test
    void aLostRaceWritesNothingAndSaysSo() {
        long first = request();
        long second = request();
        int published = outbox.published().size();
        // another writer (a worker taking it) moves it on between the ending's read and its compare-and-set
        executions.beforeNextUpdate(e -> e.moveTo(ExecutionStatus.RUNNING, clock.instant()));

        EndOutcome outcome = ending.end(first, failedIfScheduled());

        assertThat(outcome).isEqualTo(new EndOutcome.LostRace(first, ExecutionStatus.SCHEDULED));
        assertThat(tx.rolledBack).isEqualTo(1); // the slot release rolls back with it (the ledger fake keeps no undo)
        assertThat(status(first)).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(status(second)).isEqualTo(ExecutionStatus.DELAYED);
        assertThat(told).isEmpty();
        assertThat(outbox.published()).hasSize(published);
    }

    @Test
    void aLostRaceInTheCallersTransactionIsReportedForTheCallerToRollBack() {
        long first = request();
        request();
        executions.beforeNextUpdate(e -> e.moveTo(ExecutionStatus.RUNNING, clock.instant()));
        Dispatch.Pending pending = new Dispatch.Pending();

        // a grouped batch ends several executions in its own transaction; a lost race in it fails the whole batch
        EndOutcome outcome = tx.inTransaction(() -> ending.endWithin(first, failedIfScheduled(), pending));

        assertThat(outcome).isEqualTo(new EndOutcome.LostRace(first, ExecutionStatus.SCHEDULED));
        assertThat(pending.messages()).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void anExecutionThatIsNotThereOrNotOneToEndIsNotFoundAndNothingIsWritten() {
        assertThat(ending.end(404, failedIfScheduled())).isEqualTo(new EndOutcome.NotFound(404, Optional.empty()));

        long first = request();
        long second = request();
        int published = outbox.published().size();
        EndOutcome outcome = ending.end(second, failedIfScheduled()); // delayed: not one this ending ends

        assertThat(outcome).isInstanceOfSatisfying(EndOutcome.NotFound.class, notFound -> {
            assertThat(notFound.id()).isEqualTo(second);
            assertThat(notFound.current()).map(Execution::status).contains(ExecutionStatus.DELAYED);
        });
        assertThat(List.of(status(first), status(second)))
                .containsExactly(ExecutionStatus.SCHEDULED, ExecutionStatus.DELAYED);
        assertThat(ledger.position(second)).isEqualTo(OptionalInt.of(1));
        assertThat(told).isEmpty();
        assertThat(outbox.published()).hasSize(published);
    }

    @Test
    void aDatabaseFailureIsThrownNotTakenForALostRace() {
        long first = request();
        RuntimeException down = new RuntimeException("connection lost");
        executions.failNextUpdate(down);

        assertThatThrownBy(() -> ending.end(first, failedIfScheduled())).isSameAs(down);
        assertThat(tx.rolledBack).isEqualTo(1);
        assertThat(status(first)).isEqualTo(ExecutionStatus.SCHEDULED);
        assertThat(told).isEmpty();
    }

    /** The transaction fake, counting top-level transactions, their rollbacks, and how deep the current one is. */
    private static final class Transactions implements TransactionRunner {
        private final TransactionRunner inner;
        int topLevel;
        int rolledBack;
        int depth;

        Transactions(TransactionRunner inner) {
            this.inner = inner;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (depth == 0) {
                topLevel++;
            }
            depth++;
            try {
                return inner.inTransaction(work);
            } catch (RuntimeException e) {
                if (depth == 1) {
                    rolledBack++;
                }
                throw e;
            } finally {
                depth--;
            }
        }

        @Override
        public <T> T readOnly(Supplier<T> work) {
            return inTransaction(work);
        }
    }

    /** Execution rows where another writer or a failure can strike the next compare-and-set. */
    private static final class Rows implements ExecutionRepository {
        private final InMemoryExecutions rows = new InMemoryExecutions();
        private java.util.function.UnaryOperator<Execution> otherWriter;
        private RuntimeException failure;

        void beforeNextUpdate(java.util.function.UnaryOperator<Execution> change) {
            otherWriter = change;
        }

        void failNextUpdate(RuntimeException e) {
            failure = e;
        }

        List<Long> scheduledIds() {
            return rows.list(new ExecutionFilter(Optional.of(ExecutionStatus.SCHEDULED), null, null, null, null, null),
                    new PageRequest(100, 0)).items().stream().map(Execution::id).sorted().toList();
        }

        @Override
        public boolean update(Execution next, ExecutionStatus expected) {
            if (failure != null) {
                RuntimeException e = failure;
                failure = null;
                throw e;
            }
            if (otherWriter != null) {
                Execution current = rows.find(next.id()).orElseThrow();
                rows.update(otherWriter.apply(current), current.status());
                otherWriter = null;
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
        public int renewLeases(String worker, List<Long> ids, Instant until) {
            return rows.renewLeases(worker, ids, until);
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
