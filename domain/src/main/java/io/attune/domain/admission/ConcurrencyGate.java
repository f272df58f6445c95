package io.attune.domain.admission;

import io.attune.domain.policy.Policy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * At most {@code limit} admitted, unfinished executions on a key; over it, wait (DELAY) or be canceled (CANCEL). At most
 * {@code maxQueue} wait on the key (a newcomer that finds it full overflows, as {@code overflow} says), each for at most
 * {@code queueTimeout} when given.
 */
public record ConcurrencyGate(PolicyKey key, int limit, Policy.ConcurrencyBehavior behavior, int maxQueue,
                              Optional<Duration> queueTimeout, Policy.Overflow overflow) implements Gate {

    public ConcurrencyGate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        Objects.requireNonNull(overflow, "overflow");
        if (limit < 1) {
            throw new IllegalArgumentException("concurrency limit must be at least 1, got " + limit);
        }
        if (maxQueue < 1) {
            throw new IllegalArgumentException("max_queue must be at least 1, got " + maxQueue);
        }
    }

    /** A gate with the default queue length, no queue timeout, overflow canceled. */
    public ConcurrencyGate(PolicyKey key, int limit, Policy.ConcurrencyBehavior behavior) {
        this(key, limit, behavior, Policy.Concurrency.DEFAULT_MAX_QUEUE, Optional.empty(), Policy.Overflow.CANCEL);
    }
}
