package io.attune.domain.workflow.expr;

import io.attune.domain.common.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules expressions apply to plain JSON values: numbers of any Java type compared by value, equality that looks
 * into lists and maps, ordering of numbers and of strings, and how a value is written into a string (strings as they
 * are, everything else as JSON).
 */
final class Values {

    private Values() {
    }

    /** Whether {@code value} is a number (booleans are not). */
    static boolean isNumber(Object value) {
        return value instanceof Number;
    }

    /** Whether {@code value} is a whole number: an integral Java type, or a BigDecimal without a fraction. */
    static boolean isIntegral(Object value) {
        return switch (value) {
            case Long l -> true;
            case Integer i -> true;
            case Short s -> true;
            case Byte b -> true;
            case BigInteger b -> b.bitLength() < 64;
            case BigDecimal d -> d.scale() <= 0 && d.toBigInteger().bitLength() < 64;
            case null, default -> false;
        };
    }

    /** The value of an integral number ({@link #isIntegral}). */
    static long longOf(Object value) {
        return value instanceof BigDecimal d ? d.longValueExact() : ((Number) value).longValue();
    }

    /** Numbers as the evaluator keeps them: Long for whole numbers, Double for the others; other values unchanged. */
    static Object normal(Object value) {
        if (value instanceof Number n) {
            return isIntegral(n) ? (Object) longOf(n) : n.doubleValue();
        }
        return value;
    }

    /** Equality as YAQL sees it: 1 equals 1.0, lists and maps are equal when their contents are. */
    static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!equal(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    /** The order of two numbers or two strings; anything else cannot be ordered ({@link IllegalArgumentException}). */
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw new IllegalArgumentException("cannot order " + kind(a) + " and " + kind(b));
    }

    private static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(longOf(a), longOf(b));
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
            return Double.compare(x, y);
        }
        return new BigDecimal(x).compareTo(new BigDecimal(y));
    }

    /** What a value is, for messages: "a string", "an integer", "a map"… */
    static String kind(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Number n -> isIntegral(n) ? "an integer" : "a float";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "a map";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    /**
     * How {@code value} is written into a string: a string as it is, anything else as JSON ({@code null},
     * {@code true}, {@code 1}, {@code 1.5}, {@code [1, "a"]}, {@code {"k": "v"}}).
     */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        json(value, out);
        return out.toString();
    }

    /** {@code s} as a JSON string literal. */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder();
        Json.appendQuoted(s, out);
        return out.toString();
    }

    private static void json(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String s -> Json.appendQuoted(s, out);
            case Boolean b -> out.append(b);
            case BigDecimal d -> out.append(d.toPlainString());
            case Number n -> out.append(isIntegral(n) ? String.valueOf(longOf(n)) : String.valueOf(n.doubleValue()));
            case Map<?, ?> map -> {
                out.append('{');
                String sep = "";
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(sep);
                    Json.appendQuoted(String.valueOf(e.getKey()), out);
                    out.append(": ");
                    json(e.getValue(), out);
                    sep = ", ";
                }
                out.append('}');
            }
            case Iterable<?> items -> {
                out.append('[');
                String sep = "";
                for (Object item : items) {
                    out.append(sep);
                    json(item, out);
                    sep = ", ";
                }
                out.append(']');
            }
            default -> Json.appendQuoted(value.toString(), out);
        }
    }
}
