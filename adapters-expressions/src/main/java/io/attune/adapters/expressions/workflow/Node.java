package io.attune.adapters.expressions.workflow;

import java.math.BigInteger;
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
            problems.add(path, "must be a map (" + what + " has " + String.join(", ", known) + "), got " + describe(value));
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
            problems.add(at(key), "must be a string, got " + describe(value));
            return Optional.empty();
        }
        if (s.isBlank()) {
            problems.add(at(key), "must not be empty");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** A short description of a YAML value's kind for messages: "a string ('30')", "a map". */
    static String describe(Object value) {
        return switch (value) {
            case null -> "nothing";
            case String s -> "a string ('" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "')";
            case Boolean b -> "a boolean (" + b + ")";
            case Integer i -> "an integer (" + i + ")";
            case Long l -> "an integer (" + l + ")";
            case BigInteger b -> "an integer (" + b + ")";
            case Number n -> "a number (" + n + ")";
            case Map<?, ?> m -> "a map";
            case List<?> l -> "a list";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    private static boolean resembles(String written, String known) {
        String a = written.toLowerCase(Locale.ROOT).replace("-", "_");
        return a.equals(known) || distance(a, known) <= 2 || Set.of(a + "s", a.replaceAll("s$", "")).contains(known);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
