package io.attune.domain.workflow.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The functions YAQL expressions may call: the workflow's ({@code ctx}, {@code result}, {@code succeeded},
 * {@code failed}, {@code completed}, {@code task_status}, {@code item}, {@code st2kv}) and the common ones
 * ({@code list}, {@code dict}, {@code len}, {@code str}, {@code int}, {@code float}, {@code bool}, {@code zip},
 * {@code json}, {@code keys}, {@code values}) and a few of YAQL's collection and string methods ({@code select},
 * {@code where}, {@code distinct}, {@code sum}, {@code join}, {@code split}, {@code toUpper}, {@code toLower},
 * {@code trim}, {@code replace}, {@code startsWith}, {@code endsWith}). Those marked as methods may also be called as
 * {@code x.f(…)}.
 */
final class Functions {

    /** The statuses after which a task has ended: Orquesta's completed statuses and the platform's timeout. */
    static final Set<String> ENDED = Set.of("succeeded", "failed", "canceled", "expired", "abandoned", "timeout");

    private static final Set<String> ANY_NAME = Set.of("*");

    /** How a function computes its value from its evaluated arguments. */
    @FunctionalInterface
    interface Body {
        Object apply(Evaluator ev, List<Object> args, Map<String, Object> named);
    }

    /**
     * One function: how many positional arguments it takes ({@code max} -1 for any), the named arguments it accepts
     * ({@code *} for any), whether it can be called as a method, and its body; a body of null marks a function whose
     * second argument is an expression evaluated per element with {@code $} as the element ({@code select},
     * {@code where}), which the {@link Evaluator} runs itself.
     */
    record Fn(String name, int min, int max, Set<String> names, boolean method, Body body) {

        boolean perElement() {
            return body == null;
        }
    }

    private static final Map<String, Fn> ALL = new TreeMap<>();

    static {
        add(new Fn("ctx", 0, 1, Set.of(), false, Functions::ctx));
        add(new Fn("result", 0, 0, Set.of(), false, (ev, a, n) -> ev.scope().result()
                .orElseThrow(() -> ev.fail("result() is only available where a task has ended "
                        + "(its transitions and with-items)"))));
        add(new Fn("succeeded", 0, 0, Set.of(), false, (ev, a, n) -> status(ev, "succeeded()").equals("succeeded")));
        add(new Fn("failed", 0, 0, Set.of(), false, (ev, a, n) -> status(ev, "failed()").equals("failed")));
        add(new Fn("completed", 0, 0, Set.of(), false, (ev, a, n) -> ENDED.contains(status(ev, "completed()"))));
        add(new Fn("task_status", 1, 1, Set.of(), false,
                (ev, a, n) -> ev.scope().taskStatus(string(ev, "task_status", a.getFirst())).orElse(null)));
        add(new Fn("item", 0, 1, Set.of(), false, Functions::item));
        add(new Fn("st2kv", 1, 1, Set.of("decrypt"), false, (ev, a, n) -> {
            String name = string(ev, "st2kv", a.getFirst());
            return ev.scope().key(name).orElseThrow(() -> ev.fail("there is no key '" + name + "'"));
        }));
        add(new Fn("list", 0, -1, Set.of(), false, (ev, a, n) -> Collections.unmodifiableList(new ArrayList<>(a))));
        add(new Fn("dict", 0, 1, ANY_NAME, false, Functions::dict));
        add(new Fn("len", 1, 1, Set.of(), true, (ev, a, n) -> switch (a.getFirst()) {
            case String s -> (long) s.codePointCount(0, s.length());
            case List<?> l -> (long) l.size();
            case Map<?, ?> m -> (long) m.size();
            case null, default ->
                    throw ev.fail("len() takes a string, a list or a map, not " + Values.kind(a.getFirst()));
        }));
        add(new Fn("str", 1, 1, Set.of(), true, (ev, a, n) -> Values.text(a.getFirst())));
        add(new Fn("int", 1, 1, Set.of(), true, Functions::toInt));
        add(new Fn("float", 1, 1, Set.of(), true, Functions::toFloat));
        add(new Fn("bool", 1, 1, Set.of(), true, (ev, a, n) -> Truth.of(a.getFirst())));
        add(new Fn("zip", 2, -1, Set.of(), true, Functions::zip));
        add(new Fn("json", 1, 1, Set.of(), true, (ev, a, n) -> {
            if (!(a.getFirst() instanceof String text)) {
                throw ev.fail("json() takes a string, not " + Values.kind(a.getFirst()));
            }
            try {
                return JsonText.parse(text);
            } catch (IllegalArgumentException e) {
                throw ev.fail("json(): " + e.getMessage());
            }
        }));
        add(new Fn("keys", 1, 1, Set.of(), true,
                (ev, a, n) -> List.copyOf(map(ev, "keys", a.getFirst()).keySet().stream().map(String::valueOf)
                        .toList())));
        add(new Fn("values", 1, 1, Set.of(), true,
                (ev, a, n) -> Collections.unmodifiableList(new ArrayList<>(map(ev, "values", a.getFirst()).values()))));
        add(new Fn("select", 2, 2, Set.of(), true, null));
        add(new Fn("where", 2, 2, Set.of(), true, null));
        add(new Fn("join", 2, 2, Set.of(), true, Functions::join));
        add(new Fn("split", 1, 2, Set.of(), true, (ev, a, n) -> {
            String text = text(ev, "split", a.getFirst());
            List<String> parts = a.size() == 1
                    ? (text.isBlank() ? List.of() : List.of(text.strip().split("\\s+")))
                    : List.of(text.split(java.util.regex.Pattern.quote(text(ev, "split", a.get(1))), -1));
            return parts;
        }));
        add(new Fn("toUpper", 1, 1, Set.of(), true,
                (ev, a, n) -> text(ev, "toUpper", a.getFirst()).toUpperCase(java.util.Locale.ROOT)));
        add(new Fn("toLower", 1, 1, Set.of(), true,
                (ev, a, n) -> text(ev, "toLower", a.getFirst()).toLowerCase(java.util.Locale.ROOT)));
        add(new Fn("trim", 1, 1, Set.of(), true, (ev, a, n) -> text(ev, "trim", a.getFirst()).strip()));
        add(new Fn("replace", 3, 3, Set.of(), true, (ev, a, n) -> text(ev, "replace", a.getFirst())
                .replace(text(ev, "replace", a.get(1)), text(ev, "replace", a.get(2)))));
        add(new Fn("startsWith", 2, 2, Set.of(), true,
                (ev, a, n) -> text(ev, "startsWith", a.getFirst()).startsWith(text(ev, "startsWith", a.get(1)))));
        add(new Fn("endsWith", 2, 2, Set.of(), true,
                (ev, a, n) -> text(ev, "endsWith", a.getFirst()).endsWith(text(ev, "endsWith", a.get(1)))));
        add(new Fn("distinct", 1, 1, Set.of(), true, (ev, a, n) -> {
            List<Object> out = new ArrayList<>();
            for (Object item : list(ev, "distinct", a.getFirst())) {
                if (out.stream().noneMatch(seen -> Values.equal(seen, item))) {
                    out.add(item);
                }
            }
            return Collections.unmodifiableList(out);
        }));
        add(new Fn("sum", 1, 1, Set.of(), true, (ev, a, n) -> {
            Object total = 0L;
            for (Object item : list(ev, "sum", a.getFirst())) {
                total = ev.add(total, item);
            }
            return total;
        }));
    }

    private Functions() {
    }

    private static void add(Fn fn) {
        ALL.put(fn.name(), fn);
    }

    /** The function called {@code name}. */
    static Optional<Fn> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** The names of every function, in order. */
    static Set<String> names() {
        return Collections.unmodifiableSet(ALL.keySet());
    }

    /** Why a call of {@code name} with so many arguments cannot work, if it cannot; checked when parsing. */
    static Optional<String> check(String name, int positional, int named, boolean method) {
        Fn fn = ALL.get(name);
        if (fn == null) {
            return Optional.of("unknown function '" + name + "' (known: " + String.join(", ", ALL.keySet()) + ")");
        }
        if (method && !fn.method()) {
            return Optional.of(name + "() cannot be called as a method; call it as " + name + "(…)");
        }
        if (named > 0 && fn.names().isEmpty()) {
            return Optional.of(name + "() takes no named arguments");
        }
        if (positional < fn.min() || (fn.max() >= 0 && positional > fn.max())) {
            String wanted = fn.max() < 0 ? "at least " + fn.min()
                    : fn.min() == fn.max() ? String.valueOf(fn.min()) : fn.min() + " to " + fn.max();
            return Optional.of(name + "() takes " + wanted + " argument" + (wanted.equals("1") ? "" : "s")
                    + ", not " + positional);
        }
        return Optional.empty();
    }

    private static Object ctx(Evaluator ev, List<Object> args, Map<String, Object> named) {
        Map<String, Object> ctx = ev.scope().ctx();
        if (args.isEmpty()) {
            return ctx;
        }
        String name = string(ev, "ctx", args.getFirst());
        if (!ctx.containsKey(name)) {
            throw ev.fail("ctx() has no key '" + name + "'");
        }
        return ctx.get(name);
    }

    private static String status(Evaluator ev, String function) {
        return ev.scope().currentStatus()
                .orElseThrow(() -> ev.fail(function + " is only available in a task's transitions"));
    }

    private static Object item(Evaluator ev, List<Object> args, Map<String, Object> named) {
        Object item = ev.scope().item().orElseThrow(() -> ev.fail("item() is only available in a with-items task"));
        if (args.isEmpty()) {
            return item;
        }
        String name = string(ev, "item", args.getFirst());
        if (!(item instanceof Map<?, ?> map)) {
            throw ev.fail("item('" + name + "') needs named items (with: items: x in …), but the item is "
                    + Values.kind(item));
        }
        if (!map.containsKey(name)) {
            throw ev.fail("item() has no key '" + name + "'");
        }
        return map.get(name);
    }

    private static Object dict(Evaluator ev, List<Object> args, Map<String, Object> named) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!args.isEmpty()) {
            switch (args.getFirst()) {
                case Map<?, ?> map -> map.forEach((k, v) -> out.put(String.valueOf(k), v));
                case List<?> pairs -> {
                    for (Object pair : pairs) {
                        if (!(pair instanceof List<?> kv) || kv.size() != 2) {
                            throw ev.fail("dict() takes a list of [key, value] pairs, but one is " + Values.text(pair));
                        }
                        out.put(key(kv.get(0)), kv.get(1));
                    }
                }
                case null, default -> throw ev.fail("dict() takes a map or a list of [key, value] pairs, not "
                        + Values.kind(args.getFirst()));
            }
        }
        out.putAll(named);
        return Collections.unmodifiableMap(out);
    }

    /** A map key from any value: strings as they are, other values as JSON text. */
    static String key(Object value) {
        return Values.text(value);
    }

    private static Object toInt(Evaluator ev, List<Object> args, Map<String, Object> named) {
        Object value = args.getFirst();
        return switch (value) {
            case null -> 0L;
            case Boolean b -> b ? 1L : 0L;
            case Number n when Values.isIntegral(n) -> Values.longOf(n);
            case Number n -> {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 0x1p63) {
                    throw ev.fail("int() cannot convert " + d + " to an integer");
                }
                yield (long) d;
            }
            case String s -> {
                try {
                    yield Long.parseLong(s.strip().replace("_", ""));
                } catch (NumberFormatException e) {
                    throw ev.fail("int() cannot read '" + s + "' as an integer");
                }
            }
            default -> throw ev.fail("int() cannot convert " + Values.kind(value) + " to an integer");
        };
    }

    private static Object toFloat(Evaluator ev, List<Object> args, Map<String, Object> named) {
        Object value = args.getFirst();
        return switch (value) {
            case null -> 0.0;
            case Boolean b -> b ? 1.0 : 0.0;
            case Number n -> n.doubleValue();
            case String s -> {
                String t = s.strip();
                if (t.length() > 64 || !t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw ev.fail("float() cannot read '" + s + "' as a number");
                }
                try {
                    yield Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw ev.fail("float() cannot read '" + s + "' as a number");
                }
            }
            default -> throw ev.fail("float() cannot convert " + Values.kind(value) + " to a number");
        };
    }

    private static Object zip(Evaluator ev, List<Object> args, Map<String, Object> named) {
        int size = Integer.MAX_VALUE;
        for (Object arg : args) {
            if (!(arg instanceof List<?> list)) {
                throw ev.fail("zip() takes lists, not " + Values.kind(arg));
            }
            size = Math.min(size, list.size());
        }
        List<Object> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            List<Object> row = new ArrayList<>(args.size());
            for (Object arg : args) {
                row.add(((List<?>) arg).get(i));
            }
            out.add(Collections.unmodifiableList(row));
        }
        return Collections.unmodifiableList(out);
    }

    private static String string(Evaluator ev, String function, Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw ev.fail(function + "() takes a name (a string), not " + Values.kind(value));
    }

    private static Object join(Evaluator ev, List<Object> args, Map<String, Object> named) {
        // YAQL takes both orders: $.list.join(', ') and ', '.join($.list)
        Object first = args.getFirst();
        Object second = args.get(1);
        List<?> items = first instanceof String && second instanceof List<?> l ? l : list(ev, "join", first);
        String separator = text(ev, "join", first instanceof String s && second instanceof List<?> ? s : second);
        return items.stream().map(Values::text).collect(java.util.stream.Collectors.joining(separator));
    }

    private static String text(Evaluator ev, String function, Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw ev.fail(function + "() takes a string, not " + Values.kind(value));
    }

    private static List<?> list(Evaluator ev, String function, Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw ev.fail(function + "() takes a list, not " + Values.kind(value));
    }

    private static Map<?, ?> map(Evaluator ev, String function, Object value) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw ev.fail(function + "() takes a map, not " + Values.kind(value));
    }
}
