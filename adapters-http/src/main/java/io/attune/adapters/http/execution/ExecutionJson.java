package io.attune.adapters.http.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.domain.execution.Execution;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** An execution as the API shows it: secret parameters masked, times ISO-8601 UTC with milliseconds. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Execution")
public record ExecutionJson(
        long id,
        String action,
        @Schema(example = "succeeded") String status,
        Map<String, Object> parameters,
        @Schema(nullable = true) Object result,
        @JsonProperty("exit_code") @Schema(name = "exit_code", nullable = true) Integer exitCode,
        String stdout,
        String stderr,
        @JsonProperty("stdout_truncated_bytes") @Schema(name = "stdout_truncated_bytes") long stdoutTruncatedBytes,
        @JsonProperty("stderr_truncated_bytes") @Schema(name = "stderr_truncated_bytes") long stderrTruncatedBytes,
        @Schema(nullable = true, description = "why it failed, was canceled or abandoned") String failure,
        @Schema(nullable = true, description = "seconds, when the request set one") Integer timeout,
        @JsonProperty("created_at") @Schema(name = "created_at") String createdAt,
        @JsonProperty("scheduled_at") @Schema(name = "scheduled_at", nullable = true) String scheduledAt,
        @JsonProperty("started_at") @Schema(name = "started_at", nullable = true) String startedAt,
        @JsonProperty("finished_at") @Schema(name = "finished_at", nullable = true) String finishedAt,
        @Schema(nullable = true) String worker,
        @Schema(nullable = true) Long parent,
        @Schema(nullable = true) Long enforcement,
        @JsonProperty("queue_position") @Schema(name = "queue_position", nullable = true,
                description = "1 = next, while delayed by a policy (in GET responses: the answer to the request that queued"
                        + " it leaves it out, since it counts the whole queue ahead)") Integer queuePosition,
        @Schema(nullable = true, description = "the workflow task this execution runs for, under its parent") Task task,
        @Schema(nullable = true, description = "a workflow's errors so far (null for other executions)")
        List<Map<String, Object>> errors,
        @JsonProperty("retry_of") @Schema(name = "retry_of", nullable = true,
                description = "the execution this one retries (its action's retry)") Long retryOf,
        @Schema(description = "which attempt of its retry chain this is, from 1") int attempt,
        @JsonProperty("retried_by") @Schema(name = "retried_by", nullable = true,
                description = "the retry made of this execution") Long retriedBy,
        @JsonProperty("retry_not_before") @Schema(name = "retry_not_before", nullable = true,
                description = "when a retry waiting for its delay is admitted") String retryNotBefore,
        @JsonProperty("waiting_for") @Schema(name = "waiting_for", nullable = true, description = "why a scheduled"
                + " execution is not taken: no live worker serves its runtime, or none has the labels its action asks"
                + " for (null otherwise)") String waitingFor) {

    /**
     * The workflow task a child execution runs for: run {@code run} of task {@code name}, item {@code item}, attempt
     * {@code attempt} (0, then 1, 2, ... as the task's retry runs it again).
     */
    @Schema(name = "ExecutionTask")
    public record Task(String name, int run, @Schema(nullable = true) Integer item, int attempt) {
    }

    public static ExecutionJson of(ExecutionView view) {
        Execution e = view.execution();
        return new ExecutionJson(e.id(), e.action().toString(), e.status().code(), e.parameters(), e.result().orElse(null),
                e.exitCode().orElse(null), e.output().stdout(), e.output().stderr(), e.output().stdoutOverflowBytes(),
                e.output().stderrOverflowBytes(), e.failure().orElse(null), e.timeoutSeconds().orElse(null),
                Times.iso(e.createdAt()), e.scheduledAt().map(Times::iso).orElse(null),
                e.startedAt().map(Times::iso).orElse(null), e.finishedAt().map(Times::iso).orElse(null),
                e.worker().orElse(null), e.parent().isPresent() ? e.parent().getAsLong() : null,
                e.enforcement().isPresent() ? e.enforcement().getAsLong() : null,
                view.queuePosition().isPresent() ? view.queuePosition().getAsInt() : null,
                e.task().map(t -> new Task(t.name(), t.run(), t.item().isPresent() ? t.item().getAsInt() : null,
                        t.attempt()))
                        .orElse(null),
                view.errors().orElse(null),
                e.retry().map(Execution.RetryOf::of).filter(of -> of > 0).orElse(null), e.attempt(),
                view.retriedBy().isPresent() ? view.retriedBy().getAsLong() : null,
                e.retry().filter(r -> e.status() == io.attune.domain.execution.ExecutionStatus.REQUESTED)
                        .map(r -> Times.iso(r.notBefore())).orElse(null),
                view.waitingFor().orElse(null));
    }
}
