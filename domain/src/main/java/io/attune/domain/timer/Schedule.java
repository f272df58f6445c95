package io.attune.domain.timer;

import java.time.Instant;
import java.util.Optional;

/** When a timer fires: its firing points, in order. Empty means it never fires again. */
public interface Schedule {

    /** The first firing point strictly after {@code now}, for a timer planned at {@code now}. */
    default Optional<Instant> first(Instant now) {
        return after(now, now);
    }

    /** The firing point that follows {@code point} (itself a firing point). */
    Optional<Instant> nextAfter(Instant point);

    /**
     * The first firing point strictly after {@code t}, counting from {@code anchor} (a firing point): what follows a
     * stretch of missed firings, without walking through them.
     */
    default Optional<Instant> after(Instant anchor, Instant t) {
        Optional<Instant> p = Optional.of(anchor);
        while (p.isPresent() && !p.get().isAfter(t)) {
            p = nextAfter(p.get());
        }
        return p;
    }
}
