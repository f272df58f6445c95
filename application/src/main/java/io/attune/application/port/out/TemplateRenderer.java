package io.attune.application.port.out;

import java.util.Map;

/**
 * Renders a rule's action parameters over an event: every string is a Jinja template, rendered recursively through
 * nested maps and lists; other values pass through unchanged.
 *
 * <p>The context holds {@code trigger} (the event payload), {@code event} ({@code id}, {@code time}) and
 * {@code keys} (key name → value). A string that is exactly one {@code {{ expression }}} (whitespace around it
 * allowed) keeps the expression's JSON type (number, boolean, list, map or null); any other string renders to a
 * string. Rendering is strict: an output expression or condition whose value is undefined (so a missing payload
 * field, but also one that is present and null: guard it with {@code default} or {@code is defined}), a syntax
 * error, an unknown filter, a refused include or an output over the size limit fails the whole render (as StackStorm
 * fails the enforcement), reported as {@link Rendered.Failed} with the path of the first failing value; it never
 * throws for a template error.
 */
public interface TemplateRenderer {

    /** Renders {@code templates} (JSON-shaped: Map, List, String, Number, Boolean, null) over {@code context}. */
    Rendered render(Map<String, Object> templates, Map<String, Object> context);

    /** The outcome of a render: every parameter rendered, or the first failure. */
    sealed interface Rendered {

        /** Every template rendered; {@code parameters} is JSON-shaped (Map, List, String, Long, Double, Boolean, null). */
        record Ok(Map<String, Object> parameters) implements Rendered {
        }

        /** A template failed; {@code path} names it, e.g. {@code parameters.message} or {@code parameters.hosts[1]}. */
        record Failed(String path, String message) implements Rendered {
        }
    }
}
