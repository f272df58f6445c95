package io.attune.domain.sensor;

import java.time.Duration;

/**
 * How long a crashed sensor waits before its restart: 1 s after the first crash in a row, doubling per further crash
 * up to 60 s; a run that lasted at least a minute counts as stable, so its crash starts again at 1 s.
 *
 * @param crashes crashes in a row so far (0: none)
 */
public record RestartBackoff(int crashes) {

    public static final Duration FIRST = Duration.ofSeconds(1);
    public static final Duration CAP = Duration.ofSeconds(60);
    public static final Duration STABLE = Duration.ofMinutes(1);

    public RestartBackoff {
        if (crashes < 0) {
            throw new IllegalArgumentException("crashes must not be negative, got " + crashes);
        }
    }

    public static RestartBackoff none() {
        return new RestartBackoff(0);
    }

    /** After a run of {@code ranFor} ended: a stable run forgets the crashes before it. */
    public RestartBackoff afterCrash(Duration ranFor) {
        return new RestartBackoff(ranFor.compareTo(STABLE) >= 0 ? 1 : crashes + 1);
    }

    /** The wait before the next start: zero before any crash, then 1 s, 2 s, 4 s ... at most 60 s. */
    public Duration delay() {
        if (crashes == 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(crashes - 1, 6);
        Duration delay = FIRST.multipliedBy(1L << doublings);
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }
}
