package io.attune.application.port.out;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.Sensor;
import java.util.Optional;

/** Stored sensors (written through PackRepository). */
public interface SensorRepository {

    Optional<Sensor> find(Ref ref);

    /** Sensors ordered by ref. */
    Page<Sensor> list(ComponentFilter filter, PageRequest page);
}
