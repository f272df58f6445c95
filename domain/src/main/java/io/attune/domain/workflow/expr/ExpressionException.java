package io.attune.domain.workflow.expr;

/** An expression that could not be parsed or evaluated: the message names the expression and why. */
public final class ExpressionException extends RuntimeException {

    private final String expression;
    private final String why;

    public ExpressionException(String expression, String why) {
        super("expression '" + expression + "': " + why);
        this.expression = expression;
        this.why = why;
    }

    public String expression() {
        return expression;
    }

    /** Why the expression failed, without the expression (to name the expression another way). */
    public String why() {
        return why;
    }
}
