package io.attune.adapters.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import io.attune.application.port.in.StatusFeed;
import io.attune.application.port.in.StatusFeed.StatusChange;
import io.attune.application.port.out.Message;
import io.micronaut.context.annotation.Requires;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An API instance's view of execution status changes, for its live streams: every instance hears every change on its
 * own exclusive queue, in order, and announces it to the {@link StatusFeed}. A change that cannot be announced is
 * logged and dropped; the execution's row still holds its status.
 *
 * <p>Changes are published only while some instance's feed has subscribers: while this one's has, it holds a
 * consumer on the listeners' queue that {@link StatusListeners} counts. When no other instance listens, the changes
 * made in this process reach the feed in memory ({@link LocalHandover}), in their order.
 */
@Singleton
@Requires(condition = Roles.Api.class)
public class StatusListener extends QueueConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(StatusListener.class);
    private static final int PREFETCH = 256;

    private final StatusFeed feed;
    private final StatusListeners listeners;
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("attune-status-listeners").factory());
    private Channel presence;
    private String presenceTag;

    public StatusListener(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                          AmqpSettings settings, LocalHandover handover, StatusFeed feed, StatusListeners listeners) {
        super(pool, publisher, topology, settings, handover);
        this.feed = feed;
        this.listeners = listeners;
    }

    @Override
    protected void open() throws IOException {
        var channel = channel(PREFETCH);
        topology().declareExclusive(channel, settings().statusQueue(), Message.Routes.STATUS);
        consume(channel, settings().statusQueue());
        presence = channel(1);
        handover().registerStatus(this, this::handle);
        watch.scheduleWithFixedDelay(this::showPresence, 0, StatusListeners.REFRESH_MS / 5, TimeUnit.MILLISECONDS);
    }

    /** Holds a consumer on the listeners' queue while the feed has subscribers, and none while it has not. */
    private synchronized void showPresence() {
        boolean listened = feed.listened();
        try {
            if (listened && presenceTag == null) {
                presenceTag = presence.basicConsume(settings().statusListenersQueue(), true, new DefaultConsumer(presence));
                listeners.mine(true);
            } else if (!listened && presenceTag != null) {
                listeners.mine(false);
                presence.basicCancel(presenceTag);
                presenceTag = null;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Showing this instance's stream subscribers to the broker failed: {}", e.toString());
        }
    }

    @PreDestroy
    void stopWatching() {
        watch.shutdownNow();
    }

    @Override
    protected void handle(Message message) {
        Object parent = message.payload().get("parent");
        Object task = message.payload().get("task");
        Object retryOf = message.payload().get("retry_of");
        feed.announce(new StatusChange(MessageCodec.execution(message), MessageCodec.text(message, "action"),
                MessageCodec.text(message, "status"), message.occurredAt(),
                parent instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty(),
                task instanceof String t ? Optional.of(t) : Optional.empty(),
                retryOf instanceof Number r ? OptionalLong.of(r.longValue()) : OptionalLong.empty()));
    }
}
