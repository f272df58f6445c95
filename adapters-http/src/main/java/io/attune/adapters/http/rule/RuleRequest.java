package io.attune.adapters.http.rule;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.support.UnknownFields;
import io.attune.application.port.in.RuleCommands.RuleDraft;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A rule as a client sends it. {@code trigger} is {@code {"type": ref, "parameters": {...}}} or just the ref;
 * {@code action} is {@code {"ref": ref, "parameters": {...}}} or just the ref.
 */
@Schema(name = "RuleRequest")
public record RuleRequest(
        @Nullable @Schema(example = "mypack.on_alert",
                description = "required on create; on update optional, and equal to the path's")
        String ref,
        @Nullable String description,
        @Nullable @Schema(oneOf = {String.class, RuleJson.TriggerJson.class}, example = "{\"type\": \"mypack.alert\"}")
        Object trigger,
        @Nullable @Schema(description = "per payload path, {type, pattern}") Map<String, Object> criteria,
        @Nullable @Schema(oneOf = {String.class, RuleJson.ActionJson.class},
                example = "{\"ref\": \"mypack.greet\", \"parameters\": {\"name\": \"{{ trigger.host }}\"}}")
        Object action,
        @Nullable @Schema(description = "defaults to true") Boolean enabled,
        @JsonAnySetter @Nullable @Schema(hidden = true) Map<String, Object> unknown) {

    /** The draft the use case validates; {@code ref} fills in a missing body ref (used by updates). */
    RuleDraft toDraft(String pathRef) {
        UnknownFields.refuse(unknown);
        Endpoint trigger = endpoint("trigger", "type", this.trigger);
        Endpoint action = endpoint("action", "ref", this.action);
        return new RuleDraft(ref == null ? pathRef : ref, description, trigger.ref(), trigger.parameters(),
                criteria, action.ref(), action.parameters(), enabled);
    }

    private record Endpoint(String ref, Map<String, Object> parameters) {
    }

    @SuppressWarnings("unchecked")
    private static Endpoint endpoint(String field, String refKey, Object value) {
        if (value == null) {
            return new Endpoint(null, Map.of());
        }
        if (value instanceof String ref) {
            return new Endpoint(ref, Map.of());
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw ProblemException.malformedBody(field, "expected a ref string or an object {" + refKey
                    + ", parameters}");
        }
        for (Object key : object.keySet()) {
            if (!Set.of(refKey, "parameters").contains(key)) {
                throw ProblemException.malformedBody(field + "." + key, "unknown field '" + key + "'");
            }
        }
        Object ref = object.get(refKey);
        if (ref != null && !(ref instanceof String)) {
            throw ProblemException.malformedBody(field + "." + refKey, "expected a string");
        }
        Object parameters = object.get("parameters");
        if (parameters != null && !(parameters instanceof Map<?, ?>)) {
            throw ProblemException.malformedBody(field + ".parameters", "expected a JSON object");
        }
        return new Endpoint((String) ref,
                parameters == null ? Map.of() : new LinkedHashMap<>((Map<String, Object>) parameters));
    }
}
