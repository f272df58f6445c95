package io.attune.domain.workflow.expr;

import io.attune.domain.workflow.expr.Lexer.SyntaxError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The YAQL subset of Orquesta workflows ({@code <% … %>}), written in plain Java: a tokenizer, a precedence-climbing
 * parser and an evaluator (grammar and functions in docs/expressions.md). A Jinja expression ({@code {{ }}} or
 * {@code {% %}}) is not understood here: {@link #check} reports it and {@link #render} refuses it, and the Jinja
 * adapter handles such values. Stateless and thread-safe.
 *
 * <p>Rendering: a string that is one {@code <% %>} and nothing else but whitespace yields the expression's value with
 * its type; a string mixing text and expressions yields a string in which each value is written as {@link #text}
 * says (strings as they are, the rest as JSON); the text an expression yields is never evaluated again.
 */
public final class YaqlExpressions implements Expressions {

    static final String JINJA = "Jinja expressions need the Jinja evaluator";

    /** One piece of a string: plain text, or an expression (the text between {@code <%} and {@code %>}). */
    public record Part(String text, boolean expression) {
    }

    public YaqlExpressions() {
    }

    @Override
    public Object render(Object raw, Scope scope) {
        return renderStrings(raw, s -> renderString(s, scope));
    }

    /**
     * {@code raw} with every string in it (map keys and values, list items, at any depth) replaced by what
     * {@code render} makes of it, other values unchanged: the walk every {@link Expressions#render} does. A map key
     * that renders to something other than a string is written as {@link #text} says; two keys that render to the
     * same name fail. Maps and lists come back unmodifiable.
     */
    public static Object renderStrings(Object raw, Function<String, Object> render) {
        return switch (raw) {
            case String s -> render.apply(s);
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Object key = e.getKey() instanceof String k ? render.apply(k) : e.getKey();
                    String name = text(key);
                    if (out.containsKey(name)) {
                        throw new ExpressionException(String.valueOf(e.getKey()),
                                "the key renders to '" + name + "', which the map already has");
                    }
                    out.put(name, renderStrings(e.getValue(), render));
                }
                yield Collections.unmodifiableMap(out);
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (Object item : list) {
                    out.add(renderStrings(item, render));
                }
                yield Collections.unmodifiableList(out);
            }
            case null, default -> raw;
        };
    }

    /** Visits every string in {@code raw}: map keys and values and list items, at any depth. */
    public static void strings(Object raw, Consumer<String> visit) {
        switch (raw) {
            case String s -> visit.accept(s);
            case Map<?, ?> map -> map.forEach((k, v) -> {
                strings(k, visit);
                strings(v, visit);
            });
            case List<?> list -> list.forEach(item -> strings(item, visit));
            case null, default -> {
            }
        }
    }

    private Object renderString(String s, Scope scope) {
        List<Part> parts = split(s);
        if (parts.stream().anyMatch(p -> !p.expression() && hasJinja(p.text()))) {
            throw new ExpressionException(s, JINJA);
        }
        List<Part> expressions = parts.stream().filter(Part::expression).toList();
        if (expressions.isEmpty()) {
            return s;
        }
        if (expressions.size() == 1 && parts.stream().allMatch(p -> p.expression() || p.text().isBlank())) {
            return evaluate(expressions.getFirst().text(), scope);
        }
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part.expression() ? text(evaluate(part.text(), scope)) : part.text());
        }
        return out.toString();
    }

    /**
     * The value of one YAQL expression, the text between the delimiters (syntax errors count columns from its first
     * character that is not a space); throws {@link ExpressionException} naming the
     * expression when it does not parse or fails.
     */
    public Object evaluate(String expression, Scope scope) {
        String stripped = expression.strip();
        Node node;
        try {
            node = Parser.parse(stripped);
        } catch (SyntaxError e) {
            throw new ExpressionException(stripped, e.describe());
        }
        return new Evaluator(stripped, scope).eval(node);
    }

    /**
     * Calls one of the {@link #functions()} with evaluated arguments, as {@code name(args…)} in an expression would
     * (so that Jinja's functions behave exactly as YAQL's); throws {@link ExpressionException} when the function is
     * unknown, the number of arguments is wrong or the call fails.
     */
    public Object call(String function, List<Object> args, Scope scope) {
        String shown = function + args.stream().map(a -> a instanceof String s ? Values.quoted(s) : Values.text(a))
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
        Functions.Fn fn = Functions.find(function).orElse(null);
        Optional<String> wrong = Functions.check(function, args.size(), 0, false);
        if (fn == null || wrong.isPresent()) {
            throw new ExpressionException(shown, wrong.orElse("unknown function '" + function + "'"));
        }
        if (fn.perElement()) {
            throw new ExpressionException(shown, function + "() takes an expression, so it can only be written in YAQL");
        }
        return fn.body().apply(new Evaluator(shown, scope), Collections.unmodifiableList(new ArrayList<>(args)),
                Map.of());
    }

    /** Why one YAQL expression (the text between the delimiters) does not parse, if it does not. */
    public Optional<String> problem(String expression) {
        String stripped = expression.strip();
        try {
            Parser.parse(stripped);
            return Optional.empty();
        } catch (SyntaxError e) {
            return Optional.of(new ExpressionException(stripped, e.describe()).getMessage());
        }
    }

    /** The context variables one YAQL expression (the text between the delimiters) reads by name. */
    public Set<String> variablesReadBy(String expression) {
        Set<String> names = new LinkedHashSet<>();
        try {
            collect(Parser.parse(expression.strip()), names, true);
        } catch (SyntaxError e) {
            // check() reports it; an expression that does not parse reads nothing the validator can name
        }
        return Collections.unmodifiableSet(names);
    }

    @Override
    public List<String> check(Object raw) {
        List<String> problems = new ArrayList<>();
        strings(raw, s -> {
            List<Part> parts;
            try {
                parts = split(s);
            } catch (ExpressionException e) {
                problems.add(e.getMessage());
                return;
            }
            if (parts.stream().anyMatch(p -> !p.expression() && hasJinja(p.text()))) {
                problems.add(new ExpressionException(s, JINJA).getMessage());
            }
            parts.stream().filter(Part::expression).forEach(p -> problem(p.text()).ifPresent(problems::add));
        });
        return List.copyOf(problems);
    }

    @Override
    public Set<String> variablesRead(Object raw) {
        Set<String> names = new LinkedHashSet<>();
        strings(raw, s -> {
            try {
                split(s).stream().filter(Part::expression).forEach(p -> names.addAll(variablesReadBy(p.text())));
            } catch (ExpressionException e) {
                // an unclosed '<%' reads nothing; check() reports it
            }
        });
        return Collections.unmodifiableSet(names);
    }

    /**
     * The pieces of {@code text}: plain text and the expressions between {@code <%} and the next {@code %>}, in
     * order; throws {@link ExpressionException} when a {@code <%} is not closed.
     */
    public static List<Part> split(String text) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("<%", at);
            if (open < 0) {
                break;
            }
            int close = text.indexOf("%>", open + 2);
            if (close < 0) {
                throw new ExpressionException(text, "the '<%' at column " + (open + 1) + " is not closed by '%>'");
            }
            if (open > at) {
                parts.add(new Part(text.substring(at, open), false));
            }
            parts.add(new Part(text.substring(open + 2, close), true));
            at = close + 2;
        }
        if (at < text.length()) {
            parts.add(new Part(text.substring(at), false));
        }
        return List.copyOf(parts);
    }

    /** Whether plain text holds a Jinja expression or statement. */
    public static boolean hasJinja(String text) {
        return text.contains("{{") || text.contains("{%");
    }

    /**
     * How a value is written into a string that mixes text and expressions: a string as it is, anything else as JSON
     * ({@code null}, {@code true}, {@code 42}, {@code 1.5}, {@code ["a", 1]}, {@code {"k": "v"}}).
     */
    public static String text(Object value) {
        return Values.text(value);
    }

    /** The names of the functions YAQL expressions may call. */
    public static Set<String> functions() {
        return Functions.names();
    }

    /** Adds the names {@code node} reads from the context; {@code rootIsContext} is false where {@code $} is an element. */
    private static void collect(Node node, Set<String> names, boolean rootIsContext) {
        switch (node) {
            case Node.Call call -> {
                if (call.name().equals("ctx") && call.args().size() == 1 && name(call.args().getFirst()) != null) {
                    names.add(name(call.args().getFirst()));
                }
                boolean perElement = Functions.find(call.name()).map(Functions.Fn::perElement).orElse(false);
                for (int i = 0; i < call.args().size(); i++) {
                    collect(call.args().get(i), names, rootIsContext && !(perElement && i > 0));
                }
                call.named().forEach(e -> {
                    collect(e.key(), names, rootIsContext);
                    collect(e.value(), names, rootIsContext);
                });
            }
            case Node.Attr attr -> {
                if (isContext(attr.target(), rootIsContext)) {
                    names.add(attr.name());
                }
                collect(attr.target(), names, rootIsContext);
            }
            case Node.Index index -> {
                if (isContext(index.target(), rootIsContext) && name(index.index()) instanceof String key) {
                    names.add(key);
                }
                collect(index.target(), names, rootIsContext);
                collect(index.index(), names, rootIsContext);
            }
            case Node.ListOf list -> list.items().forEach(item -> collect(item, names, rootIsContext));
            case Node.DictOf dict -> dict.entries().forEach(e -> {
                collect(e.key(), names, rootIsContext);
                collect(e.value(), names, rootIsContext);
            });
            case Node.Unary unary -> collect(unary.operand(), names, rootIsContext);
            case Node.Binary binary -> {
                collect(binary.left(), names, rootIsContext);
                collect(binary.right(), names, rootIsContext);
            }
            case Node.Literal literal -> {
            }
            case Node.Name name -> {
            }
            case Node.Root root -> {
            }
        }
    }

    /** Whether {@code node} is the whole context: {@code ctx()}, or {@code $} where it is the context. */
    private static boolean isContext(Node node, boolean rootIsContext) {
        return node instanceof Node.Root && rootIsContext
                || node instanceof Node.Call call && call.name().equals("ctx") && call.args().isEmpty();
    }

    /** The string a node names statically ({@code 'x'} or a bare {@code x}), or null. */
    private static String name(Node node) {
        return switch (node) {
            case Node.Literal literal when literal.value() instanceof String s -> s;
            case Node.Name name -> name.name();
            default -> null;
        };
    }
}
