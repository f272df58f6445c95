package io.attune.adapters.expressions.workflow;

import java.math.BigInteger;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Orquesta's inline assignments, as written after an action's ref ({@code core.local cmd="echo hi" timeout=10}) or as a
 * publish string ({@code a=<% ctx(x) %> b="text"}): words separated by blanks, each {@code key=value}. A value is a
 * quoted string (its content), text holding {@code <% %>} or {@code {{ }}} expressions (kept raw, blanks inside
 * the delimiters included), or a YAML scalar: {@code true}/{@code false}, {@code null}, an integer, a number, else a
 * string.
 */
final class InlineAssignments {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?");

    /** A text that cannot be read as assignments, and why. */
    static final class Unreadable extends Exception {
        Unreadable(String why) {
            super(why, null, false, false);
        }
    }

    private InlineAssignments() {
    }

    /** Where the first word of {@code text} ends (a ref, or an expression that may hold blanks). */
    static int firstWordEnd(String text) throws Unreadable {
        return wordEnd(text, skipBlanks(text, 0));
    }

    static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The assignments of {@code text}, in order; throws naming the first word that is not {@code key=value}. */
    static List<Map.Entry<String, Object>> parse(String text) throws Unreadable {
        List<Map.Entry<String, Object>> assignments = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int i = skipBlanks(text, 0);
        while (i < text.length()) {
            int end = wordEnd(text, i);
            String word = text.substring(i, end);
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new Unreadable("'" + word + "' must be written key=value");
            }
            String key = word.substring(0, eq);
            if (!KEY.matcher(key).matches()) {
                throw new Unreadable("'" + key + "' in '" + word + "' is not a name: use letters, digits, '_' and '-'");
            }
            if (!seen.add(key)) {
                throw new Unreadable("'" + key + "' is given twice");
            }
            assignments.add(new SimpleEntry<>(key, value(word.substring(eq + 1))));
            i = skipBlanks(text, end);
        }
        return assignments;
    }

    private static int wordEnd(String text, int from) throws Unreadable {
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            if (text.startsWith("<%", i)) {
                i = closing(text, i, "%>");
            } else if (text.startsWith("{{", i)) {
                i = closing(text, i, "}}");
            } else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
                i = closingQuote(text, i) + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    private static int closing(String text, int open, String close) throws Unreadable {
        int end = text.indexOf(close, open + 2);
        if (end < 0) {
            throw new Unreadable("the expression at '" + excerpt(text, open) + "' is not closed with " + close);
        }
        return end + close.length();
    }

    private static int closingQuote(String text, int open) throws Unreadable {
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        throw new Unreadable("the quote at '" + excerpt(text, open) + "' is not closed");
    }

    private static String excerpt(String text, int from) {
        String rest = text.substring(from);
        return rest.length() > 30 ? rest.substring(0, 30) + "…" : rest;
    }

    private static Object value(String raw) throws Unreadable {
        if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')
                && closingQuote(raw, 0) == raw.length() - 1) {
            return unescape(raw.substring(1, raw.length() - 1));
        }
        if (raw.contains("<%") || raw.contains("{{")) {
            return raw;
        }
        return scalar(raw);
    }

    private static String unescape(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                char next = quoted.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Object scalar(String raw) {
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> {
                return true;
            }
            case "false" -> {
                return false;
            }
            case "null", "~" -> {
                return null;
            }
            default -> {
            }
        }
        if (INTEGER.matcher(raw).matches()) {
            BigInteger n = new BigInteger(raw.startsWith("+") ? raw.substring(1) : raw);
            if (n.bitLength() < 32) {
                return n.intValue();
            }
            return n.bitLength() < 64 ? (Object) n.longValue() : n;
        }
        if (NUMBER.matcher(raw).matches()) {
            return Double.parseDouble(raw);
        }
        return raw;
    }
}
