package io.attune.domain.action;

import io.attune.domain.common.Ref;
import io.attune.domain.execution.RetrySpec;
import java.util.Objects;
import java.util.Optional;

/**
 * A runnable unit of a pack: how it runs, what it accepts, what it returns, and whether an execution that ends badly is
 * run again ({@code retry}).
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
        Optional<RetrySpec> retry) {

    /** An action whose executions are not retried. */
    public Action(Ref ref, String description, RunnerType runner, Optional<String> entryPoint, ParameterSchema parameters,
                  OutputFormat outputFormat, Optional<Integer> timeoutSeconds, boolean enabled) {
        this(ref, description, runner, entryPoint, parameters, outputFormat, timeoutSeconds, enabled, Optional.empty());
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
