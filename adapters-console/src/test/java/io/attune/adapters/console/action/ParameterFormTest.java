package io.attune.adapters.console.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.adapters.console.action.ParameterForm.Field;
import io.attune.adapters.console.action.ParameterForm.Kind;
import io.attune.adapters.console.web.Form;
import io.attune.application.port.in.FieldError;
import io.attune.domain.action.ParameterSchema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterFormTest {

    private static final ParameterSchema SCHEMA = new ParameterSchema(schema());

    private static Map<String, Map<String, Object>> schema() {
        Map<String, Map<String, Object>> p = new LinkedHashMap<>();
        p.put("cmd", Map.of("type", "string", "required", true, "description", "what to run"));
        p.put("times", Map.of("type", "integer", "default", 1));
        p.put("ratio", Map.of("type", "number"));
        p.put("verbose", Map.of("type", "boolean", "default", true));
        p.put("level", Map.of("type", "string", "enum", List.of("low", "high"), "default", "low"));
        p.put("token", Map.of("type", "string", "secret", true, "default", "s3cr3t-default"));
        p.put("env", Map.of("type", "object"));
        return p;
    }

    private static Field field(ParameterForm form, String name) {
        return form.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachParameterGetsTheInputOfItsType() {
        ParameterForm form = ParameterForm.blank(SCHEMA);

        assertThat(form.fields()).extracting(Field::name, Field::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cmd", Kind.TEXT), org.assertj.core.groups.Tuple.tuple("times", Kind.INTEGER),
                org.assertj.core.groups.Tuple.tuple("ratio", Kind.NUMBER), org.assertj.core.groups.Tuple.tuple("verbose", Kind.BOOLEAN),
                org.assertj.core.groups.Tuple.tuple("level", Kind.CHOICE), org.assertj.core.groups.Tuple.tuple("token", Kind.SECRET),
                org.assertj.core.groups.Tuple.tuple("env", Kind.JSON));
        assertThat(field(form, "cmd").required()).isTrue();
        assertThat(field(form, "times").defaultText()).isEqualTo("1");
        assertThat(field(form, "times").value()).as("the server applies the default").isEmpty();
        assertThat(field(form, "verbose").checked()).isTrue();
        assertThat(field(form, "level").choices()).containsExactly("low", "high");
        assertThat(field(form, "token").defaultText()).as("a secret default is never shown").isEmpty();
    }

    @Test
    void aSubmittedFormIsReadByTheSchemaAndEmptyFieldsAreLeftToTheDefaults() {
        ParameterForm.Submitted submitted = ParameterForm.read(SCHEMA, new Form(Map.of(
                "p.cmd", "echo hi", "p.times", "3", "p.ratio", "2.5", "p.verbose", List.of("false", "true"),
                "p.level", "high", "p.token", "t0p", "p.env", "{\"A\": \"1\"}")));

        assertThat(submitted.hasErrors()).isFalse();
        assertThat(submitted.parameters()).containsEntry("cmd", "echo hi").containsEntry("times", 3L)
                .containsEntry("ratio", new BigDecimal("2.5")).containsEntry("verbose", true)
                .containsEntry("level", "high").containsEntry("token", "t0p").containsEntry("env", Map.of("A", "1"));
        assertThat(field(submitted.form(), "token").value()).as("a secret is not shown again").isEmpty();

        ParameterForm.Submitted sparse = ParameterForm.read(SCHEMA, new Form(Map.of("p.cmd", "id", "p.verbose", "false")));
        assertThat(sparse.parameters()).containsOnlyKeys("cmd", "verbose").containsEntry("verbose", false);
    }

    @Test
    void valuesThatCannotBeReadAreErrorsOfTheirFields() {
        ParameterForm.Submitted submitted = ParameterForm.read(SCHEMA, new Form(Map.of(
                "p.times", "three", "p.ratio", "1,5", "p.level", "<b>medium</b>", "p.env", "{broken")));

        assertThat(submitted.hasErrors()).isTrue();
        assertThat(field(submitted.form(), "times").error()).hasValue("a whole number, e.g. 3");
        assertThat(field(submitted.form(), "ratio").error()).hasValue("a number, e.g. 2.5");
        assertThat(field(submitted.form(), "level").error()).hasValue("one of the choices offered");
        assertThat(field(submitted.form(), "env").error()).hasValueSatisfying(e -> assertThat(e).startsWith("JSON"));
        assertThat(field(submitted.form(), "times").value()).as("what was typed stays").isEqualTo("three");
    }

    @Test
    void theServersFieldErrorsGoNextToTheirFieldsAndTheRestAboveTheForm() {
        ParameterForm form = ParameterForm.blank(SCHEMA).withErrors(List.of(
                FieldError.of("parameters.cmd", "is required"), FieldError.of("parameters.env.A", "must be a string"),
                FieldError.of("action", "action 'x.y' is disabled")));

        assertThat(field(form, "cmd").error()).hasValue("is required");
        assertThat(field(form, "env").error()).hasValue("must be a string");
        assertThat(form.generalErrors()).containsExactly("action: action 'x.y' is disabled");
    }

    @Test
    void aRerunFormIsFilledWithTheParametersButNotTheSecrets() {
        ParameterForm form = ParameterForm.filled(SCHEMA, Map.of("cmd", "uname -a", "times", 2, "token", "********",
                "env", Map.of("B", "2")));

        assertThat(field(form, "cmd").value()).isEqualTo("uname -a");
        assertThat(field(form, "times").value()).isEqualTo("2");
        assertThat(field(form, "token").value()).isEmpty();
        assertThat(field(form, "env").value()).contains("\"B\" : \"2\"");
    }
}
