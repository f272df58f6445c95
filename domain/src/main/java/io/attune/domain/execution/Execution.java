package io.attune.domain.execution;

import io.attune.domain.common.Json;
import io.attune.domain.common.Ref;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One run of an action, whoever asked for it; moves only along the transitions of {@link ExecutionStatus}.
 * {@code parameters} are stored as given (secret ones included: mask them with the action's schema to show them).
 */
public record Execution(
        long id,
        Ref action,
        ExecutionStatus status,
        Map<String, Object> parameters,
        Optional<Integer> timeoutSeconds,
        Optional<Object> result,
        Optional<Integer> exitCode,
        Output output,
        Optional<String> failure,
        Instant createdAt,
        Optional<Instant> scheduledAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<String> worker,
        Optional<Instant> leaseExpiresAt,
        OptionalLong parent,
        OptionalLong enforcement,
        Optional<TaskOf> task,
        Optional<RetryOf> retry) {

    /**
     * A retry: attempt {@code attempt} (2 for the first retry) of the execution chain, made when execution {@code of}
     * ended ({@code 0} once retention deleted it); it waits {@code requested} until {@code notBefore} (its retry delay),
     * then is admitted like any request.
     */
    public record RetryOf(long of, int attempt, Instant notBefore) {
        public RetryOf {
            Objects.requireNonNull(notBefore, "notBefore");
            if (of < 0) {
                throw new IllegalArgumentException("a retry names the execution it retries, got " + of);
            }
            if (attempt < 2) {
                throw new IllegalArgumentException("a retry is attempt 2 or later, got " + attempt);
            }
        }
    }

    /** An execution that retries none. */
    public Execution(long id, Ref action, ExecutionStatus status, Map<String, Object> parameters,
                     Optional<Integer> timeoutSeconds, Optional<Object> result, Optional<Integer> exitCode, Output output,
                     Optional<String> failure, Instant createdAt, Optional<Instant> scheduledAt,
                     Optional<Instant> startedAt, Optional<Instant> finishedAt, Optional<String> worker,
                     Optional<Instant> leaseExpiresAt, OptionalLong parent, OptionalLong enforcement,
                     Optional<TaskOf> task) {
        this(id, action, status, parameters, timeoutSeconds, result, exitCode, output, failure, createdAt, scheduledAt,
                startedAt, finishedAt, worker, leaseExpiresAt, parent, enforcement, task, Optional.empty());
    }

    /**
     * The workflow task a child execution runs for: run {@code run} of task {@code name} (item {@code item} of a
     * with-items task), attempt {@code attempt} (0, then 1, 2, ... on retries). Set only together with a parent.
     */
    public record TaskOf(String name, int run, OptionalInt item, int attempt) {
        public TaskOf {
            Objects.requireNonNull(name, "name");
            item = item == null ? OptionalInt.empty() : item;
            if (run < 0 || attempt < 0 || (item.isPresent() && item.getAsInt() < 0)) {
                throw new IllegalArgumentException("a task's run, item and attempt cannot be negative");
            }
        }
    }

    /** Captured stdout and stderr, each cut at the capture cap; the overflow is counted in bytes. */
    public record Output(String stdout, String stderr, long stdoutOverflowBytes, long stderrOverflowBytes) {
        public Output {
            stdout = stdout == null ? "" : stdout;
            stderr = stderr == null ? "" : stderr;
            if (stdoutOverflowBytes < 0 || stderrOverflowBytes < 0) {
                throw new IllegalArgumentException("overflow counts cannot be negative");
            }
        }

        public static Output none() {
            return new Output("", "", 0, 0);
        }
    }

    public Execution {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        parameters = Json.copyObject(parameters);
        timeoutSeconds = timeoutSeconds == null ? Optional.empty() : timeoutSeconds;
        result = result == null ? Optional.empty() : result.map(Json::copyValue);
        exitCode = exitCode == null ? Optional.empty() : exitCode;
        output = output == null ? Output.none() : output;
        failure = failure == null ? Optional.empty() : failure;
        scheduledAt = scheduledAt == null ? Optional.empty() : scheduledAt;
        startedAt = startedAt == null ? Optional.empty() : startedAt;
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
        worker = worker == null ? Optional.empty() : worker;
        leaseExpiresAt = leaseExpiresAt == null ? Optional.empty() : leaseExpiresAt;
        parent = parent == null ? OptionalLong.empty() : parent;
        enforcement = enforcement == null ? OptionalLong.empty() : enforcement;
        task = task == null ? Optional.empty() : task;
        retry = retry == null ? Optional.empty() : retry;
        if (task.isPresent() && parent.isEmpty()) {
            throw new IllegalArgumentException("an execution runs a workflow task only under a parent workflow");
        }
    }

    /** A new execution as requested, before it has an id (0) or has been admitted. */
    public static Execution requested(Ref action, Map<String, Object> parameters, Optional<Integer> timeoutSeconds,
                                      OptionalLong parent, OptionalLong enforcement, Instant at) {
        return requested(action, parameters, timeoutSeconds, parent, enforcement, Optional.empty(), at);
    }

    /** A new execution as requested, for a workflow task when {@code task} is set. */
    public static Execution requested(Ref action, Map<String, Object> parameters, Optional<Integer> timeoutSeconds,
                                      OptionalLong parent, OptionalLong enforcement, Optional<TaskOf> task, Instant at) {
        return new Execution(0, action, ExecutionStatus.REQUESTED, parameters, timeoutSeconds, null, null, null, null,
                at, null, null, null, null, null, parent, enforcement, task);
    }

    /** Which attempt of its chain this execution is: 1 unless it retries another. */
    public int attempt() {
        return retry.map(RetryOf::attempt).orElse(1);
    }

    /**
     * The retry of this ended execution, requested now, admitted from {@code notBefore}: the same action, parameters
     * (as stored), timeout, parent, enforcement and task, one attempt further.
     */
    public Execution retried(Instant now, Instant notBefore) {
        if (!status.isTerminal()) {
            throw new IllegalStateException("execution " + id + " is retried only once it ended, not " + status.code());
        }
        return new Execution(0, action, ExecutionStatus.REQUESTED, parameters, timeoutSeconds, null, null, null, null,
                now, null, null, null, null, null, parent, enforcement, task,
                Optional.of(new RetryOf(id, attempt() + 1, notBefore)));
    }

    /** This execution in its next status; refuses a move the transition table does not allow. */
    public Execution moveTo(ExecutionStatus next, Instant at) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("execution " + id + " cannot move from " + status.code() + " to " + next.code());
        }
        Optional<Instant> scheduled = next == ExecutionStatus.SCHEDULED ? Optional.of(at) : scheduledAt;
        Optional<Instant> started = next == ExecutionStatus.RUNNING && startedAt.isEmpty() ? Optional.of(at) : startedAt;
        Optional<Instant> finished = next.isTerminal() ? Optional.of(at) : finishedAt;
        Optional<Instant> lease = next.isTerminal() ? Optional.empty() : leaseExpiresAt;
        return new Execution(id, action, next, parameters, timeoutSeconds, result, exitCode, output, failure, createdAt,
                scheduled, started, finished, worker, lease, parent, enforcement, task, retry);
    }

    /** The same execution with the id storage gave it. */
    public Execution withId(long newId) {
        return new Execution(newId, action, status, parameters, timeoutSeconds, result, exitCode, output, failure,
                createdAt, scheduledAt, startedAt, finishedAt, worker, leaseExpiresAt, parent, enforcement, task, retry);
    }

    /** Taken by a worker, which holds it until {@code leaseUntil} unless it renews the lease. */
    public Execution startedBy(String workerName, Instant at, Instant leaseUntil) {
        Execution running = moveTo(ExecutionStatus.RUNNING, at);
        return new Execution(id, action, running.status, parameters, timeoutSeconds, result, exitCode, output, failure,
                createdAt, scheduledAt, running.startedAt, finishedAt, Optional.of(workerName), Optional.of(leaseUntil),
                parent, enforcement, task, retry);
    }

    /** Finished in {@code terminal} with what the run produced. */
    public Execution finished(ExecutionStatus terminal, Instant at, Optional<Integer> code, Output out,
                              Optional<Object> value, Optional<String> why) {
        if (!terminal.isTerminal()) {
            throw new IllegalArgumentException(terminal.code() + " is not a terminal status");
        }
        Execution done = moveTo(terminal, at);
        return new Execution(id, action, done.status, parameters, timeoutSeconds, value, code, out, why, createdAt,
                done.scheduledAt, done.startedAt, done.finishedAt, worker, Optional.empty(), parent, enforcement, task,
                retry);
    }

    /** Ends without a run (canceled while waiting, abandoned, refused) with a reason. */
    public Execution endedWithout(ExecutionStatus terminal, Instant at, String why) {
        return finished(terminal, at, exitCode, output, result, Optional.of(why));
    }
}
