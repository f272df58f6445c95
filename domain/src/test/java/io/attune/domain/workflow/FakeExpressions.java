package io.attune.domain.workflow;

import io.attune.domain.workflow.expr.ExpressionException;
import io.attune.domain.workflow.expr.Expressions;
import io.attune.domain.workflow.expr.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of the expression language for the engine's own tests (the real one has its own): a whole-string
 * {@code <% a %>}, {@code <% a + n %>}, {@code <% a < n %>} or {@code <% a = 'x' %>} where {@code a} is ctx(x), ctx().x,
 * result(), result().x, succeeded(), failed(), completed(), item(), item(x), task_status(t), a number or a quoted text.
 */
final class FakeExpressions implements Expressions {

    private static final Pattern WHOLE = Pattern.compile("\\s*<%\\s*(.*?)\\s*%>\\s*");
    private static final Pattern BINARY = Pattern.compile("(.+?)\\s*(\\+|<|=)\\s*(.+)");

    @Override
    public Object render(Object raw, Scope scope) {
        if (raw instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), render(v, scope)));
            return out;
        }
        if (raw instanceof List<?> list) {
            return list.stream().map(v -> render(v, scope)).toList();
        }
        if (raw instanceof String text) {
            Matcher m = WHOLE.matcher(text);
            if (m.matches()) {
                return eval(m.group(1), scope);
            }
        }
        return raw;
    }

    private Object eval(String expr, Scope scope) {
        Matcher b = BINARY.matcher(expr);
        if (b.matches() && !expr.startsWith("'")) {
            Object left = atom(b.group(1).trim(), scope);
            Object right = atom(b.group(3).trim(), scope);
            return switch (b.group(2)) {
                case "+" -> ((Number) left).longValue() + ((Number) right).longValue();
                case "<" -> ((Number) left).longValue() < ((Number) right).longValue();
                default -> String.valueOf(left).equals(String.valueOf(right));
            };
        }
        return atom(expr, scope);
    }

    private Object atom(String a, Scope scope) {
        if (a.matches("-?\\d+")) {
            return Long.parseLong(a);
        }
        if (a.startsWith("'") && a.endsWith("'")) {
            return a.substring(1, a.length() - 1);
        }
        Matcher m;
        if ((m = Pattern.compile("ctx\\('?(\\w+)'?\\)|ctx\\(\\)\\.(\\w+)").matcher(a)).matches()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (!scope.ctx().containsKey(name)) {
                throw new ExpressionException(a, "ctx() has no key '" + name + "'");
            }
            return scope.ctx().get(name);
        }
        if ((m = Pattern.compile("result\\(\\)((?:\\.\\w+)*)").matcher(a)).matches()) {
            Object value = scope.result().orElse(null);
            for (String key : m.group(1).split("\\.")) {
                if (!key.isEmpty()) {
                    if (!(value instanceof Map<?, ?> map) || !map.containsKey(key)) {
                        throw new ExpressionException(a, "no key '" + key + "'");
                    }
                    value = map.get(key);
                }
            }
            return value;
        }
        if ((m = Pattern.compile("item\\((\\w*)\\)").matcher(a)).matches()) {
            Object item = scope.item().orElseThrow(() -> new ExpressionException(a, "not in with-items"));
            return m.group(1).isEmpty() ? item : ((Map<?, ?>) item).get(m.group(1));
        }
        if ((m = Pattern.compile("task_status\\((\\w+)\\)").matcher(a)).matches()) {
            return scope.taskStatus(m.group(1)).orElse(null);
        }
        String status = scope.currentStatus().orElse("");
        return switch (a) {
            case "succeeded()" -> status.equals("succeeded");
            case "failed()" -> status.equals("failed");
            case "completed()" -> !status.isEmpty();
            default -> throw new ExpressionException(a, "the test evaluator does not know it");
        };
    }

    @Override
    public List<String> check(Object raw) {
        return List.of();
    }

    @Override
    public Set<String> variablesRead(Object raw) {
        return Set.of();
    }
}
