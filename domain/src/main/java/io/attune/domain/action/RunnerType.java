package io.attune.domain.action;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an action (or a sensor) runs. */
public enum RunnerType {
    /** Runs inside the worker process, no subprocess (core.noop, core.echo). */
    INTERNAL("internal", false),
    /** A shell command or script. */
    SHELL("shell", true),
    PYTHON("python", true),
    NODE("node", true),
    /** An HTTP request made by the worker (core.http). */
    HTTP("http", false),
    /** A task graph orchestrated by the workflow engine. */
    WORKFLOW("workflow", true),
    /** Asks a person a question and waits for the answer (core.ask); run by the executor, never by a worker. */
    INQUIRER("inquirer", false);

    /** StackStorm's name of the workflow runner, accepted as an alias of {@code workflow}. */
    public static final String ORQUESTA = "orquesta";

    private final String code;
    private final boolean needsEntryPoint;

    RunnerType(String code, boolean needsEntryPoint) {
        this.code = code;
        this.needsEntryPoint = needsEntryPoint;
    }

    public String code() {
        return code;
    }

    /** Whether an action of this runner must name a file beside its YAML (shell may use a command instead). */
    public boolean needsEntryPoint() {
        return needsEntryPoint;
    }

    /** Whether a sensor process may use this runner. */
    public boolean canRunSensor() {
        return this == SHELL || this == PYTHON || this == NODE;
    }

    /**
     * The runner of a code; {@code orquesta} (StackStorm's {@code runner_type} for an Orquesta workflow) is an alias of
     * {@code workflow}.
     */
    public static Optional<RunnerType> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        if (c.equals(ORQUESTA)) {
            return Optional.of(WORKFLOW);
        }
        return Arrays.stream(values()).filter(r -> r.code.equals(c)).findFirst();
    }

    public static String codes() {
        return String.join(", ", Arrays.stream(values()).map(RunnerType::code).toList());
    }
}
