package io.attune.adapters.expressions.schema;

import com.networknt.schema.JsonNodePath;

/** Dotted field paths as Attune shows them: {@code parameters.tags[0].name}. */
final class SchemaPaths {

    private SchemaPaths() {
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String index(String path, int index) {
        return path + "[" + index + "]";
    }

    /** The validator's location (a JSON pointer such as {@code /tags/0}) below {@code root}. */
    static String of(String root, JsonNodePath location) {
        String path = root;
        if (location == null) {
            return path;
        }
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path = element instanceof Integer n ? index(path, n) : child(path, String.valueOf(element));
        }
        return path;
    }

    /** Whether {@code path} is {@code ancestor} or lies below it. */
    static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || ancestor.isEmpty()
                || path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
    }
}
