package io.attune.application.service;

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
 * Just enough of the expression language for the workflow service's tests (the real one lives in
 * adapters-expressions): a whole string {@code <% f().a.b %>} with {@code f} one of ctx(), ctx(name), result(),
 * st2kv(name), item(), succeeded(), failed(), followed by a dotted path; anything else is a literal.
 */
final class PathExpressions implements Expressions {

    private static final Pattern WHOLE = Pattern.compile("\\s*<%\\s*(\\w+)\\(([\\w.']*)\\)((?:\\.\\w+)*)\\s*%>\\s*");

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
                Object value = call(text, m.group(1), m.group(2).replace("'", ""), scope);
                for (String step : m.group(3).isEmpty() ? new String[0] : m.group(3).substring(1).split("\\.")) {
                    value = value instanceof Map<?, ?> map ? map.get(step) : null;
                }
                return value;
            }
        }
        return raw;
    }

    private static Object call(String text, String function, String argument, Scope scope) {
        return switch (function) {
            case "ctx" -> argument.isEmpty() ? scope.ctx() : scope.ctx().get(argument);
            case "result" -> scope.result().orElseThrow(() -> new ExpressionException(text, "no result here"));
            case "st2kv" -> scope.key(argument).orElse(null);
            case "item" -> scope.item().orElseThrow(() -> new ExpressionException(text, "no item here"));
            case "succeeded" -> scope.currentStatus().map("succeeded"::equals).orElse(false);
            case "failed" -> scope.currentStatus().map("failed"::equals).orElse(false);
            default -> throw new ExpressionException(text, "unknown function " + function);
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
