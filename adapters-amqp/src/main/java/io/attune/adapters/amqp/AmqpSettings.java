package io.attune.adapters.amqp;

import io.attune.application.port.out.Message;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * How the broker adapter is set up, and the names of what it declares. Every exchange and queue name starts with the
 * namespace ({@code attune} unless {@code attune.amqp.namespace} says otherwise), so that test runs or several
 * installations can share one broker without hearing each other.
 */
@Singleton
public class AmqpSettings {

    private final String namespace;
    private final Duration confirmTimeout;
    private final int maxAttempts;
    private final Duration retryDelay;
    private final int capacity;
    private final List<String> runners;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    public AmqpSettings(@Value("${attune.amqp.namespace:attune}") String namespace,
                        @Value("${rabbitmq.confirm-timeout:10s}") Duration confirmTimeout,
                        @Value("${attune.amqp.max-attempts:5}") int maxAttempts,
                        @Value("${attune.amqp.retry-delay:1s}") Duration retryDelay,
                        @Value("${attune.worker.capacity:16}") int capacity,
                        @Value("${attune.worker.runners:shell,python,node,internal,http}") List<String> runners) {
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("attune.amqp.namespace must not be blank");
        }
        if (maxAttempts < 1 || capacity < 1) {
            throw new IllegalArgumentException("attune.amqp.max-attempts and attune.worker.capacity must be at least 1");
        }
        this.namespace = namespace.trim();
        this.confirmTimeout = confirmTimeout;
        this.maxAttempts = maxAttempts;
        this.retryDelay = retryDelay;
        this.capacity = capacity;
        this.runners = runners.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).filter(r -> !r.isEmpty())
                .distinct().toList();
    }

    /** The topic exchange every message is published to. */
    public String exchange() {
        return namespace;
    }

    /** The fanout exchange that failed messages are dead-lettered to. */
    public String deadLetterExchange() {
        return namespace + ".dlx";
    }

    /** Where dead-lettered messages wait for an operator. */
    public String deadLetterQueue() {
        return namespace + ".dead";
    }

    /** The durable queue of one runner's dispatches, shared by every worker that serves the runner. */
    public String workQueue(String runner) {
        return namespace + ".work." + runner;
    }

    /**
     * The durable queue of the dispatches sent on {@code route} ({@code execution.dispatch.<runner>[.<labels>]}): for
     * a runner's route its {@link #workQueue}, for an action asking for worker labels
     * {@code <ns>.work.<runner>.<labels>}, shared by every worker that serves the runner and has those labels.
     */
    public String workQueueOfRoute(String route) {
        return namespace + ".work." + route.substring(Message.Routes.DISPATCH_PREFIX.length());
    }


    /** The durable queue of recorded events, shared by every executor's rules consumer. */
    public String rulesQueue() {
        return namespace + ".rules";
    }

    /** This instance's own cancel queue (exclusive: it lives as long as the connection). */
    public String cancelQueue() {
        return namespace + ".cancel." + instance;
    }

    /** This instance's own status queue (exclusive: it lives as long as the connection). */
    public String statusQueue() {
        return namespace + ".status." + instance;
    }

    /**
     * The shared queue that counts the instances whose live streams have subscribers: each holds one consumer on it
     * while it has some. Nothing is bound to it.
     */
    public String statusListenersQueue() {
        return namespace + ".status-listeners";
    }

    /** How long a publisher waits for the broker's confirms before it gives the batch up to the outbox relay. */
    public Duration confirmTimeout() {
        return confirmTimeout;
    }

    /** How many times a delivery is handled before it is dead-lettered. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The pause before the second attempt; it doubles for each attempt after that. */
    public Duration retryDelay() {
        return retryDelay;
    }

    /** The worker's capacity: the prefetch of each of its dispatch queues. */
    public int capacity() {
        return capacity;
    }

    /** The runner codes whose dispatch queues this worker consumes. */
    public List<String> runners() {
        return runners;
    }

    /** The runner whose work queue executors consume: workflows run in the executor, not in a worker. */
    static final String WORKFLOW_RUNNER = "workflow";

    /** The runner whose work queue executors consume for core.ask: an inquiry waits in the executor, not in a worker. */
    static final String INQUIRER_RUNNER = "inquirer";

    /** The runner codes that have a dispatch queue. */
    static List<String> allRunners() {
        return List.of("shell", "python", "node", "internal", "http", WORKFLOW_RUNNER, INQUIRER_RUNNER);
    }
}
