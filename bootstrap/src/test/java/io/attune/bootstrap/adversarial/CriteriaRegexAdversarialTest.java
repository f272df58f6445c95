package io.attune.bootstrap.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Criteria regexes run in linear time: a catastrophic-backtracking pattern does not hold up the rules pipeline, the
 * dry run uses the same engine, and patterns the engine cannot take are refused by the rule API and at pack install,
 * naming the field (and the file).
 */
@Tag("adversarial")
class CriteriaRegexAdversarialTest {

    private static final String PACK = "adv_regex";
    private static final String CATASTROPHIC = "(.*a){12}$";

    private Api api;
    private String url;

    @BeforeEach
    void installPack() throws Exception {
        url = TestApplication.shared().url().replaceAll("/$", "");
        api = new Api(url);
        Api.Response installed = api.post("/api/v1/packs/install",
                Api.json(Map.of("path", pack(Map.of()).toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    @Test
    void aCatastrophicRegexDoesNotHoldUpTheNextEvent() throws Exception {
        rule("greedy", "adv-regex/greedy", Map.of("trigger.body.t", Map.of("type", "regex", "pattern", CATASTROPHIC)));
        rule("plain", "adv-regex/plain", Map.of());
        String body = "{\"t\":\"" + "a".repeat(33) + "!\"}"; // 42 bytes: a backtracking engine takes ~35 s of CPU

        Instant start = Instant.now();
        long greedy = WebhookRules.event(api, url, "adv-regex/greedy", body);
        long plain = WebhookRules.event(api, url, "adv-regex/plain", "{}");
        JsonNode enforcement = WebhookRules.awaitEnforcementOf(api, plain);

        assertThat(enforcement.path("status").asText()).as(enforcement.toString()).isEqualTo("succeeded");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(api.get("/api/v1/events/" + greedy + "/trace").json().path("enforcements").size()).isZero();

        Instant dryRun = Instant.now();
        Api.Response test = api.post("/api/v1/rules/" + PACK + ".greedy/test",
                Api.json(Map.of("payload", Map.of("body", Map.of("t", "a".repeat(33) + "!")))));
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().path("matched").asBoolean()).as(test.body()).isFalse();
        assertThat(Duration.between(dryRun, Instant.now())).isLessThan(Duration.ofSeconds(5));
        Api.Response matching = api.post("/api/v1/rules/" + PACK + ".greedy/test",
                Api.json(Map.of("payload", Map.of("body", Map.of("t", "a".repeat(34))))));
        assertThat(matching.json().path("matched").asBoolean()).as(matching.body()).isTrue();
    }

    @Test
    void theRuleApiRefusesARegexTheLinearTimeEngineCannotTakeNamingTheField() {
        for (Map.Entry<String, String> refused : Map.of(
                "(x)-\\1", "backreferences",
                "web(?!-test)", "lookaround",
                "(?<=a)b", "lookaround",
                "(.{1000}){1000}", "more than 1000",
                "((.{1000}){1000}){1000}", "more than 1000").entrySet()) {
            Api.Response response = api.post("/api/v1/rules", Api.json(Map.of("ref", PACK + ".refused",
                    "trigger", Map.of("type", "core.webhook", "parameters", Map.of("url", "adv-regex/refused")),
                    "criteria", Map.of("trigger.body.t", Map.of("type", "regex", "pattern", refused.getKey())),
                    "action", Map.of("ref", PACK + ".echo"))));

            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("errors")).anySatisfy(error -> {
                assertThat(error.path("field").asText()).isEqualTo("criteria");
                assertThat(error.path("message").asText()).contains("trigger.body.t", refused.getValue());
            });
        }
        assertThat(api.get("/api/v1/rules/" + PACK + ".refused").status()).isEqualTo(404);
    }

    @Test
    void aPatternOfThousandsOfParenthesesIsRefusedAtOnce() {
        for (Map.Entry<Integer, String> refused : Map.of(
                5_000, "over the limit of 4096",
                2_000, "nested more than 64").entrySet()) {
            int parentheses = refused.getKey();
            Instant start = Instant.now();
            Api.Response response = api.post("/api/v1/rules", Api.json(Map.of("ref", PACK + ".deep",
                    "trigger", Map.of("type", "core.webhook", "parameters", Map.of("url", "adv-regex/deep")),
                    "criteria", Map.of("trigger.body.t", Map.of("type", "regex",
                            "pattern", "(".repeat(parentheses) + "a" + ")".repeat(parentheses))),
                    "action", Map.of("ref", PACK + ".echo"))));

            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(response.json().path("errors")).anySatisfy(error -> {
                assertThat(error.path("field").asText()).isEqualTo("criteria");
                assertThat(error.path("message").asText()).contains("trigger.body.t", refused.getValue());
            });
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aPackWithABackreferenceRegexIsRefusedNamingTheFileAndTheField() throws Exception {
        Path pack = pack(Map.of("rules/twice.yaml", """
                ref: %s.twice
                trigger: {type: core.webhook, parameters: {url: adv-regex/twice}}
                criteria:
                  trigger.body.t: {type: regex, pattern: "(a)\\\\1"}
                action: {ref: %s.echo}
                """.formatted(PACK, PACK)));

        Api.Response response = api.post("/api/v1/packs/install", Api.json(Map.of("path", pack.toString())));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("rules/twice.yaml", "criteria.trigger.body.t", "backreferences");
        assertThat(api.get("/api/v1/rules/" + PACK + ".twice").status()).isEqualTo(404);
    }

    private static Path pack(Map<String, String> extra) throws Exception {
        Map<String, String> files = new HashMap<>(extra);
        files.put("actions/echo.yaml", "name: echo\nrunner: shell\nentry_point: echo.sh\ntimeout: 20\n");
        files.put("actions/echo.sh", "#!/bin/sh\necho done\n");
        return WebhookRules.pack(PACK, files);
    }

    private void rule(String name, String hook, Map<String, Object> criteria) {
        WebhookRules.rule(api, PACK + "." + name, Map.of("url", hook), criteria, PACK + ".echo", Map.of());
    }
}
