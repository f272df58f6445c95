package io.attune.adapters.http.rule;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** A payload to dry-run a rule against. */
@Introspected
@Schema(name = "RuleTestRequest")
public record RuleTestRequest(
        @Nullable @Schema(nullable = true, example = "{\"host\": \"web-1\", \"severity\": \"critical\"}") Map<String, Object> payload) {
}
