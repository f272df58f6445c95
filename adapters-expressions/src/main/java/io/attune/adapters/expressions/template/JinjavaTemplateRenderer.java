package io.attune.adapters.expressions.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.Context.Library;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import io.attune.application.port.out.TemplateRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule parameter templates with Jinjava, configured strictly and safely: unknown variables fail, output is capped,
 * nothing is loaded from the file system ({@code include}, {@code import}, {@code from} and {@code extends} are
 * disabled and the resource locator refuses everything), values from the context are never re-interpreted as
 * templates, and render and macro depths are bounded. A string that is exactly one {@code {{ expression }}} is
 * evaluated as an expression and keeps its JSON type. Strict Jinjava counts any expression whose value is null as
 * unknown, so a payload field that is present but null fails like a missing one (use {@code default}); the bare
 * literals {@code null}, {@code none} and {@code None} render to null.
 */
@Singleton
public final class JinjavaTemplateRenderer implements TemplateRenderer {

    /** The most characters one template may render to (and the longest string an expression may build). */
    static final int MAX_OUTPUT = 1 << 20;
    static final int MAX_COLLECTION_SIZE = 10_000;
    static final String ROOT = "parameters";

    /** One {@code {{ … }}} and nothing else but whitespace; the expression may not hold another tag's delimiters. */
    private static final Pattern SINGLE_EXPRESSION =
            Pattern.compile("\\s*\\{\\{-?((?:(?!\\}\\}|\\{\\{|\\{%|%\\}|\\{#).)*?)-?\\}\\}\\s*", Pattern.DOTALL);

    private static final Set<String> NULL_LITERALS = Set.of("null", "none", "None");

    private final JinjavaConfig config;
    private final Jinjava jinjava;

    public JinjavaTemplateRenderer() {
        this.config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withMaxOutputSize(MAX_OUTPUT)
                .withMaxStringLength(MAX_OUTPUT)
                .withMaxListSize(MAX_COLLECTION_SIZE)
                .withMaxMapSize(MAX_COLLECTION_SIZE)
                .withRangeLimit(MAX_COLLECTION_SIZE)
                .withMaxRenderDepth(10)
                .withEnableRecursiveMacroCalls(false)
                .withMaxMacroRecursionDepth(10)
                .withNestedInterpretationEnabled(false)
                .withDisabled(Map.of(Library.TAG, Set.of("include", "import", "from", "extends")))
                .withLocale(Locale.ROOT)
                .withTimeZone(ZoneOffset.UTC)
                .build();
        this.jinjava = new Jinjava(config);
        this.jinjava.setResourceLocator((name, charset, interpreter) -> {
            throw new IOException("templates may not load '" + name + "'");
        });
    }

    @Override
    public Rendered render(Map<String, Object> templates, Map<String, Object> context) {
        Map<String, Object> bindings = context == null ? Map.of() : context;
        try {
            Object parameters = renderValue(templates == null ? Map.of() : templates, ROOT, bindings);
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) parameters;
            return new Rendered.Ok(map);
        } catch (TemplateFailure failure) {
            return new Rendered.Failed(failure.path, failure.getMessage());
        }
    }

    private Object renderValue(Object value, String path, Map<String, Object> bindings) {
        if (value instanceof String template) {
            return renderString(template, path, bindings);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> rendered = new LinkedHashMap<>();
            map.forEach((key, item) -> rendered.put(String.valueOf(key),
                    renderValue(item, path + "." + key, bindings)));
            return Collections.unmodifiableMap(rendered);
        }
        if (value instanceof List<?> list) {
            List<Object> rendered = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                rendered.add(renderValue(list.get(i), path + "[" + i + "]", bindings));
            }
            return Collections.unmodifiableList(rendered);
        }
        return value;
    }

    private Object renderString(String template, String path, Map<String, Object> bindings) {
        if (!template.contains("{{") && !template.contains("{%") && !template.contains("{#")) {
            return template;
        }
        Matcher single = SINGLE_EXPRESSION.matcher(template);
        if (single.matches() && !single.group(1).isBlank()) {
            String expression = single.group(1).strip();
            if (NULL_LITERALS.contains(expression)) {
                // Strict Jinjava treats every null result as an unknown token, so the literal is answered here.
                return null;
            }
            Object result = interpret(path, bindings, interpreter -> interpreter.resolveELExpression(expression, 1));
            return Json.of(result, path, MAX_OUTPUT);
        }
        return interpret(path, bindings, interpreter -> interpreter.render(template));
    }

    /** Runs {@code work} in a fresh interpreter over {@code bindings}; any error or exception is a failure at {@code path}. */
    private <T> T interpret(String path, Map<String, Object> bindings, Function<JinjavaInterpreter, T> work) {
        Context context = new Context(jinjava.getGlobalContext(), bindings, config.getDisabled());
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, config);
        JinjavaInterpreter.pushCurrent(interpreter);
        T result;
        try {
            result = work.apply(interpreter);
        } catch (RuntimeException | StackOverflowError e) {
            throw new TemplateFailure(path, message(e));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        List<TemplateError> errors = interpreter.getErrors();
        if (!errors.isEmpty()) {
            throw new TemplateFailure(path, message(errors.getFirst()));
        }
        return result;
    }

    private static String message(TemplateError error) {
        String message = error.getMessage() == null ? error.getReason().toString() : error.getMessage();
        return error.getLineno() > 0 ? message + " (line " + error.getLineno() + ")" : message;
    }

    private static String message(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "template is nested too deeply";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A template failed at a path; unwinds the recursive render. */
    static final class TemplateFailure extends RuntimeException {

        private final String path;

        TemplateFailure(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }
    }
}
