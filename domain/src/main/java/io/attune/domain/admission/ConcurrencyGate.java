package io.attune.domain.admission;

import io.attune.domain.policy.Policy;
import java.util.Objects;

/** At most {@code limit} admitted, unfinished executions on a key; over it, wait (DELAY) or be canceled (CANCEL). */
public record ConcurrencyGate(PolicyKey key, int limit, Policy.ConcurrencyBehavior behavior) implements Gate {

    public ConcurrencyGate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(behavior, "behavior");
        if (limit < 1) {
            throw new IllegalArgumentException("concurrency limit must be at least 1, got " + limit);
        }
    }
}
