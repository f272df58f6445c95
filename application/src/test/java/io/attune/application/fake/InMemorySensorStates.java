package io.attune.application.fake;

import io.attune.application.port.out.SensorStateRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.SensorError;
import io.attune.domain.sensor.SensorState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Sensor states and errors in memory; each call is atomic (not undone by a failing transaction of the fake). */
public final class InMemorySensorStates implements SensorStateRepository {

    private final TreeMap<String, SensorState> states = new TreeMap<>();
    /** Newest first, per sensor ref. */
    private final Map<String, LinkedList<SensorError>> errors = new HashMap<>();

    @Override
    public synchronized void save(SensorState state) {
        states.put(state.sensor().toString(), state);
    }

    @Override
    public synchronized Optional<SensorState> find(Ref sensor) {
        return Optional.ofNullable(states.get(sensor.toString()));
    }

    @Override
    public synchronized List<SensorState> list() {
        return List.copyOf(states.values());
    }

    @Override
    public synchronized void remove(Ref sensor) {
        states.remove(sensor.toString());
        errors.remove(sensor.toString());
    }

    @Override
    public synchronized void recordError(Ref sensor, SensorError error, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be positive, got " + keep);
        }
        LinkedList<SensorError> kept = errors.computeIfAbsent(sensor.toString(), s -> new LinkedList<>());
        kept.addFirst(error);
        while (kept.size() > keep) {
            kept.removeLast();
        }
    }

    @Override
    public synchronized List<SensorError> errors(Ref sensor, int limit) {
        List<SensorError> kept = new ArrayList<>(errors.getOrDefault(sensor.toString(), new LinkedList<>()));
        return List.copyOf(kept.subList(0, Math.min(limit, kept.size())));
    }

    public synchronized void clear() {
        states.clear();
        errors.clear();
    }
}
