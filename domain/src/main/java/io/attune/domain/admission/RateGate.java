package io.attune.domain.admission;

import io.attune.domain.policy.Policy;
import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code max} admissions on a key within any {@code window}; over it, wait (DELAY) or be rejected (REJECT).
 * An admission at {@code t} counts at every instant before {@code t + window}.
 */
public record RateGate(PolicyKey key, int max, Duration window, Policy.RateBehavior behavior) implements Gate {

    public RateGate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(behavior, "behavior");
        if (max < 1) {
            throw new IllegalArgumentException("rate limit max must be at least 1, got " + max);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limit window must be positive, got " + window);
        }
    }
}
