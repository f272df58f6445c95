package io.attune.adapters.console.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A submitted HTML form ({@code application/x-www-form-urlencoded}) as Micronaut binds it: one value per name, or a
 * list when a name is repeated (a checkbox and its hidden default: the last one wins, as the checkbox comes last).
 */
public record Form(Map<String, Object> fields) {

    public Form {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** The field's value as sent; empty when absent. */
    public Optional<String> value(String name) {
        Object value = fields.get(name);
        if (value instanceof List<?> list) {
            return list.isEmpty() ? Optional.empty() : Optional.ofNullable(list.get(list.size() - 1)).map(String::valueOf);
        }
        return Optional.ofNullable(value).map(String::valueOf);
    }

    public String text(String name) {
        return value(name).orElse("");
    }

    /** Whether the form has a field of this name. */
    public boolean has(String name) {
        return fields.containsKey(name);
    }
}
