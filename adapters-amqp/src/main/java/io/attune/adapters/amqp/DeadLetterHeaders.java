package io.attune.adapters.amqp;

import com.rabbitmq.client.AMQP;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The headers a dead letter carries to the dead-letter queue: a key unique to this dead-lettering, the queue it failed
 * on (where a replay puts it back), its routing key, the error and the attempts. A message the broker dead-lettered on
 * its own (RabbitMQ's {@code x-death}) is read too, with the broker's reason as its error.
 */
final class DeadLetterHeaders {

    static final String KEY = "x-attune-dead-key";
    static final String QUEUE = "x-attune-dead-queue";
    static final String ROUTING_KEY = "x-attune-dead-routing-key";
    static final String ERROR = "x-attune-dead-error";
    static final String AT = "x-attune-dead-at";
    /** The longest error kept: a stack of causes is cut, not stored whole. */
    static final int MAX_ERROR = 2000;

    private DeadLetterHeaders() {
    }

    /** The properties of the copy sent to the dead-letter queue. */
    static AMQP.BasicProperties mark(AMQP.BasicProperties properties, String queue, String routingKey, String error,
                                     int attempts) {
        Map<String, Object> headers = new HashMap<>(properties.getHeaders() == null ? Map.of() : properties.getHeaders());
        headers.put(KEY, UUID.randomUUID().toString());
        headers.put(QUEUE, queue);
        headers.put(ROUTING_KEY, routingKey);
        headers.put(ERROR, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) + "…" : error);
        headers.put(AT, Instant.now().toString());
        headers.put(QueueConsumer.ATTEMPTS, attempts);
        return properties.builder().headers(headers).build();
    }

    /** What a dead letter says about itself; {@code fallbackKey} identifies one that carries no key of ours. */
    record Read(String key, String queue, Optional<String> routingKey, String error, int attempts, Instant at) {
    }

    static Read read(AMQP.BasicProperties properties, String fallbackKey, String fallbackQueue) {
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        Object attempts = headers.get(QueueConsumer.ATTEMPTS);
        int tries = attempts instanceof Number n ? n.intValue() : 0;
        if (headers.get(KEY) != null) {
            return new Read(text(headers.get(KEY)), text(headers.get(QUEUE)),
                    Optional.ofNullable(headers.get(ROUTING_KEY)).map(DeadLetterHeaders::text),
                    text(headers.get(ERROR)), tries, at(headers.get(AT)));
        }
        // dead-lettered by the broker (RabbitMQ): x-death names the queue and why
        if (headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty()
                && deaths.get(0) instanceof Map<?, ?> death) {
            Object keys = death.get("routing-keys");
            Optional<String> routingKey = keys instanceof List<?> list && !list.isEmpty()
                    ? Optional.of(text(list.get(0))) : Optional.empty();
            return new Read(fallbackKey, text(death.get("queue")), routingKey,
                    "dead-lettered by the broker: " + text(death.get("reason")), tries, Instant.now());
        }
        return new Read(fallbackKey, fallbackQueue, Optional.empty(), "dead-lettered without a reason", tries,
                Instant.now());
    }

    private static Instant at(Object value) {
        try {
            return value == null ? Instant.now() : Instant.parse(text(value));
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

    /** Header values arrive as the client's LongString: their text. */
    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
