package io.attune.adapters.amqp;

import static org.assertj.core.api.Assertions.fail;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.attune.application.port.out.Message;
import io.attune.application.port.out.Outbox.OutboxMessage;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The RabbitMQ the tests run against ({@code ATTUNE_TEST_AMQP_URL}, else the local one), with a namespace of their
 * own so that runs sharing the broker never hear each other; {@link #close} deletes what the namespace declared.
 */
final class TestBroker implements AutoCloseable {

    static final String URL = Optional.ofNullable(System.getenv("ATTUNE_TEST_AMQP_URL"))
            .filter(u -> !u.isBlank()).orElse("amqp://guest:guest@127.0.0.1:5672");
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    final String url;
    final String namespace = "attune-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final Connection connection;
    private final List<String> extraQueues = new ArrayList<>();

    TestBroker() throws Exception {
        this(URL);
    }

    TestBroker(String url) throws Exception {
        this.url = url;
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(url);
        this.connection = factory.newConnection("attune-adapter-test");
    }

    /** Starts an application context on this broker and namespace, with the given properties on top. */
    ApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("rabbitmq.uri", url);
        all.put("attune.amqp.namespace", namespace);
        all.put("attune.amqp.retry-delay", "20ms");
        all.put("attune.amqp.max-attempts", 3);
        all.put("rabbitmq.confirm-timeout", "5s");
        all.putAll(properties);
        return ApplicationContext.run(all);
    }

    AmqpSettings settings() {
        return new AmqpSettings(namespace, Duration.ofSeconds(5), 3, Duration.ofMillis(20), 4, AmqpSettings.allRunners());
    }

    Connection connection() {
        return connection;
    }

    /** A fresh channel of the test's own connection (a failed declaration closes only it). */
    Channel channel() throws Exception {
        return connection.createChannel();
    }

    /** Declares a queue of the test's own bound to the namespace's exchange; deleted on close. */
    String bindQueue(String routingKey) throws Exception {
        String queue = namespace + ".probe." + extraQueues.size();
        try (Channel channel = channel()) {
            channel.queueDeclare(queue, true, false, false, Map.of());
            channel.queueBind(queue, namespace, routingKey);
        }
        extraQueues.add(queue);
        return queue;
    }

    /** Takes messages off a queue until the one with this message id, waiting up to five seconds for it. */
    GetResponse take(String queue, String messageId) throws Exception {
        try (Channel channel = channel()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                GetResponse response = channel.basicGet(queue, true);
                if (response == null) {
                    Thread.sleep(20);
                } else if (messageId.equals(response.getProps().getMessageId())) {
                    return response;
                }
            }
        }
        return fail(messageId + " did not arrive on " + queue);
    }

    long count(String queue) throws Exception {
        try (Channel channel = channel()) {
            return channel.messageCount(queue);
        }
    }

    /** Publishes raw bytes straight into a queue, as a foreign producer would. */
    void publishRaw(String queue, byte[] body) throws Exception {
        try (Channel channel = channel()) {
            channel.confirmSelect();
            channel.basicPublish("", queue, null, body);
            channel.waitForConfirmsOrDie(5000);
        }
    }

    static long nextId() {
        return IDS.incrementAndGet();
    }

    static OutboxMessage outbox(String type, String routingKey, Map<String, Object> payload) {
        long id = nextId();
        return new OutboxMessage(id, new Message(UUID.randomUUID().toString(), type, routingKey,
                Instant.parse("2026-01-02T03:04:05.678Z"), Long.toString(id), payload));
    }

    static void eventually(ThrowingRunnable assertion) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() throws Exception {
        if (connection.isOpen()) {
            AmqpSettings names = settings();
            List<String> queues = new ArrayList<>(extraQueues);
            AmqpSettings.allRunners().forEach(r -> queues.add(names.workQueue(r)));
            queues.add(names.deadLetterQueue());
            for (String queue : queues) {
                try (Channel channel = channel()) {
                    channel.queueDelete(queue);
                } catch (Exception ignored) {
                    // never declared
                }
            }
            for (String exchange : List.of(names.exchange(), names.deadLetterExchange())) {
                try (Channel channel = channel()) {
                    channel.exchangeDelete(exchange);
                } catch (Exception ignored) {
                    // never declared
                }
            }
            connection.close();
        }
    }
}
