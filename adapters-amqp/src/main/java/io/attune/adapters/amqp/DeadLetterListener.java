package io.attune.adapters.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import io.attune.application.port.in.DeadLetters;
import io.attune.application.port.out.Message;
import io.micronaut.context.annotation.Requires;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The executors' consumer of the dead-letter queue: stores each dead letter in the database ({@link DeadLetters}), as
 * it arrived, with what can be read of it (type, message id, execution, event), and acknowledges it once stored. A
 * dead letter that cannot be stored (the database away) goes back to the queue after a pause.
 */
@Singleton
@Requires(condition = Roles.Executor.class)
public class DeadLetterListener extends QueueConsumer {

    private static final int PREFETCH = 16;

    private final DeadLetters letters;

    public DeadLetterListener(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                              AmqpSettings settings, LocalHandover handover, DeadLetters letters) {
        super(pool, publisher, topology, settings, handover, "attune-dead-letters-");
        this.letters = letters;
    }

    @Override
    protected void open() throws IOException {
        consume(channel(PREFETCH), settings().deadLetterQueue());
    }

    @Override
    protected boolean handleRaw(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        String fallbackKey = Optional.ofNullable(properties.getMessageId()).map(id -> "message:" + id)
                .orElse("delivery:" + java.util.UUID.randomUUID());
        DeadLetterHeaders.Read read = DeadLetterHeaders.read(properties, fallbackKey, settings().deadLetterQueue());
        Optional<Message> message = decode(read.routingKey().orElse(envelope.getRoutingKey()), body);
        letters.record(new DeadLetters.Arrival(read.key(), read.queue(), read.routingKey(),
                message.map(Message::id), message.map(Message::type), number(message, "execution"),
                number(message, "event"), read.error(), read.attempts(), body, read.at()));
        return true;
    }

    @Override
    protected void handle(Message message) {
        throw new IllegalStateException("dead letters are handled as they arrive (handleRaw)");
    }

    private static Optional<Message> decode(String routingKey, byte[] body) {
        try {
            return Optional.of(MessageCodec.decode(routingKey, body));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static OptionalLong number(Optional<Message> message, String field) {
        return message.map(m -> m.payload().get(field)).filter(Number.class::isInstance)
                .map(n -> OptionalLong.of(((Number) n).longValue())).orElse(OptionalLong.empty());
    }
}
