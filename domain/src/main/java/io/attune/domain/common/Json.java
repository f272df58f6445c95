package io.attune.domain.common;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiConsumer;

/** Helpers for the JSON-shaped plain Java values (Map, List, String, Number, Boolean, null) the core passes around. */
public final class Json {

    private Json() {
    }

    /**
     * A deep, unmodifiable copy of a JSON object; null becomes an empty map. Keeps key order and null values. A map
     * this class made is its own copy (nothing can change it), so copying a value again costs nothing.
     */
    public static Map<String, Object> copyObject(Map<String, ?> source) {
        if (source == null) {
            return Map.of();
        }
        if (source instanceof FrozenMap frozen) {
            return frozen;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> copy.put(k, copyValue(v)));
        return new FrozenMap(copy);
    }

    /** A deep, unmodifiable copy of a JSON value; a map or list this class made is its own copy. */
    public static Object copyValue(Object value) {
        if (value instanceof FrozenMap || value instanceof FrozenList) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v)));
            return new FrozenMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copyValue(v)));
            return new FrozenList(copy);
        }
        return value;
    }

    /**
     * Whether nothing can change {@code value}: a map or list made by {@link #copyObject} or {@link #copyValue}, or a
     * scalar. Such a value may be shared instead of copied.
     */
    public static boolean isFrozen(Object value) {
        return value instanceof FrozenMap || value instanceof FrozenList
                || !(value instanceof Map<?, ?>) && !(value instanceof List<?>);
    }

    /** An unmodifiable map whose values are all frozen. */
    private static final class FrozenMap extends AbstractMap<String, Object> {
        private final Map<String, Object> map;

        FrozenMap(Map<String, Object> map) {
            this.map = Collections.unmodifiableMap(map);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return map.entrySet();
        }

        @Override
        public Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            map.forEach(action);
        }
    }

    /** An unmodifiable list whose elements are all frozen. */
    private static final class FrozenList extends AbstractList<Object> implements RandomAccess {
        private final List<Object> list;

        FrozenList(List<Object> list) {
            this.list = list;
        }

        @Override
        public Object get(int index) {
            return list.get(index);
        }

        @Override
        public int size() {
            return list.size();
        }
    }

    /**
     * Appends {@code s} as a JSON string: quotes, backslashes, newlines, returns and tabs escaped, other control
     * characters as six-character unicode escapes. The form policy keys are stored in: it must not change.
     */
    public static void appendQuoted(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
