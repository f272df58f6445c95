package io.attune.domain.workflow.expr;

/** An expression that could not be parsed or evaluated: the message names the expression and why. */
public final class ExpressionException extends RuntimeException {

    private final String expression;

    public ExpressionException(String expression, String why) {
        super("expression '" + expression + "': " + why);
        this.expression = expression;
    }

    public String expression() {
        return expression;
    }
}
