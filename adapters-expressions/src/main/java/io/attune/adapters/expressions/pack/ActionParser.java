package io.attune.adapters.expressions.pack;

import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.action.WorkerLabels;
import io.attune.domain.common.Ref;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code actions/*.yaml}: runner, entry point, parameters (one JSON Schema each), output format, timeout, and the
 * worker labels it asks for.
 */
final class ActionParser {

    static final String FOLDER = "actions";
    static final String WORKER_LABELS = "worker_labels";

    /** Attune's keywords in a parameter's schema (StackStorm's), taken out before it is checked as JSON Schema. */
    private static final Set<String> ATTUNE_KEYWORDS = Set.of("required", "secret", "immutable", "position");

    private ActionParser() {
    }

    static Optional<Action> parse(PackContext pack, PackFile file, Optional<Ref> ref) {
        Fields fields = file.fields();
        int before = file.problems().count();
        Optional<String> description = fields.text("description");
        Optional<RunnerType> runner = Runners.read(fields);
        Optional<String> entryPoint = EntryPoints.read(pack, fields, FOLDER);
        runner.ifPresent(r -> {
            boolean withoutFile = r == RunnerType.INTERNAL || r == RunnerType.HTTP;
            if (withoutFile && fields.has(EntryPoints.FIELD)) {
                fields.problem(EntryPoints.FIELD, "runner '" + r.code() + "' runs without a file; remove entry_point");
            } else if (r.needsEntryPoint() && r != RunnerType.SHELL && !fields.has(EntryPoints.FIELD)) {
                fields.missing(EntryPoints.FIELD, (r == RunnerType.WORKFLOW ? "workflows/" : "") + file.stem() + extension(r)
                        + " (runner '" + r.code() + "' runs a file in actions/)");
            }
        });
        Optional<ParameterSchema> parameters = parameters(pack, fields);
        Optional<OutputFormat> outputFormat = fields.text("output_format").flatMap(code -> {
            Optional<OutputFormat> format = OutputFormat.fromCode(code);
            if (format.isEmpty()) {
                fields.problem("output_format", "must be text or json, got '" + code + "'");
            }
            return format;
        });
        Optional<Integer> timeout = fields.integer("timeout");
        timeout.filter(t -> t < 1).ifPresent(t ->
                fields.problem("timeout", "must be a positive number of seconds, got " + t));
        boolean enabled = fields.bool("enabled").orElse(true);
        Optional<io.attune.domain.execution.RetrySpec> retry = RetryParser.read(fields);
        Map<String, String> workerLabels = workerLabels(fields);
        if (ref.isEmpty() || runner.isEmpty() || parameters.isEmpty() || file.problems().count() > before) {
            return Optional.empty();
        }
        return DomainErrors.build(file.problems(), () -> new Action(ref.get(), description.orElse(null), runner.get(),
                        entryPoint, parameters.get(), outputFormat.orElse(null), timeout, enabled, retry, workerLabels),
                "(action)", EntryPoints.FIELD, "timeout", "runner");
    }

    /**
     * {@code worker_labels}: the labels a worker must have to run the action, as a map ({@code {region: eu, gpu: true}})
     * or a list ({@code [gpu, region=eu]}, a bare name meaning {@code name=true}). A malformed one is a problem named
     * after the field.
     */
    private static Map<String, String> workerLabels(Fields fields) {
        Optional<Object> declared = fields.value(WORKER_LABELS);
        if (declared.isEmpty()) {
            return Map.of();
        }
        try {
            if (declared.get() instanceof Map<?, ?> map) {
                Map<String, String> labels = new LinkedHashMap<>();
                map.forEach((k, v) -> labels.put(String.valueOf(k), v instanceof Map || v instanceof List || v == null
                        ? "" : String.valueOf(v)));
                return WorkerLabels.of(labels);
            }
            if (declared.get() instanceof List<?> list) {
                return WorkerLabels.parse(String.join(",", list.stream().map(String::valueOf).toList()));
            }
            if (declared.get() instanceof String text) {
                return WorkerLabels.parse(text);
            }
            fields.problem(WORKER_LABELS, "must be a map of label: value (or a list of label=value), got "
                    + declared.get());
        } catch (IllegalArgumentException e) {
            fields.problem(WORKER_LABELS, e.getMessage());
        }
        return Map.of();
    }

    private static String extension(RunnerType runner) {
        return switch (runner) {
            case PYTHON -> ".py";
            case NODE -> ".js";
            case WORKFLOW -> ".yaml";
            case SHELL, INTERNAL, HTTP, INQUIRER -> ".sh";
        };
    }

    /**
     * {@code parameters}: a map of name → JSON Schema with Attune's {@code required}/{@code secret} flags. A whole
     * object schema ({@code type: object, properties: ..., required: [...]}) is accepted too and turned into that map.
     */
    private static Optional<ParameterSchema> parameters(PackContext pack, Fields fields) {
        if (!fields.has("parameters")) {
            return Optional.of(ParameterSchema.none());
        }
        Optional<Map<String, Object>> declared = fields.map("parameters");
        if (declared.isEmpty()) {
            return Optional.empty();
        }
        FileProblems problems = fields.problems();
        int before = problems.count();
        Map<String, Object> specs = declared.get();
        String prefix = "parameters.";
        if ("object".equals(specs.get("type")) && specs.get("properties") instanceof Map<?, ?>) {
            specs = fromObjectSchema(new Fields(specs, "parameters", problems));
            prefix = "parameters.properties.";
        }
        Map<String, Map<String, Object>> accepted = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : specs.entrySet()) {
            String name = entry.getKey();
            String field = prefix + name;
            if (!(entry.getValue() instanceof Map<?, ?> raw)) {
                problems.add(field, "must be a map (a JSON schema such as {type: string}), got "
                        + Fields.describe(entry.getValue()));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) raw;
            Optional<ParameterSchema> single = DomainErrors.build(problems,
                    () -> new ParameterSchema(Map.of(name, spec)), field);
            if (single.isEmpty()) {
                continue;
            }
            Fields flags = new Fields(spec, field, problems);
            if (!(spec.get("required") instanceof List<?>)) {
                flags.bool("required");
            }
            flags.bool("secret");
            boolean immutable = flags.bool("immutable").orElse(false);
            flags.integer("position").filter(p -> p < 0)
                    .ifPresent(p -> flags.problem("position", "must not be negative, got " + p));
            if (immutable && !spec.containsKey("default")) {
                problems.add(field, "an immutable parameter needs a default");
            }
            Map<String, Object> schema = new LinkedHashMap<>(spec);
            if (!(spec.get("required") instanceof List<?>)) {
                schema.remove("required");
            }
            ATTUNE_KEYWORDS.stream().filter(k -> !k.equals("required")).forEach(schema::remove);
            pack.schemas().schemaProblems(schema).forEach(p -> problems.add(field, Hints.forSchemaProblem(p)));
            accepted.put(name, spec);
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        return DomainErrors.build(problems, () -> new ParameterSchema(accepted), "parameters");
    }

    /** The properties of an object schema as parameters, with its {@code required} list turned into flags. */
    private static Map<String, Object> fromObjectSchema(Fields schema) {
        Map<String, Object> specs = new LinkedHashMap<>();
        schema.map("properties").orElse(Map.of()).forEach((name, spec) -> specs.put(name,
                spec instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : spec));
        Object additional = schema.value("additionalProperties").orElse(false);
        if (!Boolean.FALSE.equals(additional)) {
            schema.problem("additionalProperties",
                    "an action accepts only the parameters it declares: remove additionalProperties or set it to false");
        }
        List<String> required = schema.texts("required").orElse(List.of());
        for (int i = 0; i < required.size(); i++) {
            String name = required.get(i);
            if (specs.get(name) instanceof Map<?, ?> spec) {
                @SuppressWarnings("unchecked")
                Map<String, Object> flagged = (Map<String, Object>) spec;
                flagged.put("required", true);
            } else {
                schema.problems().add(schema.field("required") + "[" + i + "]", "'" + name + "' is not among the properties");
            }
        }
        return specs;
    }
}
