package io.attune.domain.admission;

import io.attune.domain.policy.Policy;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a request for admission comes to: run now, wait in line, or be turned away by a full gate. */
public sealed interface AdmissionDecision permits AdmissionDecision.Admitted, AdmissionDecision.Queued,
        AdmissionDecision.Canceled, AdmissionDecision.Rejected, AdmissionDecision.Overflowed {

    /** Every gate had room and nobody was waiting: the execution holds its slots until it is released. */
    record Admitted() implements AdmissionDecision {
    }

    /**
     * The execution waits at the end of the queue of every one of its keys. {@code retryAt} is set when nothing but
     * full rate windows holds it back (no queue ahead, every concurrency gate has room): the instant they all have
     * room again, when the caller should {@link Admission#tick tick}.
     */
    record Queued(Optional<Instant> retryAt) implements AdmissionDecision {
        public Queued {
            Objects.requireNonNull(retryAt, "retryAt");
        }
    }

    /** A concurrency gate with behavior CANCEL was full: the execution is canceled and holds nothing. */
    record Canceled(PolicyKey key, String reason) implements AdmissionDecision {
        public Canceled {
            Objects.requireNonNull(key, "key");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a cancellation says why");
            }
        }
    }

    /** A rate gate with behavior REJECT was full: the execution is rejected and holds nothing. */
    record Rejected(PolicyKey key, String reason) implements AdmissionDecision {
        public Rejected {
            Objects.requireNonNull(key, "key");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a rejection says why");
            }
        }
    }

    /**
     * The request would have waited, but the queue of {@code key} already holds its gate's {@code max_queue}
     * executions: it holds nothing, and is canceled or (from the API, {@code overflow} REJECT) refused unstored.
     */
    record Overflowed(PolicyKey key, String reason, Policy.Overflow overflow) implements AdmissionDecision {
        public Overflowed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(overflow, "overflow");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("an overflow says why");
            }
        }
    }
}
