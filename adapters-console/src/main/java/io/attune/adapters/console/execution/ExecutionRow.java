package io.attune.adapters.console.execution;

import io.attune.adapters.console.web.Formats;
import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.domain.execution.Execution;
import java.time.Duration;
import java.time.Instant;

/** One execution as a list shows it. */
public record ExecutionRow(long id, String action, String status, Instant createdAt, String duration, Long parent,
                           String task, String worker) {

    public static ExecutionRow of(ExecutionView view) {
        Execution e = view.execution();
        String duration = e.startedAt().map(start -> Formats.duration(
                Duration.between(start, e.finishedAt().orElse(Instant.now())))).orElse("");
        return new ExecutionRow(e.id(), e.action().toString(), e.status().code(), e.createdAt(), duration,
                e.parent().isPresent() ? e.parent().getAsLong() : null,
                e.task().map(t -> t.name()).orElse(null), e.worker().orElse(null));
    }
}
