package io.attune.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Retention: how old history may grow before it is deleted, and what the sweeps deleted. */
public interface Retention {

    /** The ages in effect: those last set through {@link #update} (stored, so every instance uses them), else the configured ones. */
    Ages ages();

    /** Who set the ages in effect through {@link #update}, and when; empty when they come from configuration. */
    Optional<Change> lastChange();

    /**
     * Sets the ages named in {@code ages} ({@code events}, {@code executions}, {@code audit}; each {@code 30d},
     * {@code 12h}, ISO-8601 or {@code 0}/{@code off}); the others keep the value in effect. Stored, and used by every
     * instance from its next sweep, over the configuration.
     *
     * @throws UseCaseException.Invalid naming each field that is unknown, unreadable or under one hour; nothing is stored
     */
    Ages update(Map<String, String> ages, String actor);

    /** A change of the ages through the API. */
    record Change(Instant at, String by) {
    }

    /** The last sweep this instance ran, if any. */
    Optional<Sweep> lastSweep();

    /**
     * Deletes what is older than its age, in batches, when this instance leads retention; empty when another instance
     * leads it.
     */
    Optional<Sweep> sweep();

    /**
     * The age of each kind of history; empty means that kind is kept for ever. Events' age also covers enforcements;
     * executions' age also covers the outbox messages the broker never confirmed and the dead letters.
     */
    record Ages(Optional<Duration> events, Optional<Duration> executions, Optional<Duration> audit) {
        /** The shortest age accepted: shorter would delete history an operator still looks at. */
        public static final Duration MINIMUM = Duration.ofHours(1);

        public Ages {
            check("events", events);
            check("executions", executions);
            check("audit", audit);
        }

        private static void check(String kind, Optional<Duration> age) {
            if (age.isPresent() && age.get().compareTo(MINIMUM) < 0) {
                throw new IllegalArgumentException("the retention age of " + kind + " must be at least one hour (or 0/off"
                        + " to keep it for ever), not " + age.get());
            }
        }
    }

    /** One sweep: when it started and how many rows of each kind it deleted. */
    record Sweep(Instant at, long events, long enforcements, long executions, long audit, long outbox,
                 long deadLetters) {
        public long total() {
            return events + enforcements + executions + audit + outbox + deadLetters;
        }
    }
}
