package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.InMemoryAdmissionLedger;
import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryEvents;
import io.attune.application.fake.InMemoryExecutions;
import io.attune.application.fake.InMemoryOutbox;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.MutableClock;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.port.in.EventIntake.SubmitEvent;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.Message;
import io.attune.domain.common.Ref;
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

/** Event intake: validated against the trigger, stored with its message, delivered even after a broker outage. */
class EventIntakeServiceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
    private final InMemoryEvents events = new InMemoryEvents();
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx);
    private final EventIntakeService intake = new EventIntakeService(catalog.triggers(), new ProgrammableSchemaValidator(),
            new EventRecorder(events, outbox), dispatch, clock, Fixtures.idempotency(tx, clock));
    private final ExecutorDutiesService executor = new ExecutorDutiesService(executions, catalog,
            ledger, outbox, outbox, dispatch, Fixtures.ending(executions, ledger, dispatch, tx, clock), tx, clock, Duration.ofSeconds(2),
            new io.attune.application.fake.InMemoryWorkers(executions),
            ExecutorDutiesService.WorkerWatch.defaults());

    @BeforeEach
    void install() {
        Trigger alert = new Trigger(Ref.parse("mon.alert"), "", Map.of("type", "object", "required", List.of("host"),
                "properties", Map.of("count", Map.of("type", "integer"))), Map.of());
        catalog.replace(new PackContent(Fixtures.pack("mon"), List.of(), List.of(alert), List.of(), List.of(), List.of()));
    }

    @Test
    void anAcceptedEventIsStoredAndAnnouncedToTheRules() {
        Event event = intake.submit(new SubmitEvent("mon.alert", Map.of("host", "web-1"), Optional.of("api")));

        assertThat(events.all()).containsExactly(event);
        assertThat(event.occurredAt()).isEqualTo(clock.instant());
        assertThat(outbox.published()).singleElement().satisfies(m -> {
            assertThat(m.routingKey()).isEqualTo(Message.Routes.EVENT_CREATED);
            assertThat(m.payload()).containsEntry("event", event.id());
        });
    }

    @Test
    void aPayloadTheTriggerRefusesOrAnUnknownTriggerStoresNothing() {
        assertThatThrownBy(() -> intake.submit(new SubmitEvent("mon.alert", Map.of("count", "x"), Optional.empty())))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, e -> assertThat(e.errors())
                        .extracting(f -> f.field()).containsExactlyInAnyOrder("payload.host", "payload.count"));
        assertThatThrownBy(() -> intake.submit(new SubmitEvent("mon.nothing", Map.of(), Optional.empty())))
                .isInstanceOf(UseCaseException.NotFound.class);
        assertThatThrownBy(() -> intake.submit(new SubmitEvent("not a ref", Map.of(), Optional.empty())))
                .isInstanceOf(UseCaseException.Invalid.class);
        assertThat(events.all()).isEmpty();
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void aBatchOfEventsIsWrittenInOrderAndARefusedOneIsRefusedAlone() {
        List<GroupCommit.Outcome<Event>> outcomes = intake.submitAll(List.of(
                () -> new SubmitEvent("mon.alert", Map.of("host", "a"), Optional.empty()),
                () -> new SubmitEvent("mon.alert", Map.of(), Optional.empty()),
                () -> {
                    throw new UseCaseException.Unauthenticated("refused by its admission, as a webhook's signature");
                },
                () -> new SubmitEvent("mon.alert", Map.of("host", "b"), Optional.empty())));

        assertThat(outcomes.get(1)).isInstanceOfSatisfying(GroupCommit.Outcome.Refused.class,
                r -> assertThat(r.error()).isInstanceOf(UseCaseException.Invalid.class));
        assertThat(outcomes.get(2)).isInstanceOfSatisfying(GroupCommit.Outcome.Refused.class,
                r -> assertThat(r.error()).isInstanceOf(UseCaseException.Unauthenticated.class));
        assertThat(events.all()).extracting(e -> e.payload().get("host")).containsExactly("a", "b");
        assertThat(outbox.published()).hasSize(2);
    }

    @Test
    void anEventAcceptedWhileTheBrokerIsDownIsDeliveredByTheRelayOnceItIsBack() {
        outbox.brokerUp(false);
        Event event = intake.submit(new SubmitEvent("mon.alert", Map.of("host", "web-1"), Optional.empty()));

        assertThat(events.all()).containsExactly(event);
        assertThat(outbox.published()).isEmpty();
        assertThat(outbox.pending()).isEqualTo(1);

        outbox.brokerUp(true);
        clock.advance(Duration.ofSeconds(5));
        executor.relayOutbox();

        assertThat(outbox.published()).singleElement()
                .satisfies(m -> assertThat(m.payload()).containsEntry("event", event.id()));
    }
}
