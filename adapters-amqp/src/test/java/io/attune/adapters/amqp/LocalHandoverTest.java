package io.attune.adapters.amqp;

import static io.attune.adapters.amqp.TestBroker.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import io.attune.application.port.out.Message;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-memory hand-over to this process's listeners: only to a role this instance plays and a runner it serves,
 * only up to the worker's capacity and while it has room, never after it stopped taking; a failed hand-over is never
 * marked handled (its outbox row stays for the relay). Status changes stay in memory unless another instance listens.
 */
class LocalHandoverTest {

    private static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    private static Message dispatch(String runner, long execution) {
        return TestBroker.outbox("execution.dispatch", Message.Routes.dispatch(runner),
                Map.of("execution", execution)).message();
    }

    private static LocalHandover awaitConsuming(ApplicationContext context) throws Exception {
        LocalHandover handover = context.getBean(LocalHandover.class);
        AmqpSettings names = broker.settings();
        eventually(() -> assertThat(broker.channel().consumerCount(names.workQueue("internal"))).isEqualTo(1));
        return handover;
    }

    @Test
    void aDispatchOfARunnerServedHereIsTakenInMemoryAndNeverReachesTheBroker() throws Exception {
        try (ApplicationContext context = broker.start(Map.of("attune.roles", "worker",
                "attune.worker.runners", "internal", "attune.worker.capacity", 2))) {
            LocalHandover handover = awaitConsuming(context);
            RecordingWorkerDuties worker = context.getBean(RecordingWorkerDuties.class);
            long execution = TestBroker.nextId();
            AtomicInteger handled = new AtomicInteger();

            assertThat(handover.offer(dispatch("internal", execution), handled::incrementAndGet)).isTrue();

            eventually(() -> assertThat(handled).hasValue(1));
            assertThat(worker.takesOf(execution)).hasSize(1);
            assertThat(broker.count(broker.settings().workQueue("internal"))).isZero();
        }
    }

    @Test
    void aRunnerNotServedHereOrARoleNotPlayedHereGoesToTheBroker() throws Exception {
        try (ApplicationContext context = broker.start(Map.of("attune.roles", "worker",
                "attune.worker.runners", "internal", "attune.worker.capacity", 2))) {
            LocalHandover handover = awaitConsuming(context);

            assertThat(handover.offer(dispatch("python", TestBroker.nextId()), () -> { })).isFalse();
            assertThat(handover.offer(dispatch("workflow", TestBroker.nextId()), () -> { })).isFalse();
            assertThat(handover.offer(TestBroker.outbox("event.created", Message.Routes.EVENT_CREATED,
                    Map.of("event", TestBroker.nextId())).message(), () -> { })).isFalse();
            assertThat(handover.offer(TestBroker.outbox("execution.cancel", Message.Routes.CANCEL,
                    Map.of("execution", TestBroker.nextId())).message(), () -> { })).isFalse();
        }
    }

    @Test
    void aWorkerTakesInMemoryOnlyUpToItsCapacityAndWhileItHasRoom() throws Exception {
        try (ApplicationContext context = broker.start(Map.of("attune.roles", "worker",
                "attune.worker.runners", "internal", "attune.worker.capacity", 2))) {
            LocalHandover handover = awaitConsuming(context);
            RecordingWorkerDuties worker = context.getBean(RecordingWorkerDuties.class);
            CountDownLatch gate = new CountDownLatch(1);
            long first = TestBroker.nextId();
            long second = TestBroker.nextId();
            worker.gates.put(first, gate);
            worker.gates.put(second, gate);

            assertThat(handover.offer(dispatch("internal", first), () -> { })).isTrue();
            assertThat(handover.offer(dispatch("internal", second), () -> { })).isTrue();
            assertThat(handover.offer(dispatch("internal", TestBroker.nextId()), () -> { })).as("capacity 2").isFalse();
            gate.countDown();
            eventually(() -> assertThat(handover.offer(dispatch("internal", TestBroker.nextId()), () -> { })).isTrue());

            worker.room = false;
            assertThat(handover.offer(dispatch("internal", TestBroker.nextId()), () -> { })).as("no free slot").isFalse();
            worker.room = true;
        }
    }

    @Test
    void aFailedTakeIsNeverMarkedHandledAndAStoppedWorkerTakesNothingInMemory() throws Exception {
        try (ApplicationContext context = broker.start(Map.of("attune.roles", "worker",
                "attune.worker.runners", "internal", "attune.worker.capacity", 2))) {
            LocalHandover handover = awaitConsuming(context);
            RecordingWorkerDuties worker = context.getBean(RecordingWorkerDuties.class);
            long failing = TestBroker.nextId();
            worker.failTimes(failing, 1);
            AtomicInteger handled = new AtomicInteger();

            assertThat(handover.offer(dispatch("internal", failing), handled::incrementAndGet)).isTrue();
            eventually(() -> assertThat(worker.takesOf(failing)).hasSize(1));
            Thread.sleep(200);
            assertThat(handled).hasValue(0);

            context.getBean(DispatchListener.class).stopTaking();
            assertThat(handover.offer(dispatch("internal", TestBroker.nextId()), () -> { })).isFalse();
        }
    }

    @Test
    void statusChangesStayInMemoryUntilAnotherInstanceListens() throws Exception {
        try (ApplicationContext context = broker.start(Map.of("attune.roles", "api"))) {
            LocalHandover handover = context.getBean(LocalHandover.class);
            RecordingStatusFeed feed = context.getBean(RecordingStatusFeed.class);
            AmqpSettings names = broker.settings();
            // this instance's feed has subscribers: it shows itself as one listener
            eventually(() -> assertThat(broker.channel().consumerCount(names.statusListenersQueue())).isEqualTo(1));
            long execution = TestBroker.nextId();
            Message change = TestBroker.outbox("execution.status", Message.Routes.STATUS,
                    Map.of("execution", execution, "action", "core.echo", "status", "running")).message();

            assertThat(handover.offer(change, () -> { })).isTrue();
            assertThat(feed.announced).anyMatch(c -> c.execution() == execution);

            try (Channel other = broker.channel()) {
                other.basicConsume(names.statusListenersQueue(), true, new DefaultConsumer(other));
                eventually(() -> assertThat(handover.offer(change, () -> { })).as("another instance listens").isFalse());
            }
        }
    }
}
