package io.attune.application.port.out;

import io.attune.domain.common.Ref;
import io.attune.domain.sensor.SensorError;
import io.attune.domain.sensor.SensorState;
import java.util.List;
import java.util.Optional;

/** The runtime state of sensors, by sensor ref, and the recent lines of each that did not become events. */
public interface SensorStateRepository {

    /** Writes the state of {@code state.sensor()}, replacing the one before. */
    void save(SensorState state);

    Optional<SensorState> find(Ref sensor);

    /** Every stored state, ordered by sensor ref. */
    List<SensorState> list();

    /** Forgets the state and the errors of a sensor; nothing happens for an unknown one. */
    void remove(Ref sensor);

    /** Adds an error of the sensor and keeps only its newest {@code keep} errors (at least one). */
    void recordError(Ref sensor, SensorError error, int keep);

    /** The sensor's kept errors, newest first, at most {@code limit}. */
    List<SensorError> errors(Ref sensor, int limit);
}
