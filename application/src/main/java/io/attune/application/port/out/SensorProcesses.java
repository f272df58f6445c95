package io.attune.application.port.out;

import io.attune.domain.sensor.Sensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs sensor processes: {@code bash}, {@code python3} or {@code node} with the sensor's entry point under the pack's
 * {@code sensors/} folder. The sensor's config reaches the process as one JSON line on stdin and as
 * {@code ATTUNE_SENSOR_CONFIG}, never on a command line. Every stdout line is handed to the listener, parsed.
 */
public interface SensorProcesses {

    /**
     * Starts the sensor's process and returns at once. Never throws for a failure of the sensor itself: a process that
     * cannot be started is {@link Start.Refused}. The listener is called on a thread of the process, one line at a
     * time, in the order the lines were written, also after the process ended until its stdout is drained.
     */
    Start start(Sensor sensor, Path packDirectory, LineListener listener);

    /** How a start went. */
    sealed interface Start {

        /** The process runs. */
        record Started(RunningSensor process) implements Start {
            public Started {
                Objects.requireNonNull(process, "process");
            }
        }

        /** It could not be started; {@code reason} names what is missing. */
        record Refused(String reason) implements Start {
        }
    }

    /** A started sensor process. */
    interface RunningSensor {

        long pid();

        /** True while the process itself has not exited. */
        boolean alive();

        /** The exit code once it exited. */
        Optional<Integer> exitCode();

        /** The last bytes (capped) the process wrote on stderr, for the error of a crash. */
        String stderrTail();

        /** Stops the whole process tree (SIGTERM, then SIGKILL after the grace period) and waits for it. Idempotent. */
        void stop();
    }

    /** Receives the process's stdout, one line at a time. */
    interface LineListener {
        void line(Line line);
    }

    /** One stdout line: a JSON object, or what is wrong with it. Blank lines are not reported. */
    sealed interface Line {

        /** The line was one JSON object, as plain Java values. */
        record JsonObject(String text, Map<String, Object> value) implements Line {
        }

        /** The line was not a JSON object (or too long); {@code text} is the line, perhaps cut. */
        record Malformed(String text, String reason) implements Line {
        }
    }
}
