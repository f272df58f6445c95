package io.attune.domain.execution;

import io.attune.domain.common.Json;
import io.attune.domain.common.Ref;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** One run of an action, whoever asked for it; moves only along the transitions of {@link ExecutionStatus}. */
public record Execution(
        long id,
        Ref action,
        ExecutionStatus status,
        Map<String, Object> parameters,
        Optional<Object> result,
        Optional<Integer> exitCode,
        String stdout,
        String stderr,
        Instant createdAt,
        Optional<Instant> scheduledAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<String> worker,
        OptionalLong parent,
        OptionalLong enforcement) {

    public Execution {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        parameters = Json.copyObject(parameters);
        result = result == null ? Optional.empty() : result.map(Json::copyValue);
        exitCode = exitCode == null ? Optional.empty() : exitCode;
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        scheduledAt = scheduledAt == null ? Optional.empty() : scheduledAt;
        startedAt = startedAt == null ? Optional.empty() : startedAt;
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
        worker = worker == null ? Optional.empty() : worker;
        parent = parent == null ? OptionalLong.empty() : parent;
        enforcement = enforcement == null ? OptionalLong.empty() : enforcement;
    }

    /** This execution in its next status; refuses a move the transition table does not allow. */
    public Execution moveTo(ExecutionStatus next, Instant at) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("execution " + id + " cannot move from " + status.code() + " to " + next.code());
        }
        Optional<Instant> scheduled = next == ExecutionStatus.SCHEDULED ? Optional.of(at) : scheduledAt;
        Optional<Instant> started = next == ExecutionStatus.RUNNING && startedAt.isEmpty() ? Optional.of(at) : startedAt;
        Optional<Instant> finished = next.isTerminal() ? Optional.of(at) : finishedAt;
        return new Execution(id, action, next, parameters, result, exitCode, stdout, stderr, createdAt,
                scheduled, started, finished, worker, parent, enforcement);
    }
}
