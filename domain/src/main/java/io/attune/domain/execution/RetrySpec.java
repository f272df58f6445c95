package io.attune.domain.execution;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When an ended execution is run again: it ended in one of {@code on} ({@code failed}, {@code timeout},
 * {@code abandoned}) and fewer than {@code count} retries of it were made; the next attempt waits {@code delay}, grown by
 * {@code backoff} (constant, linear: delay × n, exponential: delay × 2ⁿ⁻¹ for the n-th retry) and capped at
 * {@code maxDelay} when given.
 */
public record RetrySpec(Set<ExecutionStatus> on, int count, Duration delay, Backoff backoff, Optional<Duration> maxDelay) {

    /** The statuses a retry may follow: the ends that a later attempt may turn out differently. */
    public static final Set<ExecutionStatus> RETRYABLE =
            EnumSet.of(ExecutionStatus.FAILED, ExecutionStatus.TIMEOUT, ExecutionStatus.ABANDONED);

    public RetrySpec {
        Objects.requireNonNull(delay, "delay");
        on = on == null || on.isEmpty() ? EnumSet.of(ExecutionStatus.FAILED) : EnumSet.copyOf(on);
        if (!RETRYABLE.containsAll(on)) {
            throw new IllegalArgumentException("retry on failed, timeout or abandoned only, got " + on);
        }
        if (count < 1) {
            throw new IllegalArgumentException("retry count must be at least 1, got " + count);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("retry delay must not be negative, got " + delay);
        }
        backoff = backoff == null ? Backoff.CONSTANT : backoff;
        maxDelay = maxDelay == null ? Optional.empty() : maxDelay;
        maxDelay.filter(Duration::isNegative).ifPresent(m -> {
            throw new IllegalArgumentException("retry max_delay must not be negative, got " + m);
        });
    }

    /** How retry delays grow. */
    public enum Backoff {
        CONSTANT, LINEAR, EXPONENTIAL;

        public static Optional<Backoff> fromCode(String code) {
            if (code == null) {
                return Optional.of(CONSTANT);
            }
            return switch (code.toLowerCase(Locale.ROOT)) {
                case "constant" -> Optional.of(CONSTANT);
                case "linear" -> Optional.of(LINEAR);
                case "exponential" -> Optional.of(EXPONENTIAL);
                default -> Optional.empty();
            };
        }
    }

    /**
     * How long to wait before retrying {@code ended} (an execution at its {@code attempt}, 1 for the first), or empty
     * when it is not retried: it did not end in one of {@code on}, or its retries are used up.
     */
    public Optional<Duration> delayAfter(ExecutionStatus ended, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        if (!on.contains(ended) || attempt > count) {
            return Optional.empty();
        }
        return Optional.of(delayOfRetry(attempt));
    }

    /** The wait before the n-th retry (n from 1), grown by the backoff and capped. */
    Duration delayOfRetry(int n) {
        Duration grown = switch (backoff) {
            case CONSTANT -> delay;
            case LINEAR -> delay.multipliedBy(n);
            // 2^(n-1), the exponent bounded so that a long chain cannot overflow
            case EXPONENTIAL -> delay.multipliedBy(1L << Math.min(n - 1, 30));
        };
        return maxDelay.filter(max -> grown.compareTo(max) > 0).orElse(grown);
    }

    /** Status codes of {@code on}, for messages and storage. */
    public static Optional<ExecutionStatus> retryableFromCode(String code) {
        return ExecutionStatus.fromCode(code).filter(RETRYABLE::contains);
    }
}
