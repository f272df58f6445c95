package io.attune.adapters.http.execution;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** A request to run an action. */
@Introspected
@Schema(name = "ExecutionRequest")
public record ExecutionRequest(
        @Schema(example = "core.local") String action,
        @Nullable @Schema(nullable = true, example = "{\"cmd\": \"echo hi\"}") Map<String, Object> parameters,
        @Nullable @Schema(nullable = true, description = "seconds; overrides the action's timeout") Integer timeout) {
}
