package io.attune.domain.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YaqlRenderingTest {

    private static final Map<String, Object> CTX = Map.of("n", 2, "name", "web", "flag", true,
            "list", List.of(1, "a"), "map", Map.of("k", "v"));

    private final YaqlExpressions yaql = new YaqlExpressions();
    private final Scope scope = FixedScope.of(CTX);

    @Test
    void aStringThatIsOneExpressionYieldsTheValueWithItsType() {
        assertThat(yaql.render("<% ctx(n) %>", scope)).isEqualTo(2);
        assertThat(yaql.render("  <% $.n + 1 %>\n", scope)).isEqualTo(3L);
        assertThat(yaql.render("<% $.list %>", scope)).isEqualTo(List.of(1, "a"));
        assertThat(yaql.render("<%$.flag%>", scope)).isEqualTo(true);
        assertThat(yaql.render("<% null %>", scope)).isNull();
    }

    @Test
    void aStringMixingTextAndExpressionsYieldsTextWithValuesWrittenAsJson() {
        assertThat(yaql.render("host <% $.name %>-<% $.n %>", scope)).isEqualTo("host web-2");
        assertThat(yaql.render("<% $.name %><% $.n %>", scope)).isEqualTo("web2");
        assertThat(yaql.render("flag=<% $.flag %> none=<% null %>", scope)).isEqualTo("flag=true none=null");
        assertThat(yaql.render("list=<% $.list %> map=<% $.map %>", scope))
                .isEqualTo("list=[1, \"a\"] map={\"k\": \"v\"}");
        assertThat(yaql.render("half=<% 1 / 2.0 %>", scope)).isEqualTo("half=0.5");
    }

    @Test
    void theTextAnExpressionYieldsIsNotEvaluatedAgain() {
        Scope tricky = FixedScope.of(Map.of("t", "<% 1 + 1 %>"));
        assertThat(yaql.render("<% $.t %>", tricky)).isEqualTo("<% 1 + 1 %>");
        assertThat(yaql.render("x <% $.t %>", tricky)).isEqualTo("x <% 1 + 1 %>");
    }

    @Test
    void rendersMapsKeysAndValuesAndListsRecursively() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("<% $.name %>_port", "<% $.n * 40 %>");
        raw.put("items", List.of("<% $.flag %>", 7, Map.of("deep", "<% $.map.k %>")));
        raw.put("plain", Arrays.asList("text", null, 1.5));
        Object rendered = yaql.render(raw, scope);
        assertThat(rendered).isEqualTo(Map.of("web_port", 80L,
                "items", List.of(true, 7, Map.of("deep", "v")),
                "plain", Arrays.asList("text", null, 1.5)));
        assertThat(yaql.render(42, scope)).isEqualTo(42);
        assertThat(yaql.render(null, scope)).isNull();
        assertThat(yaql.render("no expression", scope)).isEqualTo("no expression");
    }

    @Test
    void twoKeysRenderingToTheSameNameFail() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("web", 1);
        raw.put("<% $.name %>", 2);
        assertThatThrownBy(() -> yaql.render(raw, scope)).isInstanceOf(ExpressionException.class)
                .hasMessage("expression '<% $.name %>': the key renders to 'web', which the map already has");
    }

    @Test
    void isTrueRendersThenAppliesPythonTruth() {
        assertThat(yaql.isTrue("<% $.n > 1 %>", scope)).isTrue();
        assertThat(yaql.isTrue("<% $.list %>", scope)).isTrue();
        assertThat(yaql.isTrue("<% [] %>", scope)).isFalse();
        assertThat(yaql.isTrue("<% 0 %>", scope)).isFalse();
        assertThat(yaql.isTrue("<% '' %>", scope)).isFalse();
    }

    @Test
    void refusesJinjaAndAnUnclosedDelimiter() {
        assertThatThrownBy(() -> yaql.render("{{ ctx('n') }}", scope)).isInstanceOf(ExpressionException.class)
                .hasMessage("expression '{{ ctx('n') }}': Jinja expressions need the Jinja evaluator");
        assertThatThrownBy(() -> yaql.render("a <% 1 %> {% if x %}", scope))
                .hasMessageEndingWith("Jinja expressions need the Jinja evaluator");
        assertThatThrownBy(() -> yaql.render("a <% 1 %> b <% 2", scope))
                .hasMessage("expression 'a <% 1 %> b <% 2': the '<%' at column 13 is not closed by '%>'");
    }

    @Test
    void aFailingExpressionInsideTextNamesThatExpression() {
        assertThatThrownBy(() -> yaql.render(Map.of("a", List.of("x <% $.nope %> y")), scope))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("expression '$.nope': ctx() has no key 'nope'");
    }

    @Test
    void checkReportsEveryProblemWithoutEvaluating() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("ok", "<% $.missing_but_not_evaluated + result().x %>");
        raw.put("syntax", "a <% ctx( %> b");
        raw.put("unknown", List.of("<% foo(1) %>"));
        raw.put("<% 1 + %>", "key");
        raw.put("jinja", "{{ ctx('x') }}");
        raw.put("open", "<% 1");
        raw.put("number", 5);
        assertThat(yaql.check(raw)).containsExactly(
                "expression 'ctx(': syntax error at column 5: expected ')' to close the '(' at column 4, but the"
                        + " expression ended",
                "expression 'foo(1)': syntax error at column 1: unknown function 'foo' (known: bool, completed, ctx,"
                        + " dict, distinct, endsWith, failed, float, int, item, join, json, keys, len, list, replace,"
                        + " result, select, split, st2kv, startsWith, str, succeeded, sum, task_status, toLower,"
                        + " toUpper, trim, values, where, zip)",
                "expression '1 +': syntax error at column 4: expected a value, but the expression ended",
                "expression '{{ ctx('x') }}': Jinja expressions need the Jinja evaluator",
                "expression '<% 1': the '<%' at column 1 is not closed by '%>'");
        assertThat(yaql.check(Map.of("fine", "<% ctx(a) %> and <% $.b %>"))).isEmpty();
        assertThat(yaql.check(null)).isEmpty();
    }

    @Test
    void variablesReadAreTheNamesReadStatically() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("a", "<% ctx(one) + ctx('two') %>");
        raw.put("b", List.of("x <% ctx().three.inner %> <% $.four[0] %>"));
        raw.put("<% $['five'] %>", Map.of("c", "<% len(ctx(six)) > 0 and not $.seven %>"));
        raw.put("d", "<% ctx() %> <% $ %> <% ctx($.eight) %> <% result().nine %> <% item(ten) %>");
        raw.put("e", "<% ctx( %>");
        raw.put("f", "plain $.eleven");
        raw.put("g", "<% $.twelve.select($.not_a_variable).where(ctx(thirteen)) %>");
        assertThat(yaql.variablesRead(raw)).containsExactlyInAnyOrder(
                "one", "two", "three", "four", "five", "six", "seven", "eight", "twelve", "thirteen");
    }
}
