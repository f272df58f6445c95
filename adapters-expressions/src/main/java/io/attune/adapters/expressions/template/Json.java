package io.attune.adapters.expressions.template;

import io.attune.adapters.expressions.template.JinjavaTemplateRenderer.TemplateFailure;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Converts what a Jinjava expression returns (PyList, PyMap, Integer, SafeString…) into plain JSON-shaped values. */
public final class Json {

    private Json() {
    }

    /**
     * The JSON-shaped value of {@code value}, with no size budget (the caller's render is bounded already); throws
     * IllegalArgumentException when it is nested deeper than 64 or is not a finite number.
     */
    public static Object plain(Object value) {
        try {
            return of(value, "value", Long.MAX_VALUE);
        } catch (JinjavaTemplateRenderer.TemplateFailure e) {
            throw new IllegalArgumentException("the " + e.getMessage(), e);
        }
    }

    /**
     * The JSON-shaped value of {@code value}: null, String, Boolean, Long, Double, List or Map with String keys.
     * Fails when it is nested deeper than 64 or larger than {@code maxSize} (string characters plus one per item).
     */
    static Object of(Object value, String path, long maxSize) {
        return new Json.Budget(path, maxSize).convert(value, 0);
    }

    /** One conversion: the path to blame and what is left of the size budget. */
    private static final class Budget {

        private final String path;
        private final long maxSize;
        private long left;

        Budget(String path, long maxSize) {
            this.path = path;
            this.maxSize = maxSize;
            this.left = maxSize;
        }

        private void spend(long size) {
            left -= size;
            if (left < 0) {
                throw new TemplateFailure(path, "expression value is over the limit of " + maxSize + " characters",
                        "expression value is over the limit of " + maxSize + " characters");
            }
        }

        private Object convert(Object value, int depth) {
            if (depth > 64) {
                throw new TemplateFailure(path, "value is nested too deeply", "value is nested too deeply");
            }
            spend(1);
            return switch (value) {
                case null -> null;
                case String s -> {
                    spend(s.length());
                    yield s;
                }
                case Boolean b -> b;
                case Character c -> c.toString();
                case Byte n -> n.longValue();
                case Short n -> n.longValue();
                case Integer n -> n.longValue();
                case Long n -> n;
                case AtomicInteger n -> n.longValue();
                case AtomicLong n -> n.longValue();
                case BigInteger n -> n.bitLength() < 64 ? (Object) n.longValue() : finite(n.doubleValue());
                case BigDecimal n -> finite(n.doubleValue());
                case Number n -> finite(n.doubleValue());
                case Map<?, ?> map -> {
                    Map<String, Object> converted = new LinkedHashMap<>();
                    map.forEach((k, v) -> converted.put(String.valueOf(k), convert(v, depth + 1)));
                    yield Collections.unmodifiableMap(converted);
                }
                case Iterable<?> items -> {
                    List<Object> converted = new ArrayList<>();
                    items.forEach(item -> converted.add(convert(item, depth + 1)));
                    yield Collections.unmodifiableList(converted);
                }
                case Object array when array.getClass().isArray() -> {
                    List<Object> converted = new ArrayList<>();
                    for (int i = 0; i < Array.getLength(array); i++) {
                        converted.add(convert(Array.get(array, i), depth + 1));
                    }
                    yield Collections.unmodifiableList(converted);
                }
                default -> {
                    String text = value.toString();
                    spend(text.length());
                    yield text;
                }
            };
        }

        private Double finite(double value) {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new TemplateFailure(path, "expression is " + value + ", which is not a JSON number",
                        "expression is not a JSON number");
            }
            return value;
        }
    }
}
