package io.attune.adapters.http.execution;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** Parameters for a rerun; absent means the original execution's. */
@Introspected
@Schema(name = "RerunRequest")
public record RerunRequest(@Nullable @Schema(nullable = true) Map<String, Object> parameters) {
}
