package io.attune.adapters.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.application.port.out.ActionRunner;
import io.attune.domain.action.RunnerType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs shell, python and node actions as subprocesses: {@code bash <script>} or {@code bash -c <cmd>},
 * {@code python3 <script>}, {@code node <script>}. Parameters go in as one JSON document on stdin and as
 * {@code ATTUNE_PARAM_<NAME>} variables; a timeout or cancel kills the whole process tree.
 */
@Singleton
public class SubprocessActionRunner implements ActionRunner {

    private final SubprocessSettings settings;
    private final Map<String, String> parentEnvironment;
    private final ObjectMapper json = JsonResult.mapper();

    @Inject
    public SubprocessActionRunner() {
        this(SubprocessSettings.defaults());
    }

    public SubprocessActionRunner(SubprocessSettings settings) {
        this(settings, System.getenv());
    }

    /** {@code parentEnvironment} stands for the worker's own environment, which actions inherit minus ATTUNE_*. */
    SubprocessActionRunner(SubprocessSettings settings, Map<String, String> parentEnvironment) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.parentEnvironment = Map.copyOf(parentEnvironment);
    }

    @Override
    public Set<RunnerType> runners() {
        return Set.of(RunnerType.SHELL, RunnerType.PYTHON, RunnerType.NODE);
    }

    @Override
    public RunningAction start(RunRequest request) {
        Map<String, String> inherited = ActionEnvironment.inherited(parentEnvironment);
        return switch (Launch.plan(request, settings, inherited.get("PATH"))) {
            case Launch.Refused refused -> Finished.failedToStart(refused.reason());
            case Launch.Ready ready -> spawn(request, ready);
        };
    }

    private RunningAction spawn(RunRequest request, Launch.Ready launch) {
        byte[] stdin;
        try {
            stdin = json.writeValueAsBytes(request.parameters());
        } catch (JsonProcessingException e) {
            return Finished.failedToStart("the parameters cannot be written as JSON: " + e.getOriginalMessage());
        }
        ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(
                ActionEnvironment.forRun(parentEnvironment, request, launch.commandEnvironment(), json));
        // The worker's own PWD would describe the wrong directory.
        builder.environment().put("PWD", launch.directory().toAbsolutePath().toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            return Finished.failedToStart("cannot start " + launch.command().getFirst() + ": " + e.getMessage());
        }
        return SubprocessRun.watch(process, stdin, request, settings.killGrace(), json);
    }
}
