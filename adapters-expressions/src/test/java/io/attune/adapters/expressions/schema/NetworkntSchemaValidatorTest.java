package io.attune.adapters.expressions.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.application.port.in.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NetworkntSchemaValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NetworkntSchemaValidator validator = new NetworkntSchemaValidator();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Object value(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Nested
    class SchemaProblems {

        @Test
        void acceptsValidSchemas() {
            assertThat(validator.schemaProblems(schema("{}"))).isEmpty();
            assertThat(validator.schemaProblems(null)).isEmpty();
            assertThat(validator.schemaProblems(schema("""
                    {"type": "object", "properties": {"a": {"type": ["string", "null"], "pattern": "^a", "default": "ab"},
                     "b": {"$ref": "#/$defs/n"}, "c": {"oneOf": [{"type": "integer"}, {"enum": ["x"]}]}},
                     "required": ["a"], "additionalProperties": false, "$defs": {"n": {"type": "number", "minimum": 0}}}
                    """))).isEmpty();
        }

        @Test
        void reportsAnUnknownType() {
            assertThat(validator.schemaProblems(schema("{\"type\": \"strng\"}"))).singleElement().asString()
                    .startsWith("type: 'strng' is not a JSON Schema type: use array, boolean, integer, null, number, object, string");
        }

        @Test
        void reportsAnUnknownTypeInAList() {
            assertThat(validator.schemaProblems(schema("{\"type\": [\"string\", \"nope\"]}"))).singleElement().asString()
                    .startsWith("type[1]: 'nope' is not a JSON Schema type");
        }

        @Test
        void reportsPropertiesThatAreNotAnObject() {
            assertThat(validator.schemaProblems(schema("{\"type\": \"object\", \"properties\": 5}")))
                    .containsExactly("properties: must be an object, got an integer");
        }

        @Test
        void reportsAMinimumThatIsNotANumber() {
            assertThat(validator.schemaProblems(schema("{\"minimum\": \"x\"}")))
                    .containsExactly("minimum: must be a number, got a string");
        }

        @Test
        void namesTheNestedSchemaAtFault() {
            assertThat(validator.schemaProblems(schema("""
                    {"type": "object", "properties": {"tags": {"type": "array", "items": {"type": "strng"}}}}
                    """))).singleElement().asString().startsWith("properties.tags.items.type: 'strng'");
        }

        @Test
        void reportsAnInvalidRegularExpression() {
            assertThat(validator.schemaProblems(schema("{\"properties\": {\"a\": {\"pattern\": \"web[0-9\"}}}")))
                    .singleElement().asString().startsWith("properties.a.pattern: is not a valid regular expression");
        }

        @Test
        void refusesReferencesOutsideTheSchema() {
            assertThat(validator.schemaProblems(schema("{\"$ref\": \"https://example.com/schema.json\"}")))
                    .singleElement().asString().contains("points outside this schema");
            assertThat(validator.schemaProblems(schema("{\"properties\": {\"a\": {\"$ref\": \"file:///etc/passwd\"}}}")))
                    .singleElement().asString().contains("points outside this schema");
        }

        @Test
        void reportsAReferenceThatCannotBeResolved() {
            assertThat(validator.schemaProblems(schema("{\"properties\": {\"a\": {\"$ref\": \"#/$defs/missing\"}}}")))
                    .singleElement().asString().startsWith("$ref:");
        }

        @Test
        void checksDraft07SchemasAgainstTheirOwnMetaSchema() {
            assertThat(validator.schemaProblems(schema("""
                    {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                     "properties": {"a": {"type": "integer"}}, "definitions": {"x": {"type": "string"}}}
                    """))).isEmpty();
            assertThat(validator.schemaProblems(schema(
                    "{\"$schema\": \"http://json-schema.org/draft-07/schema\", \"type\": \"strng\"}")))
                    .singleElement().asString().startsWith("type: 'strng'");
        }

        @Test
        void reportsAnUnsupportedDialect() {
            assertThat(validator.schemaProblems(schema("{\"$schema\": \"https://example.com/my-dialect\"}")))
                    .singleElement().asString().startsWith("$schema: unsupported dialect");
        }

        @Test
        void reportsADefaultThatDoesNotFitItsSchema() {
            assertThat(validator.schemaProblems(schema("{\"type\": \"integer\", \"default\": \"many\"}")))
                    .containsExactly("default: must be an integer, got a string");
        }

        @Test
        void reportsDefaultsOfNestedObjects() {
            assertThat(validator.schemaProblems(schema("""
                    {"type": "object", "properties": {
                       "retry": {"type": "object", "properties": {
                          "count": {"type": "integer", "minimum": 0, "default": -1},
                          "backoff": {"enum": ["constant", "exponential"], "default": "linear"}}}}}
                    """))).containsExactly(
                    "properties.retry.properties.count.default: must be at least 0",
                    "properties.retry.properties.backoff.default: must be one of constant, exponential");
        }

        @Test
        void reportsAnObjectDefaultThatBreaksItsNestedSchema() {
            assertThat(validator.schemaProblems(schema("""
                    {"type": "object", "properties": {"retry": {"type": "object",
                       "properties": {"count": {"type": "integer"}}, "required": ["count"],
                       "default": {"count": "three"}}}}
                    """))).containsExactly("properties.retry.default.count: must be an integer, got a string");
        }
    }

    @Nested
    class Validate {

        private final Map<String, Object> parameters = schema("""
                {"type": "object", "additionalProperties": false, "required": ["name", "count"],
                 "properties": {
                   "name": {"type": "string", "minLength": 2},
                   "count": {"type": "integer", "minimum": 1, "maximum": 10},
                   "level": {"enum": ["low", "high"]},
                   "email": {"type": "string", "format": "email"},
                   "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true},
                   "options": {"type": "object", "properties": {
                      "retries": {"type": "integer", "default": 3},
                      "mode": {"type": "string", "default": "fast"}}, "required": ["mode"]}}}
                """);

        private List<FieldError> check(String json) {
            return validator.validate(parameters, value(json), "parameters");
        }

        @Test
        void acceptsAConformingValue() {
            assertThat(check("{\"name\": \"ada\", \"count\": 3, \"tags\": [\"a\"], \"options\": {\"mode\": \"slow\"}}"))
                    .isEmpty();
        }

        @Test
        void namesTheFieldOfAWrongType() {
            assertThat(check("{\"name\": \"ada\", \"count\": \"three\"}"))
                    .containsExactly(FieldError.of("parameters.count", "must be an integer, got a string"));
        }

        @Test
        void countsAWholeNumberWrittenWithADecimalPointAsAnInteger() {
            assertThat(check("{\"name\": \"ada\", \"count\": 3.0}")).isEmpty();
            assertThat(check("{\"name\": \"ada\", \"count\": 3.5}"))
                    .containsExactly(FieldError.of("parameters.count", "must be an integer, got a number"));
        }

        @Test
        void namesMissingAndUnknownFields() {
            assertThat(check("{\"nme\": \"ada\"}")).containsExactlyInAnyOrder(
                    FieldError.of("parameters.name", "is required"),
                    FieldError.of("parameters.count", "is required"),
                    FieldError.of("parameters.nme", "is not allowed here (not a known property)"));
        }

        @Test
        void saysWhatIsWrongInWords() {
            assertThat(check("""
                    {"name": "a", "count": 11, "level": "mid", "email": "nope", "tags": ["x", "x"]}
                    """)).containsExactlyInAnyOrder(
                    FieldError.of("parameters.name", "must be at least 2 characters long"),
                    FieldError.of("parameters.count", "must be at most 10"),
                    FieldError.of("parameters.level", "must be one of low, high"),
                    FieldError.of("parameters.email", "must be a valid email"),
                    FieldError.of("parameters.tags", "must not contain the same item twice"));
        }

        @Test
        void namesItemsOfArraysAndFieldsOfNestedObjects() {
            assertThat(check("{\"name\": \"ada\", \"count\": 1, \"tags\": [\"a\", 2], \"options\": {\"retries\": \"x\"}}"))
                    .containsExactlyInAnyOrder(
                            FieldError.of("parameters.tags[1]", "must be a string, got an integer"),
                            FieldError.of("parameters.options.retries", "must be an integer, got a string"),
                            FieldError.of("parameters.options.mode", "is required"));
        }

        @Test
        void doesNotRequireNestedFieldsThatHaveDefaults() {
            assertThat(check("{\"name\": \"ada\", \"count\": 1, \"options\": {\"mode\": \"slow\"}}")).isEmpty();
        }

        @Test
        void answersOnceForAlternatives() {
            Map<String, Object> either = schema("""
                    {"type": "object", "properties": {
                      "any": {"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 3}]},
                      "one": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}}
                    """);

            assertThat(validator.validate(either, value("{\"any\": true, \"one\": false}"), "input")).containsExactlyInAnyOrder(
                    FieldError.of("input.any", "must be a string, got a boolean, or must be an integer, got a boolean"),
                    FieldError.of("input.one", "matches none of the allowed forms: must be a string, got a boolean;"
                            + " or must be an integer, got a boolean"));
            assertThat(validator.validate(either, value("{\"any\": 1}"), "input"))
                    .containsExactly(FieldError.of("input.any", "must be a string, got an integer, or must be at least 3"));
        }

        @Test
        void namesTheRootFieldForAWrongValue() {
            assertThat(validator.validate(schema("{\"type\": \"object\"}"), "text", "payload"))
                    .containsExactly(FieldError.of("payload", "must be an object, got a string"));
        }

        @Test
        void acceptsAnythingAgainstAnEmptySchema() {
            assertThat(validator.validate(Map.of(), List.of(1, "x"), "payload")).isEmpty();
        }

        @Test
        void refusesAnInvalidSchema() {
            assertThatThrownBy(() -> validator.validate(schema("{\"$ref\": \"https://example.com/s.json\"}"), 1, "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("points outside this schema");
        }
    }

    @Nested
    class Cache {

        @Test
        void compilesEachSchemaOnceWhateverTheOrderOfItsKeys() {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("type", "integer");
            one.put("minimum", 1);
            Map<String, Object> same = new LinkedHashMap<>();
            same.put("minimum", 1);
            same.put("type", "integer");

            validator.validate(one, 1, "x");
            validator.validate(same, 0, "x");

            assertThat(validator.cachedSchemas()).isEqualTo(1);
        }

        @Test
        void keepsOnlyTheMostRecentlyUsedSchemas() {
            NetworkntSchemaValidator small = new NetworkntSchemaValidator(3);
            for (int i = 0; i < 10; i++) {
                assertThat(small.validate(Map.of("type", "integer", "minimum", i), 5, "x")).hasSize(i > 5 ? 1 : 0);
            }

            assertThat(small.cachedSchemas()).isEqualTo(3);
        }
    }
}
