package io.attune.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Retention: how old history may grow before it is deleted, and what the sweeps deleted. */
public interface Retention {

    /** The ages in effect. */
    Ages ages();

    /** The last sweep this instance ran, if any. */
    Optional<Sweep> lastSweep();

    /**
     * Deletes what is older than its age, in batches, when this instance leads retention; empty when another instance
     * leads it.
     */
    Optional<Sweep> sweep();

    /**
     * The age of each kind of history; empty means that kind is kept for ever. Events' age also covers enforcements;
     * executions' age also covers the outbox messages the broker never confirmed.
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
    record Sweep(Instant at, long events, long enforcements, long executions, long audit, long outbox) {
        public long total() {
            return events + enforcements + executions + audit + outbox;
        }
    }
}
