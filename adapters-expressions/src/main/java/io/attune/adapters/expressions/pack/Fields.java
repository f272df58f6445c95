package io.attune.adapters.expressions.pack;

import io.attune.adapters.expressions.text.Wording;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A map read from a pack file, with typed getters that record a problem (naming the field's dotted path) and return
 * empty instead of failing when a value has the wrong type. A key whose value is null counts as absent.
 */
final class Fields {

    private final Map<String, Object> values;
    private final String path;
    private final FileProblems problems;
    /** The keys a parser asked about: the others were read past, and are reported (see {@link #unread}). */
    private final java.util.Set<String> read = new java.util.HashSet<>();
    private final List<Fields> children = new ArrayList<>();

    Fields(Map<String, Object> values, String path, FileProblems problems) {
        this.values = values;
        this.path = path;
        this.problems = problems;
    }

    FileProblems problems() {
        return problems;
    }

    /** The dotted path of a key of this map, as errors name it ({@code concurrency.limit}). */
    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String message) {
        problems.add(field(key), message);
    }

    boolean has(String key) {
        read.add(key);
        return values.get(key) != null;
    }

    Optional<Object> value(String key) {
        read.add(key);
        return Optional.ofNullable(values.get(key));
    }

    /**
     * The dotted paths of the keys of this map and of the nested maps read as {@link #object}s that no parser asked
     * about, in file order: keys the file has but the install did not use.
     */
    List<String> unread() {
        List<String> unread = new ArrayList<>();
        values.keySet().stream().filter(key -> !read.contains(key)).map(this::field).forEach(unread::add);
        children.forEach(child -> unread.addAll(child.unread()));
        return unread;
    }

    /**
     * The key among {@code key} and its aliases that this map uses; a problem if it uses more than one.
     * Returns {@code key} itself when none is present.
     */
    String aliased(String key, String... aliases) {
        String found = has(key) ? key : null;
        for (String alias : aliases) {
            if (has(alias)) {
                if (found != null) {
                    problem(alias, "give either '" + found + "' or '" + alias + "', not both");
                } else {
                    found = alias;
                }
            }
        }
        return found == null ? key : found;
    }

    Optional<String> text(String key) {
        read.add(key);
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        problem(key, "must be a string, got " + describe(value) + (value instanceof Map || value instanceof List
                ? "" : "; put it in quotes"));
        return Optional.empty();
    }

    Optional<String> requiredText(String key, String example) {
        if (!has(key)) {
            missing(key, example);
            return Optional.empty();
        }
        Optional<String> text = text(key);
        if (text.isPresent() && text.get().isBlank()) {
            problem(key, "must not be empty");
            return Optional.empty();
        }
        return text;
    }

    /** Records that a required key is absent, suggesting a present key that looks like a misspelling of it. */
    void missing(String key, String example) {
        String hint = lookalike(key).map(k -> " (found '" + k + "': did you mean '" + key + "'?)").orElse("");
        problem(key, "is required" + (example.isEmpty() ? "" : ", e.g. " + key + ": " + example) + hint);
    }

    Optional<Integer> integer(String key) {
        read.add(key);
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Integer i) {
            return Optional.of(i);
        }
        if (value instanceof Long || value instanceof BigInteger) {
            problem(key, "must be an integer no larger than " + Integer.MAX_VALUE + ", got " + value);
            return Optional.empty();
        }
        problem(key, "must be an integer, got " + describe(value));
        return Optional.empty();
    }

    Optional<Boolean> bool(String key) {
        read.add(key);
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        problem(key, "must be true or false, got " + describe(value));
        return Optional.empty();
    }

    /** A nested map as Fields (paths continue below {@code key}). */
    Optional<Fields> object(String key) {
        return map(key).map(m -> {
            Fields child = new Fields(m, field(key), problems);
            children.add(child);
            return child;
        });
    }

    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> map(String key) {
        read.add(key);
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> map) {
            return Optional.of((Map<String, Object>) map);
        }
        problem(key, "must be a map, got " + describe(value));
        return Optional.empty();
    }

    /** A list of strings; each wrong item is named ({@code triggers[1]}). Empty if the list or any item is wrong. */
    Optional<List<String>> texts(String key) {
        read.add(key);
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> list)) {
            problem(key, "must be a list, got " + describe(value));
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s) {
                texts.add(s);
            } else {
                problems.add(field(key) + "[" + i + "]", "must be a string, got " + describe(list.get(i)));
                ok = false;
            }
        }
        return ok ? Optional.of(texts) : Optional.empty();
    }

    /** A short description of a YAML value's kind for messages: "a string ('30')", "a map". */
    static String describe(Object value) {
        return Wording.describe(value);
    }

    private Optional<String> lookalike(String key) {
        String wanted = normalized(key);
        return values.keySet().stream()
                .filter(k -> !k.equals(key))
                .filter(k -> normalized(k).equals(wanted) || Wording.distance(k.toLowerCase(Locale.ROOT), key) <= 2)
                .findFirst();
    }

    private static String normalized(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
