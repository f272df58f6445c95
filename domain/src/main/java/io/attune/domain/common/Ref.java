package io.attune.domain.common;

import java.util.regex.Pattern;

/** The identity of a pack component: {@code pack.name}, lowercase. */
public record Ref(String pack, String name) {

    private static final Pattern PACK = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,127}");

    public Ref {
        if (pack == null || !PACK.matcher(pack).matches()) {
            throw new IllegalArgumentException("invalid pack name '" + pack
                    + "': use lowercase letters, digits and '_', starting with a letter");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid name '" + name
                    + "': use lowercase letters, digits, '_' and '-'");
        }
    }

    /** Parses {@code pack.name}; throws IllegalArgumentException with a message a pack author can act on. */
    public static Ref parse(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("a ref is required, in the form 'pack.name'");
        }
        int dot = ref.indexOf('.');
        if (dot <= 0 || dot == ref.length() - 1 || ref.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("invalid ref '" + ref + "': expected the form 'pack.name'");
        }
        return new Ref(ref.substring(0, dot), ref.substring(dot + 1));
    }

    /** Whether a string is a valid pack name. */
    public static boolean isValidPackName(String pack) {
        return pack != null && PACK.matcher(pack).matches();
    }

    /** Validates a pack name, throwing IllegalArgumentException otherwise. */
    public static String requirePackName(String pack) {
        if (!isValidPackName(pack)) {
            throw new IllegalArgumentException("invalid pack name '" + pack
                    + "': use lowercase letters, digits and '_', starting with a letter");
        }
        return pack;
    }

    @Override
    public String toString() {
        return pack + "." + name;
    }
}
