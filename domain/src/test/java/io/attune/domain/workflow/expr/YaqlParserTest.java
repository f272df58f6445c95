package io.attune.domain.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.domain.workflow.expr.Lexer.SyntaxError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YaqlParserTest {

    private static String tree(String expression) {
        return Parser.parse(expression).toString();
    }

    private static String error(String expression) {
        try {
            Parser.parse(expression);
        } catch (SyntaxError e) {
            return e.describe();
        }
        throw new AssertionError("parsed: " + expression);
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "1 + 2 * 3                     | (1 + (2 * 3))",
            "1 * 2 + 3                     | ((1 * 2) + 3)",
            "10 - 4 - 3                    | ((10 - 4) - 3)",
            "8 / 2 mod 3                   | ((8 / 2) mod 3)",
            "(1 + 2) * 3                   | ((1 + 2) * 3)",
            "-2 * 3                        | (-2 * 3)",
            "- $.a.b                       | -$.a.b",
            "1 + 2 = 3                     | ((1 + 2) = 3)",
            "1 == 1 and 2 != 3             | ((1 = 1) and (2 != 3))",
            "a or b and c                  | (a or (b and c))",
            "not 1 = 2                     | not (1 = 2)",
            "not a and b                   | (not a and b)",
            "x in [1, 2] or false          | ((x in [1, 2]) or false)",
            "1 < 2 and 2 <= 3              | ((1 < 2) and (2 <= 3))",
            "ctx().a[0]['k']               | ctx().a[0][\"k\"]",
            "ctx(name)                     | ctx(name)",
            "$.list.len() + 1              | ($.list.len() + 1)",
            "dict(a => 1, b => 'x')        | dict(a => 1, b => \"x\")",
            "dict(a=1)                     | dict(a => 1)",
            "{a => 1, 'b': [1, 2.5]}       | {a => 1, \"b\" => [1, 2.5]}",
            "true and null                 | (true and null)",
            "\"say \\\"hi\\\"\"            | \"say \\\"hi\\\"\"",
    })
    void parsesWithYaqlPrecedence(String expression, String expected) {
        assertThat(tree(expression)).isEqualTo(expected);
    }

    @Test
    void readsIntegersAsLongAndDecimalsAsDouble() {
        assertThat(Parser.parse("42")).isEqualTo(new Node.Literal(42L));
        assertThat(Parser.parse("2.5")).isEqualTo(new Node.Literal(2.5));
        assertThat(Parser.parse("1e3")).isEqualTo(new Node.Literal(1000.0));
        assertThat(Parser.parse("'it\\'s'")).isEqualTo(new Node.Literal("it's"));
        assertThat(Parser.parse("'\\u00e9\\n'")).isEqualTo(new Node.Literal("é\n"));
    }

    @Test
    void namesTheColumnOfASyntaxError() {
        assertThat(error("ctx(")).isEqualTo(
                "syntax error at column 5: expected ')' to close the '(' at column 4, but the expression ended");
        assertThat(error("1 +")).isEqualTo("syntax error at column 4: expected a value, but the expression ended");
        assertThat(error("1 2")).isEqualTo("syntax error at column 3: unexpected '2' after a complete expression");
        assertThat(error("ctx().")).startsWith("syntax error at column 7: expected a name after '.'");
        assertThat(error("[1, 2")).startsWith("syntax error at column 6: expected ']'");
        assertThat(error("'open")).isEqualTo("syntax error at column 1: the string starting here is not closed by '");
        assertThat(error("1 ! 2")).isEqualTo("syntax error at column 3: unexpected character '!'");
        assertThat(error("{a 1}")).startsWith("syntax error at column 4: expected '=>' or ':' after a dict key");
        assertThat(error("  ")).isEqualTo("syntax error at column 1: the expression is empty");
        assertThat(error("and 1")).startsWith("syntax error at column 1: expected a value, found the operator 'and'");
    }

    @Test
    void refusesUnknownFunctionsAndWrongArityWhenParsing() {
        assertThat(error("1 + nope(2)")).startsWith("syntax error at column 5: unknown function 'nope' (known: ");
        assertThat(error("len()")).isEqualTo("syntax error at column 1: len() takes 1 argument, not 0");
        assertThat(error("ctx(a, b)")).isEqualTo("syntax error at column 1: ctx() takes 0 to 1 arguments, not 2");
        assertThat(error("zip([1])")).isEqualTo("syntax error at column 1: zip() takes at least 2 arguments, not 1");
        assertThat(error("len(x=1)")).isEqualTo("syntax error at column 1: len() takes no named arguments");
        assertThat(error("x.ctx()")).startsWith("syntax error at column 3: ctx() cannot be called as a method");
        assertThat(error("dict(a => 1, 2)")).startsWith("syntax error at column 15: a positional argument may not");
    }

    @Test
    void namesConstructsOutsideTheSubset() {
        assertThat(error("$.a =~ 'x'")).isEqualTo("syntax error at column 5: '=~' is outside the supported YAQL subset");
        assertThat(error("$.list.select($ -> 1)"))
                .isEqualTo("syntax error at column 17: '->' is outside the supported YAQL subset");
        assertThat(error("$a")).startsWith(
                "syntax error at column 1: the variable '$a' is outside the supported YAQL subset");
    }

    @Test
    void boundsNestingAndLength() {
        assertThat(error("(".repeat(100) + "1" + ")".repeat(100))).contains("nests more than 64 deep");
        assertThat(error("-".repeat(100) + "1")).contains("nests more than 64 deep");
        assertThat(error("1" + " + 1".repeat(1_001))).contains("more than 1000 operations");
        assertThat(error("'" + "x".repeat(Parser.MAX_LENGTH) + "'")).contains("over the limit of 16384");
        assertThat(tree("(".repeat(60) + "1" + ")".repeat(60))).isEqualTo("1");
    }

    @Test
    void aSyntaxErrorIsAnExceptionWithoutAStackTraceToBuild() {
        assertThatThrownBy(() -> Parser.parse(")")).isInstanceOf(SyntaxError.class)
                .hasMessage("expected a value, found ')'");
    }
}
