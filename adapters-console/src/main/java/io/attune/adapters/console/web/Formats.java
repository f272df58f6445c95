package io.attune.adapters.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How pages write values: times as {@code <time datetime>} in UTC (console.js shows them in the browser's zone,
 * with relative times), durations, and JSON values indented. The templates escape whatever these return.
 */
public final class Formats {

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Formats() {
    }

    /** ISO-8601 with milliseconds, as the API writes times. */
    public static String iso(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public static String readable(Instant at) {
        return READABLE.format(at);
    }

    /** {@code 1.2 s}, {@code 3 min 4 s}, {@code 2 h 5 min}. */
    public static String duration(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    /** A JSON value (plain Java maps, lists, strings, numbers, booleans) indented for reading. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
