package io.attune.domain.action;

import io.attune.domain.common.Ref;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A runnable unit of a pack: how it runs, what it accepts, what it returns, and the labels a worker must have to run it
 * ({@code worker_labels}; none: any worker serving its runtime).
 */
public record Action(
        Ref ref,
        String description,
        RunnerType runner,
        Optional<String> entryPoint,
        ParameterSchema parameters,
        OutputFormat outputFormat,
        Optional<Integer> timeoutSeconds,
        boolean enabled,
        Map<String, String> workerLabels) {

    public Action {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(runner, "runner");
        description = description == null ? "" : description;
        entryPoint = entryPoint == null ? Optional.empty() : entryPoint.filter(e -> !e.isBlank());
        parameters = parameters == null ? ParameterSchema.none() : parameters;
        outputFormat = outputFormat == null ? OutputFormat.TEXT : outputFormat;
        timeoutSeconds = timeoutSeconds == null ? Optional.empty() : timeoutSeconds;
        workerLabels = workerLabels == null ? Map.of() : WorkerLabels.of(workerLabels);
        timeoutSeconds.ifPresent(t -> {
            if (t <= 0) {
                throw new IllegalArgumentException("timeout must be a positive number of seconds, got " + t);
            }
        });
        if (runner.needsEntryPoint() && runner != RunnerType.SHELL && entryPoint.isEmpty()) {
            throw new IllegalArgumentException("runner '" + runner.code() + "' needs an entry_point");
        }
        if (entryPoint.isPresent() && (entryPoint.get().contains("..") || entryPoint.get().startsWith("/"))) {
            throw new IllegalArgumentException("entry_point '" + entryPoint.get()
                    + "' must be a relative path inside the pack's actions folder");
        }
    }

    /** An action that asks for no worker labels: any worker serving its runtime runs it. */
    public Action(Ref ref, String description, RunnerType runner, Optional<String> entryPoint, ParameterSchema parameters,
                  OutputFormat outputFormat, Optional<Integer> timeoutSeconds, boolean enabled) {
        this(ref, description, runner, entryPoint, parameters, outputFormat, timeoutSeconds, enabled, Map.of());
    }

    public String pack() {
        return ref.pack();
    }
}
