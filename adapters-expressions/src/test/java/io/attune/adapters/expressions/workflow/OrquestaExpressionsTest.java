package io.attune.adapters.expressions.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.adapters.expressions.template.JinjavaTemplateRenderer.Limits;
import io.attune.domain.workflow.expr.ExpressionException;
import io.attune.domain.workflow.expr.Scope;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrquestaExpressionsTest {

    private static final Map<String, Object> CTX = Map.of("name", "web", "n", 2, "hosts", List.of("a", "b"),
            "server", Map.of("port", 8080));

    private final OrquestaExpressions expressions = new OrquestaExpressions();
    private final TestScope scope = TestScope.of(CTX);

    private Object render(Object raw, Scope in) {
        return expressions.render(raw, in);
    }

    private Object render(Object raw) {
        return render(raw, scope);
    }

    private String failure(Object raw, Scope in) {
        try {
            render(raw, in);
        } catch (ExpressionException e) {
            return e.getMessage();
        }
        throw new AssertionError("rendered: " + raw);
    }

    @Test
    void aStringThatIsOneJinjaExpressionKeepsItsType() {
        assertThat(render("{{ ctx('n') }}")).isEqualTo(2L);
        assertThat(render("  {{ ctx().n + 1 }} ")).isEqualTo(3L);
        assertThat(render("{{ ctx('hosts') }}")).isEqualTo(List.of("a", "b"));
        assertThat(render("{{ ctx().server }}")).isEqualTo(Map.of("port", 8080L));
        assertThat(render("{{ ctx('n') > 1 }}")).isEqualTo(true);
        assertThat(render("{{ None }}")).isNull();
        Scope withNull = TestScope.of(java.util.Collections.singletonMap("gone", null));
        assertThat(render("{{ ctx('gone') }}", withNull)).isNull();
        assertThat(failure("{{ ctx().gone }}", withNull)).endsWith("'ctx().gone' is undefined or null (Jinja refuses"
                + " a null value here: test it with 'is none' or give a default with '| default(…)')");
    }

    @Test
    void aStringMixingTextAndJinjaIsTextWithValuesWrittenAsPythonWould() {
        assertThat(render("host {{ ctx('name') }}:{{ ctx().server.port }}")).isEqualTo("host web:8080");
        assertThat(render("{% for h in ctx('hosts') %}[{{ h }}]{% endfor %}")).isEqualTo("[a][b]");
        assertThat(render("{{ ctx('hosts') }} {{ ctx('n') > 1 }} {{ ctx().server }} {{ 1 + 2 * 3 }}"))
                .isEqualTo("['a', 'b'] true {'port': 8080} 7");
        assertThat(render("{% for k in ctx().server %}{{ k }}{% endfor %} {{ {'a': 1} }} {{ 2 ** 3 }}"))
                .isEqualTo("port {'a': 1} 8");
    }

    @Test
    void bothLanguagesWorkInOneValueAndInOneString() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("yaql", "<% ctx(n) * 10 %>");
        raw.put("jinja", "{{ ctx('n') * 10 }}");
        raw.put("both", "<% $.name %> on {{ ctx().server.port }} with <% $.hosts %>");
        raw.put("plain", List.of("text", 3));
        assertThat(render(raw)).isEqualTo(Map.of("yaql", 20L, "jinja", 20L,
                "both", "web on 8080 with [\"a\", \"b\"]", "plain", List.of("text", 3)));
    }

    @Test
    void aYaqlValueEntersJinjaAsTextThatIsNotInterpretedAgain() {
        Scope tricky = TestScope.of(Map.of("t", "{{ 7 * 6 }}"));
        assertThat(render("<% $.t %> and {{ 1 + 1 }}", tricky)).isEqualTo("{{ 7 * 6 }} and 2");
        assertThat(render("{{ ctx('t') }}", tricky)).isEqualTo("{{ 7 * 6 }}");
    }

    @Test
    void theTaskFunctionsWorkInJinja() {
        TestScope task = scope.withTask("succeeded", Map.of("stdout", "hi"))
                .withStatuses(Map.of("build", "failed"));
        assertThat(render("{{ result() }}", task)).isEqualTo(Map.of("stdout", "hi"));
        assertThat(render("{{ result().stdout }}", task)).isEqualTo("hi");
        assertThat(render("{{ succeeded() }}", task)).isEqualTo(true);
        assertThat(render("{{ failed() }}", task)).isEqualTo(false);
        assertThat(render("{{ completed() }}", task)).isEqualTo(true);
        assertThat(render("{{ task_status('build') }}", task)).isEqualTo("failed");
        assertThat(render("{{ task_status('deploy') }}", task)).isNull();
        assertThat(render("{{ task_status('deploy') is none }}", task)).isEqualTo(true);
        assertThat(render("{% if succeeded() %}ok{% else %}ko{% endif %}", task)).isEqualTo("ok");
        assertThat(render("{% if task_status('deploy') %}ran{% else %}not yet{% endif %}", task)).isEqualTo("not yet");
        assertThat(render("{{ task_status('deploy') or 'not yet' }}", task)).isEqualTo("not yet");
        assertThat(render("[{{ task_status('deploy') }}]", task)).isEqualTo("[]");
    }

    @Test
    void itemAndKeysWorkInJinja() {
        TestScope items = scope.withItem(Map.of("x", 1, "host", "h1"))
                .withKeys(Map.of("system.url", "https://x", "token", "s3"));
        assertThat(render("{{ item() }}", items)).isEqualTo(Map.of("x", 1L, "host", "h1"));
        assertThat(render("{{ item('host') }}", items)).isEqualTo("h1");
        assertThat(render("{{ st2kv('system.url') }}", items)).isEqualTo("https://x");
        assertThat(render("{{ keys.token }}", items)).isEqualTo("s3");
        assertThat(render("{{ keys['system.url'] }}", items)).isEqualTo("https://x");
        assertThat(render("to {{ keys.token }}", items)).isEqualTo("to s3");
    }

    @Test
    void aFailingFunctionNamesTheValueAndWhy() {
        assertThat(failure("{{ ctx('nope') }}", scope)).isEqualTo(
                "expression '{{ ctx('nope') }}': ctx() has no key 'nope'");
        assertThat(failure("a {{ ctx('nope') }} b", scope)).isEqualTo(
                "expression 'a {{ ctx('nope') }} b': ctx() has no key 'nope'");
        assertThat(failure("{{ result() }}", scope)).endsWith(
                "result() is only available where a task has ended (its transitions and with-items)");
        assertThat(failure("{{ keys.nope }}", scope)).isEqualTo("expression '{{ keys.nope }}': there is no key 'nope'");
        assertThat(failure("{{ ctx('a', 'b') }}", scope)).endsWith("ctx() takes 0 to 1 arguments, not 2");
        assertThat(failure("{{ item() }}", scope)).endsWith("item() is only available in a with-items task");
    }

    @Test
    void anUndefinedValueOrBadSyntaxFailsNamingTheValue() {
        assertThat(failure("{{ ctx().nope }}", scope)).isEqualTo("expression '{{ ctx().nope }}': 'ctx().nope' is "
                + "undefined or null (Jinja refuses a null value here: test it with 'is none' or give a default "
                + "with '| default(…)')");
        assertThat(failure("{{ ctx( }}", scope)).startsWith("expression '{{ ctx( }}': Error parsing 'ctx(");
        assertThat(failure("{{ nope(1) }}", scope)).isEqualTo(
                "expression '{{ nope(1) }}': Could not resolve function 'nope' (line 1)");
        assertThat(failure("<% $.nope %> {{ 1 }}", scope)).isEqualTo("expression '$.nope': ctx() has no key 'nope'");
        assertThat(failure("<% 1 {{ 1 }}", scope)).isEqualTo(
                "expression '<% 1 {{ 1 }}': the '<%' at column 1 is not closed by '%>'");
    }

    @Test
    void everyRenderIsBounded() {
        OrquestaExpressions tight = new OrquestaExpressions(new Limits(Duration.ofSeconds(5), 50, 1 << 20, 200, 8));
        assertThat(failure("{% for i in range(1000) %}{{ i }}{% endfor %}", tight, scope))
                .endsWith("the templates exceeded the limit of 50 rendering steps");
        List<String> many = java.util.Collections.nCopies(20, "{% for i in range(3) %}{{ i }}{% endfor %}");
        assertThat(tight.render(List.of("{% for i in range(3) %}{{ i }}{% endfor %}"), scope)).isEqualTo(List.of("012"));
        assertThat(failure(many, tight, scope)).as("the budget is shared by the whole value")
                .endsWith("the templates exceeded the limit of 50 rendering steps");
        assertThat(failure("{{ " + "x".repeat(300) + " }}", tight, scope))
                .endsWith("the template is 306 characters long, over the limit of 200");
        assertThat(failure("{{ " + "(".repeat(10) + "1" + ")".repeat(10) + " }}", tight, scope))
                .endsWith("the template nests parentheses, brackets and braces more than 8 deep");
    }

    private static String failure(Object raw, OrquestaExpressions with, Scope in) {
        try {
            with.render(raw, in);
        } catch (ExpressionException e) {
            return e.getMessage();
        }
        throw new AssertionError("rendered: " + raw);
    }

    @Test
    void filesCannotBeLoaded() {
        assertThat(failure("{% include 'x.j2' %}", scope)).contains("include");
    }

    @Test
    void isTrueRendersBothLanguages() {
        assertThat(expressions.isTrue("{{ ctx('n') == 2 }}", scope)).isTrue();
        assertThat(expressions.isTrue("<% ctx(n) = 3 %>", scope)).isFalse();
        assertThat(expressions.isTrue("{{ ctx('hosts') | length }}", scope)).isTrue();
    }

    @Test
    void checkReportsProblemsOfBothLanguagesWithoutEvaluating() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("fine", "{{ ctx('never_evaluated').x }} <% ctx(y) %> {% if succeeded() %}a{% endif %}");
        raw.put("yaql", "<% 1 + %>");
        raw.put("syntax", "{{ ctx( }}");
        raw.put("function", "a {{ nope(1) }}");
        raw.put("tag", "{% if x %}never closed");
        raw.put("tags", "{% if nope() %}a{% elif 1 + %}b{% endif %}{% for x in also_nope(1) %}{% endfor %}"
                + "{% set y = ctx( %}{% for k in ctx() %}{{ k }}{% endfor %}{% set z = ctx('a') %}");
        raw.put("open", "<% 1");
        assertThat(expressions.check(raw)).satisfiesExactly(
                p -> assertThat(p).isEqualTo(
                        "expression '1 +': syntax error at column 4: expected a value, but the expression ended"),
                p -> assertThat(p).startsWith("expression '{{ ctx( }}': in {{ ctx( }}: Error parsing '#{ctx(}': syntax error"),
                p -> assertThat(p).isEqualTo(
                        "expression 'a {{ nope(1) }}': in {{ nope(1) }}: Could not resolve function 'nope'"),
                p -> assertThat(p).startsWith("expression '{% if x %}never closed': Syntax error in '{% if x %}': "
                        + "Missing end tag: endif"),
                p -> assertThat(p).endsWith(": in {% if nope() %}: Could not resolve function 'nope'"),
                p -> assertThat(p).contains(": in {% elif 1 + %}: Error parsing '#{1 +}'"),
                p -> assertThat(p).endsWith(": in {% for x in also_nope(1) %}: Could not resolve function 'also_nope'"),
                p -> assertThat(p).contains(": in {% set y = ctx( %}: Error parsing '#{ctx(}'"),
                p -> assertThat(p).isEqualTo("expression '<% 1': the '<%' at column 1 is not closed by '%>'"));
        assertThat(expressions.check(Map.of("k", "{{ ctx('a') }}"))).isEmpty();
    }

    @Test
    void variablesReadAreFoundInBothLanguages() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("a", "{{ ctx('one') }} {{ ctx(\"two\") + ctx().three }} {% if ctx()['four'] %}x{% endif %}");
        raw.put("b", "<% ctx(five) %> and {{ ctx().six }}");
        raw.put("c", "ctx('not_in_jinja') {{ result().seven }}");
        assertThat(expressions.variablesRead(raw)).containsExactlyInAnyOrder("one", "two", "three", "four", "five",
                "six");
    }
}
