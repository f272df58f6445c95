package io.attune.adapters.amqp;

import io.attune.application.port.in.StatusFeed;
import io.attune.application.port.in.StatusFeed.StatusChange;
import io.attune.application.port.out.Message;
import io.micronaut.context.annotation.Requires;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * An API instance's view of execution status changes, for its live streams: every instance hears every change on its
 * own exclusive queue, in order, and announces it to the {@link StatusFeed}. A change that cannot be announced is
 * logged and dropped; the execution's row still holds its status.
 */
@Singleton
@Requires(condition = Roles.Api.class)
public class StatusListener extends QueueConsumer {

    private static final int PREFETCH = 256;

    private final StatusFeed feed;

    public StatusListener(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                          AmqpSettings settings, StatusFeed feed) {
        super(pool, publisher, topology, settings);
        this.feed = feed;
    }

    @Override
    protected void open() throws IOException {
        var channel = channel(PREFETCH);
        topology().declareExclusive(channel, settings().statusQueue(), Message.Routes.STATUS);
        consume(channel, settings().statusQueue());
    }

    @Override
    protected void handle(Message message) {
        Object parent = message.payload().get("parent");
        Object task = message.payload().get("task");
        Object retryOf = message.payload().get("retry_of");
        feed.announce(new StatusChange(MessageCodec.execution(message), MessageCodec.text(message, "action"),
                MessageCodec.text(message, "status"), message.occurredAt(),
                parent instanceof Number n ? java.util.OptionalLong.of(n.longValue()) : java.util.OptionalLong.empty(),
                task instanceof String t ? java.util.Optional.of(t) : java.util.Optional.empty(),
                retryOf instanceof Number r ? java.util.OptionalLong.of(r.longValue()) : java.util.OptionalLong.empty()));
    }
}
