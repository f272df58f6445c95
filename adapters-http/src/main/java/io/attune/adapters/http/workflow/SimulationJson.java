package io.attune.adapters.http.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Introspected;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** A simulation's outcome: the workflow's status, its tasks in the order they started, its output and errors. */
@Introspected
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "WorkflowSimulation")
public record SimulationJson(
        @Schema(example = "succeeded") String status,
        @Schema(description = "one entry per task start, retries and cycles included; a with-items task once") List<String> tasks,
        @Schema(nullable = true) Object output,
        List<Map<String, Object>> errors) {
}
