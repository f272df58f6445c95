package io.attune.adapters.http.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.Sensor;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** A sensor as the API shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Sensor")
public record SensorJson(
        String ref,
        String pack,
        String name,
        String description,
        String runner,
        @JsonProperty("entry_point") String entryPoint,
        @Schema(description = "refs of the triggers the sensor emits") List<String> triggers,
        boolean enabled,
        Map<String, Object> config) {

    static SensorJson of(Sensor sensor) {
        return new SensorJson(sensor.ref().toString(), sensor.ref().pack(), sensor.ref().name(), sensor.description(),
                sensor.runner().code(), sensor.entryPoint(), sensor.triggers().stream().map(Ref::toString).toList(),
                sensor.enabled(), sensor.config());
    }
}
