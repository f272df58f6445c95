package io.attune.adapters.expressions.pack;

import java.util.regex.Pattern;

/** Advice added to messages about mistakes pack authors coming from StackStorm make often. */
final class Hints {

    private static final Pattern BOOLEAN_REQUIRED = Pattern.compile("(^|.*\\.)required: must be an array, got a boolean.*");

    private Hints() {
    }

    /** A schema problem, with advice when it is StackStorm's draft-03 style {@code required: true} on a property. */
    static String forSchemaProblem(String problem) {
        if (BOOLEAN_REQUIRED.matcher(problem).matches()) {
            return problem + " (in JSON Schema an object lists its required properties: required: [name, ...])";
        }
        return problem;
    }
}
