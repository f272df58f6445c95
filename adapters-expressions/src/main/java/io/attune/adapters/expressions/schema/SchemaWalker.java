package io.attune.adapters.expressions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Visits a JSON Schema and every schema nested in it, with the dotted path of each (e.g. {@code properties.a.items}). */
final class SchemaWalker {

    /** Keywords whose value is one schema. */
    private static final Set<String> SINGLE = Set.of("additionalProperties", "items", "contains", "not", "if", "then",
            "else", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema");
    /** Keywords whose value maps names to schemas. */
    private static final Set<String> NAMED = Set.of("properties", "patternProperties", "$defs", "definitions",
            "dependentSchemas");
    /** Keywords whose value is a list of schemas. */
    private static final Set<String> LISTED = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

    private SchemaWalker() {
    }

    /** Calls {@code visitor} with the path ("" for the root) and node of the schema and of each schema inside it. */
    static void walk(JsonNode schema, BiConsumer<String, JsonNode> visitor) {
        walk(schema, "", visitor, 0);
    }

    private static void walk(JsonNode schema, String path, BiConsumer<String, JsonNode> visitor, int depth) {
        if (schema == null || !schema.isObject() || depth > 64) {
            return;
        }
        visitor.accept(path, schema);
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            String here = SchemaPaths.child(path, keyword);
            if (SINGLE.contains(keyword) && value.isObject()) {
                walk(value, here, visitor, depth + 1);
            } else if ((LISTED.contains(keyword) || keyword.equals("items")) && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    walk(value.get(i), SchemaPaths.index(here, i), visitor, depth + 1);
                }
            } else if (NAMED.contains(keyword) && value.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> named = value.fields();
                while (named.hasNext()) {
                    Map.Entry<String, JsonNode> entry = named.next();
                    walk(entry.getValue(), SchemaPaths.child(here, entry.getKey()), visitor, depth + 1);
                }
            }
        }
    }
}
