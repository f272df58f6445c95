package io.attune.application.service;

import io.attune.application.port.out.IdentityChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the caller checks of every request read (a user's role, an API key), kept in memory between changes. It is
 * used only while {@link IdentityChanges} is live; every change it hears, every change this instance makes, and the
 * feed's loss or return start a new generation, and an entry answers only in the generation it was read in: a read
 * that raced a change is never kept. Entries also expire after {@link #MAX_AGE}, and only lookups that found
 * something are kept, so a new user or key needs no invalidation to be seen.
 */
final class IdentityCache<K, V> {

    /** The longest an entry answers, whatever is heard: a bound on a change the feed lost without noticing. */
    static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(long generation, Instant readAt, V value) {
    }

    private final IdentityChanges changes;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    IdentityCache(IdentityChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
        changes.subscribe(this::invalidate);
    }

    /** The kept value of {@code key}, or what {@code read} finds now (kept when present and the feed is live). */
    Optional<V> get(K key, Supplier<Optional<V>> read) {
        if (!changes.live()) {
            return read.get();
        }
        long current = generation.get();
        Instant now = clock.instant();
        Entry<V> kept = entries.get(key);
        if (kept != null && kept.generation() == current && kept.readAt().plus(MAX_AGE).isAfter(now)) {
            return Optional.of(kept.value());
        }
        Optional<V> found = read.get(); // read after the generation: a change heard meanwhile makes this entry stale
        if (found.isPresent()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry<>(current, now, found.get()));
        }
        return found;
    }

    /** Forgets everything kept: a change was heard or made here. */
    void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }
}
