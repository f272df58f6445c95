package io.attune.adapters.http.support;

import io.attune.adapters.http.problem.ProblemException;
import java.util.List;
import java.util.Map;

/**
 * Refuses request values that cannot be stored as they were sent, as invalid input (422 naming the field) before
 * anything is written: PostgreSQL stores no U+0000 in text or JSON, and a number out of the range of a double
 * ({@code 1e999}) would be read as Infinity and stored as the text {@code "Infinity"}.
 */
public final class StorableValues {

    private static final String NUL = "contains the NUL character (U+0000), which cannot be stored";
    private static final String NOT_FINITE = "is a number out of range (not a finite double)";

    private StorableValues() {
    }

    /**
     * Refuses {@code value} (a JSON-shaped value: map, list, string, number…) if any string in it holds U+0000 or
     * any number in it is not finite.
     */
    public static void refuse(String field, Object value) {
        Problem found = find(field, value);
        if (found != null) {
            throw ProblemException.invalidInput(found.path(), found.message());
        }
    }

    private record Problem(String path, String message) {
    }

    private static Problem find(String path, Object value) {
        if (value instanceof String text) {
            return text.indexOf('\0') >= 0 ? new Problem(path, NUL) : null;
        }
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            return new Problem(path, NOT_FINITE);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.indexOf('\0') >= 0) {
                    return new Problem(path, NUL);
                }
                Problem found = find(path + "." + key, e.getValue());
                if (found != null) {
                    return found;
                }
            }
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Problem found = find(path + "[" + i + "]", list.get(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
