package io.attune.adapters.expressions.workflow;

import io.attune.adapters.expressions.text.Wording;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A map of a workflow file at a path ({@code tasks.build.retry}), read strictly as Orquesta does: a key it does not
 * know is a problem naming the key (with the known key it resembles). Getters record a problem and return empty for a
 * value of the wrong type; a null value counts as absent.
 */
final class Node {

    private final Map<String, Object> values;
    private final String path;
    private final Problems problems;

    private Node(Map<String, Object> values, String path, Problems problems) {
        this.values = values;
        this.path = path;
        this.problems = problems;
    }

    /** The map at {@code path} with only {@code known} keys allowed, or empty after recording that it is no map. */
    @SuppressWarnings("unchecked")
    static Optional<Node> strict(Object value, String path, Problems problems, String what, List<String> known) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path, "must be a map (" + what + " has " + String.join(", ", known) + "), got " + Wording.describe(value));
            return Optional.empty();
        }
        Node node = new Node((Map<String, Object>) map, path, problems);
        for (String key : node.values.keySet()) {
            if (!known.contains(key)) {
                String hint = known.stream().filter(k -> resembles(key, k)).findFirst()
                        .map(k -> " (did you mean '" + k + "'?)").orElse("");
                problems.add(node.at(key), "unknown key '" + key + "'" + hint + ": " + what + " has only "
                        + String.join(", ", known));
            }
        }
        return Optional.of(node);
    }

    /** The path of a key of this map. */
    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    Optional<Object> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A non-blank string. */
    Optional<String> text(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            problems.add(at(key), "must be a string, got " + Wording.describe(value));
            return Optional.empty();
        }
        if (s.isBlank()) {
            problems.add(at(key), "must not be empty");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    private static boolean resembles(String written, String known) {
        String a = written.toLowerCase(Locale.ROOT).replace("-", "_");
        return a.equals(known) || Wording.distance(a, known) <= 2 || Set.of(a + "s", a.replaceAll("s$", "")).contains(known);
    }
}
