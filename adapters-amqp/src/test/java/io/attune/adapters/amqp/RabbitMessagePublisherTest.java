package io.attune.adapters.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.attune.application.port.out.Message;
import io.attune.application.port.out.Outbox.OutboxMessage;
import io.micronaut.context.ApplicationContext;
import io.micronaut.rabbitmq.connect.ChannelPool;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RabbitMessagePublisherTest {

    private static TestBroker broker;
    private static ApplicationContext context;
    private static RabbitMessagePublisher publisher;

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker();
        context = broker.start(Map.of("attune.roles", "executor"));
        publisher = context.getBean(RabbitMessagePublisher.class);
    }

    @AfterAll
    static void stop() throws Exception {
        context.close();
        broker.close();
    }

    @Test
    void returnsTheOutboxIdOfEveryConfirmedMessage() {
        List<OutboxMessage> batch = List.of(
                TestBroker.outbox("execution.dispatch", Message.Routes.dispatch("shell"), Map.of("execution", 1)),
                TestBroker.outbox("execution.status", Message.Routes.STATUS, Map.of("execution", 1)),
                TestBroker.outbox("execution.dispatch", Message.Routes.dispatch("node"), Map.of("execution", 1)));

        assertThat(publisher.publish(batch)).containsExactlyInAnyOrderElementsOf(batch.stream().map(OutboxMessage::id).toList());
    }

    @Test
    void sendsAPersistentJsonEnvelopeWhosePropertiesNameTheMessage() throws Exception {
        OutboxMessage sent = TestBroker.outbox("execution.dispatch", Message.Routes.dispatch("node"),
                Map.of("execution", 42, "action", "core.echo", "status", "succeeded"));

        assertThat(publisher.publish(List.of(sent))).containsExactly(sent.id());

        Message message = sent.message();
        GetResponse received = broker.take(broker.settings().workQueue("node"), message.id());
        assertThat(received.getEnvelope().getExchange()).isEqualTo(broker.namespace);
        assertThat(received.getEnvelope().getRoutingKey()).isEqualTo("execution.dispatch.node");
        assertThat(received.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(received.getProps().getContentType()).isEqualTo("application/json");
        assertThat(received.getProps().getMessageId()).isEqualTo(message.id());
        assertThat(received.getProps().getType()).isEqualTo("execution.dispatch");
        assertThat(received.getProps().getCorrelationId()).isEqualTo(message.correlationId());
        assertThat(received.getProps().getTimestamp()).isEqualTo(Date.from(Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(new ObjectMapper().readValue(received.getBody(), Map.class)).isEqualTo(Map.of(
                "id", message.id(),
                "type", "execution.dispatch",
                "occurredAt", "2026-01-02T03:04:05.678Z",
                "correlationId", message.correlationId(),
                "payload", Map.of("execution", 42, "action", "core.echo", "status", "succeeded")));
    }

    @Test
    void leavesOutAMessageThatIsNotJsonAndSendsTheRest() {
        OutboxMessage good = TestBroker.outbox("execution.status", Message.Routes.STATUS, Map.of("execution", 2));
        OutboxMessage bad = TestBroker.outbox("execution.status", Message.Routes.STATUS, Map.of("execution", new Object()));

        assertThat(publisher.publish(List.of(bad, good))).containsExactly(good.id());
    }

    @Test
    void returnsNoIdsWhenTheExchangeIsMissing() {
        AmqpSettings elsewhere = new AmqpSettings(broker.namespace + "-missing", broker.settings().confirmTimeout(), 3,
                broker.settings().retryDelay(), 4, AmqpSettings.allRunners());
        RabbitMessagePublisher lost = new RabbitMessagePublisher(context.getBean(ChannelPool.class), elsewhere);

        assertThat(lost.publish(List.of(TestBroker.outbox("execution.status", Message.Routes.STATUS, Map.of())))).isEmpty();
        // the broken channel was not given back to the pool: the shared publisher still works
        OutboxMessage after = TestBroker.outbox("execution.status", Message.Routes.STATUS, Map.of());
        assertThat(publisher.publish(List.of(after))).containsExactly(after.id());
    }

    @Test
    void returnsNoIdsInsteadOfThrowingWhenTheChannelIsClosed() throws Exception {
        Channel closed = broker.channel();
        closed.close();
        RabbitMessagePublisher stale = new RabbitMessagePublisher(new SingleChannel(closed), broker.settings());

        assertThat(stale.publish(List.of(TestBroker.outbox("execution.status", Message.Routes.STATUS, Map.of())))).isEmpty();
    }

    @Test
    void returnsNoIdsInsteadOfThrowingWhenTheConnectionIsClosed() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.url);
        Connection connection = factory.newConnection();
        RabbitMessagePublisher own = new RabbitMessagePublisher(new SingleChannel(connection.createChannel()),
                broker.settings());
        OutboxMessage before = TestBroker.outbox("execution.status", Message.Routes.STATUS, Map.of());
        assertThat(own.publish(List.of(before))).containsExactly(before.id());

        connection.close();

        assertThat(own.publish(List.of(TestBroker.outbox("execution.status", Message.Routes.STATUS, Map.of())))).isEmpty();
    }

    @Test
    void publishesNothingForAnEmptyBatch() {
        assertThat(publisher.publish(List.of())).isEmpty();
    }

    /** A pool of one channel, whatever state it is in. */
    private record SingleChannel(Channel channel) implements ChannelPool {
        @Override
        public Channel getChannel() throws IOException {
            return channel;
        }

        @Override
        public void returnChannel(Channel channel) {
        }

        @Override
        public String getName() {
            return "single";
        }
    }
}
