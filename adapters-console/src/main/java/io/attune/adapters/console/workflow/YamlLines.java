package io.attune.adapters.console.workflow;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the line of a YAML text that a validation error's field path names ({@code tasks.build.next[0].do}), to show
 * the error against the text: each key is looked for below the previous one, deeper indented, and {@code [n]} is the
 * n-th list item there. When a key is missing (the error is that it is absent), the line of the deepest key found.
 */
final class YamlLines {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private YamlLines() {
    }

    /** The 1-based line the path points at; empty when not even its first key is in the text. */
    static OptionalInt lineOf(String yaml, String path) {
        String[] lines = yaml.split("\r?\n", -1);
        int at = -1;              // the line found so far (-1: the document)
        int indent = -1;          // its indentation
        boolean onItem = false;   // whether it is a list item, whose first key is on its own line
        Matcher m = SEGMENT.matcher(path);
        while (m.find()) {
            int found = m.group(1) != null ? key(lines, onItem ? at : at + 1, indent, onItem, m.group(1))
                    : item(lines, at + 1, indent, Integer.parseInt(m.group(2)));
            if (found < 0) {
                break;
            }
            at = found;
            indent = indentOf(lines[found]);
            onItem = m.group(2) != null;
        }
        return at < 0 ? OptionalInt.empty() : OptionalInt.of(at + 1);
    }

    /** The line of key {@code name} among the direct children of the block below line {@code from - 1}. */
    private static int key(String[] lines, int from, int indent, boolean onItem, String name) {
        Pattern key = Pattern.compile("^[\"']?" + Pattern.quote(name) + "[\"']?\\s*:(\\s|$)");
        int childIndent = -1;
        for (int i = from; i < lines.length; i++) {
            if (blank(lines[i])) {
                continue;
            }
            boolean itemLine = onItem && i == from;
            if (!itemLine && indentOf(lines[i]) <= indent) {
                return -1;
            }
            int own = contentIndent(lines[i], itemLine);
            if (childIndent < 0) {
                childIndent = own;
            }
            if (own == childIndent && key.matcher(lines[i].substring(own)).find()) {
                return i;
            }
        }
        return -1;
    }

    /** The line of the {@code index}-th item of the list below line {@code from - 1}. */
    private static int item(String[] lines, int from, int indent, int index) {
        int itemIndent = -1;
        int seen = 0;
        for (int i = from; i < lines.length; i++) {
            if (blank(lines[i])) {
                continue;
            }
            int own = indentOf(lines[i]);
            boolean dash = lines[i].stripLeading().startsWith("-");
            if (own < indent || (own == indent && !dash)) {
                return -1;
            }
            if (dash && (itemIndent < 0 || own == itemIndent)) {
                itemIndent = own;
                if (seen++ == index) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Where a line's content starts: after its indentation, and after "- " on a list item's own line. */
    private static int contentIndent(String line, boolean itemLine) {
        int n = indentOf(line);
        if (itemLine && line.startsWith("-", n)) {
            n++;
            while (n < line.length() && line.charAt(n) == ' ') {
                n++;
            }
        }
        return n;
    }

    private static boolean blank(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#");
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
