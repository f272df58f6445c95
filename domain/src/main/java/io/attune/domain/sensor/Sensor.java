package io.attune.domain.sensor;

import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Json;
import io.attune.domain.common.Ref;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A long-running process of a pack that watches something and emits events of its triggers. */
public record Sensor(Ref ref, String description, RunnerType runner, String entryPoint, List<Ref> triggers,
                     Map<String, Object> config, boolean enabled) {

    public Sensor {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(runner, "runner");
        if (!runner.canRunSensor()) {
            throw new IllegalArgumentException("runner '" + runner.code() + "' cannot run a sensor: use shell, python or node");
        }
        if (entryPoint == null || entryPoint.isBlank()) {
            throw new IllegalArgumentException("a sensor needs an entry_point");
        }
        if (entryPoint.contains("..") || entryPoint.startsWith("/")) {
            throw new IllegalArgumentException("entry_point '" + entryPoint + "' must be a relative path inside the pack's sensors folder");
        }
        description = description == null ? "" : description;
        triggers = List.copyOf(triggers == null ? List.of() : triggers);
        config = Json.copyObject(config);
    }
}
