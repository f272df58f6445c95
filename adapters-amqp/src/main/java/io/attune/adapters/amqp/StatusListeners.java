package io.attune.adapters.amqp;

import com.rabbitmq.client.Channel;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether any instance's live stream has subscribers, so that no status change is published that nobody listens to.
 * An API instance whose status feed has subscribers holds one consumer on the shared, unbound queue
 * {@link AmqpSettings#statusListenersQueue()} (nothing is ever routed to it; the consumer only counts, and the broker
 * drops it with the instance's connection). A publisher reads the queue's consumer count, at most once every
 * {@value #REFRESH_MS} ms: a stream opened on another instance hears changes from then on, a few hundred milliseconds
 * late at most (status changes are advisory: the execution's row holds its status).
 */
@Singleton
public class StatusListeners {

    private static final Logger LOG = LoggerFactory.getLogger(StatusListeners.class);
    static final long REFRESH_MS = 500;

    private final ChannelPool pool;
    private final AmqpSettings settings;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile long checkedAt;
    private volatile boolean stale = true;
    private volatile int listeners;
    private volatile boolean mine;

    public StatusListeners(ChannelPool pool, AmqpSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    /** True when an instance other than this one has stream subscribers (as of the last count). */
    boolean othersListen() {
        long now = System.nanoTime();
        if ((stale || now - checkedAt > Duration.ofMillis(REFRESH_MS).toNanos())
                && refreshing.compareAndSet(false, true)) {
            try {
                stale = false;
                listeners = count();
                checkedAt = System.nanoTime();
            } finally {
                refreshing.set(false);
            }
        }
        return listeners - (mine ? 1 : 0) > 0;
    }

    /** Whether this instance's consumer on the listeners' queue is among those counted. */
    void mine(boolean listening) {
        mine = listening;
        stale = true;
    }

    private int count() {
        Channel channel;
        try {
            channel = pool.getChannel();
        } catch (IOException | RuntimeException e) {
            return listeners; // the broker is away: nothing published reaches it anyway
        }
        try {
            return channel.queueDeclarePassive(settings.statusListenersQueue()).getConsumerCount();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Counting the status listeners failed: {}", e.toString());
            try {
                channel.abort();
            } catch (RuntimeException | IOException ignored) {
                // closing a failed channel
            }
            return listeners;
        } finally {
            pool.returnChannel(channel);
        }
    }
}
