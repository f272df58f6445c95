package io.attune.adapters.expressions.workflow;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import io.attune.adapters.expressions.template.JinjavaTemplateRenderer.Limits;
import io.attune.domain.workflow.expr.ExpressionException;
import io.attune.domain.workflow.expr.Scope;
import io.attune.domain.workflow.expr.YaqlExpressions;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Jinjava interpreter for one workflow string: it carries the {@link Scope} the workflow functions read, spends the
 * budget of the render it is part of (steps and time) each time it renders a node or reads its context, and keeps the first failure of a
 * workflow function, which Jinjava would otherwise turn into a bare "Error invoking function".
 */
final class WorkflowInterpreter extends JinjavaInterpreter {

    /** A whole expression that is one call of a workflow function, which may rightly answer null. */
    private static final Pattern FUNCTION_CALL =
            Pattern.compile("(ctx|result|task_status|item|st2kv)\\s*\\([^()]*\\)", Pattern.DOTALL);

    private final Scope scope;
    private final YaqlExpressions yaql;
    private final Budget budget;
    private ExpressionException failure;
    private boolean lastCallNull;

    WorkflowInterpreter(Jinjava jinjava, Context context, JinjavaConfig config, Scope scope, YaqlExpressions yaql,
                        Budget budget) {
        super(jinjava, context, config);
        this.scope = scope;
        this.yaql = yaql;
        this.budget = budget;
    }

    /** Calls the workflow function {@code name} as YAQL would, remembering a failure and whether it returned null. */
    Object call(String name, Object[] args) {
        List<Object> values = new ArrayList<>(args == null ? 0 : args.length);
        if (args != null) {
            for (Object arg : args) {
                values.add(io.attune.adapters.expressions.template.Json.plain(arg));
            }
        }
        try {
            Object result = yaql.call(name, values, scope);
            lastCallNull = result == null;
            return result;
        } catch (ExpressionException e) {
            if (failure == null) {
                failure = e;
            }
            throw e;
        }
    }

    /**
     * Strict Jinjava refuses any expression whose value is null, as if it were undefined; an expression that is one
     * call of a workflow function that answered null ({@code task_status('not_run')}, {@code ctx('empty')}) is let
     * through, in {@code {{ }}} and in tags alike.
     */
    @Override
    public Object resolveELExpression(String expression, int lineNumber) {
        lastCallNull = false;
        try {
            return super.resolveELExpression(expression, lineNumber);
        } catch (UnknownTokenException e) {
            if (lastCallNull && FUNCTION_CALL.matcher(expression.strip()).matches()) {
                return null;
            }
            throw e;
        }
    }

    /** The value of the key {@code name} ({@code keys.name}); a missing key is a failure like a function's. */
    Object key(String name) {
        return call("st2kv", new Object[] {name});
    }

    /** The first workflow function that failed in this interpreter, if one did. */
    ExpressionException failure() {
        return failure;
    }

    void step() {
        budget.step();
    }

    @Override
    public Context getContext() {
        budget.checkTime();
        return super.getContext();
    }

    /** What one render of a raw value (all the templates in it) may still spend; one render runs on one thread. */
    static final class Budget {

        private final Limits limits;
        private final long deadline;
        private int steps;

        Budget(Limits limits) {
            this.limits = limits;
            this.deadline = System.nanoTime() + limits.renderTimeout().toNanos();
        }

        void step() {
            if (++steps > limits.maxSteps()) {
                throw new LimitExceeded("the templates exceeded the limit of " + limits.maxSteps()
                        + " rendering steps");
            }
            checkTime();
        }

        void checkTime() {
            if (System.nanoTime() - deadline > 0) {
                throw new LimitExceeded("the templates exceeded the render time limit of "
                        + limits.renderTimeout().toMillis() + " ms");
            }
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
}
