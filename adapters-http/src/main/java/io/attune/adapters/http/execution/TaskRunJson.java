package io.attune.adapters.http.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.application.port.in.WorkflowCommands.TaskRun;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One run of a workflow task as the API shows it, with the executions that ran it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "TaskRun")
public record TaskRunJson(
        String task,
        int run,
        @Schema(example = "succeeded") String status,
        int attempt,
        @JsonProperty("started_at") @Schema(name = "started_at") String startedAt,
        @JsonProperty("ended_at") @Schema(name = "ended_at", nullable = true) String endedAt,
        @Schema(description = "the tasks whose transitions led here") List<String> route,
        @Schema(nullable = true, description = "how many items, for a with-items task") Integer items,
        @Schema(description = "ids of the executions that ran it, by item then attempt") List<Long> executions) {

    public static TaskRunJson of(TaskRun run) {
        return new TaskRunJson(run.task(), run.run(), run.status().code(), run.attempt(), Times.iso(run.startedAt()),
                run.endedAt().map(Times::iso).orElse(null), run.route(),
                run.items().isPresent() ? run.items().getAsInt() : null, run.executions());
    }
}
