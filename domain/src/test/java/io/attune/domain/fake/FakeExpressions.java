package io.attune.domain.fake;

import io.attune.domain.workflow.expr.ExpressionException;
import io.attune.domain.workflow.expr.Expressions;
import io.attune.domain.workflow.expr.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the real expression engine in validation tests: text holding {@code <% bad} is a syntax error, and
 * {@code ctx(name)}, {@code ctx('name')} and {@code ctx().name} are the variables read. It renders nothing.
 */
public final class FakeExpressions implements Expressions {

    private static final Pattern READS = Pattern.compile("ctx\\(\\s*'?([A-Za-z_]\\w*)'?\\s*\\)|ctx\\(\\)\\.([A-Za-z_]\\w*)");

    @Override
    public Object render(Object raw, Scope scope) {
        throw new ExpressionException(String.valueOf(raw), "the fake expression engine renders nothing");
    }

    @Override
    public List<String> check(Object raw) {
        List<String> problems = new ArrayList<>();
        strings(raw).stream().filter(s -> s.contains("<% bad"))
                .forEach(s -> problems.add("expression '" + s + "': syntax error"));
        return problems;
    }

    @Override
    public Set<String> variablesRead(Object raw) {
        Set<String> names = new LinkedHashSet<>();
        for (String s : strings(raw)) {
            Matcher m = READS.matcher(s);
            while (m.find()) {
                names.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return names;
    }

    private static List<String> strings(Object raw) {
        List<String> out = new ArrayList<>();
        collect(raw, out);
        return out;
    }

    private static void collect(Object raw, List<String> out) {
        switch (raw) {
            case String s -> out.add(s);
            case Map<?, ?> m -> m.forEach((k, v) -> {
                collect(k, out);
                collect(v, out);
            });
            case Collection<?> c -> c.forEach(v -> collect(v, out));
            case null, default -> {
            }
        }
    }
}
