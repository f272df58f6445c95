package io.attune.adapters.amqp;

import static io.attune.adapters.amqp.TestBroker.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.DeadLetters;
import io.attune.application.port.in.StatusFeed.StatusChange;
import io.attune.application.port.out.Message;
import io.attune.application.port.out.Outbox.OutboxMessage;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ListenersTest {

    private static TestBroker broker;
    private static ApplicationContext context;
    private static RabbitMessagePublisher publisher;
    private static RecordingWorkerDuties worker;
    private static RecordingStatusFeed feed;
    private static RecordingRuleEnforcement rules;
    private static RecordingWorkflowDuties workflows;
    private static RecordingDeadLetters deadLetters;

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker();
        context = broker.start(Map.of("attune.roles", "api,worker,executor", "attune.worker.capacity", 4));
        publisher = context.getBean(RabbitMessagePublisher.class);
        worker = context.getBean(RecordingWorkerDuties.class);
        feed = context.getBean(RecordingStatusFeed.class);
        rules = context.getBean(RecordingRuleEnforcement.class);
        workflows = context.getBean(RecordingWorkflowDuties.class);
        deadLetters = context.getBean(RecordingDeadLetters.class);
    }

    @AfterAll
    static void stop() throws Exception {
        context.close();
        broker.close();
    }

    @Test
    void deliversADispatchToTakeWithItsExecutionId() throws Exception {
        long execution = TestBroker.nextId();

        assertThat(publisher.publish(List.of(dispatch("python", execution)))).hasSize(1);

        eventually(() -> assertThat(worker.takesOf(execution)).hasSize(1));
    }

    @Test
    void deliversAWorkflowDispatchToTheExecutorsWorkflowIntakeAndNotToTheWorker() throws Exception {
        long execution = TestBroker.nextId();

        assertThat(publisher.publish(List.of(dispatch("workflow", execution)))).hasSize(1);

        eventually(() -> assertThat(workflows.starts).contains(execution));
        assertThat(worker.takesOf(execution)).isEmpty();
    }

    @Test
    void deliversAMessagePublishedTwiceTwice() throws Exception {
        long execution = TestBroker.nextId();
        OutboxMessage message = dispatch("shell", execution);

        assertThat(publisher.publish(List.of(message))).hasSize(1);
        assertThat(publisher.publish(List.of(message))).hasSize(1);

        eventually(() -> assertThat(worker.takesOf(execution)).hasSize(2));
    }

    @Test
    void retriesATakeThatThrowsUntilItSucceeds() throws Exception {
        long execution = TestBroker.nextId();
        worker.failTimes(execution, 1);

        publisher.publish(List.of(dispatch("node", execution)));

        eventually(() -> assertThat(worker.takesOf(execution)).hasSize(2));
        Thread.sleep(200);
        assertThat(worker.takesOf(execution)).hasSize(2);
    }

    @Test
    void deadLettersATakeThatKeepsThrowingAfterTheLastAttempt() throws Exception {
        long execution = TestBroker.nextId();
        worker.failTimes(execution, Integer.MAX_VALUE);
        OutboxMessage message = dispatch("shell", execution);

        publisher.publish(List.of(message));

        // the executor's dead-letter listener takes it off the dead-letter queue and stores it with why
        eventually(() -> assertThat(deadLetters.arrivals)
                .anyMatch(a -> a.messageId().equals(Optional.of(message.message().id()))));
        DeadLetters.Arrival dead = deadLetters.arrivals.stream()
                .filter(a -> a.messageId().equals(Optional.of(message.message().id()))).findFirst().orElseThrow();
        assertThat(worker.takesOf(execution)).hasSize(3);
        assertThat(dead.attempts()).isEqualTo(3); // handled three times: the first take and its two retries
        assertThat(dead.execution()).hasValue(execution);
        assertThat(dead.queue()).isEqualTo(broker.settings().workQueue("shell"));
        assertThat(broker.count(broker.settings().workQueue("shell"))).isZero();
    }

    @Test
    void deadLettersAMessageThatIsNotAnAttuneMessageWithoutCallingTheWorker() throws Exception {
        int takesBefore = worker.takes.size();

        broker.publishRaw(broker.settings().workQueue("http"), "not json".getBytes(StandardCharsets.UTF_8));

        eventually(() -> assertThat(deadLetters.arrivals).anySatisfy(a -> {
            assertThat(a.queue()).isEqualTo(broker.settings().workQueue("http"));
            assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("not json");
        }));
        assertThat(worker.takes).hasSize(takesBefore);
    }

    @Test
    void deliversACancelToTheWorker() throws Exception {
        long execution = TestBroker.nextId();

        publisher.publish(List.of(TestBroker.outbox("execution.cancel", Message.Routes.CANCEL,
                Map.of("execution", execution))));

        eventually(() -> assertThat(worker.cancels).contains(execution));
    }

    @Test
    void announcesStatusChangesInTheirOrder() throws Exception {
        long execution = TestBroker.nextId();
        List<OutboxMessage> changes = List.of("scheduled", "running", "succeeded").stream()
                .map(status -> TestBroker.outbox("execution.status", Message.Routes.STATUS,
                        Map.of("execution", execution, "action", "core.echo", "status", status)))
                .toList();

        publisher.publish(changes);

        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        eventually(() -> assertThat(feed.announced.stream().filter(c -> c.execution() == execution)).containsExactly(
                new StatusChange(execution, "core.echo", "scheduled", at),
                new StatusChange(execution, "core.echo", "running", at),
                new StatusChange(execution, "core.echo", "succeeded", at)));
    }

    @Test
    void deliversARecordedEventToTheRulesEngineOnce() throws Exception {
        long event = TestBroker.nextId();

        publisher.publish(List.of(TestBroker.outbox("event.created", Message.Routes.EVENT_CREATED,
                Map.of("event", event, "trigger", "core.webhook"))));

        eventually(() -> assertThat(rules.enforcementsOf(event)).hasSize(1));
        Thread.sleep(200);
        assertThat(rules.enforcementsOf(event)).hasSize(1);
        assertThat(worker.takes).doesNotContain(event);
    }

    @Test
    void eventsInHandAreEnforcedAndAFailingOneHoldsUpNoOther() throws Exception {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(TestBroker.nextId());
        }
        long poison = ids.get(100);
        rules.failures.put(poison, new java.util.concurrent.atomic.AtomicInteger(2));

        publisher.publish(ids.stream().map(id -> TestBroker.outbox("event.created", Message.Routes.EVENT_CREATED,
                Map.of("event", id))).toList());

        eventually(() -> assertThat(rules.events).containsAll(ids));
        for (long id : ids) {
            assertThat(rules.enforcementsOf(id)).as("event %d", id).hasSize(1);
        }
    }

    @Test
    void anEventWhoseEnforcementMeetsABusyDatabaseMoreTimesThanTheAttemptsIsEnforcedNotDeadLettered() throws Exception {
        long event = TestBroker.nextId();
        rules.busy.put(event, new java.util.concurrent.atomic.AtomicInteger(5)); // max-attempts is 3 here

        publisher.publish(List.of(TestBroker.outbox("event.created", Message.Routes.EVENT_CREATED,
                Map.of("event", event, "trigger", "core.intervaltimer"))));

        eventually(() -> assertThat(rules.enforcementsOf(event)).hasSize(1));
        assertThat(rules.busy.get(event).get()).isNegative(); // it met the busy database all five times
        assertThat(deadLetters.arrivals).noneSatisfy(a -> assertThat(a.event()).hasValue(event));
    }

    private static OutboxMessage dispatch(String runner, long execution) {
        return TestBroker.outbox("execution.dispatch", Message.Routes.dispatch(runner),
                Map.of("execution", execution, "action", "core.echo", "status", "scheduled"));
    }
}
