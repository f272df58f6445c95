package io.attune.adapters.expressions.text;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** How problems in what authors wrote are worded: a value's kind, and how far a misspelt key is from a known one. */
public final class Wording {

    private Wording() {
    }

    /** A short description of a YAML value's kind for messages: "a string ('30')", "a map". */
    public static String describe(Object value) {
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

    /** The edit distance (insertions, deletions, substitutions) between two words. */
    public static int distance(String a, String b) {
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
