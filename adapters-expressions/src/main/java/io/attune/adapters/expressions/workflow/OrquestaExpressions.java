package io.attune.adapters.expressions.workflow;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaELContext;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import io.attune.adapters.expressions.template.JinjavaTemplateRenderer.Limits;
import io.attune.adapters.expressions.workflow.WorkflowInterpreter.Budget;
import io.attune.adapters.expressions.workflow.WorkflowInterpreter.LimitExceeded;
import io.attune.domain.workflow.expr.ExpressionException;
import io.attune.domain.workflow.expr.Expressions;
import io.attune.domain.workflow.expr.Scope;
import io.attune.domain.workflow.expr.YaqlExpressions;
import io.attune.domain.workflow.expr.YaqlExpressions.Part;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expressions of Orquesta workflows, both languages in one value: {@code <% %>} by the domain's YAQL evaluator,
 * {@code {{ }}} and {@code {% %}} by Jinjava, with the workflow functions ({@code ctx}, {@code result},
 * {@code succeeded}, {@code failed}, {@code completed}, {@code task_status}, {@code item}, {@code st2kv}) and
 * {@code keys.name} in Jinja too. Jinjava is configured as for rule templates: strict about a null result, output and
 * collections capped, nothing loaded from files, no nested interpretation, and every render bounded in steps and time.
 *
 * <p>A string that is one {@code {{ expression }}} and nothing else yields the expression's value with its JSON type;
 * other strings with Jinja render to text. In a string that holds both languages, each {@code <% %>} is evaluated
 * first and enters the Jinja template as text ({@link YaqlExpressions#text}), never to be interpreted again.
 */
public final class OrquestaExpressions implements Expressions {

    private static final String YAQL_VALUE = "__attune_yaql_";

    /** One {@code {{ … }}} and nothing else but whitespace; the expression may not hold another tag's delimiters. */
    private static final Pattern SINGLE_EXPRESSION =
            Pattern.compile("\\s*\\{\\{-?((?:(?!\\}\\}|\\{\\{|\\{%|%\\}|\\{#).)*?)-?\\}\\}\\s*", Pattern.DOTALL);

    private static final Set<String> NULL_LITERALS = Set.of("null", "none", "None");

    /** The Jinja parts of a text: expressions and statements. */
    private static final Pattern JINJA_TAG = Pattern.compile("\\{\\{.*?\\}\\}|\\{%.*?%\\}", Pattern.DOTALL);
    private static final Pattern CTX_NAMED = Pattern.compile("\\bctx\\(\\s*(['\"])([^'\"]+)\\1\\s*\\)");
    private static final Pattern CTX_ATTRIBUTE =
            Pattern.compile("\\bctx\\(\\s*\\)\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern CTX_INDEX = Pattern.compile("\\bctx\\(\\s*\\)\\s*\\[\\s*(['\"])([^'\"]+)\\1\\s*\\]");

    private final YaqlExpressions yaql = new YaqlExpressions();
    private final Limits limits;
    private final JinjavaConfig config;
    private final Jinjava jinjava;

    /** With the default limits of templates. */
    public OrquestaExpressions() {
        this(Limits.DEFAULT);
    }

    /** With the given bounds on each Jinja render (time, steps, output, template length and nesting). */
    public OrquestaExpressions(Limits limits) {
        this.limits = limits;
        this.config = limits.sandbox()
                // closer to the Python Jinja of Orquesta: values written as Python writes them, a map iterates over
                // its keys, map literal keys are expressions, operators bind as in Python
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUsePyishObjectMapper(true)
                        .withIterateOverMapKeys(true)
                        .withEvaluateMapKeys(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .build())
                .withNodePreProcessor((node, interpreter) -> {
                    if (interpreter instanceof WorkflowInterpreter workflow) {
                        workflow.step();
                    }
                })
                .build();
        this.jinjava = new Jinjava(config);
        this.jinjava.setResourceLocator((name, charset, interpreter) -> {
            throw new IOException("workflow expressions may not load '" + name + "'");
        });
        Map<String, String> functions = Map.of("ctx", "ctx", "result", "result", "succeeded", "succeeded",
                "failed", "failed", "completed", "completed", "task_status", "taskStatus", "item", "item",
                "st2kv", "st2kv");
        functions.forEach((name, method) -> jinjava.getGlobalContext().registerFunction(
                new ELFunctionDefinition("", name, OrquestaJinjaFunctions.class, method, Object[].class)));
    }

    @Override
    public Object render(Object raw, Scope scope) {
        Budget budget = new Budget(limits);
        return YaqlExpressions.renderStrings(raw, s -> renderString(s, scope, budget));
    }

    private Object renderString(String s, Scope scope, Budget budget) {
        List<Part> parts = YaqlExpressions.split(s);
        if (!hasJinja(parts)) {
            return yaql.render(s, scope);
        }
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("keys", new Keys());
        StringBuilder template = new StringBuilder();
        int values = 0;
        for (Part part : parts) {
            if (part.expression()) {
                String name = YAQL_VALUE + values++;
                bindings.put(name, YaqlExpressions.text(yaql.evaluate(part.text(), scope)));
                template.append("{{ ").append(name).append(" }}");
            } else {
                template.append(part.text());
            }
        }
        String text = template.toString();
        limits.refusal(text).map(why -> "the " + why).ifPresent(why -> {
            throw new ExpressionException(s, why);
        });
        Matcher single = SINGLE_EXPRESSION.matcher(text);
        if (values == 0 && single.matches() && !single.group(1).isBlank()) {
            String expression = single.group(1).strip();
            if (NULL_LITERALS.contains(expression)) {
                // strict Jinjava refuses every null result, so the literal is answered here
                return null;
            }
            return interpret(s, scope, budget, bindings,
                    interpreter -> io.attune.adapters.expressions.template.Json.plain(interpreter.resolveELExpression(expression, 1)));
        }
        return interpret(s, scope, budget, bindings, interpreter -> interpreter.render(text));
    }

    /**
     * Runs {@code work} in a fresh interpreter over {@code bindings} and {@code scope} within {@code budget}, which
     * the whole raw value shares; any failure is an {@link ExpressionException} naming {@code raw}, the value as
     * written.
     */
    private <T> T interpret(String raw, Scope scope, Budget budget, Map<String, Object> bindings,
                            Function<WorkflowInterpreter, T> work) {
        Context context = new Context(jinjava.getGlobalContext(), bindings, config.getDisabled());
        WorkflowInterpreter interpreter = new WorkflowInterpreter(jinjava, context, config, scope, yaql, budget);
        JinjavaInterpreter.pushCurrent(interpreter);
        T result;
        try {
            result = work.apply(interpreter);
        } catch (LimitExceeded e) {
            throw new ExpressionException(raw, e.getMessage());
        } catch (StackOverflowError e) {
            throw new ExpressionException(raw, "the template is nested too deeply");
        } catch (ExpressionException e) {
            throw new ExpressionException(raw, e.why());
        } catch (UnknownTokenException e) {
            throw interpreter.failure() != null ? new ExpressionException(raw, interpreter.failure().why())
                    : new ExpressionException(raw, undefined(e.getToken()));
        } catch (RuntimeException e) {
            throw new ExpressionException(raw, interpreter.failure() != null ? interpreter.failure().why()
                    : message(e));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        if (interpreter.failure() != null) {
            throw new ExpressionException(raw, interpreter.failure().why());
        }
        if (!interpreter.getErrors().isEmpty()) {
            throw new ExpressionException(raw, message(interpreter.getErrors().getFirst()));
        }
        return result;
    }

    private static String undefined(String token) {
        return "'" + token + "' is undefined or null (Jinja refuses a null value here: test it with 'is none' or "
                + "give a default with '| default(…)')";
    }

    @Override
    public List<String> check(Object raw) {
        List<String> problems = new ArrayList<>();
        YaqlExpressions.strings(raw, s -> {
            List<Part> parts;
            try {
                parts = YaqlExpressions.split(s);
            } catch (ExpressionException e) {
                problems.add(e.getMessage());
                return;
            }
            parts.stream().filter(Part::expression).forEach(p -> yaql.problem(p.text()).ifPresent(problems::add));
            if (hasJinja(parts)) {
                checkJinja(s, parts).forEach(why -> problems.add(new ExpressionException(s, why).getMessage()));
            }
        });
        return List.copyOf(problems);
    }

    /**
     * The problems Jinjava finds in the Jinja of {@code raw} without rendering it: tag structure, and the syntax and
     * functions of the expressions in {@code {{ }}}, {@code if}, {@code elif}, {@code for} and {@code set}.
     */
    private List<String> checkJinja(String raw, List<Part> parts) {
        StringBuilder template = new StringBuilder();
        int values = 0;
        for (Part part : parts) {
            template.append(part.expression() ? "{{ " + YAQL_VALUE + values++ + " }}" : part.text());
        }
        String text = template.toString();
        Optional<String> tooBig = limits.refusal(text).map(why -> "the " + why);
        if (tooBig.isPresent()) {
            return List.of(tooBig.get());
        }
        List<String> problems = new ArrayList<>();
        Context context = new Context(jinjava.getGlobalContext(), Map.of(), config.getDisabled());
        WorkflowInterpreter interpreter = new WorkflowInterpreter(jinjava, context, config, Scope.of(Map.of()), yaql,
                new Budget(limits));
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Node root = interpreter.parse(text);
            JinjavaELContext el = new JinjavaELContext(interpreter, new JinjavaInterpreterResolver(interpreter));
            for (ELFunctionDefinition function : context.getAllFunctions()) {
                el.setFunction(function.getNamespace(), function.getLocalName(), function.getMethod());
            }
            checkExpressions(root, el, problems);
        } catch (LimitExceeded | RuntimeException e) {
            problems.add(message(e));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        interpreter.getErrors().forEach(error -> problems.add(message(error)));
        return problems;
    }

    /** Parses, without evaluating, the expressions of {@code {{ }}} and of the tags that hold one; adds their problems. */
    private void checkExpressions(Node node, JinjavaELContext el, List<String> problems) {
        if (node instanceof ExpressionNode && node.getMaster() instanceof ExpressionToken token) {
            String expression = token.getExpr().strip();
            checkExpression(expression, "{{ " + expression + " }}", el, problems);
        } else if (node instanceof TagNode tag) {
            String helpers = tag.getHelpers().strip();
            String expression = switch (tag.getName()) {
                case "if", "elif" -> helpers;
                case "for" -> helpers.contains(" in ") ? helpers.substring(helpers.indexOf(" in ") + 4) : "";
                case "set" -> helpers.contains("=") ? helpers.substring(helpers.indexOf('=') + 1) : "";
                default -> "";
            };
            if (!expression.isBlank()) {
                checkExpression(expression.strip(), "{% " + tag.getName() + " " + helpers + " %}", el, problems);
            }
        }
        for (Node child : node.getChildren()) {
            checkExpressions(child, el, problems);
        }
    }

    private void checkExpression(String expression, String shown, JinjavaELContext el, List<String> problems) {
        try {
            jinjava.getExpressionFactory().createValueExpression(el, "#{" + expression + "}", Object.class);
        } catch (RuntimeException e) {
            problems.add("in " + shown + ": " + message(e));
        }
    }

    @Override
    public Set<String> variablesRead(Object raw) {
        Set<String> names = new LinkedHashSet<>(yaql.variablesRead(raw));
        YaqlExpressions.strings(raw, s -> {
            List<Part> parts;
            try {
                parts = YaqlExpressions.split(s);
            } catch (ExpressionException e) {
                return;
            }
            for (Part part : parts) {
                if (part.expression()) {
                    continue;
                }
                Matcher tag = JINJA_TAG.matcher(part.text());
                while (tag.find()) {
                    collect(CTX_NAMED.matcher(tag.group()), 2, names);
                    collect(CTX_ATTRIBUTE.matcher(tag.group()), 1, names);
                    collect(CTX_INDEX.matcher(tag.group()), 2, names);
                }
            }
        });
        return Set.copyOf(names);
    }

    private static void collect(Matcher matcher, int group, Set<String> names) {
        while (matcher.find()) {
            names.add(matcher.group(group));
        }
    }

    private static boolean hasJinja(List<Part> parts) {
        return parts.stream().anyMatch(p -> !p.expression() && YaqlExpressions.hasJinja(p.text()));
    }

    private static String message(TemplateError error) {
        String message = error.getMessage() == null ? String.valueOf(error.getReason()) : error.getMessage();
        return error.getLineno() > 0 ? message + " (line " + error.getLineno() + ")" : message;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code keys.name} and {@code keys['system.name']}: the value of a key, read when the template asks for it. */
    private static final class Keys extends AbstractMap<String, Object> {

        @Override
        public Object get(Object name) {
            if (JinjavaInterpreter.getCurrent() instanceof WorkflowInterpreter interpreter) {
                return interpreter.key(String.valueOf(name));
            }
            throw new IllegalStateException("keys are only available in workflow expressions");
        }

        @Override
        public boolean containsKey(Object name) {
            return true;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }
    }
}
