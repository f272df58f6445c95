package io.attune.domain.workflow.expr;

import java.util.List;
import java.util.stream.Collectors;

/** The syntax tree of one parsed YAQL expression; {@link #toString()} writes it back in a canonical form. */
sealed interface Node {

    /** A number, string, boolean or null written in the expression. */
    record Literal(Object value) implements Node {
        @Override
        public String toString() {
            return value instanceof String s ? Values.quoted(s) : Values.text(value);
        }
    }

    /** A bare name ({@code name} in {@code ctx(name)} or {@code {a => 1}}): YAQL reads it as the string itself. */
    record Name(String name) implements Node {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code $}: the whole context, like {@code ctx()}. */
    record Root() implements Node {
        @Override
        public String toString() {
            return "$";
        }
    }

    /** {@code [a, b]}. */
    record ListOf(List<Node> items) implements Node {
        @Override
        public String toString() {
            return items.stream().map(Node::toString).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** {@code {k => v}} or {@code {'k': v}}. */
    record DictOf(List<Entry> entries) implements Node {
        @Override
        public String toString() {
            return entries.stream().map(Entry::toString).collect(Collectors.joining(", ", "{", "}"));
        }
    }

    /** One key and value of a dict literal, or one named argument ({@code a=1}, {@code a => 1}) of a call. */
    record Entry(Node key, Node value) {
        @Override
        public String toString() {
            return key + " => " + value;
        }
    }

    /** {@code target.name}: the value of a map's key. */
    record Attr(Node target, String name) implements Node {
        @Override
        public String toString() {
            return target + "." + name;
        }
    }

    /** {@code target[index]}: a list's element (negative counts from the end), a map's key or a string's character. */
    record Index(Node target, Node index) implements Node {
        @Override
        public String toString() {
            return target + "[" + index + "]";
        }
    }

    /** A function call, {@code f(a, b)}, or a method call, {@code a.f(b)}, which passes its target first. */
    record Call(String name, List<Node> args, List<Entry> named, boolean method) implements Node {
        @Override
        public String toString() {
            List<Node> shown = method ? args.subList(1, args.size()) : args;
            String inner = java.util.stream.Stream.concat(shown.stream().map(Node::toString),
                    named.stream().map(Entry::toString)).collect(Collectors.joining(", "));
            return (method ? args.getFirst() + "." : "") + name + "(" + inner + ")";
        }
    }

    /** {@code -x}, {@code +x} or {@code not x}. */
    record Unary(String op, Node operand) implements Node {
        @Override
        public String toString() {
            return op.equals("not") ? "not " + operand : op + operand;
        }
    }

    /** A binary operator; {@code and} and {@code or} evaluate their right side only when needed. */
    record Binary(String op, Node left, Node right) implements Node {
        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }
}
