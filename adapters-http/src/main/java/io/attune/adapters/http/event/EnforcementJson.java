package io.attune.adapters.http.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.domain.enforcement.Enforcement;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;
import java.util.Map;

/** An enforcement as the API shows it: one rule matching one event, and what came of it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Enforcement")
public record EnforcementJson(
        long id,
        String rule,
        long event,
        @Schema(example = "succeeded", description = "created, succeeded (an execution was requested) or failed") String status,
        @JsonProperty("rendered_parameters") @Schema(name = "rendered_parameters", description = "secrets masked")
        Map<String, Object> renderedParameters,
        @Schema(nullable = true) Long execution,
        @Schema(nullable = true, description = "why no execution was requested") String failure,
        @JsonProperty("created_at") @Schema(name = "created_at") String createdAt) {

    static EnforcementJson of(Enforcement e) {
        return new EnforcementJson(e.id(), e.rule().toString(), e.event(), e.status().name().toLowerCase(Locale.ROOT),
                e.renderedParameters(), e.execution().isPresent() ? e.execution().getAsLong() : null,
                e.failure().orElse(null), Times.iso(e.createdAt()));
    }
}
