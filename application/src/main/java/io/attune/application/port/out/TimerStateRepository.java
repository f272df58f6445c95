package io.attune.application.port.out;

import io.attune.domain.common.Ref;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The firing state of each rule's timer: which timer spec it was planned for (its fingerprint), when it fires next
 * (empty: never again, e.g. a date timer that fired), when it last fired. Advancing is a compare-and-set, so a firing
 * is claimed once even if two instances ever both act as the timers' leader.
 */
public interface TimerStateRepository {

    /** One rule's timer state. */
    record TimerState(Ref rule, String fingerprint, Optional<Instant> nextFireAt, Optional<Instant> lastFiredAt) {
        public TimerState {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(fingerprint, "fingerprint");
            nextFireAt = nextFireAt == null ? Optional.empty() : nextFireAt;
            lastFiredAt = lastFiredAt == null ? Optional.empty() : lastFiredAt;
        }
    }

    /** Every state, ordered by rule. */
    List<TimerState> list();

    /**
     * Stores a freshly planned state: inserted when the rule has none, replacing the stored one when its fingerprint
     * differs (the timer changed). Returns false, writing nothing, when a state with the same fingerprint is stored.
     */
    boolean plan(TimerState state);

    /**
     * Moves the rule's next firing from {@code expected} to {@code next} (and sets the last firing when
     * {@code firedAt} is given) only if the stored state still has this fingerprint and next firing; returns whether
     * it did. Exactly one of two concurrent calls with the same expectation succeeds.
     */
    boolean advance(Ref rule, String fingerprint, Optional<Instant> expected, Optional<Instant> next,
                    Optional<Instant> firedAt);

    /** Forgets the rule's state; false if it had none. */
    boolean delete(Ref rule);
}
