package io.attune.domain.timer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a due timer does at a tick: which firing points it fires now, and its next planned point. Firing points late by
 * more than the grace window are skipped, never replayed. Right after this instance started or took the lead
 * ({@code catchUp} false) at most one firing is made, the latest due one; while it keeps the lead, every point that
 * fell due since the previous tick fires, so a tick that comes a little late loses nothing.
 */
public final class Firings {

    private Firings() {
    }

    /** The points to fire now (oldest first) and the next planned one (empty: the timer is done). */
    public record Advance(List<Instant> fire, Optional<Instant> next) {
        public Advance {
            fire = List.copyOf(fire);
            Objects.requireNonNull(next, "next");
        }
    }

    /** {@code planned} is the timer's next planned point; nothing is due (empty fire list) while it is after now. */
    public static Advance advance(Schedule schedule, Instant planned, Instant now, Duration grace, boolean catchUp) {
        if (planned.isAfter(now)) {
            return new Advance(List.of(), Optional.of(planned));
        }
        Instant oldestAllowed = now.minus(grace);
        Optional<Instant> p = planned.isBefore(oldestAllowed)
                ? schedule.after(planned, oldestAllowed.minusNanos(1))
                : Optional.of(planned);
        List<Instant> due = new ArrayList<>();
        while (p.isPresent() && !p.get().isAfter(now)) {
            due.add(p.get());
            p = schedule.nextAfter(p.get());
        }
        if (!catchUp && due.size() > 1) {
            due = List.of(due.get(due.size() - 1));
        }
        return new Advance(due, p);
    }
}
