package io.attune.application.port.in;

import io.attune.domain.common.Ref;
import io.attune.domain.sensor.SensorError;
import io.attune.domain.sensor.SensorState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what the supervisor recorded about sensors, for the API. */
public interface SensorQueries {

    /** The recorded state of a sensor; empty when no supervisor has looked at it yet. */
    Optional<SensorState> state(Ref sensor);

    /** The recorded states, by sensor ref. */
    Map<Ref, SensorState> states();

    /** The sensor's recent malformed lines, newest first; NotFound for a sensor not in the catalog. */
    List<SensorError> errors(Ref sensor, int limit);
}
