package io.attune.adapters.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.attune.application.port.out.Message;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.rabbitmq.connect.ChannelPool;
import io.micronaut.rabbitmq.connect.recovery.TemporarilyDownException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every listener does with the broker: consumes its queues with manual acks once the application has started,
 * hands each delivery to {@link #handle}, acknowledges it when that returns, and stops cleanly (unacknowledged
 * deliveries go back to their queue).
 *
 * <p>Deliveries are handled on virtual threads, up to the prefetch at once, so that the client's consumer thread is
 * never held. A delivery whose handling throws is put back at the end of its queue after a pause that doubles each
 * time, counted in the {@value #ATTEMPTS} header (a passing database failure, {@link TransientFailures}, is retried
 * without counting past the last but one); after the last attempt, or at once when it is not an Attune
 * message, it is dead-lettered: a copy goes to the dead-letter queue with why, from which queue and after how many
 * attempts ({@link DeadLetterHeaders}), confirmed before the original is acknowledged; if the copy is not confirmed,
 * the delivery is nacked without requeue, which dead-letters it through the broker. An {@code ordered} consumer (a
 * live feed) instead handles its deliveries one after another in their order, and logs and drops those that fail.
 */
abstract class QueueConsumer implements ApplicationEventListener<StartupEvent> {

    static final String ATTEMPTS = "x-attune-attempts";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ChannelPool pool;
    private final RabbitMessagePublisher publisher;
    private final RabbitTopology topology;
    private final AmqpSettings settings;
    private final ExecutorService handlers;
    private final LocalHandover handover;
    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private volatile boolean paused;

    /** A consumer whose deliveries are handled in parallel on virtual threads named {@code threadName<n>}. */
    QueueConsumer(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology, AmqpSettings settings,
                  LocalHandover handover, String threadName) {
        this(pool, publisher, topology, settings, handover,
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(threadName, 0).factory()));
    }

    /** An ordered consumer. */
    QueueConsumer(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology, AmqpSettings settings,
                  LocalHandover handover) {
        this(pool, publisher, topology, settings, handover, (ExecutorService) null);
    }

    private QueueConsumer(ChannelPool pool, RabbitMessagePublisher publisher, RabbitTopology topology,
                          AmqpSettings settings, LocalHandover handover, ExecutorService handlers) {
        this.pool = pool;
        this.publisher = publisher;
        this.topology = topology;
        this.settings = settings;
        this.handover = handover;
        this.handlers = handlers;
    }

    /** Opens the channels and starts consuming; called once the application context has started. */
    protected abstract void open() throws IOException;

    /** Acts on one message; throws when it could not, so that the delivery is retried. */
    protected abstract void handle(Message message);

    /**
     * Acts on a delivery as it arrived, before it is decoded: true when it did (it is then acknowledged); false, the
     * default, to decode it and {@link #handle} it. Throws when it could not: the delivery goes back to its queue.
     */
    protected boolean handleRaw(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        return false;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        start();
    }

    private void start() {
        if (stopped || paused) {
            return;
        }
        try {
            declareTopology();
            open();
        } catch (IOException | RuntimeException e) {
            if (e instanceof TemporarilyDownException down) {
                log.warn("Waiting for the broker to come up");
                down.getConnection().addEventuallyUpListener(connection -> start());
            } else {
                log.error("Could not start consuming", e);
            }
        }
    }

    // the channel initializer declared it when the pool was created, but its errors are only logged
    private void declareTopology() throws IOException {
        Channel channel = pool.getChannel();
        try {
            topology.initialize(channel, pool.getName());
        } finally {
            pool.returnChannel(channel);
        }
    }

    /** A new channel with this prefetch, kept until {@link #stop}. */
    protected final Channel channel(int prefetch) throws IOException {
        Channel channel = pool.getChannel();
        channels.add(channel);
        channel.basicQos(prefetch);
        return channel;
    }

    protected final RabbitTopology topology() {
        return topology;
    }

    protected final AmqpSettings settings() {
        return settings;
    }

    /**
     * Committed messages of {@code route} published in this process may also reach {@link #handle} in memory, without
     * the broker ({@link LocalHandover}): up to {@code capacity} at once, while {@code room} says so. Until
     * {@link #pause}.
     */
    protected final void handOver(String route, int capacity, java.util.function.BooleanSupplier room) {
        if (!paused && !stopped) {
            handover.register(this, route, capacity, room, this::handle);
        }
    }

    protected final LocalHandover handover() {
        return handover;
    }

    /** Consumes a queue with manual acknowledgements. */
    protected final void consume(Channel channel, String queue) throws IOException {
        String tag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                if (ordered()) {
                    deliver(channel, queue, envelope, properties, body);
                    return;
                }
                try {
                    handlers.execute(() -> deliver(channel, queue, envelope, properties, body));
                } catch (RejectedExecutionException stopping) {
                    // stopping: the delivery stays unacknowledged and returns to the queue when the channel closes
                }
            }
        });
        subscriptions.add(new Subscription(channel, tag));
        log.info("Consuming {}", queue);
    }

    private void deliver(Channel channel, String queue, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        long tag = envelope.getDeliveryTag();
        try {
            if (handleRaw(envelope, properties, body)) {
                settle(channel, tag, Outcome.ACK);
                return;
            }
        } catch (RuntimeException e) {
            log.warn("A delivery on {} could not be handled; it goes back to the queue: {}", queue, e.toString());
            pauseBeforeRequeue();
            settle(channel, tag, Outcome.REQUEUE);
            return;
        }
        Message message;
        try {
            message = MessageCodec.decode(envelope.getRoutingKey(), body);
        } catch (IllegalArgumentException e) {
            log.error("A message on {} is not an Attune message and is {}: {}", queue,
                    ordered() ? "dropped" : "dead-lettered", e.getMessage());
            settle(channel, tag, ordered() ? Outcome.ACK : deadLetter(queue, envelope, properties, body,
                    "not an Attune message: " + e.getMessage(), attempts(properties) + 1));
            return;
        }
        try {
            handle(message);
            settle(channel, tag, Outcome.ACK);
        } catch (RuntimeException e) {
            // paused, this consumer hears nothing more: the delivery goes straight to another one, not counted as a try
            settle(channel, tag, paused ? Outcome.REQUEUE : failed(queue, envelope, message, properties, body, e));
        }
    }

    private Outcome failed(String queue, Envelope envelope, Message message, AMQP.BasicProperties properties,
                           byte[] body, RuntimeException error) {
        if (ordered()) {
            log.warn("{} ({}) on {} failed and is dropped", message.type(), message.id(), queue, error);
            return Outcome.ACK;
        }
        int attempt = attempts(properties) + 1;
        boolean passing = TransientFailures.isTransient(error);
        if (attempt >= settings.maxAttempts() && !passing) {
            log.error("{} ({}) on {} failed {} times and is dead-lettered", message.type(), message.id(), queue, attempt,
                    error);
            return deadLetter(queue, envelope, properties, body, error.toString(), attempt);
        }
        if (passing) {
            // the database's passing state, not the message's: not counted, so it never dead-letters the message
            attempt = Math.max(1, Math.min(attempt, settings.maxAttempts() - 1));
        }
        log.warn("{} ({}) on {} failed (attempt {} of {}{}); retrying: {}", message.type(), message.id(), queue, attempt,
                settings.maxAttempts(), passing ? ", a passing database failure, not counted past the last" : "",
                error.toString());
        try {
            Thread.sleep(settings.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 16)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.REQUEUE;
        }
        Map<String, Object> headers = new HashMap<>(properties.getHeaders() == null ? Map.of() : properties.getHeaders());
        headers.put(ATTEMPTS, attempt);
        // the copy is confirmed before the original is acknowledged, so a crash in between duplicates, never loses
        return publisher.resend(queue, properties.builder().headers(headers).build(), body) ? Outcome.ACK : Outcome.REQUEUE;
    }

    /** Sends a copy to the dead-letter queue, saying why; ACK once confirmed, else DEAD (the broker's own route). */
    private Outcome deadLetter(String queue, Envelope envelope, AMQP.BasicProperties properties, byte[] body,
                               String error, int attempts) {
        AMQP.BasicProperties dead = DeadLetterHeaders.mark(properties, queue, envelope.getRoutingKey(), error, attempts);
        return publisher.resend(settings.deadLetterQueue(), dead, body) ? Outcome.ACK : Outcome.DEAD;
    }

    private void pauseBeforeRequeue() {
        try {
            Thread.sleep(settings.retryDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean ordered() {
        return handlers == null;
    }

    private static int attempts(AMQP.BasicProperties properties) {
        Object value = properties.getHeaders() == null ? null : properties.getHeaders().get(ATTEMPTS);
        return value instanceof Number n ? n.intValue() : 0;
    }

    private enum Outcome { ACK, DEAD, REQUEUE }

    private record Subscription(Channel channel, String tag) {
    }

    private void settle(Channel channel, long tag, Outcome outcome) {
        try {
            switch (outcome) {
                case ACK -> channel.basicAck(tag, false);
                case DEAD -> channel.basicNack(tag, false, false);
                case REQUEUE -> channel.basicNack(tag, false, true);
            }
        } catch (IOException | RuntimeException e) {
            // the channel is gone: the broker redelivers the message to another consumer
            log.warn("Could not settle delivery {}: {}", tag, e.toString());
        }
    }

    /**
     * Stops consuming but keeps the channels: the deliveries in hand are still handled and settled, and one whose
     * handling fails from now on is put back in its queue at once for another consumer.
     */
    protected final void pause() {
        paused = true;
        handover.withdraw(this);
        for (Subscription subscription : subscriptions) {
            try {
                subscription.channel().basicCancel(subscription.tag());
            } catch (IOException | RuntimeException e) {
                log.debug("Cancelling consumer {}: {}", subscription.tag(), e.toString());
            }
        }
        subscriptions.clear();
    }

    /** Stops consuming, lets the deliveries in hand finish briefly, and closes the channels. */
    @PreDestroy
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        pause();
        if (!ordered()) {
            handlers.shutdown();
            try {
                if (!handlers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    // cuts retry pauses short: those deliveries are requeued
                    handlers.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Channel channel : channels) {
            try {
                channel.abort();
            } catch (IOException | RuntimeException e) {
                log.debug("Closing a consumer channel: {}", e.toString());
            }
            pool.returnChannel(channel);
        }
        channels.clear();
    }
}
