package io.attune.adapters.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.attune.domain.common.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts the core's JSON-shaped values (Map, List, String, Number, Boolean, null) to and from JSONB text.
 * Uses its own plain mapper rather than the application's, so that what is stored never depends on how the HTTP
 * API is configured to write JSON. Bind the text as {@code ?::jsonb}. JSONB keeps neither object key order nor
 * number types: integers come back as Integer, Long or BigInteger by size, decimals as Double.
 *
 * <p>Whatever was stored, reading it never fails for its depth: a value nested deeper than {@link #MAX_DEPTH} levels
 * is read cut at that depth, each cut object or array replaced by the text {@link #TRUNCATED}, so every response
 * that shows it stays within what a JSON writer accepts (and the reader keeps no recursion deeper than that).
 */
final class JsonColumns {

    /** The deepest nesting read back; deeper objects and arrays are replaced by {@link #TRUNCATED}. */
    static final int MAX_DEPTH = 500;
    /** What stands in for an object or array cut off at {@link #MAX_DEPTH}. */
    static final String TRUNCATED = "(truncated: nested deeper than " + MAX_DEPTH + " levels)";

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            // what is stored is read whatever its size: PostgreSQL bounds it. The parser keeps its nesting in a linked
            // list, not on the stack, so only our own reading (value) must be bounded in depth
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE).build())
            .build()).build();

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
        if (read(json, "an object") instanceof Map<?, ?> map) {
            return Json.copyObject(cast(map));
        }
        throw new PersistenceException("stored JSON is not an object: " + abbreviated(json));
    }

    /** A JSON array column as an unmodifiable list; SQL NULL becomes an empty list. */
    @SuppressWarnings("unchecked")
    static List<Object> readArray(String json) {
        if (json == null) {
            return List.of();
        }
        Object value = Json.copyValue(read(json, "an array"));
        if (value instanceof List<?>) {
            return (List<Object>) value;
        }
        throw new PersistenceException("stored JSON is not an array: " + abbreviated(json));
    }

    /** Any JSON value column (object, array, string, number, boolean); SQL NULL is empty. */
    static Optional<Object> readValue(String json) {
        if (json == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(Json.copyValue(read(json, "valid")));
    }

    /** Reads one JSON value, cut at {@link #MAX_DEPTH}; the text must hold nothing after it. */
    private static Object read(String json, String expected) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            parser.nextToken();
            Object value = value(parser, 1);
            if (parser.nextToken() != null) {
                throw new PersistenceException("stored JSON is not " + expected + ": content after the value");
            }
            return value;
        } catch (IOException e) {
            throw new PersistenceException("stored JSON is not " + expected + ": " + e.getMessage(), e);
        }
    }

    /** The value the parser is at ({@code depth} levels down), read as the default mapper reads it. */
    private static Object value(JsonParser parser, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new JsonParseException(parser, "no JSON value");
        }
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > MAX_DEPTH) {
            parser.skipChildren();
            return TRUNCATED;
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, value(parser, depth + 1));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser, depth + 1));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String abbreviated(String json) {
        return json.length() <= 200 ? json : json.substring(0, 200) + "…";
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
