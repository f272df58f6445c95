package io.attune.domain.sensor;

import io.attune.domain.common.Ref;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the supervisor knows of one sensor's process: its status, who runs it ({@code instance}, {@code pid}), since
 * when, how often it was restarted, how its last run ended, and how many events and malformed lines it wrote.
 */
public record SensorState(Ref sensor, SensorStatus status, Optional<String> instance, Optional<Long> pid,
                          Optional<Instant> startedAt, int restarts, Optional<Integer> lastExitCode,
                          Optional<String> lastError, long eventsEmitted, long errors, Instant updatedAt) {

    public SensorState {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
        instance = instance == null ? Optional.empty() : instance;
        pid = pid == null ? Optional.empty() : pid;
        startedAt = startedAt == null ? Optional.empty() : startedAt;
        lastExitCode = lastExitCode == null ? Optional.empty() : lastExitCode;
        lastError = lastError == null ? Optional.empty() : lastError;
        if (restarts < 0 || eventsEmitted < 0 || errors < 0) {
            throw new IllegalArgumentException("sensor counters must not be negative");
        }
    }

    /** A sensor no process has run yet. */
    public static SensorState initial(Ref sensor, SensorStatus status, Instant at) {
        return new SensorState(sensor, status, Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.empty(), Optional.empty(), 0, 0, at);
    }
}
