package io.attune.adapters.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.attune.domain.common.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts the core's JSON-shaped values (Map, List, String, Number, Boolean, null) to and from JSONB text.
 * Uses its own plain mapper rather than the application's, so that what is stored never depends on how the HTTP
 * API is configured to write JSON. Bind the text as {@code ?::jsonb}. JSONB keeps neither object key order nor
 * number types: integers come back as Integer, Long or BigInteger by size, decimals as Double.
 */
final class JsonColumns {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    /** The JSON text of a value; null stays null (SQL NULL). */
    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PersistenceException("cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** A JSON object column as an unmodifiable map; SQL NULL becomes an empty map. */
    static Map<String, Object> readObject(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return Json.copyObject(MAPPER.readValue(json, OBJECT));
        } catch (JsonProcessingException e) {
            throw new PersistenceException("stored JSON is not an object: " + e.getMessage(), e);
        }
    }

    /** A JSON array column as an unmodifiable list; SQL NULL becomes an empty list. */
    @SuppressWarnings("unchecked")
    static List<Object> readArray(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            Object value = Json.copyValue(MAPPER.readValue(json, Object.class));
            if (value instanceof List<?>) {
                return (List<Object>) value;
            }
            throw new PersistenceException("stored JSON is not an array: " + json);
        } catch (JsonProcessingException e) {
            throw new PersistenceException("stored JSON is not an array: " + e.getMessage(), e);
        }
    }

    /** Any JSON value column (object, array, string, number, boolean); SQL NULL is empty. */
    static Optional<Object> readValue(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.copyValue(MAPPER.readValue(json, Object.class)));
        } catch (JsonProcessingException e) {
            throw new PersistenceException("stored JSON is not valid: " + e.getMessage(), e);
        }
    }

    /** A stored JSON number that must be an int. */
    static int integer(Object value, String field) {
        if (value instanceof Integer i) {
            return i;
        }
        throw new PersistenceException("stored " + field + " is not an integer: " + value);
    }

    /** A stored JSON array that must hold only strings; null becomes an empty list. */
    static List<String> strings(Object value, String field) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new PersistenceException("stored " + field + " is not a list of strings: " + value);
    }
}
