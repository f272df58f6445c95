package io.attune.domain.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YaqlEvaluationTest {

    private static final Map<String, Object> CTX = Map.of(
            "name", "web",
            "count", 3,
            "ratio", new BigDecimal("0.5"),
            "hosts", List.of("a", "b", "c"),
            "server", Map.of("port", 8080, "tags", List.of("x")),
            "nothing", java.util.Collections.emptyMap());

    private final YaqlExpressions yaql = new YaqlExpressions();

    private Object eval(String expression) {
        return yaql.evaluate(expression, FixedScope.of(CTX));
    }

    private String failure(String expression) {
        try {
            eval(expression);
        } catch (ExpressionException e) {
            return e.getMessage();
        }
        throw new AssertionError("evaluated: " + expression);
    }

    @Test
    void readsTheContextInEveryWayOrquestaWrites() {
        assertThat(eval("ctx()")).isEqualTo(CTX);
        assertThat(eval("$")).isEqualTo(CTX);
        assertThat(eval("ctx(name)")).isEqualTo("web");
        assertThat(eval("ctx('name')")).isEqualTo("web");
        assertThat(eval("ctx().name")).isEqualTo("web");
        assertThat(eval("$.name")).isEqualTo("web");
        assertThat(eval("$.server.port")).isEqualTo(8080);
        assertThat(eval("ctx(server)['port']")).isEqualTo(8080);
        assertThat(eval("$.hosts[0]")).isEqualTo("a");
        assertThat(eval("$.hosts[-1]")).isEqualTo("c");
        assertThat(eval("$.server.tags[0]")).isEqualTo("x");
        assertThat(eval("'abc'[1]")).isEqualTo("b");
    }

    @Test
    void aMissingKeyNamesTheKeyAndWhereItWasLookedFor() {
        assertThat(failure("ctx().x")).isEqualTo("expression 'ctx().x': ctx() has no key 'x'");
        assertThat(failure("$.x")).isEqualTo("expression '$.x': ctx() has no key 'x'");
        assertThat(failure("ctx(x)")).isEqualTo("expression 'ctx(x)': ctx() has no key 'x'");
        assertThat(failure("ctx('x')")).isEqualTo("expression 'ctx('x')': ctx() has no key 'x'");
        assertThat(failure("$.server.host")).isEqualTo("expression '$.server.host': $.server has no key 'host'");
        assertThat(failure("$.server['host']")).endsWith("$.server has no key 'host'");
        assertThat(failure("$.name.first")).endsWith("$.name is a string, not a map, so it has no key 'first'");
        assertThat(failure("$.hosts[3]")).endsWith("index 3 is out of range for $.hosts of length 3");
        assertThat(failure("$.hosts['a']")).endsWith("$.hosts is indexed by a string, not an integer");
        assertThat(failure("$.count[0]")).endsWith("$.count is an integer, which cannot be indexed");
    }

    @Test
    void comparesNumbersByValueWhateverTheirJavaType() {
        assertThat(eval("$.count = 3")).isEqualTo(true);
        assertThat(eval("$.count == 3.0")).isEqualTo(true);
        assertThat(eval("$.ratio = 0.5")).isEqualTo(true);
        assertThat(eval("$.ratio < 1")).isEqualTo(true);
        assertThat(eval("$.count != 4")).isEqualTo(true);
        assertThat(eval("$.count >= 3 and $.count <= 3 and not $.count > 3")).isEqualTo(true);
        assertThat(eval("'a' < 'b'")).isEqualTo(true);
        assertThat(eval("[1, {a => 2}] = [1.0, {'a': 2}]")).isEqualTo(true);
        assertThat(eval("[1, 2] = [1]")).isEqualTo(false);
        assertThat(eval("'1' = 1")).isEqualTo(false);
        assertThat(eval("null = null")).isEqualTo(true);
        assertThat(failure("'a' < 1")).endsWith("cannot compare a string with an integer by '<'");
        assertThat(failure("true < 1")).endsWith("cannot compare a boolean with an integer by '<'");
    }

    @Test
    void testsMembershipInListsMapsAndStrings() {
        assertThat(eval("'b' in $.hosts")).isEqualTo(true);
        assertThat(eval("'z' in $.hosts")).isEqualTo(false);
        assertThat(eval("'port' in $.server")).isEqualTo(true);
        assertThat(eval("'eb' in $.name")).isEqualTo(true);
        assertThat(eval("3 in [1, 2.0, 3.0]")).isEqualTo(true);
        assertThat(failure("1 in 2")).endsWith("'in' needs a list, a map or a string (holding a string) on its right,"
                + " not an integer");
    }

    @Test
    void keepsWholeNumbersWholeAndDividesLikeYaql() {
        assertThat(eval("1 + 2")).isEqualTo(3L);
        assertThat(eval("$.count * 2")).isEqualTo(6L);
        assertThat(eval("7 / 2")).isEqualTo(3L);
        assertThat(eval("-7 / 2")).isEqualTo(-4L);
        assertThat(eval("7 mod 3")).isEqualTo(1L);
        assertThat(eval("-7 mod 3")).isEqualTo(2L);
        assertThat(eval("7.0 / 2")).isEqualTo(3.5);
        assertThat(eval("7.5 mod 2")).isEqualTo(1.5);
        assertThat(eval("1 + 0.5")).isEqualTo(1.5);
        assertThat(eval("-$.count")).isEqualTo(-3L);
        assertThat(eval("+2.5")).isEqualTo(2.5);
        assertThat(eval("2 - 3 - 4")).isEqualTo(-5L);
        assertThat(failure("1 / 0")).isEqualTo("expression '1 / 0': division by zero");
        assertThat(failure("1.0 mod 0")).endsWith("division by zero");
        assertThat(failure("9223372036854775807 + 1")).endsWith("integer overflow in 9223372036854775807 + 1");
        assertThat(failure("1e308 * 10")).endsWith("is not a finite number");
        assertThat(failure("'a' * 2")).endsWith("'*' needs numbers, not a string");
        assertThat(failure("-'a'")).endsWith("'-' needs numbers, not a string");
    }

    @Test
    void addsStringsListsAndMaps() {
        assertThat(eval("'host-' + $.name")).isEqualTo("host-web");
        assertThat(eval("$.hosts + ['d']")).isEqualTo(List.of("a", "b", "c", "d"));
        assertThat(eval("{a => 1, b => 2} + {b => 3}")).isEqualTo(Map.of("a", 1L, "b", 3L));
        assertThat(failure("'n' + 1")).endsWith("cannot add a string and an integer (convert with str())");
        assertThat(failure("true + 1")).endsWith("cannot add a boolean and an integer");
    }

    @Test
    void andOrReturnAnOperandAndStopEarlyAsInPython() {
        assertThat(eval("null or 'default'")).isEqualTo("default");
        assertThat(eval("'set' or 'default'")).isEqualTo("set");
        assertThat(eval("0 and 1")).isEqualTo(0L);
        assertThat(eval("1 and 'x'")).isEqualTo("x");
        assertThat(eval("true or $.missing")).isEqualTo(true);
        assertThat(eval("false and $.missing")).isEqualTo(false);
        assertThat(eval("not $.nothing")).isEqualTo(true);
        assertThat(eval("not 'x'")).isEqualTo(false);
    }

    @Test
    void buildsListsAndDicts() {
        assertThat(eval("[1, 'a', null, [true]]")).isEqualTo(java.util.Arrays.asList(1L, "a", null, List.of(true)));
        assertThat(eval("[]")).isEqualTo(List.of());
        assertThat(eval("{}")).isEqualTo(Map.of());
        assertThat(eval("{a => 1, 'b c': $.name, 2 => 'two'}")).isEqualTo(Map.of("a", 1L, "b c", "web", "2", "two"));
    }

    @Test
    void bareNamesAreStringsAsInYaql() {
        assertThat(eval("web")).isEqualTo("web");
        assertThat(eval("ctx(name) = web")).isEqualTo(true);
    }

    @Test
    void aFailureNamesTheExpressionWithoutItsDelimiters() {
        assertThatThrownBy(() -> yaql.evaluate("  ctx(  ", FixedScope.of(CTX)))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("expression 'ctx(': syntax error at column 5: expected ')' to close the '(' at column 4,"
                        + " but the expression ended")
                .extracting(e -> ((ExpressionException) e).expression()).isEqualTo("ctx(");
    }
}
