package io.attune.adapters.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.rabbitmq.client.Channel;
import io.attune.application.port.out.Message;
import io.attune.application.port.out.Outbox.OutboxMessage;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RabbitTopologyTest {

    private static TestBroker broker;
    private static ApplicationContext context;

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker();
        context = broker.start(Map.of("attune.roles", "executor"));
    }

    @AfterAll
    static void stop() throws Exception {
        context.close();
        broker.close();
    }

    @Test
    void declaresEveryWorkQueueTheFinishedQueueAndTheDeadLetterQueueOnStart() throws Exception {
        context.getBean(RabbitMessagePublisher.class);
        AmqpSettings names = broker.settings();
        try (Channel channel = broker.channel()) {
            for (String runner : List.of("shell", "python", "node", "internal", "http")) {
                channel.queueDeclarePassive(names.workQueue(runner));
            }
            channel.queueDeclarePassive(names.deadLetterQueue());
            channel.queueDeclarePassive(names.rulesQueue());
            channel.exchangeDeclarePassive(names.exchange());
            channel.exchangeDeclarePassive(names.deadLetterExchange());
        }
    }

    @Test
    void declaringTwiceChangesNothing() throws Exception {
        RabbitTopology topology = context.getBean(RabbitTopology.class);
        try (Channel channel = broker.channel()) {
            assertThatCode(() -> {
                topology.initialize(channel, "default");
                topology.initialize(channel, "default");
            }).doesNotThrowAnyException();
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Test
    void routesEachMessageOnlyToTheQueueBoundToItsExactKey() throws Exception {
        context.getBean(RabbitMessagePublisher.class);
        AmqpSettings names = broker.settings();
        try (Channel channel = broker.channel()) {
            for (String queue : List.of(names.workQueue("shell"), names.workQueue("python"), names.workQueue("node"))) {
                channel.queuePurge(queue);
            }
        }
        OutboxMessage dispatch = TestBroker.outbox("execution.dispatch", Message.Routes.dispatch("python"), Map.of("execution", 1));
        OutboxMessage status = TestBroker.outbox("execution.status", Message.Routes.STATUS, Map.of("execution", 1));

        assertThat(context.getBean(RabbitMessagePublisher.class).publish(List.of(dispatch, status))).hasSize(2);

        assertThat(broker.count(names.workQueue("python"))).isEqualTo(1);
        assertThat(broker.count(names.workQueue("shell"))).isZero();
        assertThat(broker.count(names.workQueue("node"))).isZero();
    }
}
