package io.attune.adapters.http.workflow;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow to validate or simulate: its YAML text ({@code definition}) or an installed workflow action's ref; for a
 * simulation also its input, the mocks that answer its tasks, and keys for {@code st2kv()}.
 */
@Introspected
@Schema(name = "WorkflowRequest")
public record WorkflowRequest(
        @Nullable @Schema(nullable = true, description = "the workflow's YAML text") String definition,
        @Nullable @Schema(nullable = true, example = "examples.sequence") String ref,
        @Nullable @Schema(nullable = true, example = "{\"who\": \"ada\"}") Map<String, Object> input,
        @Nullable @Schema(nullable = true) List<MockJson> mocks,
        @Nullable @Schema(nullable = true, description = "key values st2kv() reads in the simulation") Map<String, Object> keys,
        @Schema(hidden = true) Map<String, Object> unknown) {

    public WorkflowRequest {
        unknown = unknown == null ? new LinkedHashMap<>() : unknown;
    }

    @JsonAnySetter
    void other(String name, Object value) {
        unknown.put(name, value);
    }

    /**
     * The mocked end of a task start: consumed in order per task; {@code times} starts it answers (1); {@code seq} only
     * the start at that position of the task sequence (0-based); {@code item} only that item of a with-items task;
     * {@code response} is a core.ask task's answer, which is its result.
     */
    @Introspected
    @Schema(name = "WorkflowMock")
    public record MockJson(
            String task,
            @Nullable @Schema(nullable = true, example = "succeeded") String status,
            @Nullable @Schema(nullable = true) Object result,
            @Nullable @Schema(nullable = true, description = "for a core.ask task: the answer (its result)") Object response,
            @Nullable @Schema(nullable = true) Integer item,
            @Nullable @Schema(nullable = true) Integer times,
            @Nullable @Schema(nullable = true) Integer seq) {
    }
}
