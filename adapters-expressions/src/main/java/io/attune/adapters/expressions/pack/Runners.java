package io.attune.adapters.expressions.pack;

import io.attune.domain.action.RunnerType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads {@code runner} (or StackStorm's {@code runner_type}), accepting StackStorm's names for the same runners. */
final class Runners {

    private static final Map<String, RunnerType> STACKSTORM = Map.of(
            "local-shell-cmd", RunnerType.SHELL,
            "local-shell-script", RunnerType.SHELL,
            "python-script", RunnerType.PYTHON,
            "http-request", RunnerType.HTTP,
            "nodejs", RunnerType.NODE,
            "noop", RunnerType.INTERNAL);

    private static final String CHOICES = "use one of " + RunnerType.codes()
            + " (StackStorm's local-shell-cmd, local-shell-script, python-script, http-request, nodejs, noop and orquesta"
            + " are accepted too)";

    private Runners() {
    }

    static Optional<RunnerType> read(Fields fields) {
        String key = fields.aliased("runner", "runner_type");
        if (!fields.has(key)) {
            fields.problem("runner", "is required: " + CHOICES);
            return Optional.empty();
        }
        return fields.text(key).flatMap(code -> {
            Optional<RunnerType> runner = RunnerType.fromCode(code)
                    .or(() -> Optional.ofNullable(STACKSTORM.get(code.trim().toLowerCase(Locale.ROOT))));
            if (runner.isEmpty()) {
                fields.problem(key, "unknown runner '" + code + "': " + CHOICES);
            }
            return runner;
        });
    }
}
