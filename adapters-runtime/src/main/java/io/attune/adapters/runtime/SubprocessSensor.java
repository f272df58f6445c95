package io.attune.adapters.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.application.port.out.SensorProcesses.Line;
import io.attune.application.port.out.SensorProcesses.LineListener;
import io.attune.application.port.out.SensorProcesses.RunningSensor;
import io.attune.domain.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running sensor process: its stdout is read line by line on a thread of its own and each line handed to the
 * listener, parsed; the tail of its stderr is kept for the error of a crash; stop() kills the whole process tree, and
 * its end, however it comes, kills what is left in the supervisor's process group.
 */
final class SubprocessSensor implements RunningSensor {

    private static final Logger LOG = LoggerFactory.getLogger(SubprocessSensor.class);
    private static final int STDERR_TAIL_BYTES = 4096;
    private static final int SHOWN_LINE_CHARS = 2000;

    private final Process process;
    private final String name;
    private final LineListener listener;
    private final ObjectMapper json;
    private final int maxLineBytes;
    private final Duration grace;
    private final byte[] tail = new byte[STDERR_TAIL_BYTES];
    private int tailStart;
    private int tailSize;
    private boolean stopped;

    private SubprocessSensor(Process process, String name, LineListener listener, ObjectMapper json, int maxLineBytes,
                             Duration grace) {
        this.process = process;
        this.name = name;
        this.listener = listener;
        this.json = json;
        this.maxLineBytes = maxLineBytes;
        this.grace = grace;
    }

    /** Writes {@code config} as the first line of stdin (keeping stdin open) and starts reading stdout and stderr. */
    static SubprocessSensor watch(Process process, String name, String config, LineListener listener,
                                  ObjectMapper json, int maxLineBytes, Duration grace) {
        SubprocessSensor sensor = new SubprocessSensor(process, name, listener, json, maxLineBytes, grace);
        // platform threads: a blocking pipe read would pin a virtual thread's carrier for the sensor's whole life
        Thread.ofPlatform().daemon().name("attune-sensor-" + name + "-stdin").start(() -> {
            try {
                OutputStream in = process.getOutputStream();
                in.write((config + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                // the sensor exited or closed stdin without reading its config: its own business
            }
        });
        Thread.ofPlatform().daemon().name("attune-sensor-" + name + "-stdout").start(sensor::readLines);
        Thread.ofPlatform().daemon().name("attune-sensor-" + name + "-stderr").start(sensor::readStderr);
        // a sensor that exits on its own takes with it what it left in the background, as an action does
        process.onExit().thenRun(() -> Thread.ofVirtual().name("attune-sensor-" + name + "-end").start(() -> {
            try {
                ProcessTree.killGroup(process.pid());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        return sensor;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    @Override
    public synchronized String stderrTail() {
        byte[] copy = new byte[tailSize];
        for (int i = 0; i < tailSize; i++) {
            copy[i] = tail[(tailStart + i) % tail.length];
        }
        int from = 0;
        // a cut through a UTF-8 sequence: start at the next character
        while (from < copy.length && (copy[from] & 0xC0) == 0x80) {
            from++;
        }
        return new String(copy, from, copy.length - from, StandardCharsets.UTF_8);
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        try {
            ProcessTree.terminate(process.toHandle(), grace);
            // the killed process is reaped by the JVM a moment later: until then isAlive() still says true
            process.waitFor(grace.toMillis() + 1000, TimeUnit.MILLISECONDS);
            ProcessTree.killGroup(process.pid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.withDescendants(List.of(process.toHandle())).forEach(ProcessHandle::destroyForcibly);
        } finally {
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // the pipe is gone with the process
            }
        }
    }

    private void readLines() {
        try (InputStream out = process.getInputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long dropped = 0;
            byte[] chunk = new byte[8192];
            int n;
            while ((n = out.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        deliver(line, dropped);
                        line.reset();
                        dropped = 0;
                    } else if (line.size() < maxLineBytes) {
                        line.write(b);
                    } else {
                        dropped++;
                    }
                }
            }
            if (line.size() > 0) {
                deliver(line, dropped);
            }
        } catch (IOException e) {
            // the pipe closed (the tree was killed): nothing more to read
        }
    }

    private void deliver(ByteArrayOutputStream bytes, long dropped) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        if (dropped == 0 && text.isBlank()) {
            return;
        }
        Line line = dropped > 0
                ? new Line.Malformed(shown(text), "the line is longer than " + maxLineBytes + " bytes")
                : parse(json, text.strip());
        try {
            listener.line(line);
        } catch (RuntimeException e) {
            LOG.warn("sensor {}: a line could not be handled: {}", name, e.getMessage());
        }
    }

    /** One stdout line: a JSON object becomes plain Java values; anything else is malformed, with the reason. */
    static Line parse(ObjectMapper json, String text) {
        Object value;
        try {
            value = json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage();
            return new Line.Malformed(shown(text), "not JSON: " + message.lines().findFirst().orElse(message));
        }
        if (!(value instanceof Map<?, ?>)) {
            return new Line.Malformed(shown(text), "not a JSON object: each line must be "
                    + "{\"trigger\": \"<ref>\", \"payload\": {...}}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) Json.copyValue(value);
        return new Line.JsonObject(shown(text), object);
    }

    private static String shown(String text) {
        return text.length() > SHOWN_LINE_CHARS ? text.substring(0, SHOWN_LINE_CHARS) + "…" : text;
    }

    private void readStderr() {
        try (InputStream err = process.getErrorStream()) {
            byte[] chunk = new byte[4096];
            int n;
            while ((n = err.read(chunk)) >= 0) {
                keep(chunk, n);
            }
        } catch (IOException e) {
            // the pipe closed: what was read stays
        }
    }

    private synchronized void keep(byte[] chunk, int n) {
        for (int i = 0; i < n; i++) {
            int end = (tailStart + tailSize) % tail.length;
            tail[end] = chunk[i];
            if (tailSize < tail.length) {
                tailSize++;
            } else {
                tailStart = (tailStart + 1) % tail.length;
            }
        }
    }
}
