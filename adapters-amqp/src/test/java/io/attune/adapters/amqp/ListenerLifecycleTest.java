package io.attune.adapters.amqp;

import static io.attune.adapters.amqp.TestBroker.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import io.attune.application.port.out.Message;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ListenerLifecycleTest {

    private static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    @Test
    void consumesEachServedRunnersQueueWithThePrefetchOfItsCapacity() throws Exception {
        try (ApplicationContext context = broker.start(Map.of("attune.roles", "worker",
                "attune.worker.runners", "shell,internal", "attune.worker.capacity", 2))) {
            RecordingWorkerDuties worker = context.getBean(RecordingWorkerDuties.class);
            AmqpSettings names = broker.settings();
            eventually(() -> {
                assertThat(consumers(names.workQueue("shell"))).isEqualTo(1);
                assertThat(consumers(names.workQueue("internal"))).isEqualTo(1);
            });
            assertThat(consumers(names.workQueue("python"))).isZero();

            // takes that do not return hold their deliveries: two at once, the prefetch, and the rest wait in the queue
            CountDownLatch gate = new CountDownLatch(1);
            List<Long> held = LongStream.range(0, 5).map(i -> TestBroker.nextId()).boxed().toList();
            held.forEach(id -> worker.gates.put(id, gate));
            context.getBean(RabbitMessagePublisher.class).publish(held.stream().map(id -> TestBroker.outbox(
                    "execution.dispatch", Message.Routes.dispatch("internal"), Map.of("execution", id))).toList());
            eventually(() -> assertThat(worker.takes).filteredOn(held::contains).hasSize(2));
            Thread.sleep(200);
            assertThat(worker.takes).filteredOn(held::contains).hasSize(2);
            assertThat(broker.count(names.workQueue("internal"))).isEqualTo(3);
            gate.countDown();
            eventually(() -> assertThat(worker.takes).filteredOn(held::contains).hasSize(5));

            long execution = TestBroker.nextId();
            context.getBean(RabbitMessagePublisher.class).publish(List.of(TestBroker.outbox("execution.dispatch",
                    Message.Routes.dispatch("python"), Map.of("execution", execution))));
            Thread.sleep(200);
            assertThat(worker.takesOf(execution)).isEmpty();
            assertThat(broker.count(names.workQueue("python"))).isEqualTo(1);
        }
    }

    @Test
    void aStoppedListenerLeavesItsMessagesInTheQueue() throws Exception {
        try (ApplicationContext context = broker.start(Map.of("attune.roles", "worker"))) {
            String shell = broker.settings().workQueue("shell");
            eventually(() -> assertThat(consumers(shell)).isEqualTo(1));

            context.destroyBean(DispatchListener.class);

            assertThat(consumers(shell)).isZero();
            long execution = TestBroker.nextId();
            context.getBean(RabbitMessagePublisher.class).publish(List.of(TestBroker.outbox("execution.dispatch",
                    Message.Routes.dispatch("shell"), Map.of("execution", execution))));
            assertThat(broker.count(shell)).isEqualTo(1);
            assertThat(context.getBean(RecordingWorkerDuties.class).takesOf(execution)).isEmpty();
            try (Channel channel = broker.channel()) {
                channel.queuePurge(shell);
            }
        }
    }

    @Test
    void aListenerThatStopsTakingHearsNothingMoreAndPutsARefusedDeliveryStraightBack() throws Exception {
        try (ApplicationContext context = broker.start(Map.of("attune.roles", "worker"))) {
            String shell = broker.settings().workQueue("shell");
            eventually(() -> assertThat(consumers(shell)).isEqualTo(1));
            RecordingWorkerDuties worker = context.getBean(RecordingWorkerDuties.class);
            RabbitMessagePublisher publisher = context.getBean(RabbitMessagePublisher.class);
            // a delivery in hand, held by a worker that is stopping
            long held = TestBroker.nextId();
            CountDownLatch gate = new CountDownLatch(1);
            worker.gates.put(held, gate);
            worker.failTimes(held, 1);
            publisher.publish(List.of(TestBroker.outbox("execution.dispatch", Message.Routes.dispatch("shell"),
                    Map.of("execution", held))));
            eventually(() -> assertThat(worker.takesOf(held)).hasSize(1));

            context.getBean(DispatchListener.class).stopTaking();

            assertThat(consumers(shell)).isZero();
            long later = TestBroker.nextId();
            publisher.publish(List.of(TestBroker.outbox("execution.dispatch", Message.Routes.dispatch("shell"),
                    Map.of("execution", later))));
            gate.countDown();
            // the refused one is back in the queue at once, not counted as a failed try; nothing else was taken
            eventually(() -> assertThat(broker.count(shell)).isEqualTo(2));
            try (Channel channel = broker.channel()) {
                var back = channel.basicGet(shell, true);
                assertThat(MessageCodec.execution(MessageCodec.decode("", back.getBody()))).isEqualTo(held);
                assertThat(back.getProps().getHeaders() == null
                        || !back.getProps().getHeaders().containsKey(QueueConsumer.ATTEMPTS)).isTrue();
                channel.queuePurge(shell);
            }
            assertThat(worker.takesOf(held)).hasSize(1);
            assertThat(worker.takesOf(later)).isEmpty();
        }
    }

    private static long consumers(String queue) throws Exception {
        try (Channel channel = broker.channel()) {
            return channel.queueDeclarePassive(queue).getConsumerCount();
        }
    }
}
