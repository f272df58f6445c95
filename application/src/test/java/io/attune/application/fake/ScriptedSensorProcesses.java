package io.attune.application.fake;

import io.attune.application.port.out.SensorProcesses;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.Sensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sensor processes that only pretend: a test makes a started one write lines, crash or refuse to start, and sees which
 * were started and stopped.
 */
public final class ScriptedSensorProcesses implements SensorProcesses {

    private final List<Process> started = new ArrayList<>();
    private final Set<Ref> refusing = new HashSet<>();
    private long nextPid = 1000;

    /** One pretend process. */
    public final class Process implements RunningSensor {
        private final Sensor sensor;
        private final Path directory;
        private final LineListener listener;
        private final long pid = nextPid++;
        private Optional<Integer> exitCode = Optional.empty();
        private boolean stopped;
        private String stderr = "";

        private Process(Sensor sensor, Path directory, LineListener listener) {
            this.sensor = sensor;
            this.directory = directory;
            this.listener = listener;
        }

        public Sensor sensor() {
            return sensor;
        }

        public Path directory() {
            return directory;
        }

        public boolean stopped() {
            return stopped;
        }

        /** The process writes a JSON object line. */
        public void writes(Map<String, Object> object) {
            listener.line(new Line.JsonObject(object.toString(), object));
        }

        /** The process writes a line that is not a JSON object. */
        public void writesGarbage(String text) {
            listener.line(new Line.Malformed(text, "not JSON"));
        }

        /** The process exits on its own. */
        public void crashes(int code, String stderr) {
            this.exitCode = Optional.of(code);
            this.stderr = stderr;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public synchronized boolean alive() {
            return exitCode.isEmpty() && !stopped;
        }

        @Override
        public Optional<Integer> exitCode() {
            return exitCode;
        }

        @Override
        public String stderrTail() {
            return stderr;
        }

        @Override
        public synchronized void stop() {
            stopped = true;
        }
    }

    @Override
    public synchronized Start start(Sensor sensor, Path packDirectory, LineListener listener) {
        if (refusing.contains(sensor.ref())) {
            return new Start.Refused("python3 was not found on PATH");
        }
        Process process = new Process(sensor, packDirectory, listener);
        started.add(process);
        return new Start.Started(process);
    }

    /** Starts of this sensor are refused (or allowed again). */
    public synchronized void refuse(Ref sensor, boolean refuse) {
        if (refuse) {
            refusing.add(sensor);
        } else {
            refusing.remove(sensor);
        }
    }

    /** Every process started, oldest first. */
    public synchronized List<Process> started() {
        return List.copyOf(started);
    }

    /** The processes of the sensor started so far, oldest first. */
    public synchronized List<Process> of(Ref sensor) {
        return started.stream().filter(p -> p.sensor.ref().equals(sensor)).toList();
    }

    /** The sensor's newest process. */
    public synchronized Process last(Ref sensor) {
        List<Process> all = of(sensor);
        if (all.isEmpty()) {
            throw new AssertionError("sensor " + sensor + " was never started");
        }
        return all.getLast();
    }
}
