package io.attune.domain.workflow.expr;

import java.util.List;
import java.util.Set;

/**
 * Evaluates what workflow authors write: YAQL {@code <% %>} and Jinja {@code {{ }}} expressions inside raw YAML
 * values. A string that is one expression and nothing else yields the expression's value (any JSON type); a string
 * mixing text and expressions yields a string; maps and lists are rendered element by element (map keys too); other
 * values are returned as they are. Values are plain Java JSON (Map, List, String, Number, Boolean, null).
 */
public interface Expressions {

    /** The rendered value; throws {@link ExpressionException} naming the expression when one fails. */
    Object render(Object raw, Scope scope);

    /** Whether a raw value is true in a {@code when}: rendered, then truthy as Python/YAQL sees it. */
    default boolean isTrue(Object raw, Scope scope) {
        return Truth.of(render(raw, scope));
    }

    /**
     * Every static problem of the expressions in a raw value (syntax, unknown function, a construct outside the
     * supported subset), each naming the expression and why; empty when all are fine. Never evaluates anything.
     */
    List<String> check(Object raw);

    /**
     * The names of the context variables a raw value reads through {@code ctx(name)}, {@code ctx('name')},
     * {@code ctx().name} or {@code $.name} (for the validator's undefined-variable check); names it cannot tell
     * statically are left out.
     */
    Set<String> variablesRead(Object raw);
}
