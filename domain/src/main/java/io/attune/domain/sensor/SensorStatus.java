package io.attune.domain.sensor;

import java.util.Arrays;
import java.util.Locale;

/** Where a sensor's process stands, as the supervisor last saw it. */
public enum SensorStatus {
    /** Its process runs. */
    RUNNING,
    /** Its process ended; it is restarted once the backoff delay has passed. */
    BACKOFF,
    /** Its process could not be started (missing interpreter or entry point); retried after the backoff delay. */
    FAILED,
    /** Not supervised now: the supervisor stopped it (shutdown, lost lead). */
    STOPPED,
    /** Disabled in its pack: never started. */
    DISABLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SensorStatus ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sensor status '" + code + "'"));
    }
}
