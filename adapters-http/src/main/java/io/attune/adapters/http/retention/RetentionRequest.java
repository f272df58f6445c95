package io.attune.adapters.http.retention;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** Sets retention ages: each given age replaces the one in effect; an absent one keeps its value. */
@Schema(name = "RetentionRequest")
public record RetentionRequest(
        @Nullable @Schema(example = "30d", description = "events and their settled enforcements: 30d, 12h, P30D, or"
                + " 0/off to keep them") String events,
        @Nullable @Schema(example = "30d", description = "ended executions (with their inquiries) and outbox leftovers")
        String executions,
        @Nullable @Schema(example = "90d", description = "audit entries") String audit,
        @JsonAnySetter @Nullable @Schema(hidden = true) Map<String, Object> unknown) {
}
