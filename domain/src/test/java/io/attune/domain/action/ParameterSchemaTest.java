package io.attune.domain.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSchemaTest {

    private final ParameterSchema schema = new ParameterSchema(new LinkedHashMap<>(Map.of(
            "name", Map.of("type", "string", "required", true),
            "token", Map.of("type", "string", "secret", true),
            "times", Map.of("type", "integer", "default", 1))));

    @Test
    void fillsDefaultsForAbsentParametersOnly() {
        assertThat(schema.withDefaults(Map.of("name", "ada"))).containsEntry("times", 1).containsEntry("name", "ada");
        assertThat(schema.withDefaults(Map.of("name", "ada", "times", 3))).containsEntry("times", 3);
    }

    @Test
    void masksSecretValues() {
        assertThat(schema.mask(Map.of("name", "ada", "token", "abc")))
                .containsEntry("token", ParameterSchema.MASK).containsEntry("name", "ada");
    }

    @Test
    void becomesOneJsonSchemaThatRefusesUnknownNames() {
        Map<String, Object> json = schema.toJsonSchema();

        assertThat(json).containsEntry("additionalProperties", false).containsEntry("required", List.of("name"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) json.get("properties");
        assertThat(properties.get("token")).doesNotContainKey("secret");
        assertThat(properties.get("name")).doesNotContainKey("required");
    }

    @Test
    void refusesAParameterNameThatCannotBeAnEnvironmentVariable() {
        assertThatThrownBy(() -> new ParameterSchema(Map.of("bad name", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name");
    }
}
