package io.attune.application.port.out;

import io.attune.application.port.in.FieldError;
import java.util.List;
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
 *
 * <p>Every render is bounded (limits set by the implementation): a template longer or nested deeper (parentheses,
 * brackets, braces) than the limits is refused before it is parsed, and a render that takes more steps, more output
 * or more time than allowed stops and fails, its message naming the bound. A render runs on the caller's thread and
 * has stopped when {@code render} returns.
 */
public interface TemplateRenderer {

    /** Renders {@code templates} (JSON-shaped: Map, List, String, Number, Boolean, null) over {@code context}. */
    Rendered render(Map<String, Object> templates, Map<String, Object> context);

    /**
     * A series of renders that share one budget of time and steps, for the parameters of one rule rendered one by one
     * (so that a rule of many parameters is bounded as one render). Used on one thread.
     */
    default Session session() {
        return this::render;
    }

    /** Renders within the budget of the session it belongs to; as {@link #render} otherwise. */
    @FunctionalInterface
    interface Session {

        Rendered render(Map<String, Object> templates, Map<String, Object> context);
    }

    /**
     * What would refuse {@code templates} before any render, without reading a context: each string over the length
     * or nesting limit, as a field error at {@code field} plus the value's path ({@code action.parameters.msg}).
     */
    List<FieldError> problems(Map<String, Object> templates, String field);

    /** The outcome of a render: every parameter rendered, or the first failure. */
    sealed interface Rendered {

        /** Every template rendered; {@code parameters} is JSON-shaped (Map, List, String, Long, Double, Boolean, null). */
        record Ok(Map<String, Object> parameters) implements Rendered {
        }

        /**
         * A template failed; {@code path} names it, e.g. {@code parameters.message} or {@code parameters.hosts[1]}.
         * {@code message} is the engine's account, which may quote values the template read or made;
         * {@code withoutValues} names only the kind of failure (or the bound passed) and the line, for a render that
         * read secrets.
         */
        record Failed(String path, String message, String withoutValues) implements Rendered {
        }
    }
}
