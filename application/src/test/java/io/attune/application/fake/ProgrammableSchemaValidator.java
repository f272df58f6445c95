package io.attune.application.fake;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.out.SchemaValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A schema validator for application tests that understands only {@code required} and the {@code type} (integer or
 * boolean) of top-level properties: enough to show how services use validation results, without a JSON Schema library.
 */
public final class ProgrammableSchemaValidator implements SchemaValidator {

    private final List<FieldError> refusals = new ArrayList<>();

    /** From now on, every validated value is refused with this error (besides those it finds itself). */
    public void refuseWith(String field, String message) {
        refusals.add(FieldError.of(field, message));
    }

    @Override
    public List<String> schemaProblems(Map<String, Object> schema) {
        Object type = schema.get("type");
        return type == null || List.of("object", "string", "integer", "number", "boolean", "array").contains(type)
                ? List.of() : List.of("unknown type '" + type + "'");
    }

    @Override
    public List<FieldError> validate(Map<String, Object> schema, Object value, String rootField) {
        List<FieldError> errors = new ArrayList<>(refusals);
        if (!(value instanceof Map<?, ?> map)) {
            return List.of(FieldError.of(rootField, "must be an object"));
        }
        if (schema.get("required") instanceof List<?> required) {
            for (Object name : required) {
                if (!map.containsKey(name)) {
                    errors.add(FieldError.of(rootField + "." + name, "is required"));
                }
            }
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, spec) -> {
                Object v = map.get(name);
                if (v != null && spec instanceof Map<?, ?> s && "integer".equals(s.get("type")) && !(v instanceof Integer || v instanceof Long)) {
                    errors.add(FieldError.of(rootField + "." + name, "must be an integer"));
                }
                if (v != null && spec instanceof Map<?, ?> s && "boolean".equals(s.get("type")) && !(v instanceof Boolean)) {
                    errors.add(FieldError.of(rootField + "." + name, "must be a boolean"));
                }
            });
        }
        return errors;
    }
}
