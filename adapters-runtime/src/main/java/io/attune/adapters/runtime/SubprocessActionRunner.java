package io.attune.adapters.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.application.port.in.ExecutionQueries.WorkerRuntime;
import io.attune.application.port.out.ActionRunner;
import io.attune.domain.action.RunnerType;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs shell, python and node actions as subprocesses: {@code bash <script>} or {@code bash -c <cmd>},
 * {@code python3 <script>}, {@code node <script>}, each under the {@link ProcessLauncher}'s supervisor (as the action
 * user, dying with the server). Parameters go in as one JSON document on stdin and as {@code ATTUNE_PARAM_<NAME>}
 * variables, in an environment built from an allow-list; a timeout or cancel kills the whole process tree.
 */
public class SubprocessActionRunner implements ActionRunner {

    /** How much longer than the action's timeout its API token stays valid (the end is written after the kill). */
    static final Duration TOKEN_MARGIN = Duration.ofMinutes(1);

    private final SubprocessSettings settings;
    private final Map<String, String> base;
    private final Optional<ActionApiAccess> api;
    private final ProcessLauncher launcher;
    private final ObjectMapper json = JsonResult.mapper();

    /** Without API access: actions get no ATTUNE_API_URL nor ATTUNE_API_TOKEN. */
    public SubprocessActionRunner(SubprocessSettings settings) {
        this(settings, Optional.empty());
    }

    public SubprocessActionRunner(SubprocessSettings settings, Optional<ActionApiAccess> api) {
        this(settings, System.getenv(), api);
    }

    /** {@code serverEnvironment} stands for the server's own, of which actions get only the allow-listed part. */
    SubprocessActionRunner(SubprocessSettings settings, Map<String, String> serverEnvironment,
                           Optional<ActionApiAccess> api) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.base = Map.copyOf(ActionEnvironment.base(serverEnvironment, settings.user()));
        this.api = Objects.requireNonNull(api, "api");
        this.launcher = ProcessLauncher.forUser(settings.user());
    }

    /** Set by {@link #detectRuntimes}: the runtimes found on this host; until then all three are assumed. */
    private volatile List<WorkerRuntime> found = null;

    /**
     * Finds which of shell, python and node this host has, and their versions ({@link RuntimeDetection}); from then on
     * this runner serves only those. Call once, before the worker registers.
     */
    public List<WorkerRuntime> detectRuntimes() {
        found = RuntimeDetection.detect(settings, base.get("PATH"));
        return found;
    }

    @Override
    public Set<RunnerType> runners() {
        List<WorkerRuntime> detected = found;
        if (detected == null) {
            return Set.of(RunnerType.SHELL, RunnerType.PYTHON, RunnerType.NODE);
        }
        return detected.stream().map(r -> RunnerType.fromCode(r.runner()).orElseThrow())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public List<WorkerRuntime> runtimes() {
        List<WorkerRuntime> detected = found;
        return detected == null ? List.of() : detected;
    }

    @Override
    public RunningAction start(RunRequest request) {
        if (settings.user() instanceof ProcessUser.Unavailable unavailable) {
            return Finished.failedToStart(unavailable.reason());
        }
        return switch (Launch.plan(request, settings, base.get("PATH"))) {
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
        Map<String, String> apiVariables = new LinkedHashMap<>();
        api.ifPresent(access -> {
            apiVariables.put("ATTUNE_API_URL", access.baseUrl());
            apiVariables.put("ATTUNE_API_TOKEN", access.token(request.executionId(), tokenLife(request.timeout())));
        });
        ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(
                ActionEnvironment.forRun(base, request, launch.commandEnvironment(), apiVariables, json));
        builder.environment().put("PWD", launch.directory().toAbsolutePath().toString());
        Process process;
        try {
            process = launcher.start(builder);
        } catch (IOException | RuntimeException e) {
            return Finished.failedToStart("cannot start " + launch.command().getFirst() + ": " + e.getMessage());
        }
        return SubprocessRun.watch(process, stdin, request, settings.killGrace(), json);
    }

    static Duration tokenLife(Duration timeout) {
        try {
            return timeout.plus(TOKEN_MARGIN);
        } catch (ArithmeticException e) {
            return Duration.ofSeconds(Integer.MAX_VALUE);
        }
    }
}
