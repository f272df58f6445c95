package io.attune.adapters.http.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.domain.action.Action;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** An action as the API shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Action")
public record ActionJson(
        String ref,
        String pack,
        String name,
        String description,
        @Schema(example = "shell") String runner,
        @JsonProperty("entry_point") @Schema(name = "entry_point", nullable = true) String entryPoint,
        @Schema(description = "per parameter name, its JSON Schema plus required, secret and default")
        Map<String, Map<String, Object>> parameters,
        @JsonProperty("output_format") @Schema(name = "output_format", example = "text") String outputFormat,
        @Schema(nullable = true, description = "seconds") Integer timeout,
        boolean enabled,
        @Schema(nullable = true, description = "when an execution that ends badly runs again") RetryJson retry) {

    static ActionJson of(Action action) {
        return new ActionJson(action.ref().toString(), action.pack(), action.ref().name(), action.description(),
                action.runner().code(), action.entryPoint().orElse(null), action.parameters().parameters(),
                action.outputFormat().code(), action.timeoutSeconds().orElse(null), action.enabled(),
                action.retry().map(RetryJson::of).orElse(null));
    }
}
