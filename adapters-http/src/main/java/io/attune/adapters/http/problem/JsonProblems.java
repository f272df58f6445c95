package io.attune.adapters.http.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import io.attune.application.port.in.FieldError;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/** Says what is wrong with a request body in words a client can act on: no Jackson class names, no stack. */
final class JsonProblems {

    private JsonProblems() {
    }

    /** Whether {@code failure} is a body over one of the parser's limits (nesting depth, number or text length). */
    static Optional<StreamConstraintsException> overLimit(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return Optional.of(limit);
            }
        }
        return Optional.empty();
    }

    /** The body problem behind {@code failure}, if a JSON reading error is among its causes. */
    static Optional<FieldError> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a duplicate key is found by the parser, which knows where it is; the binding around it knows less
            if (t instanceof JsonParseException e && e.getProcessor() instanceof JsonParser parser
                    && e.getOriginalMessage().startsWith("Duplicate field")) {
                return Optional.of(FieldError.of(path(parser.getParsingContext()),
                        "appears more than once in its object"));
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return Optional.of(describe(json));
            }
        }
        return Optional.empty();
    }

    private static FieldError describe(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return FieldError.of("body", "the JSON ends too early" + where(e));
        }
        if (e instanceof JsonParseException) {
            return FieldError.of("body", "invalid JSON" + where(e) + ": " + e.getOriginalMessage());
        }
        if (e instanceof InputCoercionException coercion) {
            return FieldError.of(coercion.getProcessor() instanceof JsonParser parser ? path(parser.getParsingContext())
                    : "body", "expected " + kind(coercion.getTargetType()) + " within its range");
        }
        if (e instanceof PropertyBindingException unknown) {
            return FieldError.of(path(unknown), "unknown field '" + unknown.getPropertyName() + "'");
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (e.getOriginalMessage().startsWith("Trailing token")) {
                return FieldError.of("body", "unexpected content after the JSON value" + where(e));
            }
            if (mismatch.getTargetType() == null) {
                return FieldError.of(path(mismatch), "invalid value" + where(e));
            }
            return FieldError.of(path(mismatch), "expected " + kind(mismatch.getTargetType()));
        }
        if (e instanceof JsonMappingException mapping) {
            return FieldError.of(path(mapping), "invalid value" + where(e));
        }
        return FieldError.of("body", "invalid JSON" + where(e));
    }

    /** The JSON kind a Java type is read from, for messages such as "expected a boolean". */
    static String kind(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean (true or false)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "a JSON object";
        }
        return "a value of another type";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** The dotted path of the value a parser is at: {@code payload.items[2].name}; {@code body} at the root. */
    private static String path(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                steps.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                steps.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", steps);
        return path.isEmpty() ? "body" : path.startsWith(".") ? path.substring(1) : path;
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
