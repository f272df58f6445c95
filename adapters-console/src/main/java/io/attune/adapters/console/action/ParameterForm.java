package io.attune.adapters.console.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.adapters.console.web.Form;
import io.attune.adapters.console.web.Formats;
import io.attune.application.port.in.FieldError;
import io.attune.domain.action.ParameterSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A form generated from an action's parameter schema, and the parameters read back from it. Each parameter is one
 * field: a text input (string), a number input (integer, number), a checkbox (boolean), a select (enum), a password
 * input (secret: never filled in), or a JSON textarea (object, array, anything else). Values that cannot be read
 * (a word in a number field, broken JSON) are errors of their field; the server's own 422 errors are put next to
 * their fields too. Form fields are named {@value #PREFIX}{@code <name>} so that they never clash with the form's own.
 */
public final class ParameterForm {

    public static final String PREFIX = "p.";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** How a parameter is entered. */
    public enum Kind { TEXT, INTEGER, NUMBER, BOOLEAN, CHOICE, SECRET, JSON }

    /** One field of the form, with the value to show and its error, if any. */
    public record Field(String name, Kind kind, String description, boolean required, String value,
                        List<String> choices, String defaultText, Optional<String> error) {

        public String inputName() {
            return PREFIX + name;
        }

        public String inputId() {
            return "param-" + name;
        }

        public boolean checked() {
            return "true".equals(value);
        }
    }

    private final ParameterSchema schema;
    private final List<Field> fields;
    private final List<String> generalErrors;

    private ParameterForm(ParameterSchema schema, List<Field> fields, List<String> generalErrors) {
        this.schema = schema;
        this.fields = List.copyOf(fields);
        this.generalErrors = List.copyOf(generalErrors);
    }

    /** An empty form: defaults shown as placeholders (and booleans and choices preset to them). */
    public static ParameterForm blank(ParameterSchema schema) {
        return filled(schema, Map.of());
    }

    /** A form filled with given values (a rerun's parameters); secret ones are left empty. */
    public static ParameterForm filled(ParameterSchema schema, Map<String, Object> values) {
        List<Field> fields = new ArrayList<>();
        schema.parameters().forEach((name, spec) -> {
            Kind kind = kindOf(name, spec, schema);
            String value = kind == Kind.SECRET || !values.containsKey(name) ? defaultValue(kind, spec)
                    : text(kind, values.get(name));
            fields.add(field(name, spec, kind, value, Optional.empty()));
        });
        return new ParameterForm(schema, fields, List.of());
    }

    /** What was submitted, read by the schema; problems are in {@link #errors()}. */
    public static Submitted read(ParameterSchema schema, Form form) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        List<Field> fields = new ArrayList<>();
        schema.parameters().forEach((name, spec) -> {
            Kind kind = kindOf(name, spec, schema);
            String raw = form.value(PREFIX + name).orElse(kind == Kind.BOOLEAN ? "false" : "");
            try {
                parse(kind, spec, raw).ifPresent(v -> parameters.put(name, v));
            } catch (IllegalArgumentException e) {
                problems.put(name, e.getMessage());
            }
            fields.add(field(name, spec, kind, kind == Kind.SECRET ? "" : raw, Optional.ofNullable(problems.get(name))));
        });
        return new Submitted(parameters, new ParameterForm(schema, fields, List.of()), !problems.isEmpty());
    }

    /** The parameters read from a submitted form, and the form to show again if they cannot be run. */
    public record Submitted(Map<String, Object> parameters, ParameterForm form, boolean hasErrors) {
    }

    /** The same form with the server's field errors ({@code parameters.<name>}) next to their fields. */
    public ParameterForm withErrors(List<FieldError> errors) {
        Map<String, String> byName = new LinkedHashMap<>();
        List<String> general = new ArrayList<>(generalErrors);
        for (FieldError error : errors) {
            String field = error.field();
            String name = field.startsWith("parameters.") ? field.substring("parameters.".length()).split("[.\\[]", 2)[0] : "";
            if (schema.parameters().containsKey(name)) {
                byName.merge(name, error.message(), (a, b) -> a + "; " + b);
            } else {
                general.add(field.isEmpty() ? error.message() : field + ": " + error.message());
            }
        }
        List<Field> updated = fields.stream().map(f -> byName.containsKey(f.name())
                ? new Field(f.name(), f.kind(), f.description(), f.required(), f.value(), f.choices(), f.defaultText(),
                        Optional.of(f.error().map(e -> e + "; ").orElse("") + byName.get(f.name())))
                : f).toList();
        return new ParameterForm(schema, updated, general);
    }

    public List<Field> fields() {
        return fields;
    }

    public List<String> generalErrors() {
        return generalErrors;
    }

    private static Field field(String name, Map<String, Object> spec, Kind kind, String value, Optional<String> error) {
        List<String> choices = spec.get("enum") instanceof List<?> list
                ? list.stream().map(v -> v instanceof String s ? s : Formats.json(v)).toList() : List.of();
        String description = spec.get("description") instanceof String d ? d : "";
        String defaultText = kind == Kind.SECRET || !spec.containsKey("default") ? "" : text(kind, spec.get("default"));
        return new Field(name, kind, description, Boolean.TRUE.equals(spec.get("required")), value, choices,
                defaultText, error);
    }

    private static Kind kindOf(String name, Map<String, Object> spec, ParameterSchema schema) {
        if (schema.secretNames().contains(name)) {
            return Kind.SECRET;
        }
        if (spec.get("enum") instanceof List<?>) {
            return Kind.CHOICE;
        }
        Object type = spec.get("type");
        return switch (type instanceof String t ? t : "") {
            case "string" -> Kind.TEXT;
            case "integer" -> Kind.INTEGER;
            case "number" -> Kind.NUMBER;
            case "boolean" -> Kind.BOOLEAN;
            default -> Kind.JSON;
        };
    }

    private static String defaultValue(Kind kind, Map<String, Object> spec) {
        // booleans and choices start at their default (a checkbox has no placeholder); other fields stay empty,
        // showing the default as a placeholder, so that the server applies it
        return (kind == Kind.BOOLEAN || kind == Kind.CHOICE) && spec.containsKey("default")
                ? text(kind, spec.get("default")) : "";
    }

    private static String text(Kind kind, Object value) {
        if (value == null) {
            return "";
        }
        return switch (kind) {
            case TEXT, SECRET -> value instanceof String s ? s : Formats.json(value);
            case CHOICE -> value instanceof String s ? s : Formats.json(value);
            case INTEGER, NUMBER, BOOLEAN -> String.valueOf(value);
            case JSON -> Formats.json(value);
        };
    }

    /** The value of one field; empty for a field left empty (the server applies the default, or says it is required). */
    private static Optional<Object> parse(Kind kind, Map<String, Object> spec, String raw) {
        if (kind == Kind.BOOLEAN) {
            return Optional.of("true".equals(raw));
        }
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (kind) {
            case TEXT, SECRET -> raw;
            case INTEGER -> {
                try {
                    yield Long.parseLong(raw.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("a whole number, e.g. 3");
                }
            }
            case NUMBER -> {
                try {
                    yield new BigDecimal(raw.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("a number, e.g. 2.5");
                }
            }
            case CHOICE -> ((List<?>) spec.get("enum")).stream()
                    .filter(v -> (v instanceof String s ? s : Formats.json(v)).equals(raw)).findFirst()
                    .map(v -> (Object) v).orElseThrow(() -> new IllegalArgumentException("one of the choices offered"));
            case JSON -> {
                try {
                    yield JSON.readValue(raw, Object.class);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("JSON that cannot be read: " + e.getOriginalMessage());
                }
            }
            case BOOLEAN -> throw new IllegalStateException("read above");
        });
    }
}
