package io.attune.adapters.http.event;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** An event to record. */
@Introspected
@Schema(name = "EventRequest")
public record EventRequest(
        @Schema(example = "examples.alert") String trigger,
        @Nullable @Schema(nullable = true, example = "{\"host\": \"web-1\", \"severity\": \"critical\"}") Map<String, Object> payload) {
}
