package io.attune.adapters.expressions.workflow;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts what Jinjava hands over (PyList, PyMap, Integer, SafeString…) into plain JSON-shaped values. */
final class JinjaValues {

    static final int MAX_DEPTH = 64;

    private JinjaValues() {
    }

    /**
     * The JSON-shaped value of {@code value}: null, String, Boolean, Long, Double, List or Map with String keys;
     * throws {@link IllegalArgumentException} when it nests deeper than {@link #MAX_DEPTH} or is not a finite number.
     */
    static Object plain(Object value) {
        return convert(value, 0);
    }

    private static Object convert(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the value nests more than " + MAX_DEPTH + " deep");
        }
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Character c -> c.toString();
            case Byte n -> n.longValue();
            case Short n -> n.longValue();
            case Integer n -> n.longValue();
            case Long n -> n;
            case BigInteger n -> n.bitLength() < 64 ? (Object) n.longValue() : finite(n.doubleValue());
            case BigDecimal n -> finite(n.doubleValue());
            case Number n -> finite(n.doubleValue());
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), convert(v, depth + 1)));
                yield Collections.unmodifiableMap(out);
            }
            case Iterable<?> items -> {
                List<Object> out = new ArrayList<>();
                items.forEach(item -> out.add(convert(item, depth + 1)));
                yield Collections.unmodifiableList(out);
            }
            case Object array when array.getClass().isArray() -> {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < Array.getLength(array); i++) {
                    out.add(convert(Array.get(array, i), depth + 1));
                }
                yield Collections.unmodifiableList(out);
            }
            default -> value.toString();
        };
    }

    private static Double finite(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the value is " + value + ", which is not a JSON number");
        }
        return value;
    }
}
