package io.attune.adapters.amqp;

import io.attune.application.port.out.Handover;
import io.attune.application.port.out.Message;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory way to this process's own listeners ({@link Handover}). A listener that consumes a shared work queue
 * (rules, a runner's dispatches, workflows, inquiries) registers its route here once it consumes, with its capacity
 * (its prefetch) and whether it has room now; it withdraws when it stops taking. A committed message of a registered
 * route is handed to the listener's {@code handle} on a virtual thread while fewer than its capacity are in hand and
 * it has room, and published to the broker otherwise: a role this instance does not play, a listener that is full or
 * stopping, so other instances get the work they have room for. A failed hand-over leaves the outbox row to the
 * relay, which publishes it, and the broker's retries and dead-lettering take over.
 *
 * <p>Status changes (advisory, never stored) go to the broker only while another instance's stream has subscribers
 * ({@link StatusListeners}); otherwise straight to this instance's feed when it has one, or nowhere.
 * Cancel requests, heard by every worker, always go through the broker.
 */
@Singleton
public class LocalHandover implements Handover {

    private static final Logger LOG = LoggerFactory.getLogger(LocalHandover.class);

    private final StatusListeners statusListeners;
    private final Map<String, Local> routes = new ConcurrentHashMap<>();
    private final ExecutorService handlers =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("attune-handover-", 0).factory());
    private volatile Status status;

    public LocalHandover(StatusListeners statusListeners) {
        this.statusListeners = statusListeners;
    }

    /**
     * From now on, messages of {@code route} may be handed to {@code owner}'s {@code handler}: up to {@code capacity}
     * at once, and only while {@code room} says so.
     */
    void register(Object owner, String route, int capacity, BooleanSupplier room, Consumer<Message> handler) {
        routes.put(route, new Local(owner, new Semaphore(capacity), room, handler));
    }

    /** Status changes go to {@code feed} when no other instance listens. */
    void registerStatus(Object owner, Consumer<Message> feed) {
        status = new Status(owner, feed);
    }

    /** The routes {@code owner} registered go to the broker again. */
    void withdraw(Object owner) {
        routes.values().removeIf(local -> local.owner() == owner);
        Status current = status;
        if (current != null && current.owner() == owner) {
            status = null;
        }
    }

    @Override
    public boolean offer(Message message, Runnable handled) {
        if (Message.Routes.STATUS.equals(message.routingKey())) {
            return offerStatus(message);
        }
        Local local = routes.get(message.routingKey());
        if (local == null || !local.room().getAsBoolean() || !local.inHand().tryAcquire()) {
            return false;
        }
        try {
            handlers.execute(() -> handle(local, message, handled));
            return true;
        } catch (RejectedExecutionException stopping) {
            local.inHand().release();
            return false;
        }
    }

    private void handle(Local local, Message message, Runnable handled) {
        try {
            local.handler().accept(message);
            handled.run();
        } catch (RuntimeException e) {
            // the outbox row stays: the relay publishes it, and the broker's retries take over
            LOG.warn("{} ({}) handed over in memory failed; the outbox relay sends it through the broker: {}",
                    message.type(), message.id(), e.toString());
        } finally {
            local.inHand().release();
        }
    }

    private boolean offerStatus(Message message) {
        if (statusListeners.othersListen()) {
            return false; // every listening instance, this one included, hears it on its own queue
        }
        Status feed = status;
        if (feed != null) {
            try {
                feed.feed().accept(message);
            } catch (RuntimeException e) {
                LOG.warn("{} ({}) could not be announced and is dropped: {}", message.type(), message.id(), e.toString());
            }
        }
        return true;
    }

    @PreDestroy
    void close() {
        routes.clear();
        status = null;
        handlers.shutdown();
    }

    private record Local(Object owner, Semaphore inHand, BooleanSupplier room, Consumer<Message> handler) {
    }

    private record Status(Object owner, Consumer<Message> feed) {
    }
}
