package io.attune.domain.workflow.expr;

import java.util.Collection;
import java.util.Map;

/** Truthiness as YAQL and Jinja (Python) see it: null, false, 0, "" and empty collections are false. */
public final class Truth {

    private Truth() {
    }

    public static boolean of(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0.0;
            case String s -> !s.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
    }
}
