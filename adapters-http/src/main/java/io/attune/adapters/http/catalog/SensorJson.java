package io.attune.adapters.http.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.sensor.SensorState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A sensor as the API shows it: its catalog data and the runtime state its supervisor last recorded. */
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
        Map<String, Object> config,
        @Schema(description = "running, backoff (crashed, restarting soon), failed (cannot start, retrying), stopped,"
                + " disabled; null until an instance with the sensor role has supervised it", nullable = true)
        String state,
        @Schema(description = "the instance that runs (or last ran) the process", nullable = true) String instance,
        @Schema(nullable = true) Long pid,
        @JsonProperty("started_at") @Schema(description = "when the running process started", nullable = true)
        String startedAt,
        @Schema(description = "how often the process was restarted") int restarts,
        @JsonProperty("last_exit_code") @Schema(nullable = true) Integer lastExitCode,
        @JsonProperty("last_error") @Schema(description = "why the last process ended or could not start",
                nullable = true) String lastError,
        @JsonProperty("events_emitted") long eventsEmitted,
        @Schema(description = "lines that did not become events; see /api/v1/sensors/{ref}/errors") long errors,
        @JsonProperty("state_updated_at") @Schema(nullable = true) String stateUpdatedAt) {

    static SensorJson of(Sensor sensor, Optional<SensorState> state) {
        return new SensorJson(sensor.ref().toString(), sensor.ref().pack(), sensor.ref().name(), sensor.description(),
                sensor.runner().code(), sensor.entryPoint(), sensor.triggers().stream().map(Ref::toString).toList(),
                sensor.enabled(), sensor.config(),
                state.map(s -> s.status().code()).orElse(null),
                state.flatMap(SensorState::instance).orElse(null),
                state.flatMap(SensorState::pid).orElse(null),
                state.flatMap(SensorState::startedAt).map(Times::iso).orElse(null),
                state.map(SensorState::restarts).orElse(0),
                state.flatMap(SensorState::lastExitCode).orElse(null),
                state.flatMap(SensorState::lastError).orElse(null),
                state.map(SensorState::eventsEmitted).orElse(0L),
                state.map(SensorState::errors).orElse(0L),
                state.map(SensorState::updatedAt).map(Times::iso).orElse(null));
    }
}
