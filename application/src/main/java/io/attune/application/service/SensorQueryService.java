package io.attune.application.service;

import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.SensorQueries;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.SensorRepository;
import io.attune.application.port.out.SensorStateRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.SensorError;
import io.attune.domain.sensor.SensorState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the sensors' recorded runtime state and errors. */
public final class SensorQueryService implements SensorQueries {

    private final SensorRepository sensors;
    private final SensorStateRepository states;
    private final TransactionRunner tx;

    public SensorQueryService(SensorRepository sensors, SensorStateRepository states, TransactionRunner tx) {
        this.sensors = sensors;
        this.states = states;
        this.tx = tx;
    }

    @Override
    public Optional<SensorState> state(Ref sensor) {
        return tx.readOnly(() -> states.find(sensor));
    }

    @Override
    public Map<Ref, SensorState> states() {
        Map<Ref, SensorState> byRef = new LinkedHashMap<>();
        tx.readOnly(states::list).forEach(s -> byRef.put(s.sensor(), s));
        return byRef;
    }

    @Override
    public List<SensorError> errors(Ref sensor, int limit) {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw UseCaseException.Invalid.of("limit", "limit must be between 1 and " + PageRequest.MAX_LIMIT
                    + ", got " + limit);
        }
        return tx.readOnly(() -> {
            if (sensors.find(sensor).isEmpty()) {
                throw new UseCaseException.NotFound("sensor", sensor.toString());
            }
            return states.errors(sensor, limit);
        });
    }
}
