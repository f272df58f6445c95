package io.attune.adapters.http.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.domain.sensor.SensorError;
import io.swagger.v3.oas.annotations.media.Schema;

/** A line a sensor wrote that did not become an event, as the API shows it. */
@Schema(name = "SensorError")
public record SensorErrorJson(@JsonProperty("occurred_at") String occurredAt,
                              @Schema(description = "the line, cut at 2000 characters") String line,
                              String reason) {

    static SensorErrorJson of(SensorError error) {
        return new SensorErrorJson(Times.iso(error.occurredAt()), error.line(), error.reason());
    }
}
