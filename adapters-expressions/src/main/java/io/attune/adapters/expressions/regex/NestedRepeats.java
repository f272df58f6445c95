package io.attune.adapters.expressions.regex;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The largest product of nested counted repeats in a pattern, as Go's RE2 bounds it ({@code repeatIsValid}) and RE2/J
 * does not: {@code (.{1000}){1000}} compiles to a million instructions, each paid per character of text, and one more
 * level exhausts the heap. Scanned without recursion so that deeply nested patterns cost no stack.
 */
final class NestedRepeats {

    /** Go's RE2 limit on a repeat count, which it also applies to the product of nested repeat counts. */
    static final int LIMIT = 1_000;

    private static final long OVER = LIMIT + 1L;

    private NestedRepeats() {
    }

    /** The largest product of nested counted-repeat bounds, saturated just above {@link #LIMIT}. */
    static long product(String pattern) {
        Deque<Group> groups = new ArrayDeque<>();
        Group group = new Group();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            switch (c) {
                case '\\' -> {
                    i = afterEscape(pattern, i);
                    group.atom(1);
                    continue;
                }
                case '[' -> {
                    i = afterClass(pattern, i);
                    group.atom(1);
                    continue;
                }
                case '(' -> {
                    int after = afterGroupPrefix(pattern, i + 1);
                    if (after > 0 && pattern.charAt(after - 1) == ')') {
                        group.last = 0; // a flag setting such as (?i) matches nothing a quantifier could repeat
                    } else {
                        groups.push(group);
                        group = new Group();
                    }
                    i = Math.abs(after);
                    continue;
                }
                case ')' -> {
                    if (!groups.isEmpty()) {
                        long inner = group.max;
                        group = groups.pop();
                        group.atom(inner);
                    }
                }
                case '|' -> group.last = 0;
                case '{' -> {
                    int end = repeatEnd(pattern, i);
                    if (end > 0) {
                        group.repeat(bound(pattern, i + 1, end));
                        i = end + 1;
                        continue;
                    }
                    group.atom(1); // not a repeat: RE2 takes the brace literally
                }
                case '*', '+', '?' -> {
                    // unbounded and optional repeats add no instructions per count, so they do not multiply
                }
                default -> group.atom(1);
            }
            i++;
        }
        long max = group.max;
        while (!groups.isEmpty()) { // unclosed groups: RE2/J refuses them anyway, report what was seen
            max = Math.max(max, groups.pop().max);
        }
        return max;
    }

    private static int afterEscape(String p, int i) {
        if (i + 1 >= p.length()) {
            return p.length();
        }
        char e = p.charAt(i + 1);
        if (e == 'Q') { // \Q...\E quotes everything up to \E literally
            int end = p.indexOf("\\E", i + 2);
            return end < 0 ? p.length() : end + 2;
        }
        if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < p.length() && p.charAt(i + 2) == '{') {
            int end = p.indexOf('}', i + 3); // \p{Greek}, \x{10FFFF}: these braces are no repeat
            return end < 0 ? p.length() : end + 1;
        }
        return i + 2;
    }

    private static int afterClass(String p, int i) {
        int j = i + 1;
        if (j < p.length() && p.charAt(j) == '^') {
            j++;
        }
        if (j < p.length() && p.charAt(j) == ']') {
            j++; // a leading ] is a member, not the end
        }
        while (j < p.length()) {
            char c = p.charAt(j);
            if (c == '\\') {
                j = afterEscape(p, j);
            } else if (c == '[' && j + 1 < p.length() && p.charAt(j + 1) == ':') {
                int end = p.indexOf(":]", j + 2); // [:alpha:] inside a class
                j = end < 0 ? j + 1 : end + 2;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return p.length();
    }

    /**
     * Past the {@code ?...} that opens a group at {@code j}: positive when the group has contents ({@code (?:},
     * {@code (?P<name>}, {@code (?i:}), negative when the text ended or a flag setting such as {@code (?i)} closed it.
     */
    private static int afterGroupPrefix(String p, int j) {
        if (j >= p.length() || p.charAt(j) != '?') {
            return j;
        }
        int k = j + 1;
        if (k < p.length() && (p.charAt(k) == 'P' || p.charAt(k) == '<')) {
            int end = p.indexOf('>', k);
            return end < 0 ? -p.length() : end + 1;
        }
        while (k < p.length()) {
            char c = p.charAt(k);
            if (c == ':') {
                return k + 1;
            }
            if (c == ')') {
                return k + 1; // caller sees the ')' just before and treats it as a flag setting
            }
            k++;
        }
        return -p.length();
    }

    /** The index of the closing brace when {@code {n}}, {@code {n,}} or {@code {n,m}} starts at {@code i}, else -1. */
    private static int repeatEnd(String p, int i) {
        int j = i + 1;
        int digits = j;
        while (j < p.length() && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
            j++;
        }
        if (j == digits || j >= p.length()) {
            return -1;
        }
        if (p.charAt(j) == ',') {
            j++;
            while (j < p.length() && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
                j++;
            }
        }
        return j < p.length() && p.charAt(j) == '}' ? j : -1;
    }

    /** The bound a repeat compiles to: m for {n,m}, n for {n} and {n,}; saturated above the limit. */
    private static long bound(String p, int from, int end) {
        String body = p.substring(from, end);
        int comma = body.indexOf(',');
        String count = comma < 0 || comma == body.length() - 1
                ? (comma < 0 ? body : body.substring(0, comma))
                : body.substring(comma + 1);
        return count.length() > 6 ? OVER : Math.min(Long.parseLong(count), OVER);
    }

    /** What a group has seen: the largest product inside it and the product of its last repeatable element. */
    private static final class Group {
        long max;
        long last;

        void atom(long product) {
            last = product;
            max = Math.max(max, product);
        }

        void repeat(long count) {
            last = Math.min(last * count, OVER);
            max = Math.max(max, last);
        }
    }
}
