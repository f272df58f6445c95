package io.attune.adapters.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.application.port.out.SensorProcesses;
import io.attune.domain.action.RunnerType;
import io.attune.domain.sensor.Sensor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs sensors as subprocesses: {@code bash}, {@code python3} or {@code node} with the entry point under the pack's
 * {@code sensors/} folder, in that folder. The process inherits this server's environment minus every {@code ATTUNE_*}
 * variable, plus {@code ATTUNE_SENSOR} (its ref) and {@code ATTUNE_SENSOR_CONFIG} (its config as JSON); the config
 * is also its first line on stdin, which then stays open until the sensor is stopped (EOF tells it the server left).
 */
public final class SubprocessSensorProcesses implements SensorProcesses {

    /** Longest stdout line taken by default; a longer one is reported malformed. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

    private final SubprocessSettings settings;
    private final int maxLineBytes;
    private final Map<String, String> parentEnvironment;
    private final ObjectMapper json = JsonResult.mapper();

    public SubprocessSensorProcesses(SubprocessSettings settings, int maxLineBytes) {
        this(settings, maxLineBytes, System.getenv());
    }

    /** {@code parentEnvironment} stands for this server's own environment, which sensors inherit minus ATTUNE_*. */
    SubprocessSensorProcesses(SubprocessSettings settings, int maxLineBytes, Map<String, String> parentEnvironment) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.parentEnvironment = Map.copyOf(parentEnvironment);
    }

    @Override
    public Start start(Sensor sensor, Path packDirectory, LineListener listener) {
        Map<String, String> env = ActionEnvironment.inherited(parentEnvironment);
        String program = switch (sensor.runner()) {
            case SHELL -> settings.bash();
            case PYTHON -> settings.python();
            case NODE -> settings.node();
            case INTERNAL, HTTP, WORKFLOW -> null;
        };
        if (program == null) {
            return new Start.Refused("runner '" + sensor.runner().code() + "' cannot run a sensor");
        }
        Optional<Path> interpreter = Launch.findProgram(program, env.get("PATH"));
        if (interpreter.isEmpty()) {
            return new Start.Refused("the " + sensor.runner().code() + " interpreter '" + program + "' "
                    + (program.contains(File.separator) ? "is not an executable file" : "was not found on PATH"));
        }
        Path folder = packDirectory.resolve("sensors").toAbsolutePath().normalize();
        return switch (Launch.script(interpreter.get(), folder, sensor.entryPoint())) {
            case Launch.Refused refused -> new Start.Refused(refused.reason());
            case Launch.Ready ready -> spawn(sensor, ready, env, listener);
        };
    }

    private Start spawn(Sensor sensor, Launch.Ready launch, Map<String, String> env, LineListener listener) {
        String config;
        try {
            config = json.writeValueAsString(sensor.config());
        } catch (JsonProcessingException e) {
            return new Start.Refused("the sensor's config cannot be written as JSON: " + e.getOriginalMessage());
        }
        ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("PWD", launch.directory().toString());
        builder.environment().put("ATTUNE_SENSOR", sensor.ref().toString());
        if (sensor.runner() == RunnerType.PYTHON) {
            // a sensor's lines should arrive when printed, not when Python's pipe buffer fills
            builder.environment().putIfAbsent("PYTHONUNBUFFERED", "1");
        }
        if (config.indexOf('\0') < 0) {
            builder.environment().put("ATTUNE_SENSOR_CONFIG", config);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            return new Start.Refused("cannot start " + launch.command().getFirst() + ": " + e.getMessage());
        }
        return new Start.Started(SubprocessSensor.watch(process, sensor.ref().toString(), config, listener, json,
                maxLineBytes, settings.killGrace()));
    }
}
