package io.attune.application.service;

import static io.attune.application.service.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.FakeSecretCipher;
import io.attune.application.fake.InMemoryAdmissionLedger;
import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryEvents;
import io.attune.application.fake.InMemoryExecutions;
import io.attune.application.fake.InMemoryInquiries;
import io.attune.application.fake.InMemoryOutbox;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.InMemoryWorkers;
import io.attune.application.fake.MutableClock;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.in.Identities.Principal;
import io.attune.application.port.in.InquiryCommands.InquiryView;
import io.attune.application.port.in.InquiryCommands.Respond;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.Message;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.identity.Role;
import io.attune.domain.inquiry.Inquiry;
import io.attune.domain.inquiry.InquiryStatus;
import io.attune.domain.pack.PackContent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inquiries through the service over in-memory fakes: core.ask dispatched becomes pending with its inquiry, event and
 * waiters told; an answer is checked (schema, who) and ends both; a ttl ends both as timeout; a cancel of the execution
 * cancels the inquiry; only one of an answer and a timeout is ever written; secret answer fields are sealed and masked.
 */
class InquiryServiceTest {

    private static final Principal ALICE = new Principal("alice", Role.OPERATOR);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryEvents events = new InMemoryEvents();
    private final InMemoryInquiries inquiries = new InMemoryInquiries();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx);
    private final FakeSecretCipher cipher = new FakeSecretCipher();
    private final List<Execution> waiting = new ArrayList<>();
    private InquiryService inquiryService;
    private final ExecutionEnding ending = new ExecutionEnding(executions, new InMemoryAdmissionLedger(), dispatch, tx,
            clock, List.of((ended, pending) -> inquiryService.onEnded(ended, pending)));
    private final ExecutionService service = new ExecutionService(catalog, catalog.policies(), executions,
            new InMemoryAdmissionLedger(), new InMemoryWorkers(), new ProgrammableSchemaValidator(), cipher, dispatch,
            ending, tx, clock, Fixtures.idempotency(tx, clock));

    @BeforeEach
    void install() {
        inquiryService = new InquiryService(inquiries, executions, new ProgrammableSchemaValidator(), cipher,
                new EventRecorder(events, outbox), dispatch, ending,
                List.of((execution, pending) -> waiting.add(execution)), tx, clock);
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        parameters.put("schema", Map.of("type", "object", "default", InquiryService.DEFAULT_SCHEMA));
        parameters.put("route", Map.of("type", "string", "default", ""));
        parameters.put("users", Map.of("type", "array", "items", Map.of("type", "string"), "default", List.of()));
        parameters.put("roles", Map.of("type", "array", "items", Map.of("type", "string"), "default", List.of()));
        parameters.put("ttl", Map.of("type", "number", "default", 1440));
        catalog.replace(new PackContent(pack("core"), List.of(new Action(Ref.parse("core.ask"), "", RunnerType.INQUIRER,
                Optional.empty(), new ParameterSchema(parameters), OutputFormat.TEXT, Optional.empty(), true)),
                List.of(), List.of(), List.of(), List.of()));
    }

    private long ask(Map<String, Object> parameters) {
        long id = service.request(RequestExecution.of("core.ask", parameters)).execution().id();
        assertThat(inquiryService.start(id)).isTrue();
        return id;
    }

    private Inquiry inquiryOf(long execution) {
        return inquiries.findByExecutionForUpdate(execution).orElseThrow();
    }

    private ExecutionStatus status(long execution) {
        return executions.find(execution).orElseThrow().status();
    }

    @Test
    void aDispatchedAskWaitsPendingWithItsInquiryItsEventAndItsWaitersTold() {
        long id = service.request(RequestExecution.of("core.ask", Map.of("route", "ops", "users", List.of("alice"),
                "ttl", 30))).execution().id();
        assertThat(outbox.published()).anyMatch(m -> m.routingKey().equals(Message.Routes.dispatch("inquirer")));

        assertThat(inquiryService.start(id)).isTrue();
        assertThat(inquiryService.start(id)).as("a redelivered dispatch does nothing").isFalse();

        Execution execution = executions.find(id).orElseThrow();
        assertThat(execution.status()).isEqualTo(ExecutionStatus.PENDING);
        assertThat(execution.startedAt()).isPresent();
        Inquiry inquiry = inquiryOf(id);
        assertThat(inquiry.status()).isEqualTo(InquiryStatus.PENDING);
        assertThat(inquiry.schema()).isEqualTo(InquiryService.DEFAULT_SCHEMA);
        assertThat(inquiry.route()).isEqualTo("ops");
        assertThat(inquiry.users()).containsExactly("alice");
        assertThat(inquiry.expiresAt()).contains(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(inquiries.list(io.attune.application.port.in.InquiryQueries.InquiryFilter.all(),
                io.attune.application.port.in.PageRequest.defaults()).total()).isEqualTo(1);
        Event event = events.all().get(0);
        assertThat(event.trigger()).isEqualTo(Ref.parse("core.inquiry"));
        assertThat(event.payload()).containsEntry("id", inquiry.id()).containsEntry("route", "ops")
                .containsEntry("users", List.of("alice")).containsEntry("roles", List.of()).containsEntry("ttl", 30L)
                .containsEntry("execution", id).containsEntry("schema", InquiryService.DEFAULT_SCHEMA)
                .containsEntry("parent", null);
        assertThat(outbox.published()).anyMatch(m -> m.routingKey().equals(Message.Routes.EVENT_CREATED));
        assertThat(waiting).extracting(Execution::id).containsExactly(id);
        assertThat(waiting.get(0).status()).isEqualTo(ExecutionStatus.PENDING);
    }

    @Test
    void anAcceptedAnswerEndsTheInquiryAndItsExecutionSucceededWithTheAnswerAsResult() {
        long id = ask(Map.of());
        long inquiry = inquiryOf(id).id();
        clock.advance(Duration.ofSeconds(5));

        InquiryView view = inquiryService.respond(new Respond(inquiry, Map.of("continue", true), ALICE));

        assertThat(view.inquiry().status()).isEqualTo(InquiryStatus.RESPONDED);
        assertThat(view.inquiry().respondedBy()).contains("alice");
        assertThat(view.inquiry().respondedAt()).contains(clock.instant());
        Execution execution = executions.find(id).orElseThrow();
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.result()).contains(Map.of("continue", true));
        assertThat(inquiryService.get(inquiry).inquiry().response()).contains(Map.of("continue", true));
    }

    @Test
    void anAnswerThatDoesNotMatchTheSchemaIsRefusedNamingTheFieldAndNothingIsStored() {
        long id = ask(Map.of());
        long inquiry = inquiryOf(id).id();

        assertThatThrownBy(() -> inquiryService.respond(new Respond(inquiry, Map.of("continue", "yes"), ALICE)))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, invalid -> assertThat(invalid.errors())
                        .anyMatch(e -> e.field().equals("response.continue")));
        assertThatThrownBy(() -> inquiryService.respond(new Respond(inquiry, Map.of(), ALICE)))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, invalid -> assertThat(invalid.errors())
                        .anyMatch(e -> e.field().equals("response.continue")));

        assertThat(inquiryOf(id).status()).isEqualTo(InquiryStatus.PENDING);
        assertThat(status(id)).isEqualTo(ExecutionStatus.PENDING);
    }

    @Test
    void onlyTheNamedUsersOrRolesMayAnswerAndAViewerNever() {
        long id = ask(Map.of("users", List.of("bob"), "roles", List.of("admin")));
        long inquiry = inquiryOf(id).id();

        assertThatThrownBy(() -> inquiryService.respond(new Respond(inquiry, Map.of("continue", true), ALICE)))
                .isInstanceOf(UseCaseException.Forbidden.class).hasMessageContaining("users bob and roles admin");
        assertThat(inquiryOf(id).status()).isEqualTo(InquiryStatus.PENDING);
        inquiryService.respond(new Respond(inquiry, Map.of("continue", true), new Principal("root", Role.ADMIN)));
        assertThat(inquiryOf(id).respondedBy()).contains("root");

        long open = inquiryOf(ask(Map.of())).id();
        assertThatThrownBy(() -> inquiryService.respond(new Respond(open, Map.of("continue", true),
                new Principal("watcher", Role.VIEWER)))).isInstanceOf(UseCaseException.Forbidden.class);
    }

    @Test
    void aSecondAnswerIsAConflictAndAnUnknownInquiryIsNotFound() {
        long id = ask(Map.of());
        long inquiry = inquiryOf(id).id();
        inquiryService.respond(new Respond(inquiry, Map.of("continue", true), ALICE));

        assertThatThrownBy(() -> inquiryService.respond(new Respond(inquiry, Map.of("continue", false), ALICE)))
                .isInstanceOf(UseCaseException.Conflict.class).hasMessageContaining("responded");
        assertThat(executions.find(id).orElseThrow().result()).contains(Map.of("continue", true));
        assertThatThrownBy(() -> inquiryService.respond(new Respond(999, Map.of("continue", true), ALICE)))
                .isInstanceOf(UseCaseException.NotFound.class);
        assertThatThrownBy(() -> inquiryService.get(999)).isInstanceOf(UseCaseException.NotFound.class);
    }

    @Test
    void anInquiryPastItsTtlTimesOutWithItsExecutionAndTakesNoAnswerThen() {
        long id = ask(Map.of("ttl", 10));
        long forever = ask(Map.of("ttl", 0));
        long inquiry = inquiryOf(id).id();

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(inquiryService.timeOutDue()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(inquiryService.timeOutDue()).isEqualTo(1);
        assertThat(inquiryService.timeOutDue()).as("a second sweep finds nothing").isZero();

        assertThat(inquiryOf(id).status()).isEqualTo(InquiryStatus.TIMEOUT);
        assertThat(status(id)).isEqualTo(ExecutionStatus.TIMEOUT);
        assertThat(executions.find(id).orElseThrow().failure()).hasValueSatisfying(why -> assertThat(why).contains("ttl"));
        assertThatThrownBy(() -> inquiryService.respond(new Respond(inquiry, Map.of("continue", true), ALICE)))
                .isInstanceOf(UseCaseException.Conflict.class).hasMessageContaining("timeout");
        clock.advance(Duration.ofDays(400));
        assertThat(inquiryService.timeOutDue()).as("a ttl of 0 never times out").isZero();
        assertThat(status(forever)).isEqualTo(ExecutionStatus.PENDING);
    }

    @Test
    void anAnswerAndATimeoutRacingGiveExactlyOneOutcome() throws Exception {
        for (int round = 0; round < 20; round++) {
            long id = ask(Map.of("ttl", 1));
            long inquiry = inquiryOf(id).id();
            clock.advance(Duration.ofMinutes(2));
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> {
                await(go);
                try {
                    inquiryService.respond(new Respond(inquiry, Map.of("continue", true), ALICE));
                    return true;
                } catch (UseCaseException.Conflict lost) {
                    return false;
                }
            });
            CompletableFuture<Integer> sweep = CompletableFuture.supplyAsync(() -> {
                await(go);
                return inquiryService.timeOutDue();
            });
            go.countDown();
            boolean answered = answer.get();
            int timedOut = sweep.get();

            assertThat(answered).as("round " + round).isNotEqualTo(timedOut == 1);
            Inquiry end = inquiryOf(id);
            ExecutionStatus executionEnd = status(id);
            if (answered) {
                assertThat(end.status()).isEqualTo(InquiryStatus.RESPONDED);
                assertThat(executionEnd).isEqualTo(ExecutionStatus.SUCCEEDED);
            } else {
                assertThat(end.status()).isEqualTo(InquiryStatus.TIMEOUT);
                assertThat(executionEnd).isEqualTo(ExecutionStatus.TIMEOUT);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void cancelingThePendingExecutionCancelsItsInquiry() {
        long id = ask(Map.of());
        long inquiry = inquiryOf(id).id();

        assertThat(service.cancel(id).execution().status()).isEqualTo(ExecutionStatus.CANCELED);

        assertThat(inquiryOf(id).status()).isEqualTo(InquiryStatus.CANCELED);
        assertThatThrownBy(() -> inquiryService.respond(new Respond(inquiry, Map.of("continue", true), ALICE)))
                .isInstanceOf(UseCaseException.Conflict.class).hasMessageContaining("canceled");
        assertThatThrownBy(() -> service.cancel(id)).isInstanceOf(UseCaseException.Conflict.class);
    }

    @Test
    void secretAnswerFieldsAreStoredSealedShownMaskedAndOpenedForAWorkflow() {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of(
                "continue", Map.of("type", "boolean"), "password", Map.of("type", "string", "secret", true)));
        long id = ask(Map.of("schema", schema));
        long inquiry = inquiryOf(id).id();

        InquiryView answered = inquiryService.respond(new Respond(inquiry,
                Map.of("continue", true, "password", "hunter22"), ALICE));

        Object stored = inquiryOf(id).response().orElseThrow().get("password");
        assertThat(cipher.isSealed(String.valueOf(stored))).as("the inquiry stores it sealed").isTrue();
        Object result = ((Map<?, ?>) executions.find(id).orElseThrow().result().orElseThrow()).get("password");
        assertThat(cipher.isSealed(String.valueOf(result))).as("the execution's result too").isTrue();
        assertThat(answered.inquiry().response()).contains(Map.of("continue", true, "password", "********"));
        assertThat(inquiryService.get(inquiry).inquiry().response())
                .contains(Map.of("continue", true, "password", "********"));
        assertThat(service.get(id).execution().result()).contains(Map.of("continue", true, "password", "********"));
        assertThat(new Secrets(cipher).openedAnswer(executions.find(id).orElseThrow()))
                .contains(Map.of("continue", true, "password", "hunter22"));
    }

    @Test
    void anInvalidSecretAnswerIsRefusedWithoutShowingTheSecret() {
        Map<String, Object> schema = Map.of("type", "object", "required", List.of("continue"), "properties", Map.of(
                "continue", Map.of("type", "boolean"), "pin", Map.of("type", "string", "secret", true)));
        long id = ask(Map.of("schema", schema));

        assertThatThrownBy(() -> inquiryService.respond(new Respond(inquiryOf(id).id(), Map.of("pin", "9876"), ALICE)))
                .isInstanceOf(UseCaseException.Invalid.class).message().doesNotContain("9876");
        assertThat(inquiryOf(id).status()).isEqualTo(InquiryStatus.PENDING);
    }
}
