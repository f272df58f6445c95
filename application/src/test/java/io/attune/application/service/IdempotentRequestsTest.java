package io.attune.application.service;

import static io.attune.application.service.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.InMemoryAdmissionLedger;
import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryEvents;
import io.attune.application.fake.InMemoryExecutions;
import io.attune.application.fake.InMemoryIdempotencyKeys;
import io.attune.application.fake.InMemoryOutbox;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.InMemoryWorkers;
import io.attune.application.fake.MutableClock;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.port.in.EventIntake.SubmitEvent;
import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.Idempotency;
import io.attune.application.port.in.Idempotency.Claim;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.event.Event;
import io.attune.domain.pack.PackContent;
import io.attune.domain.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency-Keys: claimed with what a request creates; a retry creates nothing and finds the first request. */
class IdempotentRequestsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryEvents events = new InMemoryEvents();
    private final InMemoryIdempotencyKeys keys = new InMemoryIdempotencyKeys();
    private final IdempotencyService idempotency = new IdempotencyService(keys, tx, clock, Duration.ofHours(24));
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx);
    private final ExecutionService service = new ExecutionService(catalog, catalog.policies(), executions,
            ledger, new InMemoryWorkers(), new ProgrammableSchemaValidator(),
            new io.attune.application.fake.FakeSecretCipher(), dispatch, Fixtures.ending(executions, ledger, dispatch, tx, clock), tx, clock, idempotency);
    private final EventIntakeService intake = new EventIntakeService(catalog.triggers(), new ProgrammableSchemaValidator(),
            new EventRecorder(events, outbox), dispatch, clock, idempotency);

    @BeforeEach
    void install() {
        catalog.replace(new PackContent(pack("demo"), List.of(Fixtures.action("demo.free")),
                List.of(new Trigger(io.attune.domain.common.Ref.parse("demo.alert"), "", Map.of(), Map.of())),
                List.of(), List.of(), List.of()));
    }

    private long executionCount() {
        return executions.list(ExecutionFilter.any(), PageRequest.defaults()).total();
    }

    @Test
    void aRetriedRequestCreatesNothingAndItsReplayNamesTheFirstExecution() {
        Claim claim = new Claim("executions:ops", "key-1", "hash-1");
        RequestExecution request = RequestExecution.of("demo.free", Map.of()).once(claim);
        long first = service.request(request).execution().id();
        idempotency.remember(claim, new Idempotency.Answer(201, "{\"id\":" + first + "}"));

        assertThatThrownBy(() -> service.request(request)).isInstanceOf(UseCaseException.Conflict.class);

        assertThat(executionCount()).isEqualTo(1);
        assertThat(idempotency.replay(claim)).hasValue(new Idempotency.Replay("execution:" + first,
                Optional.of(new Idempotency.Answer(201, "{\"id\":" + first + "}"))));
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefusedNamingTheHeader() {
        service.request(RequestExecution.of("demo.free", Map.of()).once(new Claim("executions:ops", "key-2", "hash-a")));

        assertThatThrownBy(() -> idempotency.replay(new Claim("executions:ops", "key-2", "hash-b")))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("Idempotency-Key"));
    }

    @Test
    void theSameKeyOfAnotherCallerIsAnotherRequest() {
        service.request(RequestExecution.of("demo.free", Map.of()).once(new Claim("executions:ops", "key-3", "h")));
        service.request(RequestExecution.of("demo.free", Map.of()).once(new Claim("executions:dev", "key-3", "h")));

        assertThat(executionCount()).isEqualTo(2);
        assertThat(idempotency.replay(new Claim("executions:viewer", "key-3", "h"))).isEmpty();
    }

    @Test
    void aRefusedRequestClaimsNothingSoItsCorrectedRetryGoesThrough() {
        Claim claim = new Claim("executions:ops", "key-4", "h");
        assertThatThrownBy(() -> service.request(RequestExecution.of("demo.ghost", Map.of()).once(claim)))
                .isInstanceOf(UseCaseException.NotFound.class);

        assertThat(idempotency.replay(claim)).isEmpty();
        assertThat(service.request(RequestExecution.of("demo.free", Map.of()).once(claim)).execution().id()).isPositive();
    }

    @Test
    void inOneBatchTheSecondRequestWithTheKeyIsRefusedAloneAndTheFirstStands() {
        Claim claim = new Claim("executions:ops", "key-5", "h");
        RequestExecution request = RequestExecution.of("demo.free", Map.of()).once(claim);

        List<GroupCommit.Outcome<io.attune.application.port.in.ExecutionCommands.ExecutionView>> outcomes =
                service.requestAll(List.of(request, request, RequestExecution.of("demo.free", Map.of())));

        assertThat(outcomes.get(0)).isInstanceOf(GroupCommit.Outcome.Done.class);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(GroupCommit.Outcome.Refused.class,
                r -> assertThat(r.error()).isInstanceOf(UseCaseException.Conflict.class));
        assertThat(outcomes.get(2)).isInstanceOf(GroupCommit.Outcome.Done.class);
        assertThat(executionCount()).isEqualTo(2);
    }

    @Test
    void aRetriedEventCreatesNoSecondEvent() {
        Claim claim = new Claim("events:ops", "key-6", "h");
        SubmitEvent submit = new SubmitEvent("demo.alert", Map.of("host", "a"), Optional.empty()).once(claim);
        Event first = intake.submit(submit);

        assertThatThrownBy(() -> intake.submit(submit)).isInstanceOf(UseCaseException.Conflict.class);
        assertThat(idempotency.replay(claim).orElseThrow().resource()).isEqualTo("event:" + first.id());
        assertThat(events.all()).hasSize(1);
    }

    @Test
    void afterTheRetentionAKeyIsForgottenAndTheSweepDeletesIt() {
        Claim claim = new Claim("executions:ops", "key-7", "h");
        service.request(RequestExecution.of("demo.free", Map.of()).once(claim));

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(idempotency.replay(claim)).isEmpty();
        assertThat(idempotency.sweep()).isEqualTo(1);
        assertThat(service.request(RequestExecution.of("demo.free", Map.of()).once(claim)).execution().id()).isPositive();
        assertThat(executionCount()).isEqualTo(2);
    }

    @Test
    void aKeyMustBeVisibleAsciiOfAtMost255Characters() {
        assertThatThrownBy(() -> new Claim("s", "", "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Claim("s", "a b", "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Claim("s", "k".repeat(256), "h")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Claim("s", "k".repeat(255), "h").key()).hasSize(255);
    }
}
