package io.attune.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Work waiting for a stage: how many items (counted up to a cap, so that a huge backlog costs no more to measure than
 * the cap) and when the oldest of them was stored.
 *
 * @param count  the items waiting, at most the cap asked for
 * @param oldest when the oldest waiting item was stored; empty when none waits
 */
public record Backlog(long count, Optional<Instant> oldest) {

    public static final Backlog EMPTY = new Backlog(0, Optional.empty());

    public Backlog {
        if (count < 0) {
            throw new IllegalArgumentException("a backlog cannot be negative: " + count);
        }
        oldest = oldest == null ? Optional.empty() : oldest;
    }
}
