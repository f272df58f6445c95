package io.attune.adapters.expressions.pack;

import java.util.Locale;

/** One component file of a pack: its name relative to the pack ({@code actions/greet.yaml}) and its top-level fields. */
record PackFile(String name, Fields fields) {

    FileProblems problems() {
        return fields.problems();
    }

    /** A component name suggested by the file name, for examples in messages ({@code greet}). */
    String stem() {
        String base = name.substring(name.lastIndexOf('/') + 1).replaceFirst("\\.ya?ml$", "");
        String cleaned = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return cleaned.isEmpty() ? "name" : cleaned;
    }
}
