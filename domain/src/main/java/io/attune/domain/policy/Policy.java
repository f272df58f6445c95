package io.attune.domain.policy;

import io.attune.domain.common.Ref;
import io.attune.domain.execution.RetrySpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Guards executions: a concurrency limit with FIFO queueing, a rate limit and/or a retry, for an action, a pack or
 * everything. A policy's retry applies to the actions it covers that declare none of their own.
 */
public record Policy(Ref ref, String description, Target target, Optional<Concurrency> concurrency,
                     Optional<RateLimit> rateLimit, boolean enabled, Optional<RetrySpec> retry) {

    public Policy {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(target, "target");
        description = description == null ? "" : description;
        concurrency = concurrency == null ? Optional.empty() : concurrency;
        rateLimit = rateLimit == null ? Optional.empty() : rateLimit;
        retry = retry == null ? Optional.empty() : retry;
        if (concurrency.isEmpty() && rateLimit.isEmpty() && retry.isEmpty()) {
            throw new IllegalArgumentException("a policy needs a concurrency, a rate_limit or a retry");
        }
    }

    /** A policy that retries nothing. */
    public Policy(Ref ref, String description, Target target, Optional<Concurrency> concurrency,
                  Optional<RateLimit> rateLimit, boolean enabled) {
        this(ref, description, target, concurrency, rateLimit, enabled, Optional.empty());
    }

    /** What a policy applies to. */
    public sealed interface Target permits ActionTarget, PackTarget, GlobalTarget {
        /** Whether the policy applies to executions of this action. */
        boolean appliesTo(Ref action);
    }

    /** One action. */
    public record ActionTarget(Ref action) implements Target {
        public ActionTarget {
            Objects.requireNonNull(action, "action");
        }

        @Override
        public boolean appliesTo(Ref a) {
            return action.equals(a);
        }
    }

    /** Every action of a pack. */
    public record PackTarget(String pack) implements Target {
        public PackTarget {
            Ref.requirePackName(pack);
        }

        @Override
        public boolean appliesTo(Ref a) {
            return a.pack().equals(pack);
        }
    }

    /** Every action. */
    public record GlobalTarget() implements Target {
        @Override
        public boolean appliesTo(Ref a) {
            return true;
        }
    }

    /**
     * At most {@code limit} executions at once per combination of {@code attributes} values. Those over it wait (DELAY)
     * in a queue of at most {@code maxQueue} executions per key (a request that finds it full is refused as
     * {@code overflow} says), each for at most {@code queueTimeout} when given.
     */
    public record Concurrency(int limit, ConcurrencyBehavior behavior, List<String> attributes, int maxQueue,
                              Optional<Duration> queueTimeout, Overflow overflow) {

        /** The longest queue per key when a policy names none (as the seeds say: bounded memory, bounded waits). */
        public static final int DEFAULT_MAX_QUEUE = 10_000;

        public Concurrency {
            if (limit < 1) {
                throw new IllegalArgumentException("concurrency limit must be at least 1, got " + limit);
            }
            if (maxQueue < 1) {
                throw new IllegalArgumentException("max_queue must be at least 1, got " + maxQueue);
            }
            queueTimeout = queueTimeout == null ? Optional.empty() : queueTimeout;
            queueTimeout.filter(t -> t.isNegative() || t.isZero()).ifPresent(t -> {
                throw new IllegalArgumentException("queue_timeout must be positive, got " + t);
            });
            behavior = behavior == null ? ConcurrencyBehavior.DELAY : behavior;
            attributes = List.copyOf(attributes == null ? List.of() : attributes);
            overflow = overflow == null ? Overflow.CANCEL : overflow;
        }

        /** Unbounded waits, the default queue length, overflow canceled. */
        public Concurrency(int limit, ConcurrencyBehavior behavior, List<String> attributes) {
            this(limit, behavior, attributes, DEFAULT_MAX_QUEUE, Optional.empty(), Overflow.CANCEL);
        }
    }

    /** What happens to a request that finds its policy queue full (max_queue executions already wait). */
    public enum Overflow {
        /** The execution is stored and ends canceled, with the reason. */
        CANCEL,
        /** A request from the API is refused (429, nothing stored); any other request is canceled as with CANCEL. */
        REJECT;

        public static Optional<Overflow> fromCode(String code) {
            if (code == null) {
                return Optional.of(CANCEL);
            }
            return switch (code.toLowerCase(Locale.ROOT)) {
                case "cancel" -> Optional.of(CANCEL);
                case "reject" -> Optional.of(REJECT);
                default -> Optional.empty();
            };
        }
    }

    /** What happens to an execution over the concurrency limit. */
    public enum ConcurrencyBehavior {
        /** Waits in a FIFO queue. */
        DELAY,
        /** Is canceled at once. */
        CANCEL;

        public static Optional<ConcurrencyBehavior> fromCode(String code) {
            if (code == null) {
                return Optional.of(DELAY);
            }
            return switch (code.toLowerCase(Locale.ROOT)) {
                case "delay" -> Optional.of(DELAY);
                case "cancel" -> Optional.of(CANCEL);
                default -> Optional.empty();
            };
        }
    }

    /** At most {@code max} executions admitted per {@code windowSeconds}. */
    public record RateLimit(int max, int windowSeconds, RateBehavior behavior) {
        public RateLimit {
            if (max < 1) {
                throw new IllegalArgumentException("rate_limit max must be at least 1, got " + max);
            }
            if (windowSeconds < 1) {
                throw new IllegalArgumentException("rate_limit window_seconds must be at least 1, got " + windowSeconds);
            }
            behavior = behavior == null ? RateBehavior.DELAY : behavior;
        }
    }

    /** What happens to an execution over the rate limit. */
    public enum RateBehavior {
        DELAY, REJECT;

        public static Optional<RateBehavior> fromCode(String code) {
            if (code == null) {
                return Optional.of(DELAY);
            }
            return switch (code.toLowerCase(Locale.ROOT)) {
                case "delay" -> Optional.of(DELAY);
                case "reject" -> Optional.of(REJECT);
                default -> Optional.empty();
            };
        }
    }
}
