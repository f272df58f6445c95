package io.attune.domain.action;

import io.attune.domain.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters an action accepts: per name a JSON Schema, plus the Attune keywords {@code required}
 * (boolean, StackStorm style), {@code secret} and {@code default}.
 */
public record ParameterSchema(Map<String, Map<String, Object>> parameters) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public ParameterSchema {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach((name, spec) -> {
                if (name == null || !NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("invalid parameter name '" + name
                            + "': use letters, digits and '_'");
                }
                copy.put(name, Json.copyObject(spec));
            });
        }
        parameters = java.util.Collections.unmodifiableMap(copy);
    }

    public static ParameterSchema none() {
        return new ParameterSchema(Map.of());
    }

    public Set<String> names() {
        return parameters.keySet();
    }

    public Set<String> secretNames() {
        Set<String> secret = new LinkedHashSet<>();
        parameters.forEach((name, spec) -> {
            if (Boolean.TRUE.equals(spec.get("secret"))) {
                secret.add(name);
            }
        });
        return secret;
    }

    public List<String> requiredNames() {
        List<String> required = new ArrayList<>();
        parameters.forEach((name, spec) -> {
            if (Boolean.TRUE.equals(spec.get("required"))) {
                required.add(name);
            }
        });
        return required;
    }

    /** The given values with defaults filled in for absent parameters. Unknown names are kept (validation refuses them). */
    public Map<String, Object> withDefaults(Map<String, Object> values) {
        Map<String, Object> result = new LinkedHashMap<>();
        parameters.forEach((name, spec) -> {
            if (values != null && values.containsKey(name)) {
                result.put(name, values.get(name));
            } else if (spec.containsKey("default")) {
                result.put(name, spec.get("default"));
            }
        });
        if (values != null) {
            values.forEach(result::putIfAbsent);
        }
        return Json.copyObject(result);
    }

    /** The whole parameter set as one JSON Schema object (Attune keywords translated, unknown names refused). */
    public Map<String, Object> toJsonSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        parameters.forEach((name, spec) -> {
            Map<String, Object> property = new LinkedHashMap<>(spec);
            if (property.get("required") instanceof Boolean) {
                property.remove("required");
            }
            property.remove("secret");
            property.remove("position");
            property.remove("immutable");
            properties.put(name, property);
        });
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", requiredNames());
        schema.put("additionalProperties", false);
        return Json.copyObject(schema);
    }

    /** Parameter values with every secret one replaced by a mask, for anything shown or logged. */
    public Map<String, Object> mask(Map<String, Object> values) {
        Set<String> secret = secretNames();
        Map<String, Object> masked = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> masked.put(k, secret.contains(k) && v != null ? MASK : v));
        }
        return Json.copyObject(masked);
    }

    /** What a secret value is shown as. */
    public static final String MASK = "********";
}
