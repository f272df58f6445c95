package io.attune.domain.admission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The admission state of one key: {@code active} executions holding a concurrency slot, the executions waiting in
 * FIFO order, and the times of recent admissions (entries older than a rate window may linger and are ignored).
 * {@code waiting} is how many wait in all: an adapter may load only the first ones of a long queue into {@code queue}.
 */
public record KeyState(PolicyKey key, int active, List<Long> queue, List<Instant> admissions, int waiting) {

    public KeyState {
        Objects.requireNonNull(key, "key");
        if (active < 0) {
            throw new IllegalArgumentException("active must not be negative, got " + active + " on " + key);
        }
        queue = List.copyOf(queue);
        admissions = List.copyOf(admissions);
        if (new HashSet<>(queue).size() != queue.size()) {
            throw new IllegalArgumentException("an execution waits twice in the queue of " + key + ": " + queue);
        }
        if (waiting < queue.size()) {
            throw new IllegalArgumentException(waiting + " waiting on " + key + " but " + queue.size() + " in its queue");
        }
    }

    /** A key whose queue is loaded whole. */
    public KeyState(PolicyKey key, int active, List<Long> queue, List<Instant> admissions) {
        this(key, active, queue, admissions, queue.size());
    }

    /** A key nobody has used yet: what an adapter supplies for a key that has no row. */
    public static KeyState empty(PolicyKey key) {
        return new KeyState(key, 0, List.of(), List.of());
    }

    /** The execution first in line, if any. */
    public Optional<Long> head() {
        return queue.isEmpty() ? Optional.empty() : Optional.of(queue.getFirst());
    }

    /** How many admissions count against a rate limit of this window at {@code now}. */
    public int admissionsWithin(Duration window, Instant now) {
        return (int) admissions.stream().filter(t -> counts(t, window, now)).count();
    }

    KeyState withActive(int newActive) {
        return new KeyState(key, newActive, queue, admissions, waiting);
    }

    KeyState enqueue(long execution) {
        List<Long> longer = new ArrayList<>(queue);
        longer.add(execution);
        return new KeyState(key, active, longer, admissions, waiting + 1);
    }

    KeyState without(long execution) {
        List<Long> shorter = new ArrayList<>(queue);
        boolean removed = shorter.remove(Long.valueOf(execution));
        return new KeyState(key, active, shorter, admissions, removed ? waiting - 1 : waiting);
    }

    /** Records an admission at {@code now}, dropping the ones that no longer count so the list stays short. */
    KeyState admittedAt(Instant now, Duration window) {
        List<Instant> recent = new ArrayList<>(admissions.stream().filter(t -> counts(t, window, now)).toList());
        recent.add(now);
        return new KeyState(key, active, queue, recent, waiting);
    }

    /** When the admissions in the window drop below {@code max}; {@code now} if they already are. */
    Instant roomAt(int max, Duration window, Instant now) {
        List<Instant> counting = admissions.stream().filter(t -> counts(t, window, now)).sorted().toList();
        if (counting.size() < max) {
            return now;
        }
        return counting.get(counting.size() - max).plus(window);
    }

    private static boolean counts(Instant admission, Duration window, Instant now) {
        return now.isBefore(admission.plus(window));
    }
}
