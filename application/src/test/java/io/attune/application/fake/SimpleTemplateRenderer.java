package io.attune.application.fake;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.out.TemplateRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Jinja renderer in application tests: understands only {@code {{ dotted.path }}}. A string that is
 * exactly one such expression keeps the value's type; a path that resolves to nothing fails the render, as the real
 * renderer's strict mode does.
 */
public final class SimpleTemplateRenderer implements TemplateRenderer {

    private static final Pattern EXPRESSION = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    @Override
    public Rendered render(Map<String, Object> templates, Map<String, Object> context) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> rendered = (Map<String, Object>) value(templates, context, "parameters");
            return new Rendered.Ok(rendered);
        } catch (Undefined e) {
            return new Rendered.Failed(e.path, e.getMessage(), "an undefined value");
        }
    }

    @Override
    public List<FieldError> problems(Map<String, Object> templates, String field) {
        return List.of();
    }

    private Object value(Object template, Map<String, Object> context, String path) {
        if (template instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, value(v, context, path + "." + k)));
            return out;
        }
        if (template instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(value(list.get(i), context, path + "[" + i + "]"));
            }
            return out;
        }
        if (!(template instanceof String text)) {
            return template;
        }
        Matcher whole = EXPRESSION.matcher(text.strip());
        if (whole.matches()) {
            return resolve(whole.group(1), context, path);
        }
        Matcher parts = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (parts.find()) {
            parts.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(resolve(parts.group(1), context, path))));
        }
        parts.appendTail(out);
        return out.toString();
    }

    private static Object resolve(String expression, Map<String, Object> context, String path) {
        Object current = context;
        for (String name : expression.split("\\.")) {
            current = current instanceof Map<?, ?> map ? map.get(name) : null;
            if (current == null) {
                throw new Undefined(path, "'" + expression + "' is undefined");
            }
        }
        return current;
    }

    private static final class Undefined extends RuntimeException {
        private final String path;

        Undefined(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }
    }
}
