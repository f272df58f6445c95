package io.attune.adapters.expressions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InvalidSchemaRefException;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import io.attune.adapters.expressions.schema.SchemaMessages.Problem;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.out.SchemaValidator;
import io.attune.domain.common.Json;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * JSON Schema with networknt: a schema is checked against its meta-schema (draft 2020-12 unless its {@code $schema}
 * names draft-07, -06, -04 or 2019-09), then compiled; values are checked against compiled schemas, which are kept
 * in a small LRU cache keyed by the schema itself (an unmodifiable deep copy: maps compare by content, whatever the
 * order of their keys, and a schema that is already one, as an action's is, is not copied). References may only point inside the schema: nothing
 * is ever fetched from the network or the file system.
 */
@Singleton
public final class NetworkntSchemaValidator implements SchemaValidator {

    static final int DEFAULT_CACHE_SIZE = 256;

    private static final Map<String, VersionFlag> DIALECTS = Map.of(
            "json-schema.org/draft/2020-12/schema", VersionFlag.V202012,
            "json-schema.org/draft/2019-09/schema", VersionFlag.V201909,
            "json-schema.org/draft-07/schema", VersionFlag.V7,
            "json-schema.org/draft-06/schema", VersionFlag.V6,
            "json-schema.org/draft-04/schema", VersionFlag.V4);

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    /** For meta-schema validation: formats are not asserted there, so that patterns get patternProblems' message. */
    private final SchemaValidatorsConfig metaConfig;
    private final Map<VersionFlag, JsonSchema> metaSchemas = Collections.synchronizedMap(new EnumMap<>(VersionFlag.class));
    private final Map<Map<String, Object>, JsonSchema> compiled;
    private final int cacheSize;

    @Inject
    public NetworkntSchemaValidator() {
        this(DEFAULT_CACHE_SIZE);
    }

    NetworkntSchemaValidator(int cacheSize) {
        this.cacheSize = cacheSize;
        this.compiled = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Map<String, Object>, JsonSchema> eldest) {
                return size() > NetworkntSchemaValidator.this.cacheSize;
            }
        });
        this.factory = JsonSchemaFactory.getInstance(VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.add(iri -> {
                    // The meta-schemas ship in the validator's jar (mapped to classpath:draft...); refuse anything else.
                    if (iri.toString().startsWith("classpath:draft")) {
                        return null;
                    }
                    throw new ExternalReference(iri.toString());
                })));
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .losslessNarrowing(true)
                .locale(Locale.ENGLISH)
                .build();
        this.metaConfig = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(false)
                .locale(Locale.ENGLISH)
                .build();
    }

    @Override
    public List<String> schemaProblems(Map<String, Object> schema) {
        if (schema == null || schema.isEmpty()) {
            return List.of();
        }
        ObjectNode node;
        try {
            node = mapper.valueToTree(schema);
        } catch (IllegalArgumentException e) {
            return List.of("is not JSON: " + e.getMessage());
        }
        Optional<VersionFlag> dialect = dialect(node);
        if (dialect.isEmpty()) {
            return List.of("$schema: unsupported dialect " + node.get("$schema")
                    + ": leave it out (draft 2020-12) or use http://json-schema.org/draft-07/schema#");
        }
        List<Problem> problems = SchemaMessages.describe(metaSchema(dialect.get()).validate(node), "", true);
        if (problems.isEmpty()) {
            problems = patternProblems(node);
        }
        if (problems.isEmpty()) {
            try {
                compile(node, dialect.get());
            } catch (RuntimeException e) {
                return List.of(compileProblem(e));
            }
            problems = defaultProblems(node, dialect.get());
        }
        return problems.stream().map(Problem::text).toList();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code schema} is not a valid schema (check it first with schemaProblems)
     */
    @Override
    public List<FieldError> validate(Map<String, Object> schema, Object value, String rootField) {
        Objects.requireNonNull(rootField, "rootField");
        if (schema == null || schema.isEmpty()) {
            return List.of();
        }
        JsonSchema jsonSchema = cached(schema);
        JsonNode instance = mapper.valueToTree(value);
        List<Problem> problems;
        try {
            problems = SchemaMessages.describe(jsonSchema.validate(instance), rootField, false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid JSON schema: " + compileProblem(e), e);
        }
        return problems.stream().map(p -> FieldError.of(p.path(), p.message())).toList();
    }

    /** How many compiled schemas the cache holds (for tests). */
    int cachedSchemas() {
        return compiled.size();
    }

    private JsonSchema cached(Map<String, Object> schema) {
        // no JSON written per call: an equal map (hashed and compared in memory) finds the compiled schema
        Map<String, Object> key = Json.copyObject(schema);
        JsonSchema hit = compiled.get(key);
        if (hit != null) {
            return hit;
        }
        ObjectNode node = mapper.valueToTree(schema);
        VersionFlag dialect = dialect(node).orElseThrow(
                () -> new IllegalArgumentException("invalid JSON schema: unsupported $schema " + node.get("$schema")));
        JsonSchema jsonSchema;
        try {
            jsonSchema = compile(node, dialect);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid JSON schema: " + compileProblem(e), e);
        }
        compiled.put(key, jsonSchema);
        return jsonSchema;
    }

    private JsonSchema compile(ObjectNode node, VersionFlag dialect) {
        ObjectNode copy = node.deepCopy();
        if (copy.has("$schema")) {
            copy.put("$schema", dialect.getId());
        }
        JsonSchema jsonSchema = factory.getSchema(copy, config);
        jsonSchema.initializeValidators();
        return jsonSchema;
    }

    private JsonSchema metaSchema(VersionFlag dialect) {
        return metaSchemas.computeIfAbsent(dialect, d -> factory.getSchema(SchemaLocation.of(d.getId()), metaConfig));
    }

    private static Optional<VersionFlag> dialect(JsonNode node) {
        JsonNode declared = node.get("$schema");
        if (declared == null) {
            return Optional.of(VersionFlag.V202012);
        }
        if (!declared.isTextual()) {
            return Optional.empty();
        }
        String id = declared.asText().trim().replaceFirst("^https?://", "").replaceFirst("#?$", "").replaceFirst("/$", "");
        return Optional.ofNullable(DIALECTS.get(id));
    }

    /** Regular expressions are compiled lazily by the validator; check them up front to name the field. */
    private static List<Problem> patternProblems(JsonNode schema) {
        List<Problem> problems = new ArrayList<>();
        SchemaWalker.walk(schema, (path, node) -> {
            JsonNode pattern = node.get("pattern");
            if (pattern != null && pattern.isTextual()) {
                regexProblem(pattern.asText()).ifPresent(p ->
                        problems.add(new Problem(SchemaPaths.child(path, "pattern"), p)));
            }
            JsonNode patternProperties = node.get("patternProperties");
            if (patternProperties != null && patternProperties.isObject()) {
                patternProperties.fieldNames().forEachRemaining(regex -> regexProblem(regex).ifPresent(p ->
                        problems.add(new Problem(SchemaPaths.child(path, "patternProperties"), "'" + regex + "' " + p))));
            }
        });
        return problems;
    }

    private static Optional<String> regexProblem(String regex) {
        try {
            Pattern.compile(regex);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of("is not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    /** Every {@code default} must itself be valid against the schema it sits in, at any depth. */
    private List<Problem> defaultProblems(ObjectNode root, VersionFlag dialect) {
        List<Problem> problems = new ArrayList<>();
        SchemaWalker.walk(root, (path, node) -> {
            JsonNode value = node.get("default");
            if (value == null || node.findValue("$ref") != null || node.findValue("$dynamicRef") != null) {
                return;
            }
            ObjectNode subschema = ((ObjectNode) node).deepCopy();
            if (root.has("$schema")) {
                subschema.set("$schema", root.get("$schema"));
            }
            try {
                problems.addAll(SchemaMessages.describe(compile(subschema, dialect).validate(value),
                        SchemaPaths.child(path, "default"), false));
            } catch (RuntimeException e) {
                problems.add(new Problem(SchemaPaths.child(path, "default"), "cannot be checked: " + compileProblem(e)));
            }
        });
        return problems;
    }

    private static String compileProblem(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ExternalReference external) {
                return "$ref: '" + external.iri + "' points outside this schema: only references inside it"
                        + " (such as #/$defs/name) are allowed";
            }
            if (cause instanceof PatternSyntaxException pattern) {
                return "pattern '" + pattern.getPattern() + "' is not a valid regular expression: " + pattern.getDescription();
            }
            if (cause instanceof InvalidSchemaRefException ref && ref.getValidationMessage() != null) {
                return "$ref: " + ref.getValidationMessage().getMessage().replaceFirst("^[^:]*: ", "");
            }
        }
        String message = e instanceof JsonSchemaException && e.getMessage() != null ? e.getMessage() : String.valueOf(e.getMessage());
        return message.replaceAll("^([a-z]+\\.)+[A-Za-z]+(Exception|Error): ", "");
    }

    /** Thrown by the schema loader for any reference that would leave the schema. */
    private static final class ExternalReference extends RuntimeException {
        private final String iri;

        ExternalReference(String iri) {
            super("refusing to load " + iri, null, false, false);
            this.iri = iri;
        }
    }
}
