package io.attune.domain.admission;

import io.attune.domain.common.Json;
import io.attune.domain.common.Ref;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One admission key: a policy and, for a policy with attributes, one combination of their values.
 *
 * <p>{@code key} is {@code ""} for a policy without attributes, otherwise {@code name="ada",region="eu"}: each
 * attribute in the policy's order with a canonical JSON text of its value (object members sorted, numbers without
 * trailing zeros so {@code 1}, {@code 1L} and {@code 1.0} share a key). A missing parameter and an explicit
 * {@code null} are both {@code null}. The action is never part of the key: a pack-scoped or global policy shares one
 * limit across all the actions it covers.
 */
public record PolicyKey(Ref policy, String key) implements Comparable<PolicyKey> {

    private static final Comparator<PolicyKey> ORDER = Comparator
            .comparing((PolicyKey k) -> k.policy().pack())
            .thenComparing(k -> k.policy().name())
            .thenComparing(PolicyKey::key);

    public PolicyKey {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(key, "key");
    }

    /** The key of a policy without attributes. */
    public static PolicyKey of(Ref policy) {
        return new PolicyKey(policy, "");
    }

    /** The key of the combination of {@code attributes} values found in an execution's parameters. */
    public static PolicyKey of(Ref policy, List<String> attributes, Map<String, ?> parameters) {
        Map<String, ?> params = parameters == null ? Map.of() : parameters;
        StringJoiner key = new StringJoiner(",");
        for (String attribute : attributes) {
            key.add(attribute + "=" + canonical(params.get(attribute)));
        }
        return new PolicyKey(policy, key.toString());
    }

    /** Lock order: by policy ref, then key. Every caller that locks several keys takes them in this order. */
    @Override
    public int compareTo(PolicyKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return key.isEmpty() ? policy.toString() : policy + "[" + key + "]";
    }

    private static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            Json.appendQuoted(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Number n) {
            number(n, out);
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            out.append('{');
            String separator = "";
            for (Map.Entry<String, Object> member : sorted.entrySet()) {
                out.append(separator);
                Json.appendQuoted(member.getKey(), out);
                out.append(':');
                write(member.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            String separator = "";
            for (Object item : list) {
                out.append(separator);
                write(item, out);
                separator = ",";
            }
            out.append(']');
        } else {
            Json.appendQuoted(String.valueOf(value), out);
        }
    }

    private static void number(Number n, StringBuilder out) {
        BigDecimal decimal;
        if (n instanceof BigDecimal d) {
            decimal = d;
        } else if (n instanceof BigInteger i) {
            decimal = new BigDecimal(i);
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                // Not JSON; quoted so it cannot collide with a real number.
                Json.appendQuoted(Double.toString(d), out);
                return;
            }
            decimal = n instanceof Float ? new BigDecimal(n.toString()) : BigDecimal.valueOf(d);
        } else if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            decimal = BigDecimal.valueOf(n.longValue());
        } else {
            try {
                decimal = new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                Json.appendQuoted(n.toString(), out);
                return;
            }
        }
        if (decimal.signum() == 0) {
            out.append('0');
            return;
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        out.append(Math.abs(stripped.scale()) <= 32 ? stripped.toPlainString() : stripped.toString());
    }
}
