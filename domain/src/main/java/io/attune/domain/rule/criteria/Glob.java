package io.attune.domain.rule.criteria;

/**
 * Shell-style wildcards as Python's {@code fnmatch} reads them, translated to a regex over the whole text in the
 * syntax RE2 and Java share:
 * {@code *} any run, {@code ?} one character, {@code [abc]} / {@code [a-z]} one of, {@code [!abc]} none of;
 * everything else, a {@code [} without a closing {@code ]} included, stands for itself.
 */
final class Glob {

    private Glob() {
    }

    /** The wildcard as a regex to match the whole text; {@code *} and {@code ?} match line breaks too, as in fnmatch. */
    static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder("(?s)");
        StringBuilder literal = new StringBuilder();
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char c = glob.charAt(i++);
            if (c == '*' || c == '?') {
                flush(literal, regex);
                regex.append(c == '*' ? ".*" : ".");
            } else if (c == '[') {
                int end = closingBracket(glob, i);
                if (end < 0) {
                    literal.append(c);
                } else {
                    flush(literal, regex);
                    regex.append(characterClass(glob.substring(i, end)));
                    i = end + 1;
                }
            } else {
                literal.append(c);
            }
        }
        flush(literal, regex);
        return regex.toString();
    }

    // As fnmatch: a ']' right after '[' or '[!' belongs to the set rather than closing it.
    private static int closingBracket(String glob, int start) {
        int j = start;
        if (j < glob.length() && glob.charAt(j) == '!') {
            j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
            j++;
        }
        return glob.indexOf(']', j);
    }

    // Every ASCII punctuation character is escaped so that '\', '[', '&&' and '^' stay literal in Java's richer
    // class syntax; a '-' between two characters is the only one kept, as a range.
    private static String characterClass(String set) {
        StringBuilder out = new StringBuilder("[");
        int first = 0;
        if (set.charAt(0) == '!') {
            out.append('^');
            first = 1;
        }
        for (int k = first; k < set.length(); k++) {
            char c = set.charAt(k);
            boolean range = c == '-' && k > first && k < set.length() - 1;
            if (!range && isPunctuation(c)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(']').toString();
    }

    private static void flush(StringBuilder literal, StringBuilder regex) {
        for (int k = 0; k < literal.length(); k++) {
            char c = literal.charAt(k);
            if (isPunctuation(c)) {
                regex.append('\\');
            }
            regex.append(c);
        }
        literal.setLength(0);
    }

    // RE2 takes a backslash before ASCII punctuation only (not before a blank or a letter); so does Java.
    private static boolean isPunctuation(char c) {
        return c < 128 && c > ' ' && !Character.isLetterOrDigit(c) && c != 127;
    }
}
