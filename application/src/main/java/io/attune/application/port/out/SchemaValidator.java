package io.attune.application.port.out;

import io.attune.application.port.in.FieldError;
import java.util.List;
import java.util.Map;

/** JSON Schema: checks that a schema is valid, and that a value conforms to one. */
public interface SchemaValidator {

    /** Problems with the schema itself (empty when it is a valid JSON Schema). */
    List<String> schemaProblems(Map<String, Object> schema);

    /**
     * Problems of {@code value} against {@code schema}; each field is a dotted path below {@code rootField}
     * (e.g. {@code parameters.count}). Empty when the value conforms.
     */
    List<FieldError> validate(Map<String, Object> schema, Object value, String rootField);
}
