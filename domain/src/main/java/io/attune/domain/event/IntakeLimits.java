package io.attune.domain.event;

import java.time.Duration;
import java.util.Optional;

/**
 * How much accepted but not yet started work intake tolerates before it refuses more (backpressure): intake answers
 * 202 before the work runs, so without a bound a burst grows a backlog that takes minutes to drain while every sender
 * is told "accepted". Past either bound a request is refused with a time to retry after instead.
 *
 * @param maxBacklog items waiting (events for the rules, executions for a worker) past which intake refuses; 0 = no
 *                   bound on the count
 * @param maxAge     the age of the oldest waiting event past which intake refuses; empty = no bound on the age
 */
public record IntakeLimits(long maxBacklog, Optional<Duration> maxAge) {

    /** The shortest wait a refusal asks for. */
    public static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);
    /** The longest wait a refusal asks for: a sender should look again within a minute however large the backlog. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    /** The wait asked for when the backlog is not draining (or how fast is unknown). */
    public static final Duration STALLED_RETRY_AFTER = Duration.ofSeconds(10);

    public IntakeLimits {
        if (maxBacklog < 0) {
            throw new IllegalArgumentException("the intake backlog bound cannot be negative: " + maxBacklog);
        }
        maxAge = maxAge == null ? Optional.empty() : maxAge;
        if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
            throw new IllegalArgumentException("the intake age bound must be positive: " + maxAge.get());
        }
    }

    /** What intake answers for one backlog. */
    public sealed interface Verdict {
        /** Take the work. */
        record Accept() implements Verdict {
        }

        /** Refuse it: {@code reason} says which bound was passed, {@code retryAfter} when to try again. */
        record Refuse(String reason, Duration retryAfter) implements Verdict {
        }
    }

    /**
     * Judges a backlog.
     *
     * @param waiting        the items waiting
     * @param oldestAge      how long the oldest has waited (empty when none waits or the age is not bounded)
     * @param drainPerSecond how fast the backlog shrank lately (items per second, 0 or less when it did not)
     */
    public Verdict judge(long waiting, Optional<Duration> oldestAge, double drainPerSecond) {
        if (maxBacklog > 0 && waiting >= maxBacklog) {
            return new Verdict.Refuse(waiting + " items are waiting to start (the bound is " + maxBacklog + ")",
                    retryAfter(waiting - maxBacklog + 1, drainPerSecond));
        }
        if (maxAge.isPresent() && oldestAge.isPresent() && oldestAge.get().compareTo(maxAge.get()) > 0) {
            return new Verdict.Refuse("the oldest waiting event was accepted " + oldestAge.get().toSeconds()
                    + " s ago (the bound is " + maxAge.get().toSeconds() + " s)", retryAfter(waiting, drainPerSecond));
        }
        return new Verdict.Accept();
    }

    /** The time the backlog needs to drain {@code excess} items at its recent pace, within the bounds above. */
    static Duration retryAfter(long excess, double drainPerSecond) {
        if (drainPerSecond <= 0 || Double.isNaN(drainPerSecond)) {
            return STALLED_RETRY_AFTER;
        }
        double seconds = Math.ceil(excess / drainPerSecond);
        if (seconds >= MAX_RETRY_AFTER.toSeconds()) {
            return MAX_RETRY_AFTER;
        }
        return Duration.ofSeconds(Math.max(MIN_RETRY_AFTER.toSeconds(), (long) seconds));
    }
}
