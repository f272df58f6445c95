package io.attune.domain.sensor;

import java.time.Instant;
import java.util.Objects;

/** One line a sensor wrote that did not become an event, and why. */
public record SensorError(Instant occurredAt, String line, String reason) {

    /** Longest line kept, in characters: a runaway sensor must not fill the database. */
    public static final int MAX_LINE = 2000;

    public SensorError {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(reason, "reason");
        line = line == null ? "" : line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
    }
}
