package io.attune.adapters.expressions.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.out.TemplateRenderer.Rendered;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JinjavaTemplateRendererTest {

    private static final Map<String, Object> CONTEXT = Map.of(
            "trigger", Map.of(
                    "host", "web-1",
                    "count", 3,
                    "ratio", 0.5,
                    "critical", true,
                    "hosts", List.of("a", "b"),
                    "labels", Map.of("env", "prod"),
                    "nothing", new LinkedHashMap<>()),
            "event", Map.of("id", "evt-42", "time", "2026-11-22T06:00:00Z"),
            "keys", Map.of("token", "s3cr3t"));

    private final JinjavaTemplateRenderer renderer = new JinjavaTemplateRenderer();

    private Rendered render(Map<String, Object> templates) {
        return renderer.render(templates, CONTEXT);
    }

    private Map<String, Object> ok(Map<String, Object> templates) {
        Rendered rendered = render(templates);
        assertThat(rendered).isInstanceOf(Rendered.Ok.class);
        return ((Rendered.Ok) rendered).parameters();
    }

    private Object one(String template) {
        return ok(Map.of("p", template)).get("p");
    }

    private Rendered.Failed failed(Map<String, Object> templates) {
        Rendered rendered = render(templates);
        assertThat(rendered).isInstanceOf(Rendered.Failed.class);
        return (Rendered.Failed) rendered;
    }

    @Nested
    class Text {

        @Test
        void interpolatesIntoText() {
            assertThat(one("Hello {{ trigger.host }}")).isEqualTo("Hello web-1");
        }

        @Test
        void rendersNumbersInTextAsText() {
            assertThat(one("{{ trigger.count }} hosts")).isEqualTo("3 hosts");
        }

        @Test
        void twoExpressionsAreText() {
            assertThat(one("{{ trigger.count }}{{ trigger.count }}")).isEqualTo("33");
        }

        @Test
        void rendersStatements() {
            assertThat(one("{% for h in trigger.hosts %}{{ h }};{% endfor %}")).isEqualTo("a;b;");
        }

        @Test
        void leavesPlainStringsAlone() {
            assertThat(one("no template here")).isEqualTo("no template here");
        }

        @Test
        void readsTheEventAndKeys() {
            assertThat(one("{{ event.id }}")).isEqualTo("evt-42");
            assertThat(one("Bearer {{ keys.token }}")).isEqualTo("Bearer s3cr3t");
        }
    }

    @Nested
    class SingleExpression {

        @Test
        void keepsAnInteger() {
            assertThat(one("{{ trigger.count }}")).isEqualTo(3L);
            assertThat(one("  {{trigger.count + 1}} ")).isEqualTo(4L);
        }

        @Test
        void keepsADouble() {
            assertThat(one("{{ trigger.ratio }}")).isEqualTo(0.5);
        }

        @Test
        void keepsABoolean() {
            assertThat(one("{{ trigger.critical }}")).isEqualTo(true);
            assertThat(one("{{ trigger.count > 5 }}")).isEqualTo(false);
        }

        @Test
        void keepsAList() {
            assertThat(one("{{ trigger.hosts }}")).isEqualTo(List.of("a", "b"));
            assertThat(one("{{ [1, 'x', true] }}")).isEqualTo(List.of(1L, "x", true));
        }

        @Test
        void keepsAMap() {
            assertThat(one("{{ trigger.labels }}")).isEqualTo(Map.of("env", "prod"));
            assertThat(one("{{ {'a': 1} }}")).isEqualTo(Map.of("a", 1L));
        }

        @Test
        void keepsNull() {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("gone", null);
            Rendered rendered = renderer.render(Map.of("a", "{{ null }}", "c", "{{ none }}", "b", "{{ trigger.gone | default('n/a') }}"),
                    Map.of("trigger", payload));
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("a", null);
            expected.put("b", "n/a");
            expected.put("c", null);
            assertThat(rendered).isEqualTo(new Rendered.Ok(expected));
        }

        @Test
        void keepsAString() {
            assertThat(one("{{ trigger.host }}")).isEqualTo("web-1");
        }
    }

    @Nested
    class Filters {

        @Test
        void upper() {
            assertThat(one("{{ trigger.host | upper }}")).isEqualTo("WEB-1");
        }

        @Test
        void defaultReplacesAnUndefinedValue() {
            assertThat(one("{{ trigger.missing | default('none') }}")).isEqualTo("none");
            assertThat(one("x={{ trigger.missing | default(7) }}")).isEqualTo("x=7");
        }

        @Test
        void join() {
            assertThat(one("{{ trigger.hosts | join(',') }}")).isEqualTo("a,b");
        }
    }

    @Nested
    class Structure {

        @Test
        void rendersNestedMapsAndLists() {
            Map<String, Object> templates = new LinkedHashMap<>();
            templates.put("message", "{{ trigger.host }} is down");
            templates.put("target", Map.of("hosts", List.of("{{ trigger.host }}", "static", "{{ trigger.count }}")));
            assertThat(ok(templates)).isEqualTo(Map.of(
                    "message", "web-1 is down",
                    "target", Map.of("hosts", List.of("web-1", "static", 3L))));
        }

        @Test
        void leavesNonStringsUntouched() {
            Map<String, Object> templates = new LinkedHashMap<>();
            templates.put("n", 5);
            templates.put("d", 1.5);
            templates.put("b", false);
            templates.put("z", null);
            templates.put("l", Arrays.asList(1, null, true));
            Map<String, Object> parameters = ok(templates);
            assertThat(parameters).isEqualTo(templates);
            assertThat(parameters.get("n")).isInstanceOf(Integer.class);
        }

        @Test
        void keepsTheOrderOfKeys() {
            Map<String, Object> templates = new LinkedHashMap<>();
            templates.put("z", "1");
            templates.put("a", "2");
            templates.put("m", "3");
            assertThat(ok(templates).keySet()).containsExactly("z", "a", "m");
        }

        @Test
        void rendersNothingToNothing() {
            assertThat(ok(Map.of())).isEmpty();
            assertThat(renderer.render(null, null)).isEqualTo(new Rendered.Ok(Map.of()));
        }
    }

    @Nested
    class Failures {

        @Test
        void anUndefinedVariableFailsWithItsPath() {
            Rendered.Failed failed = failed(Map.of("message", "Hello {{ trigger.nope }}"));
            assertThat(failed.path()).isEqualTo("parameters.message");
            assertThat(failed.message()).contains("nope");
        }

        @Test
        void anUndefinedVariableInASingleExpressionFails() {
            assertThat(failed(Map.of("count", "{{ nope }}")).path()).isEqualTo("parameters.count");
        }

        @Test
        void aNullPayloadValueCountsAsUndefined() {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("gone", null);
            Rendered rendered = renderer.render(Map.of("b", "{{ trigger.gone }}"), Map.of("trigger", payload));
            assertThat(rendered).isInstanceOf(Rendered.Failed.class);
        }

        @Test
        void aPropertyOfAStringFails() {
            assertThat(failed(Map.of("m", "{{ trigger.host.nope }}")).path()).isEqualTo("parameters.m");
        }

        @Test
        void strictnessIsAboutTheValueOfAnOutputExpression() {
            // Jinjava's strict mode fails an expression (output or tag condition) whose value is undefined (null);
            // an undefined operand of a larger expression is empty, and `is defined` or `default` guard a lookup.
            assertThat(one("{{ trigger.nope ~ '!' }}")).isEqualTo("!");
            assertThat(failed(Map.of("m", "{% if trigger.nope %}yes{% endif %}")).path()).isEqualTo("parameters.m");
            assertThat(one("{% if trigger.nope is defined %}yes{% else %}no{% endif %}")).isEqualTo("no");
            assertThat(one("{{ trigger.nope is defined }}")).isEqualTo(false);
        }

        @Test
        void aFailureInAListNamesItsIndex() {
            Rendered.Failed failed = failed(Map.of("target",
                    Map.of("hosts", List.of("{{ trigger.host }}", "{{ trigger.hots }}"))));
            assertThat(failed.path()).isEqualTo("parameters.target.hosts[1]");
        }

        @Test
        void aSyntaxErrorFails() {
            assertThat(failed(Map.of("m", "{% if trigger.host %}open")).path()).isEqualTo("parameters.m");
            assertThat(failed(Map.of("m", "{{ trigger.host + }}")).path()).isEqualTo("parameters.m");
        }

        @Test
        void anUnknownFilterFails() {
            assertThat(failed(Map.of("m", "{{ trigger.host | nosuchfilter }}")).path()).isEqualTo("parameters.m");
            assertThat(failed(Map.of("m", "x {{ trigger.host | nosuchfilter }}")).path()).isEqualTo("parameters.m");
        }

        @Test
        void includingAFileFails() {
            Rendered.Failed include = failed(Map.of("m", "{% include '/etc/passwd' %}"));
            assertThat(include.path()).isEqualTo("parameters.m");
            assertThat(include.message()).contains("include");
            assertThat(failed(Map.of("m", "{% import 'macros.j2' as m %}x")).path()).isEqualTo("parameters.m");
            assertThat(failed(Map.of("m", "{% extends 'base.j2' %}")).path()).isEqualTo("parameters.m");
        }

        @Test
        void hugeOutputIsCapped() {
            String many = "{% set s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' %}"
                    + "{% for i in range(9999) %}{% for j in range(9999) %}{{ s }}{% endfor %}{% endfor %}";
            Rendered.Failed failed = failed(Map.of("m", many));
            assertThat(failed.path()).isEqualTo("parameters.m");
            assertThat(failed.message()).contains("limit");
        }

        @Test
        void aHugeExpressionValueIsCapped() {
            String big = "x".repeat(600_000);
            Rendered rendered = renderer.render(Map.of("m", "{{ [trigger.big, trigger.big] }}"),
                    Map.of("trigger", Map.of("big", big)));
            assertThat(rendered).isInstanceOf(Rendered.Failed.class);
            assertThat(((Rendered.Failed) rendered).message()).contains("limit");
        }

        @Test
        void nestedLoopsStopAtTheTimeLimitNamingIt() {
            JinjavaTemplateRenderer bounded = new JinjavaTemplateRenderer(new JinjavaTemplateRenderer.Limits(
                    Duration.ofMillis(300), Integer.MAX_VALUE, 1 << 20, 16_384, 32));
            for (String loops : List.of(
                    "{% for i in range(9999) %}{% for j in range(9999) %}{% for k in range(9999) %}"
                            + "{% endfor %}{% endfor %}{% endfor %}",
                    "{% for i in range(9999) %}{% for j in range(9999) %}{% set x = i * j %}{% endfor %}{% endfor %}",
                    "{{ range(9999) | map('string') | join(',') ~ range(9999) | map('string') | join(',') }}"
                            + "{% for i in range(9999) %}{% for j in range(9999) %}{% if i > j %}{% endif %}"
                            + "{% endfor %}{% endfor %}")) {
                long start = System.nanoTime();
                Rendered rendered = bounded.render(Map.of("m", loops), CONTEXT);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(rendered).isInstanceOfSatisfying(Rendered.Failed.class, f -> {
                    assertThat(f.message()).isEqualTo("template exceeded the render time limit of 300 ms");
                    assertThat(f.withoutValues()).isEqualTo(f.message());
                });
                assertThat(took).isLessThan(Duration.ofSeconds(3));
            }
        }

        @Test
        void aRenderStopsAtTheStepLimitNamingIt() {
            JinjavaTemplateRenderer bounded = new JinjavaTemplateRenderer(new JinjavaTemplateRenderer.Limits(
                    Duration.ofSeconds(30), 1_000, 1 << 20, 16_384, 32));
            assertThat(bounded.render(Map.of("m", "{% for i in range(999) %}{{ i }}{% endfor %}"), CONTEXT))
                    .isInstanceOf(Rendered.Ok.class);
            Rendered.Failed failed = (Rendered.Failed) bounded.render(
                    Map.of("m", "{% for i in range(9999) %}{{ i }}{% endfor %}"), CONTEXT);
            assertThat(failed.message()).isEqualTo("template exceeded the limit of 1000 rendering steps");
        }

        @Test
        void theRendersOfASessionShareOneBudget() {
            JinjavaTemplateRenderer bounded = new JinjavaTemplateRenderer(new JinjavaTemplateRenderer.Limits(
                    Duration.ofSeconds(30), 1_000, 1 << 20, 16_384, 32));
            Map<String, Object> loop = Map.of("m", "{% for i in range(600) %}{{ i }}{% endfor %}");
            assertThat(bounded.render(loop, CONTEXT)).isInstanceOf(Rendered.Ok.class);
            assertThat(bounded.render(loop, CONTEXT)).isInstanceOf(Rendered.Ok.class);

            var session = bounded.session();

            assertThat(session.render(loop, CONTEXT)).isInstanceOf(Rendered.Ok.class);
            assertThat(session.render(loop, CONTEXT)).isInstanceOfSatisfying(Rendered.Failed.class,
                    f -> assertThat(f.message()).isEqualTo("template exceeded the limit of 1000 rendering steps"));
        }

        @Test
        void aTemplateTooLongOrTooDeepIsRefusedBeforeParsing() {
            String parentheses = "{{ " + "(".repeat(5_000) + "1" + ")".repeat(5_000) + " }}";
            long start = System.nanoTime();
            Rendered.Failed deep = failed(Map.of("m", parentheses));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(deep.message()).isEqualTo("template nests parentheses, brackets and braces more than 32 deep");
            assertThat(failed(Map.of("m", "{{ 'x' }}" + " ".repeat(20_000))).message())
                    .isEqualTo("template is 20009 characters long, over the limit of 16384");
            assertThat(renderer.problems(Map.of("m", parentheses, "ok", "{{ (1) }}", "l", List.of("{{ 1 }}",
                    "x".repeat(20_000))), "action.parameters"))
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("action.parameters.m", "action.parameters.l[1]");
            assertThat(one("{{ {'a': [(1)]} }}")).isEqualTo(Map.of("a", List.of(1L)));
        }

        @Test
        void aFailureAlsoSaysItsKindWithoutTheValues() {
            Map<String, Object> context = Map.of("keys", Map.of("x", "Sup3rSecretValue"));
            for (String template : List.of("{{ keys.x | lower | strtotime('yyyy') }}",
                    "{{ keys.x | upper | strtotime('q') }}", "{{ (keys.x | reverse) ~ keys.x.nope }}",
                    "{{ keys.x[1:-1] | nosuchfilter }}", "{{ keys.x | b64encode | strtotime('yyyy') }}",
                    "x {{ keys.x | lower | strtotime('yyyy') }}", "{% if keys.x | lower | strtotime('q') %}{% endif %}")) {
                Rendered rendered = renderer.render(Map.of("m", template), context);
                assertThat(rendered).as(template).isInstanceOfSatisfying(Rendered.Failed.class, f -> {
                    assertThat(f.withoutValues()).startsWith("template failed: ")
                            .doesNotContainIgnoringCase("Sup3rSecretValue").doesNotContainIgnoringCase("up3rSecretValu")
                            .doesNotContainIgnoringCase("eulaVterceS3repuS").doesNotContain("U3VwM3JTZWNyZXRWYWx1ZQ");
                });
            }
        }

        @Test
        void recursionIsBounded() {
            assertThat(failed(Map.of("m", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}")).path())
                    .isEqualTo("parameters.m");
        }

        @Test
        void javaMethodsAreNotReachable() {
            assertThat(failed(Map.of("m", "{{ trigger.getClass() }}")).path()).isEqualTo("parameters.m");
        }

        @Test
        void contextValuesAreNotRenderedAgain() {
            Rendered rendered = renderer.render(Map.of("m", "{{ trigger.x }}"),
                    Map.of("trigger", Map.of("x", "{{ keys.token }}"), "keys", Map.of("token", "s3cr3t")));
            assertThat(rendered).isEqualTo(new Rendered.Ok(Map.of("m", "{{ keys.token }}")));
        }
    }
}
