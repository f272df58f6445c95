package io.attune.adapters.http.execution;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A rerun: new parameters (absent means the original execution's), or, for an ended workflow, the tasks to rerun it
 * from (with-items tasks in {@code reset} rerun every item, the others only their failed ones).
 */
@Introspected
@Schema(name = "RerunRequest")
public record RerunRequest(@Nullable @Schema(nullable = true) Map<String, Object> parameters,
                           @Nullable @Schema(nullable = true, description = "workflow tasks to rerun from") List<String> tasks,
                           @Nullable @Schema(nullable = true, description = "with-items tasks that rerun every item")
                           List<String> reset) {
}
