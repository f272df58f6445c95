package io.attune.application.service;

import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.PageRequest;
import static io.attune.application.service.Fixtures.limit;
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
import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.RetrySpec;
import io.attune.domain.pack.PackContent;
import io.attune.domain.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An action's retry: an end it names makes a linked retry in the ending's transaction, admitted under the same policy
 * once its delay is over, as many times as it says; other ends, and a workflow task's children, are not retried.
 */
class RetryTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx);
    private final ExecutionEnding ending = new ExecutionEnding(executions, ledger, dispatch, tx, clock,
            List.of(new RetryScheduling(catalog, catalog.policies(), executions, dispatch, clock)));
    private final ExecutionService service = new ExecutionService(catalog, catalog.policies(), executions, ledger,
            new InMemoryWorkers(), new ProgrammableSchemaValidator(), new FakeSecretCipher(), dispatch, ending, tx,
            clock, Fixtures.idempotency(tx, clock));

    @BeforeEach
    void install() {
        Action plain = Fixtures.action("demo.deploy");
        Action retried = new Action(plain.ref(), "", plain.runner(), plain.entryPoint(), plain.parameters(),
                plain.outputFormat(), Optional.empty(), true, Optional.of(new RetrySpec(
                        Set.of(ExecutionStatus.FAILED, ExecutionStatus.ABANDONED), 2, Duration.ofSeconds(5),
                        RetrySpec.Backoff.LINEAR, Optional.empty())));
        // a pack-wide retry on timeout, once: for the actions without a retry of their own
        Policy packRetry = new Policy(Ref.parse("demo.retry_timeouts"), "", new Policy.PackTarget("demo"),
                Optional.empty(), Optional.empty(), true, Optional.of(new RetrySpec(Set.of(ExecutionStatus.TIMEOUT), 1,
                Duration.ZERO, null, null)));
        catalog.replace(new PackContent(pack("demo"), List.of(retried, Fixtures.action("demo.other")), List.of(),
                List.of(), List.of(), List.of(limit("demo.one", "demo.deploy", 1), packRetry)));
    }

    @Test
    void aFailureIsRetriedAfterItsDelayLinkedToItAndAdmittedUnderTheSamePolicy() {
        long first = request();
        long other = request();
        end(first, ExecutionStatus.FAILED);
        assertThat(status(other)).as("the next in line got the slot").isEqualTo(ExecutionStatus.SCHEDULED);

        Execution retry = retryOf(first);
        assertThat(retry.status()).isEqualTo(ExecutionStatus.REQUESTED);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.retry().orElseThrow().notBefore()).isEqualTo(T0.plusSeconds(5));
        assertThat(service.get(first).retriedBy()).isEqualTo(OptionalLong.of(retry.id()));
        assertThat(service.list(ExecutionFilter.any(), PageRequest.defaults()).items())
                .filteredOn(v -> v.execution().id() == first).singleElement()
                .satisfies(v -> assertThat(v.retriedBy()).isEqualTo(OptionalLong.of(retry.id())));
        assertThat(service.browse(ExecutionFilter.any(), PageRequest.defaults()).items())
                .filteredOn(v -> v.execution().id() == first).singleElement()
                .satisfies(v -> assertThat(v.retriedBy()).isEqualTo(OptionalLong.of(retry.id())));
        assertThat(service.browse(ExecutionFilter.any(), PageRequest.defaults()).items())
                .filteredOn(v -> v.execution().id() == other).singleElement()
                .satisfies(v -> assertThat(v.retriedBy()).isEmpty());
        assertThat(outbox.published()).anySatisfy(m -> assertThat(m.payload())
                .containsEntry("execution", retry.id()).containsEntry("status", "requested").containsEntry("retry_of", first));

        assertThat(service.admitDueRetries()).as("not before its delay").isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(service.admitDueRetries()).isEqualTo(1);
        assertThat(status(retry.id())).as("behind the one holding the slot").isEqualTo(ExecutionStatus.DELAYED);

        end(other, ExecutionStatus.SUCCEEDED);
        assertThat(status(retry.id())).isEqualTo(ExecutionStatus.SCHEDULED);
        end(retry.id(), ExecutionStatus.FAILED);
        Execution third = retryOf(retry.id());
        assertThat(third.attempt()).isEqualTo(3);
        assertThat(third.retry().orElseThrow().notBefore()).as("linear: twice the delay")
                .isEqualTo(clock.instant().plusSeconds(10));

        clock.advance(Duration.ofSeconds(10));
        assertThat(service.admitDueRetries()).isEqualTo(1);
        end(third.id(), ExecutionStatus.FAILED);
        assertThat(executions.retriedBy(third.id())).as("count 2: two retries, then the failure stands").isEmpty();
    }

    @Test
    void endsTheRetryDoesNotNameAreFinal() {
        long succeeded = request();
        end(succeeded, ExecutionStatus.SUCCEEDED);
        long timedOut = request();
        end(timedOut, ExecutionStatus.TIMEOUT);

        assertThat(executions.retriedBy(succeeded)).isEmpty();
        assertThat(executions.retriedBy(timedOut)).as("its own on: [failed, abandoned] wins over the pack's policy")
                .isEmpty();
    }

    @Test
    void aPolicysRetryAppliesToTheActionsWithoutTheirOwn() {
        long timedOut = service.request(RequestExecution.of("demo.other", Map.of())).execution().id();
        end(timedOut, ExecutionStatus.TIMEOUT);

        Execution retry = retryOf(timedOut);
        assertThat(service.admitDueRetries()).as("delay 0: due at once").isEqualTo(1);
        end(retry.id(), ExecutionStatus.TIMEOUT);
        assertThat(executions.retriedBy(retry.id())).as("the policy's count of 1").isEmpty();
    }

    @Test
    void anAbandonedExecutionIsRetried() {
        long abandoned = request();
        end(abandoned, ExecutionStatus.ABANDONED);

        assertThat(retryOf(abandoned).attempt()).isEqualTo(2);
    }

    @Test
    void aWorkflowTasksChildIsLeftToTheTasksOwnRetry() {
        Execution child = executions.insert(Execution.requested(Fixtures.action("demo.deploy").ref(), Map.of(),
                Optional.empty(), OptionalLong.of(999), OptionalLong.empty(),
                Optional.of(new Execution.TaskOf("deploy", 0, null, 0)), T0).moveTo(ExecutionStatus.SCHEDULED, T0));

        end(child.id(), ExecutionStatus.FAILED);

        assertThat(executions.retriedBy(child.id())).isEmpty();
    }

    @Test
    void aRetryCanceledWhileItWaitsIsNeverAdmitted() {
        long first = request();
        end(first, ExecutionStatus.FAILED);
        long retry = retryOf(first).id();

        service.cancel(retry);
        clock.advance(Duration.ofSeconds(5));

        assertThat(service.admitDueRetries()).isZero();
        assertThat(status(retry)).isEqualTo(ExecutionStatus.CANCELED);
        assertThat(ledger.position(retry)).isEmpty();
    }

    private long request() {
        return service.request(RequestExecution.of("demo.deploy", Map.of())).execution().id();
    }

    private void end(long id, ExecutionStatus status) {
        // a worker's end: it ran first
        assertThat(ending.end(id, e -> Optional.of(at -> (e.status() == ExecutionStatus.SCHEDULED
                ? e.moveTo(ExecutionStatus.RUNNING, at) : e).endedWithout(status, at, "ended by the test"))))
                .isInstanceOf(EndOutcome.Ended.class);
    }

    private ExecutionStatus status(long id) {
        return executions.find(id).orElseThrow().status();
    }

    private Execution retryOf(long id) {
        return executions.find(executions.retriedBy(id).orElseThrow()).orElseThrow();
    }
}
