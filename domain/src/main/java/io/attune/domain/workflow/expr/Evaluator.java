package io.attune.domain.workflow.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one parsed YAQL expression against a {@link Scope}. Every failure is an {@link ExpressionException}
 * naming the expression; {@code and} and {@code or} return one of their operands, as in Python; whole numbers stay
 * Long ({@code /} of two of them rounds down, like YAQL) and overflow fails instead of wrapping.
 */
final class Evaluator {

    /** Evaluation steps one expression may take: per-element functions multiply them by the size of the data. */
    static final int MAX_STEPS = 1_000_000;

    private final String expression;
    private final Scope scope;
    /** What {@code $} is inside the per-element expressions being evaluated, innermost last; empty: the context. */
    private final List<Object> elements = new ArrayList<>();
    private int steps;

    Evaluator(String expression, Scope scope) {
        this.expression = expression;
        this.scope = scope;
    }

    Scope scope() {
        return scope;
    }

    /** A failure of this expression. */
    ExpressionException fail(String why) {
        return new ExpressionException(expression, why);
    }

    Object eval(Node node) {
        if (++steps > MAX_STEPS) {
            throw fail("the expression took more than " + MAX_STEPS + " steps");
        }
        return switch (node) {
            case Node.Literal literal -> literal.value();
            case Node.Name name -> name.name();
            case Node.Root root -> elements.isEmpty() ? scope.ctx() : elements.getLast();
            case Node.ListOf list -> {
                List<Object> items = new ArrayList<>(list.items().size());
                for (Node item : list.items()) {
                    items.add(eval(item));
                }
                yield Collections.unmodifiableList(items);
            }
            case Node.DictOf dict -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Node.Entry entry : dict.entries()) {
                    map.put(Functions.key(eval(entry.key())), eval(entry.value()));
                }
                yield Collections.unmodifiableMap(map);
            }
            case Node.Attr attr -> attribute(attr);
            case Node.Index index -> index(index);
            case Node.Call call -> call(call);
            case Node.Unary unary -> unary(unary);
            case Node.Binary binary -> binary(binary);
        };
    }

    private Object attribute(Node.Attr attr) {
        Object target = eval(attr.target());
        String what = describe(attr.target());
        if (target instanceof Map<?, ?> map) {
            if (!map.containsKey(attr.name())) {
                throw fail(what + " has no key '" + attr.name() + "'");
            }
            return map.get(attr.name());
        }
        throw fail(what + " is " + Values.kind(target) + ", not a map, so it has no key '" + attr.name() + "'");
    }

    private Object index(Node.Index node) {
        Object target = eval(node.target());
        Object index = eval(node.index());
        String what = describe(node.target());
        switch (target) {
            case Map<?, ?> map -> {
                String key = Functions.key(index);
                if (!map.containsKey(key)) {
                    throw fail(what + " has no key '" + key + "'");
                }
                return map.get(key);
            }
            case List<?> list -> {
                return list.get(position(what, index, list.size()));
            }
            case String s -> {
                return String.valueOf(s.charAt(position(what, index, s.length())));
            }
            case null, default -> throw fail(what + " is " + Values.kind(target) + ", which cannot be indexed");
        }
    }

    private int position(String what, Object index, int size) {
        if (!(index instanceof Number) || !Values.isIntegral(index)) {
            throw fail(what + " is indexed by " + Values.kind(index) + ", not an integer");
        }
        long i = Values.longOf(index);
        long at = i < 0 ? size + i : i;
        if (at < 0 || at >= size) {
            throw fail("index " + i + " is out of range for " + what + " of length " + size);
        }
        return (int) at;
    }

    private Object call(Node.Call call) {
        Functions.Fn fn = Functions.find(call.name()).orElseThrow(() -> fail("unknown function '" + call.name() + "'"));
        if (fn.perElement()) {
            return perElement(call);
        }
        List<Object> args = new ArrayList<>(call.args().size());
        for (Node arg : call.args()) {
            args.add(eval(arg));
        }
        Map<String, Object> named = new LinkedHashMap<>();
        for (Node.Entry entry : call.named()) {
            String name = Functions.key(eval(entry.key()));
            if (!fn.names().contains("*") && !fn.names().contains(name)) {
                throw fail(call.name() + "() takes no argument named '" + name + "'");
            }
            named.put(name, eval(entry.value()));
        }
        return fn.body().apply(this, args, named);
    }

    /** {@code select} and {@code where}: the second argument evaluated once per element, with {@code $} the element. */
    private Object perElement(Node.Call call) {
        Object source = eval(call.args().getFirst());
        if (!(source instanceof List<?> list)) {
            throw fail(call.name() + "() takes a list, not " + Values.kind(source));
        }
        Node body = call.args().get(1);
        List<Object> out = new ArrayList<>();
        for (Object element : list) {
            elements.add(element);
            Object value;
            try {
                value = eval(body);
            } finally {
                elements.removeLast();
            }
            if (call.name().equals("select")) {
                out.add(value);
            } else if (Truth.of(value)) {
                out.add(element);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private Object unary(Node.Unary unary) {
        Object value = eval(unary.operand());
        return switch (unary.op()) {
            case "not" -> !Truth.of(value);
            case "-" -> {
                Object n = number(value, "-");
                if (n instanceof Long l) {
                    if (l == Long.MIN_VALUE) {
                        throw fail("integer overflow in -" + l);
                    }
                    yield -l;
                }
                yield -(Double) n;
            }
            case "+" -> number(value, "+");
            default -> throw new IllegalStateException("unknown unary operator " + unary.op());
        };
    }

    private Object binary(Node.Binary binary) {
        String op = binary.op();
        if (op.equals("and")) {
            Object left = eval(binary.left());
            return Truth.of(left) ? eval(binary.right()) : left;
        }
        if (op.equals("or")) {
            Object left = eval(binary.left());
            return Truth.of(left) ? left : eval(binary.right());
        }
        Object left = eval(binary.left());
        Object right = eval(binary.right());
        return switch (op) {
            case "=" -> Values.equal(left, right);
            case "!=" -> !Values.equal(left, right);
            case "<" -> order(left, right, op) < 0;
            case ">" -> order(left, right, op) > 0;
            case "<=" -> order(left, right, op) <= 0;
            case ">=" -> order(left, right, op) >= 0;
            case "in" -> contains(right, left);
            case "+" -> plus(left, right);
            case "-", "*", "/", "mod" -> arithmetic(op, left, right);
            default -> throw new IllegalStateException("unknown operator " + op);
        };
    }

    private int order(Object left, Object right, String op) {
        if (left instanceof Boolean || right instanceof Boolean) {
            throw fail("cannot compare " + Values.kind(left) + " with " + Values.kind(right) + " by '" + op + "'");
        }
        try {
            return Values.compare(left, right);
        } catch (IllegalArgumentException e) {
            throw fail("cannot compare " + Values.kind(left) + " with " + Values.kind(right) + " by '" + op + "'");
        }
    }

    private boolean contains(Object container, Object value) {
        return switch (container) {
            case List<?> list -> list.stream().anyMatch(item -> Values.equal(item, value));
            case Map<?, ?> map -> map.containsKey(Functions.key(value));
            case String s when value instanceof String part -> s.contains(part);
            case null, default -> throw fail("'in' needs a list, a map or a string (holding a string) on its right, "
                    + "not " + Values.kind(container) + (container instanceof String ? " and " + Values.kind(value)
                    : ""));
        };
    }

    /** {@code left + right}, as the operator computes it. */
    Object add(Object left, Object right) {
        return plus(left, right);
    }

    private Object plus(Object left, Object right) {
        if (left instanceof String a && right instanceof String b) {
            return a + b;
        }
        if (left instanceof List<?> a && right instanceof List<?> b) {
            List<Object> joined = new ArrayList<>(a);
            joined.addAll(b);
            return Collections.unmodifiableList(joined);
        }
        if (left instanceof Map<?, ?> a && right instanceof Map<?, ?> b) {
            Map<String, Object> merged = new LinkedHashMap<>();
            a.forEach((k, v) -> merged.put(String.valueOf(k), v));
            b.forEach((k, v) -> merged.put(String.valueOf(k), v));
            return Collections.unmodifiableMap(merged);
        }
        if (isArithmetic(left) && isArithmetic(right)) {
            return arithmetic("+", left, right);
        }
        throw fail("cannot add " + Values.kind(left) + " and " + Values.kind(right)
                + (left instanceof String || right instanceof String ? " (convert with str())" : ""));
    }

    private Object arithmetic(String op, Object left, Object right) {
        Object a = number(left, op);
        Object b = number(right, op);
        if (a instanceof Long x && b instanceof Long y) {
            try {
                return switch (op) {
                    case "+" -> Math.addExact(x, y);
                    case "-" -> Math.subtractExact(x, y);
                    case "*" -> Math.multiplyExact(x, y);
                    case "/" -> {
                        nonZero(y);
                        yield Math.floorDiv(x, y);
                    }
                    case "mod" -> {
                        nonZero(y);
                        yield Math.floorMod(x, y);
                    }
                    default -> throw new IllegalStateException("unknown operator " + op);
                };
            } catch (ArithmeticException e) {
                throw fail("integer overflow in " + x + " " + op + " " + y);
            }
        }
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        double result = switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> {
                nonZero(y);
                yield x / y;
            }
            case "mod" -> {
                nonZero(y);
                yield x - y * Math.floor(x / y);
            }
            default -> throw new IllegalStateException("unknown operator " + op);
        };
        if (Double.isNaN(result) || Double.isInfinite(result)) {
            throw fail(x + " " + op + " " + y + " is not a finite number");
        }
        return result;
    }

    private void nonZero(double divisor) {
        if (divisor == 0) {
            throw fail("division by zero");
        }
    }

    private static boolean isArithmetic(Object value) {
        return value instanceof Number;
    }

    private Object number(Object value, String op) {
        if (!isArithmetic(value)) {
            throw fail("'" + op + "' needs numbers, not " + Values.kind(value));
        }
        return Values.normal(value);
    }

    /** How a failure names the value it was reading: {@code $} outside {@code select}/{@code where} is the context. */
    private String describe(Node node) {
        return node instanceof Node.Root && elements.isEmpty() ? "ctx()" : node.toString();
    }
}
