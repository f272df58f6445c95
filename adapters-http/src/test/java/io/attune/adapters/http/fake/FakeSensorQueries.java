package io.attune.adapters.http.fake;

import io.attune.application.port.in.SensorQueries;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.SensorError;
import io.attune.domain.sensor.SensorState;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sensor states and errors the controller tests set; only sensors of the fake catalog have errors. */
@Singleton
public final class FakeSensorQueries implements SensorQueries {

    private final Map<Ref, SensorState> states = new ConcurrentHashMap<>();
    private final Map<Ref, List<SensorError>> errors = new ConcurrentHashMap<>();
    private final FakeCatalog catalog;

    FakeSensorQueries(FakeCatalog catalog) {
        this.catalog = catalog;
    }

    public void reset() {
        states.clear();
        errors.clear();
    }

    public void put(SensorState state) {
        states.put(state.sensor(), state);
    }

    /** Adds an error; the newest first, as the port promises. */
    public void error(Ref sensor, SensorError error) {
        errors.computeIfAbsent(sensor, s -> new ArrayList<>()).addFirst(error);
    }

    @Override
    public Optional<SensorState> state(Ref sensor) {
        return Optional.ofNullable(states.get(sensor));
    }

    @Override
    public Map<Ref, SensorState> states() {
        return Map.copyOf(states);
    }

    @Override
    public List<SensorError> errors(Ref sensor, int limit) {
        catalog.sensor(sensor);
        List<SensorError> kept = errors.getOrDefault(sensor, List.of());
        return List.copyOf(kept.subList(0, Math.min(limit, kept.size())));
    }
}
