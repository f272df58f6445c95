package io.attune.application.fake;

import io.attune.application.port.out.TimerStateRepository;
import io.attune.domain.common.Ref;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Timer states in memory, for application tests; held to the same contract as PostgreSQL. */
public final class InMemoryTimerStates implements TimerStateRepository {

    private final TreeMap<String, TimerState> rows = new TreeMap<>();

    @Override
    public synchronized List<TimerState> list() {
        return List.copyOf(rows.values());
    }

    @Override
    public synchronized boolean plan(TimerState state) {
        TimerState stored = rows.get(state.rule().toString());
        if (stored != null && stored.fingerprint().equals(state.fingerprint())) {
            return false;
        }
        rows.put(state.rule().toString(), state);
        return true;
    }

    @Override
    public synchronized boolean advance(Ref rule, String fingerprint, Optional<Instant> expected, Optional<Instant> next,
                                        Optional<Instant> firedAt) {
        TimerState stored = rows.get(rule.toString());
        if (stored == null || !stored.fingerprint().equals(fingerprint) || !stored.nextFireAt().equals(expected)) {
            return false;
        }
        rows.put(rule.toString(), new TimerState(rule, fingerprint, next, firedAt.or(stored::lastFiredAt)));
        return true;
    }

    @Override
    public synchronized boolean delete(Ref rule) {
        return rows.remove(rule.toString()) != null;
    }

    public synchronized void clear() {
        rows.clear();
    }
}
