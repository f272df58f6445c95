package io.attune.adapters.amqp;

import com.rabbitmq.client.AMQP;
import io.attune.application.port.out.DeadLetterQueue;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Replays a dead letter: its body goes back to the queue it failed on through the default exchange, persistent, with
 * fresh headers (its attempts start again from zero).
 */
@Singleton
public final class RabbitDeadLetterQueue implements DeadLetterQueue {

    private static final int PERSISTENT = 2;

    private final RabbitMessagePublisher publisher;

    RabbitDeadLetterQueue(RabbitMessagePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public boolean replay(String queue, byte[] body) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().deliveryMode(PERSISTENT)
                .contentType(MessageCodec.CONTENT_TYPE).messageId("replay-" + UUID.randomUUID()).build();
        try {
            return publisher.resend(queue, properties, body);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
