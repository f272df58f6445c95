package io.attune.adapters.http.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.domain.trigger.Trigger;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** A trigger as the API shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Trigger")
public record TriggerJson(
        String ref,
        String pack,
        String name,
        String description,
        @JsonProperty("payload_schema") Map<String, Object> payloadSchema,
        @JsonProperty("parameters_schema") Map<String, Object> parametersSchema) {

    static TriggerJson of(Trigger trigger) {
        return new TriggerJson(trigger.ref().toString(), trigger.ref().pack(), trigger.ref().name(),
                trigger.description(), trigger.payloadSchema(), trigger.parametersSchema());
    }
}
