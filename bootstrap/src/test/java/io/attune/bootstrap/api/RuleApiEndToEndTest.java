package io.attune.bootstrap.api;

import static io.attune.bootstrap.api.ApiTesting.assertProblem;
import static io.attune.bootstrap.api.ApiTesting.fields;
import static io.attune.bootstrap.api.ApiTesting.packFiles;
import static io.attune.bootstrap.api.ApiTesting.refs;
import static io.attune.bootstrap.api.ApiTesting.writeFiles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rules created, changed and removed through the API of a started Attune, validated by the real use case. */
class RuleApiEndToEndTest {

    private static final String PACK = "e2e_rules";
    private static Api api;

    @BeforeAll
    static void installPack() throws IOException {
        api = new Api(TestApplication.shared().url());
        String dir = writeFiles(Files.createTempDirectory("e2e-rules"), packFiles(PACK)).toString();
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", dir)));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    private static String rule(String name, String url) {
        return """
                {"ref": "%s.%s", "description": "made by a test",
                 "trigger": {"type": "core.webhook", "parameters": {"url": "%s"}},
                 "criteria": {"trigger.body.severity": {"type": "equals", "pattern": "critical"}},
                 "action": {"ref": "%s.hello", "parameters": {"who": "{{ trigger.body.host }}"}}}
                """.formatted(PACK, name, url, PACK);
    }

    @Test
    void aRuleIsCreatedShownListedChangedAndDeleted() {
        Api.Response created = api.post("/api/v1/rules", rule("lifecycle", "e2e-lifecycle"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode rule = api.get("/api/v1/rules/e2e_rules.lifecycle").json();
        assertThat(rule.path("trigger").path("type").asText()).isEqualTo("core.webhook");
        assertThat(rule.path("trigger").path("parameters").path("url").asText()).isEqualTo("e2e-lifecycle");
        assertThat(rule.path("criteria").path("trigger.body.severity").path("pattern").asText()).isEqualTo("critical");
        assertThat(rule.path("action").path("parameters").path("who").asText()).isEqualTo("{{ trigger.body.host }}");
        assertThat(rule.path("enabled").asBoolean()).isTrue();
        assertThat(rule.path("origin").asText()).isEqualTo("api");
        assertThat(refs(api.get("/api/v1/rules?pack=e2e_rules&trigger=core.webhook").json()))
                .contains("e2e_rules.lifecycle");

        assertThat(api.post("/api/v1/rules/e2e_rules.lifecycle/disable", "").json().path("enabled").asBoolean()).isFalse();
        assertThat(refs(api.get("/api/v1/rules?pack=e2e_rules&enabled=false").json())).contains("e2e_rules.lifecycle");
        assertThat(api.post("/api/v1/rules/e2e_rules.lifecycle/enable", "").json().path("enabled").asBoolean()).isTrue();

        Api.Response updated = api.put("/api/v1/rules/e2e_rules.lifecycle",
                "{\"trigger\": {\"type\": \"core.webhook\", \"parameters\": {\"url\": \"e2e-changed\"}},"
                        + " \"action\": \"core.noop\", \"enabled\": false}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode changed = api.get("/api/v1/rules/e2e_rules.lifecycle").json();
        assertThat(changed.path("action").path("ref").asText()).isEqualTo("core.noop");
        assertThat(changed.path("criteria").isEmpty()).isTrue();
        assertThat(changed.path("enabled").asBoolean()).isFalse();

        assertThat(api.delete("/api/v1/rules/e2e_rules.lifecycle").status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/rules/e2e_rules.lifecycle"), 404, "not-found");
    }

    @Test
    void creatingARuleTwiceIsA409() {
        assertThat(api.post("/api/v1/rules", rule("twice", "e2e-twice")).status()).isEqualTo(201);

        assertProblem(api.post("/api/v1/rules", rule("twice", "e2e-twice")), 409, "conflict");
    }

    @Test
    void aRuleNamingWhatDoesNotExistIsA422ListingTheFields() {
        JsonNode problem = assertProblem(api.post("/api/v1/rules", """
                {"ref": "e2e_rules.dangling", "trigger": "e2e_rules.nothing", "action": "e2e_rules.nothing",
                 "criteria": {"trigger.x": {"type": "sortof", "pattern": 1}}}
                """), 422, "invalid-input");

        assertThat(fields(problem)).contains("trigger", "action", "criteria");
        assertProblem(api.get("/api/v1/rules/e2e_rules.dangling"), 404, "not-found");
    }

    @Test
    void triggerParametersAreCheckedAgainstTheTriggersSchema() {
        JsonNode problem = assertProblem(api.post("/api/v1/rules", """
                {"ref": "e2e_rules.no_url", "trigger": {"type": "core.webhook", "parameters": {"path": "x"}},
                 "action": "core.noop"}
                """), 422, "invalid-input");

        assertThat(fields(problem)).allMatch(f -> f.startsWith("trigger.parameters"));
    }

    @Test
    void aRuleInAPackThatIsNotInstalledIsA422() {
        assertThat(fields(assertProblem(api.post("/api/v1/rules",
                "{\"ref\": \"e2e_nopack.r\", \"trigger\": \"core.intervaltimer\", \"action\": \"core.noop\"}"),
                422, "invalid-input"))).contains("ref");
    }

    @Test
    void malformedOrMistypedBodiesAre400AndChangeNothing() {
        assertProblem(api.post("/api/v1/rules", "{\"ref\": \"e2e_rules.broken\", "), 400, "malformed-body");
        assertThat(fields(assertProblem(api.post("/api/v1/rules",
                "{\"ref\": \"e2e_rules.broken\", \"trigger\": \"core.webhook\", \"action\": \"core.noop\", \"enabled\": \"often\"}"),
                400, "malformed-body"))).containsExactly("enabled");
        assertProblem(api.get("/api/v1/rules/e2e_rules.broken"), 404, "not-found");
    }
}
