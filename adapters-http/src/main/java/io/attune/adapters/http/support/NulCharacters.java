package io.attune.adapters.http.support;

import io.attune.adapters.http.problem.ProblemException;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL stores no U+0000 in text or JSON: a request value holding one is refused as invalid input (422 naming
 * the field) before anything is written, instead of failing on the insert.
 */
public final class NulCharacters {

    private NulCharacters() {
    }

    /** Refuses {@code value} (a JSON-shaped value: map, list, string, number…) if any string in it holds U+0000. */
    public static void refuse(String field, Object value) {
        String where = find(field, value);
        if (where != null) {
            throw ProblemException.invalidInput(where, "contains the NUL character (U+0000), which cannot be stored");
        }
    }

    private static String find(String path, Object value) {
        if (value instanceof String text) {
            return text.indexOf('\0') >= 0 ? path : null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.indexOf('\0') >= 0) {
                    return path;
                }
                String found = find(path + "." + key, e.getValue());
                if (found != null) {
                    return found;
                }
            }
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String found = find(path + "[" + i + "]", list.get(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
