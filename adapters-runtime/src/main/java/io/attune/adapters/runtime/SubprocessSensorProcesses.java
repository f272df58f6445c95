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
 * {@code sensors/} folder, in that folder, under the {@link ProcessLauncher}'s supervisor like actions (as the action
 * user, dying with the server). Its environment is the allow-listed base ({@link ActionEnvironment#base}) plus
 * {@code ATTUNE_SENSOR} (its ref) and {@code ATTUNE_SENSOR_CONFIG} (its config as JSON); the config is also its
 * first line on stdin, which then stays open until the sensor is stopped (EOF tells it the server left).
 */
public final class SubprocessSensorProcesses implements SensorProcesses {

    /** Longest stdout line taken by default; a longer one is reported malformed. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

    private final SubprocessSettings settings;
    private final int maxLineBytes;
    private final Map<String, String> base;
    private final ProcessLauncher launcher;
    private final ObjectMapper json = JsonResult.mapper();

    public SubprocessSensorProcesses(SubprocessSettings settings, int maxLineBytes) {
        this(settings, maxLineBytes, System.getenv());
    }

    /** {@code serverEnvironment} stands for this server's own, of which sensors get only the allow-listed part. */
    SubprocessSensorProcesses(SubprocessSettings settings, int maxLineBytes, Map<String, String> serverEnvironment) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.base = Map.copyOf(ActionEnvironment.base(serverEnvironment, settings.user()));
        this.launcher = ProcessLauncher.forUser(settings.user());
    }

    @Override
    public Start start(Sensor sensor, Path packDirectory, LineListener listener) {
        if (settings.user() instanceof ProcessUser.Unavailable unavailable) {
            return new Start.Refused(unavailable.reason());
        }
        Map<String, String> env = base;
        String program = switch (sensor.runner()) {
            case SHELL -> settings.bash();
            case PYTHON -> settings.python();
            case NODE -> settings.node();
            case INTERNAL, HTTP, WORKFLOW, INQUIRER -> null;
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
            process = launcher.start(builder);
        } catch (IOException | RuntimeException e) {
            return new Start.Refused("cannot start " + launch.command().getFirst() + ": " + e.getMessage());
        }
        return new Start.Started(SubprocessSensor.watch(process, sensor.ref().toString(), config, listener, json,
                maxLineBytes, settings.killGrace()));
    }
}
