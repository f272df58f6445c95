package io.attune.domain.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for the JSON-shaped plain Java values (Map, List, String, Number, Boolean, null) the core passes around. */
public final class Json {

    private Json() {
    }

    /** A deep, unmodifiable copy of a JSON object; null becomes an empty map. Keeps key order and null values. */
    public static Map<String, Object> copyObject(Map<String, ?> source) {
        if (source == null) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> copy.put(k, copyValue(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** A deep, unmodifiable copy of a JSON value. */
    public static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copyValue(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
