package io.attune.adapters.expressions.pack;

import io.attune.domain.common.Ref;
import io.attune.domain.trigger.Trigger;
import java.util.Map;
import java.util.Optional;

/** Reads {@code triggers/*.yaml}: the payload schema of its events and the schema of the parameters rules give it. */
final class TriggerParser {

    static final String FOLDER = "triggers";

    private TriggerParser() {
    }

    static Optional<Trigger> parse(PackContext pack, PackFile file, Optional<Ref> ref) {
        Fields fields = file.fields();
        int before = file.problems().count();
        Optional<String> description = fields.text("description");
        Optional<Map<String, Object>> payload = objectSchema(pack, fields, "payload_schema");
        Optional<Map<String, Object>> parameters = objectSchema(pack, fields, "parameters_schema");
        if (ref.isEmpty() || payload.isEmpty() || parameters.isEmpty() || file.problems().count() > before) {
            return Optional.empty();
        }
        return DomainErrors.build(file.problems(),
                () -> new Trigger(ref.get(), description.orElse(null), payload.get(), parameters.get()), "(trigger)");
    }

    /** A JSON Schema describing an object; absent means any object (an empty map). */
    static Optional<Map<String, Object>> objectSchema(PackContext pack, Fields fields, String key) {
        if (!fields.has(key)) {
            return Optional.of(Map.of());
        }
        Optional<Map<String, Object>> schema = fields.map(key);
        schema.ifPresent(s -> {
            Object type = s.get("type");
            if (type != null && !"object".equals(type)) {
                fields.problem(key, "must describe an object (type: object), got type: " + type);
            }
            pack.schemas().schemaProblems(s).forEach(p -> fields.problem(key, Hints.forSchemaProblem(p)));
        });
        return schema;
    }
}
