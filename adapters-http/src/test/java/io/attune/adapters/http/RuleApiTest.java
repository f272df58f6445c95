package io.attune.adapters.http;

import static io.attune.adapters.http.CatalogApiTest.refs;
import static io.attune.adapters.http.ProblemAssert.assertProblem;
import static io.attune.adapters.http.ProblemAssert.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.adapters.http.fake.FakeCatalog;
import io.attune.adapters.http.fake.FakeRules;
import io.attune.application.port.in.RuleCommands.RuleDraft;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class RuleApiTest {

    private static final String NEW_RULE = """
            {"ref": "demo.on_warning", "description": "warns",
             "trigger": {"type": "demo.alert", "parameters": {}},
             "criteria": {"trigger.severity": {"type": "equals", "pattern": "warning"}},
             "action": {"ref": "demo.greet", "parameters": {"name": "{{ trigger.host }}"}},
             "enabled": false}
            """;

    @Inject
    EmbeddedServer server;

    @Inject
    FakeCatalog catalog;

    @Inject
    FakeRules rules;

    Http http;

    @BeforeEach
    void setUp() {
        catalog.reset();
        rules.reset();
        http = new Http(server.getURL());
    }

    @Test
    void aRuleShowsTriggerCriteriaActionAndOrigin() {
        JsonNode rule = http.get("/api/v1/rules/demo.on_alert").json();

        assertThat(rule.path("ref").asText()).isEqualTo("demo.on_alert");
        assertThat(rule.path("pack").asText()).isEqualTo("demo");
        assertThat(rule.path("name").asText()).isEqualTo("on_alert");
        assertThat(rule.path("trigger").path("type").asText()).isEqualTo("demo.alert");
        assertThat(rule.path("trigger").path("parameters").isObject()).isTrue();
        assertThat(rule.path("criteria").path("trigger.severity").path("type").asText()).isEqualTo("equals");
        assertThat(rule.path("criteria").path("trigger.severity").path("pattern").asText()).isEqualTo("critical");
        assertThat(rule.path("action").path("ref").asText()).isEqualTo("demo.greet");
        assertThat(rule.path("action").path("parameters").path("name").asText()).isEqualTo("{{ trigger.host }}");
        assertThat(rule.path("enabled").asBoolean()).isTrue();
        assertThat(rule.path("origin").asText()).isEqualTo("pack");
    }

    @Test
    void rulesFilterByPackTriggerActionAndEnabled() {
        assertThat(refs(http.get("/api/v1/rules?pack=core").json())).containsExactly("core.every_minute");
        assertThat(refs(http.get("/api/v1/rules?trigger=demo.alert").json())).containsExactly("demo.on_alert");
        assertThat(refs(http.get("/api/v1/rules?action=core.echo").json())).containsExactly("core.every_minute");
        assertThat(refs(http.get("/api/v1/rules?enabled=false").json())).containsExactly("core.every_minute");
        assertThat(fields(assertProblem(http.get("/api/v1/rules?enabled=maybe"), 400, "invalid-parameter")))
                .containsExactly("enabled");
        assertThat(fields(assertProblem(http.get("/api/v1/rules?trigger=alert"), 400, "invalid-parameter")))
                .containsExactly("trigger");
    }

    @Test
    void creatingARuleAnswers201WithItsLocation() {
        Http.Reply reply = http.post("/api/v1/rules", NEW_RULE);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.location()).endsWith("/api/v1/rules/demo.on_warning");
        JsonNode rule = reply.json();
        assertThat(rule.path("enabled").asBoolean()).isFalse();
        assertThat(rule.path("origin").asText()).isEqualTo("api");
        assertThat(rule.path("criteria").path("trigger.severity").path("pattern").asText()).isEqualTo("warning");
        assertThat(http.get("/api/v1/rules/demo.on_warning").status()).isEqualTo(200);
    }

    @Test
    void aTriggerAndAnActionMayBeGivenAsPlainRefs() {
        Http.Reply reply = http.post("/api/v1/rules",
                "{\"ref\": \"demo.plain\", \"trigger\": \"demo.alert\", \"action\": \"demo.greet\"}");

        assertThat(reply.status()).isEqualTo(201);
        RuleDraft draft = rules.received().get(0);
        assertThat(draft.trigger()).isEqualTo("demo.alert");
        assertThat(draft.triggerParameters()).isEmpty();
        assertThat(draft.action()).isEqualTo("demo.greet");
        assertThat(draft.enabled()).isNull();
    }

    @Test
    void creatingAnExistingRuleIsA409() {
        assertThat(http.post("/api/v1/rules", NEW_RULE).status()).isEqualTo(201);

        JsonNode problem = assertProblem(http.post("/api/v1/rules", NEW_RULE), 409, "conflict");

        assertThat(problem.path("detail").asText()).contains("demo.on_warning");
    }

    @Test
    void anInvalidRuleIsA422ListingEveryField() {
        Http.Reply reply = http.post("/api/v1/rules", """
                {"ref": "Bad", "trigger": {"type": "demo.alert"},
                 "criteria": {"trigger.x": {"type": "resembles", "pattern": 1}},
                 "action": {"ref": "demo.nothing"}}
                """);

        JsonNode problem = assertProblem(reply, 422, "invalid-input");
        assertThat(fields(problem)).containsExactly("ref", "criteria", "action");
        assertThat(problem.path("errors").get(1).path("message").asText()).contains("resembles");
        assertThat(problem.path("errors").get(0).has("file")).isFalse();
    }

    @Test
    void malformedJsonIsA400WithoutParserInternals() {
        JsonNode problem = assertProblem(http.post("/api/v1/rules", "{\"ref\": \"demo.x\", "), 400, "malformed-body");

        assertThat(problem.path("detail").asText()).contains("JSON");
        assertThat(rules.received()).isEmpty();
    }

    @Test
    void syntacticallyBrokenJsonIsA400() {
        JsonNode problem = assertProblem(http.post("/api/v1/rules", "{ref: demo.x}"), 400, "malformed-body");

        assertThat(problem.path("detail").asText()).contains("line 1");
    }

    @Test
    void aWrongJsonTypeIsA400NamingTheField() {
        JsonNode problem = assertProblem(http.post("/api/v1/rules",
                "{\"ref\": \"demo.x\", \"trigger\": \"demo.alert\", \"action\": \"demo.greet\", \"enabled\": {\"yes\": 1}}"),
                400, "malformed-body");

        assertThat(fields(problem)).containsExactly("enabled");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("boolean");
    }

    @Test
    void criteriaThatIsNotAnObjectIsA400NamingIt() {
        JsonNode problem = assertProblem(http.post("/api/v1/rules",
                "{\"ref\": \"demo.x\", \"trigger\": \"demo.alert\", \"action\": \"demo.greet\", \"criteria\": [1]}"),
                400, "malformed-body");

        assertThat(fields(problem)).containsExactly("criteria");
    }

    @Test
    void aTriggerOfTheWrongShapeIsA400NamingIt() {
        assertThat(fields(assertProblem(http.post("/api/v1/rules", "{\"ref\": \"demo.x\", \"trigger\": 5}"),
                400, "malformed-body"))).containsExactly("trigger");
        assertThat(fields(assertProblem(http.post("/api/v1/rules",
                "{\"ref\": \"demo.x\", \"trigger\": {\"type\": \"demo.alert\", \"parameters\": \"x\"}}"),
                400, "malformed-body"))).containsExactly("trigger.parameters");
        assertThat(fields(assertProblem(http.post("/api/v1/rules",
                "{\"ref\": \"demo.x\", \"action\": {\"name\": \"demo.greet\"}}"),
                400, "malformed-body"))).containsExactly("action.name");
    }

    @Test
    void anUnknownFieldIsA400NamingIt() {
        JsonNode problem = assertProblem(http.post("/api/v1/rules",
                "{\"ref\": \"demo.x\", \"critera\": {}}"), 400, "malformed-body");

        assertThat(fields(problem)).containsExactly("critera");
    }

    @Test
    void aMissingBodyIsA400() {
        JsonNode problem = assertProblem(http.send("POST", "/api/v1/rules", "application/json", ""), 400,
                "malformed-body");

        assertThat(problem.path("detail").asText()).contains("body");
    }

    @Test
    void aBodyThatIsNotAnObjectIsA400() {
        assertProblem(http.post("/api/v1/rules", "[1, 2]"), 400, "malformed-body");
        assertProblem(http.post("/api/v1/rules", "\"demo.x\""), 400, "malformed-body");
    }

    @Test
    void anUnsupportedMediaTypeIsA415() {
        JsonNode problem = assertProblem(http.send("POST", "/api/v1/rules", "text/plain", NEW_RULE), 415,
                "unsupported-media-type");

        assertThat(problem.path("detail").asText()).contains("text/plain");
    }

    @Test
    void aWrongMethodIsA405() {
        JsonNode problem = assertProblem(http.send("PUT", "/api/v1/actions/demo.greet", "application/json", "{}"),
                405, "method-not-allowed");

        assertThat(problem.path("detail").asText()).contains("PUT");
    }

    @Test
    void anUnknownRouteIsA404() {
        assertProblem(http.get("/api/v1/nothing-here"), 404, "not-found");
        assertProblem(http.get("/api/v2/rules"), 404, "not-found");
    }

    @Test
    void updatingReplacesTheRuleAndKeepsItsOrigin() {
        Http.Reply reply = http.put("/api/v1/rules/demo.on_alert", """
                {"trigger": "demo.alert", "action": {"ref": "core.echo", "parameters": {"message": "hi"}}}
                """);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode rule = reply.json();
        assertThat(rule.path("action").path("ref").asText()).isEqualTo("core.echo");
        assertThat(rule.path("origin").asText()).isEqualTo("pack");
        assertThat(rules.received().get(0).ref()).isEqualTo("demo.on_alert");
    }

    @Test
    void updatingWithAnotherRefInTheBodyIsA422() {
        JsonNode problem = assertProblem(http.put("/api/v1/rules/demo.on_alert",
                "{\"ref\": \"demo.other\", \"trigger\": \"demo.alert\", \"action\": \"demo.greet\"}"), 422, "invalid-input");

        assertThat(fields(problem)).containsExactly("ref");
    }

    @Test
    void updatingAnUnknownRuleIsA404() {
        assertProblem(http.put("/api/v1/rules/demo.nothing", "{\"trigger\": \"demo.alert\", \"action\": \"demo.greet\"}"),
                404, "not-found");
    }

    @Test
    void deletingAnswers204AndThenTheRuleIsGone() {
        Http.Reply reply = http.delete("/api/v1/rules/demo.on_alert");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
        assertProblem(http.get("/api/v1/rules/demo.on_alert"), 404, "not-found");
        assertProblem(http.delete("/api/v1/rules/demo.on_alert"), 404, "not-found");
    }

    @Test
    void disablingAndEnablingFlipTheFlag() {
        assertThat(http.post("/api/v1/rules/demo.on_alert/disable", null).json().path("enabled").asBoolean()).isFalse();
        assertThat(catalog.rule(io.attune.domain.common.Ref.parse("demo.on_alert")).enabled()).isFalse();
        assertThat(http.post("/api/v1/rules/demo.on_alert/enable", null).json().path("enabled").asBoolean()).isTrue();
        assertProblem(http.post("/api/v1/rules/demo.nothing/enable", null), 404, "not-found");
    }

    @Test
    void criteriaKeepTheirOrderAndValues() {
        http.post("/api/v1/rules", """
                {"ref": "demo.ordered", "trigger": "demo.alert", "action": "demo.greet",
                 "criteria": {"trigger.b": {"type": "exists"}, "trigger.a": {"type": "in", "pattern": [1, 2]}}}
                """);

        JsonNode criteria = http.get("/api/v1/rules/demo.ordered").json().path("criteria");
        assertThat(criteria.fieldNames()).toIterable().containsExactly("trigger.b", "trigger.a");
        assertThat(criteria.path("trigger.b").has("pattern")).isFalse();
        assertThat(criteria.path("trigger.a").path("pattern").get(1).asInt()).isEqualTo(2);
        assertThat(rules.received().get(0).criteria()).containsKeys("trigger.b", "trigger.a");
        assertThat(rules.received().get(0).criteria().get("trigger.a")).isEqualTo(Map.of("type", "in",
                "pattern", java.util.List.of(1, 2)));
    }
}
