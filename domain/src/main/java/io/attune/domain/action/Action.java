package io.attune.domain.action;

import io.attune.domain.common.Ref;
import io.attune.domain.execution.RetrySpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A runnable unit of a pack: how it runs, what it accepts, what it returns, whether an execution that ends badly is
 * run again ({@code retry}), and the labels a worker must have to run it ({@code worker_labels}; none: any worker
 * serving its runtime).
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
        Optional<RetrySpec> retry,
        Map<String, String> workerLabels) {

    /** An action whose executions are not retried, for any worker serving its runtime. */
    public Action(Ref ref, String description, RunnerType runner, Optional<String> entryPoint, ParameterSchema parameters,
                  OutputFormat outputFormat, Optional<Integer> timeoutSeconds, boolean enabled) {
        this(ref, description, runner, entryPoint, parameters, outputFormat, timeoutSeconds, enabled, Optional.empty(),
                Map.of());
    }

    /** An action whose executions are retried as {@code retry} says, for any worker serving its runtime. */
    public Action(Ref ref, String description, RunnerType runner, Optional<String> entryPoint, ParameterSchema parameters,
                  OutputFormat outputFormat, Optional<Integer> timeoutSeconds, boolean enabled, Optional<RetrySpec> retry) {
        this(ref, description, runner, entryPoint, parameters, outputFormat, timeoutSeconds, enabled, retry, Map.of());
    }

    /** An action whose executions are not retried, for the workers that have {@code workerLabels}. */
    public Action(Ref ref, String description, RunnerType runner, Optional<String> entryPoint, ParameterSchema parameters,
                  OutputFormat outputFormat, Optional<Integer> timeoutSeconds, boolean enabled,
                  Map<String, String> workerLabels) {
        this(ref, description, runner, entryPoint, parameters, outputFormat, timeoutSeconds, enabled, Optional.empty(),
                workerLabels);
    }

    public Action {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(runner, "runner");
        description = description == null ? "" : description;
        entryPoint = entryPoint == null ? Optional.empty() : entryPoint.filter(e -> !e.isBlank());
        parameters = parameters == null ? ParameterSchema.none() : parameters;
        outputFormat = outputFormat == null ? OutputFormat.TEXT : outputFormat;
        timeoutSeconds = timeoutSeconds == null ? Optional.empty() : timeoutSeconds;
        retry = retry == null ? Optional.empty() : retry;
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

    public String pack() {
        return ref.pack();
    }
}
