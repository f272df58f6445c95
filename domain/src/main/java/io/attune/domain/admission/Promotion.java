package io.attune.domain.admission;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The outcome of a release, a withdrawal or a tick: who got in, or which further keys are needed to decide. */
public sealed interface Promotion permits Promotion.Promoted, Promotion.NeedsKeys {

    /**
     * Complete: {@code admitted} got in, in this order, and no head reachable from the change can move any more.
     * {@code states} is the new state of every key of the snapshot. {@code retryAt} is the earliest instant at which
     * a head that only full rate windows hold back (as far as the snapshot shows) may get in: tick then.
     */
    record Promoted(List<Long> admitted, Map<PolicyKey, KeyState> states, Optional<Instant> retryAt)
            implements Promotion {
        public Promoted {
            admitted = List.copyOf(admitted);
            states = Map.copyOf(states);
            Objects.requireNonNull(retryAt, "retryAt");
        }
    }

    /**
     * Undecided: a waiting execution that may now get in also waits on these keys, absent from the snapshot. Call
     * again with a snapshot that holds them too; nothing was decided, so discard nothing but this answer. The keys
     * needed only grow, so retrying ends.
     */
    record NeedsKeys(Set<PolicyKey> keys) implements Promotion {
        public NeedsKeys {
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("NeedsKeys names at least one key");
            }
            keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
        }
    }
}
