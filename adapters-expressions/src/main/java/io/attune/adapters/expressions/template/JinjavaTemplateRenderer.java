package io.attune.adapters.expressions.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.Context.Library;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorItem;
import com.hubspot.jinjava.interpret.TemplateError.ErrorReason;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.out.TemplateRenderer;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>Every render is bounded ({@link Limits}): a template over the length or nesting limit is refused before Jinjava
 * parses it (a few thousand parentheses cost its parser tens of seconds), and a render stops, on the caller's thread,
 * once it has rendered more template nodes than the step limit or run past the time limit: the interpreter checks
 * both each time it renders a node or reads its context, which every loop iteration and every variable lookup does,
 * and stops by an {@link Error} that Jinjava's {@code catch (Exception)} blocks cannot swallow. Jinjava's messages
 * quote the values they were given; each failure also comes with a description of its kind and line only.
 */
@Singleton
public final class JinjavaTemplateRenderer implements TemplateRenderer {

    static final int MAX_COLLECTION_SIZE = 10_000;
    static final String ROOT = "parameters";

    /** One {@code {{ … }}} and nothing else but whitespace; the expression may not hold another tag's delimiters. */
    private static final Pattern SINGLE_EXPRESSION =
            Pattern.compile("\\s*\\{\\{-?((?:(?!\\}\\}|\\{\\{|\\{%|%\\}|\\{#).)*?)-?\\}\\}\\s*", Pattern.DOTALL);

    private static final Set<String> NULL_LITERALS = Set.of("null", "none", "None");

    private final Limits limits;
    private final JinjavaConfig config;
    private final Jinjava jinjava;

    /** With the default limits. */
    public JinjavaTemplateRenderer() {
        this(Limits.DEFAULT);
    }

    /** With the limits configured under {@code attune.templates} (see application.yml). */
    @Inject
    public JinjavaTemplateRenderer(@Value("${attune.templates.render-timeout:1s}") Duration renderTimeout,
                                   @Value("${attune.templates.max-steps:200000}") int maxSteps,
                                   @Value("${attune.templates.max-output:1048576}") int maxOutput,
                                   @Value("${attune.templates.max-length:16384}") int maxLength,
                                   @Value("${attune.templates.max-depth:32}") int maxDepth) {
        this(new Limits(renderTimeout, maxSteps, maxOutput, maxLength, maxDepth));
    }

    public JinjavaTemplateRenderer(Limits limits) {
        this.limits = limits;
        this.config = limits.sandbox()
                .withNodePreProcessor((node, interpreter) -> {
                    if (interpreter instanceof BoundedInterpreter bounded) {
                        bounded.step();
                    }
                })
                .build();
        this.jinjava = new Jinjava(config);
        this.jinjava.setResourceLocator((name, charset, interpreter) -> {
            throw new IOException("templates may not load '" + name + "'");
        });
    }

    @Override
    public Rendered render(Map<String, Object> templates, Map<String, Object> context) {
        return render(templates, context, new Budget(limits, System.nanoTime()));
    }

    @Override
    public Session session() {
        Budget shared = new Budget(limits, System.nanoTime());
        return (templates, context) -> render(templates, context, shared);
    }

    private Rendered render(Map<String, Object> templates, Map<String, Object> context, Budget budget) {
        Map<String, Object> bindings = context == null ? Map.of() : context;
        try {
            Object parameters = renderValue(templates == null ? Map.of() : templates, ROOT, bindings, budget);
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) parameters;
            return new Rendered.Ok(map);
        } catch (TemplateFailure failure) {
            return new Rendered.Failed(failure.path, failure.getMessage(), failure.withoutValues);
        }
    }

    @Override
    public List<FieldError> problems(Map<String, Object> templates, String field) {
        List<FieldError> problems = new ArrayList<>();
        collectProblems(templates == null ? Map.of() : templates, field, problems);
        return List.copyOf(problems);
    }

    private void collectProblems(Object value, String path, List<FieldError> problems) {
        switch (value) {
            case String template -> limits.refusal(template).ifPresent(why -> problems.add(FieldError.of(path, why)));
            case Map<?, ?> map -> map.forEach((key, item) -> collectProblems(item, path + "." + key, problems));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    collectProblems(list.get(i), path + "[" + i + "]", problems);
                }
            }
            case null, default -> {
            }
        }
    }

    private Object renderValue(Object value, String path, Map<String, Object> bindings, Budget budget) {
        if (value instanceof String template) {
            return renderString(template, path, bindings, budget);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> rendered = new LinkedHashMap<>();
            map.forEach((key, item) -> rendered.put(String.valueOf(key),
                    renderValue(item, path + "." + key, bindings, budget)));
            return Collections.unmodifiableMap(rendered);
        }
        if (value instanceof List<?> list) {
            List<Object> rendered = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                rendered.add(renderValue(list.get(i), path + "[" + i + "]", bindings, budget));
            }
            return Collections.unmodifiableList(rendered);
        }
        return value;
    }

    private Object renderString(String template, String path, Map<String, Object> bindings, Budget budget) {
        if (!template.contains("{{") && !template.contains("{%") && !template.contains("{#")) {
            return template;
        }
        Optional<String> tooBig = limits.refusal(template);
        if (tooBig.isPresent()) {
            throw new TemplateFailure(path, tooBig.get(), tooBig.get());
        }
        Matcher single = SINGLE_EXPRESSION.matcher(template);
        if (single.matches() && !single.group(1).isBlank()) {
            String expression = single.group(1).strip();
            if (NULL_LITERALS.contains(expression)) {
                // Strict Jinjava treats every null result as an unknown token, so the literal is answered here.
                return null;
            }
            Object result = interpret(path, bindings, budget,
                    interpreter -> interpreter.resolveELExpression(expression, 1));
            return Json.of(result, path, limits.maxOutput());
        }
        return interpret(path, bindings, budget, interpreter -> interpreter.render(template));
    }

    /**
     * Runs {@code work} in a fresh interpreter over {@code bindings} within {@code budget}; any error or exception is a
     * failure at {@code path}.
     */
    private <T> T interpret(String path, Map<String, Object> bindings, Budget budget,
                            Function<JinjavaInterpreter, T> work) {
        Context context = new Context(jinjava.getGlobalContext(), bindings, config.getDisabled());
        BoundedInterpreter interpreter = new BoundedInterpreter(jinjava, context, config, budget);
        JinjavaInterpreter.pushCurrent(interpreter);
        T result;
        try {
            result = work.apply(interpreter);
        } catch (LimitExceeded e) {
            throw new TemplateFailure(path, e.getMessage(), e.getMessage());
        } catch (StackOverflowError e) {
            throw new TemplateFailure(path, "template is nested too deeply", "template is nested too deeply");
        } catch (RuntimeException e) {
            throw new TemplateFailure(path, message(e), withoutValues(e));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        List<TemplateError> errors = interpreter.getErrors();
        if (!errors.isEmpty()) {
            TemplateError first = errors.getFirst();
            throw new TemplateFailure(path, message(first), withoutValues(first));
        }
        return result;
    }

    private static String message(TemplateError error) {
        String message = error.getMessage() == null ? error.getReason().toString() : error.getMessage();
        return error.getLineno() > 0 ? message + " (line " + error.getLineno() + ")" : message;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The kind of failure and its line, from Jinjava's classification only (its message and field may hold values). */
    private String withoutValues(TemplateError error) {
        ErrorItem item = error.getItem() == null ? ErrorItem.OTHER : error.getItem();
        String what = switch (item) {
            case TEMPLATE -> "the template";
            case TOKEN -> "a variable";
            case TAG -> "a tag";
            case FUNCTION -> "a function";
            case PROPERTY -> "a property";
            case FILTER -> "a filter";
            case EXPRESSION_TEST -> "a test";
            case OTHER -> "an expression";
        };
        ErrorReason reason = error.getReason() == null ? ErrorReason.OTHER : error.getReason();
        String kind = switch (reason) {
            // Jinjava files a filter's or function's failure at run time (strtotime on a bad date) as a syntax error
            case SYNTAX_ERROR -> error.getException() == null || error.getException() instanceof TemplateSyntaxException
                    ? "syntax error" : "error while evaluating " + what;
            case UNKNOWN -> "unknown name: " + what;
            case MISSING -> "undefined value";
            case DISABLED -> "disabled feature: " + what;
            case INVALID_ARGUMENT -> "invalid argument to " + what;
            case INVALID_INPUT -> "invalid input to " + what;
            case OUTPUT_TOO_BIG -> "output over the limit of " + limits.maxOutput() + " characters";
            case OVER_LIMIT, COLLECTION_TOO_BIG -> "a string or collection over its size limit";
            case EXCEPTION -> "error in " + what;
            case BAD_URL, OTHER -> "failure in " + what;
        };
        return "template failed: " + kind + (error.getLineno() > 0 ? " (line " + error.getLineno() + ")" : "");
    }

    private static String withoutValues(RuntimeException e) {
        return "template failed: error while rendering (" + e.getClass().getSimpleName() + ")";
    }

    /** The bounds of every render: time, steps (template nodes rendered), output, and template length and nesting. */
    public record Limits(Duration renderTimeout, int maxSteps, int maxOutput, int maxLength, int maxDepth) {

        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(1), 200_000, 1 << 20, 16_384, 32);

        public Limits {
            if (renderTimeout == null || renderTimeout.isNegative() || renderTimeout.isZero()) {
                throw new IllegalArgumentException("the render timeout must be positive, got " + renderTimeout);
            }
            if (maxSteps < 1 || maxOutput < 1 || maxLength < 1 || maxDepth < 1) {
                throw new IllegalArgumentException("template limits must be positive: steps " + maxSteps
                        + ", output " + maxOutput + ", length " + maxLength + ", depth " + maxDepth);
            }
        }

        /**
         * A Jinjava configuration with the sandbox every render of pack authors' text runs in: unknown names fail,
         * output, strings and collections bounded, no recursion, no nested interpretation, no include/import/extends
         * (no file access), a fixed locale and time zone. Callers add what is their own and build it.
         */
        public JinjavaConfig.Builder sandbox() {
            return JinjavaConfig.newBuilder()
                    .withFailOnUnknownTokens(true)
                    .withMaxOutputSize(maxOutput())
                    .withMaxStringLength(maxOutput())
                    .withMaxListSize(MAX_COLLECTION_SIZE)
                    .withMaxMapSize(MAX_COLLECTION_SIZE)
                    .withRangeLimit(MAX_COLLECTION_SIZE)
                    .withMaxRenderDepth(10)
                    .withEnableRecursiveMacroCalls(false)
                    .withMaxMacroRecursionDepth(10)
                    .withNestedInterpretationEnabled(false)
                    .withDisabled(Map.of(Library.TAG, Set.of("include", "import", "from", "extends")))
                    .withLocale(Locale.ROOT)
                    .withTimeZone(ZoneOffset.UTC);
        }

        /**
         * Why {@code template} is refused unparsed, checked before any parser sees it: over the length limit, or
         * nested deeper than the depth limit; empty when neither.
         */
        public Optional<String> refusal(String template) {
            if (template.length() > maxLength) {
                return Optional.of("template is " + template.length() + " characters long, over the limit of "
                        + maxLength);
            }
            int depth = 0;
            for (int i = 0; i < template.length(); i++) {
                char c = template.charAt(i);
                if (c == '(' || c == '[' || c == '{') {
                    if (++depth > maxDepth) {
                        return Optional.of("template nests parentheses, brackets and braces more than " + maxDepth
                                + " deep");
                    }
                } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                    depth--;
                }
            }
            return Optional.empty();
        }

        String timeout() {
            return renderTimeout.toMillis() % 1_000 == 0 ? renderTimeout.toSeconds() + " s"
                    : renderTimeout.toMillis() + " ms";
        }
    }

    /** What one render may still spend; one render runs on one thread. */
    private static final class Budget {

        private final Limits limits;
        private final long deadline;
        private int steps;

        Budget(Limits limits, long startNanos) {
            this.limits = limits;
            this.deadline = startNanos + limits.renderTimeout().toNanos();
        }

        void step() {
            if (++steps > limits.maxSteps()) {
                throw new LimitExceeded("template exceeded the limit of " + limits.maxSteps() + " rendering steps");
            }
            checkTime();
        }

        void checkTime() {
            if (System.nanoTime() - deadline > 0) {
                throw new LimitExceeded("template exceeded the render time limit of " + limits.timeout());
            }
        }
    }

    /** An interpreter that spends its render's budget each time it is asked for its context or renders a node. */
    private static final class BoundedInterpreter extends JinjavaInterpreter {

        private final Budget budget;

        BoundedInterpreter(Jinjava jinjava, Context context, JinjavaConfig config, Budget budget) {
            super(jinjava, context, config);
            this.budget = budget;
        }

        void step() {
            budget.step();
        }

        @Override
        public Context getContext() {
            budget.checkTime();
            return super.getContext();
        }
    }

    /**
     * A bound was passed: an {@link Error}, so that no {@code catch (Exception)} inside Jinjava turns it into a
     * template error and carries on rendering.
     */
    static final class LimitExceeded extends Error {

        LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }

    /** A template failed at a path; unwinds the recursive render. */
    static final class TemplateFailure extends RuntimeException {

        private final String path;
        private final String withoutValues;

        TemplateFailure(String path, String message, String withoutValues) {
            super(message, null, false, false);
            this.path = path;
            this.withoutValues = withoutValues;
        }
    }
}
