package io.attune.domain.trigger;

import io.attune.domain.common.Json;
import io.attune.domain.common.Ref;
import java.util.Map;
import java.util.Objects;

/** A kind of event: its payload schema and the parameters a rule may give it (a timer's interval, a webhook's url). */
public record Trigger(Ref ref, String description, Map<String, Object> payloadSchema, Map<String, Object> parametersSchema) {

    public Trigger {
        Objects.requireNonNull(ref, "ref");
        description = description == null ? "" : description;
        payloadSchema = Json.copyObject(payloadSchema);
        parametersSchema = Json.copyObject(parametersSchema);
    }
}
