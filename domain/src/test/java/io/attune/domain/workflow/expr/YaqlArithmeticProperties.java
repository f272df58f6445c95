package io.attune.domain.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class YaqlArithmeticProperties {

    private final YaqlExpressions yaql = new YaqlExpressions();

    private Object eval(String expression, long a, long b) {
        return yaql.evaluate(expression, FixedScope.of(Map.of("a", a, "b", (int) b)));
    }

    @Property
    void arithmeticOnIntegersAgreesWithJava(@ForAll @IntRange(min = -1_000_000, max = 1_000_000) int a,
                                            @ForAll @IntRange(min = -1_000_000, max = 1_000_000) int b) {
        assertThat(eval("$.a + $.b", a, b)).isEqualTo((long) a + b);
        assertThat(eval("$.a - $.b", a, b)).isEqualTo((long) a - b);
        assertThat(eval("$.a * $.b", a, b)).isEqualTo((long) a * b);
        assertThat(eval("$.a + $.b * 2 - -$.a", a, b)).isEqualTo((long) a + b * 2L + a);
        if (b != 0) {
            assertThat(eval("$.a / $.b", a, b)).isEqualTo(Math.floorDiv((long) a, (long) b));
            assertThat(eval("$.a mod $.b", a, b)).isEqualTo(Math.floorMod((long) a, (long) b));
            assertThat(eval("($.a / $.b) * $.b + $.a mod $.b = $.a", a, b)).isEqualTo(true);
        }
    }

    @Property
    void comparisonsOnNumbersAgreeWithJava(@ForAll int a, @ForAll int b) {
        assertThat(eval("$.a < $.b", a, b)).isEqualTo(a < b);
        assertThat(eval("$.a <= $.b", a, b)).isEqualTo(a <= b);
        assertThat(eval("$.a > $.b", a, b)).isEqualTo(a > b);
        assertThat(eval("$.a >= $.b", a, b)).isEqualTo(a >= b);
        assertThat(eval("$.a = $.b", a, b)).isEqualTo(a == b);
        assertThat(eval("$.a != $.b", a, b)).isEqualTo(a != b);
        assertThat(eval("float($.a) < $.b + 0.5", a, b)).isEqualTo(a < b + 0.5);
    }
}
