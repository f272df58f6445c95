package io.attune.bootstrap.adversarial;

import static io.attune.bootstrap.adversarial.IntakeTesting.nested;
import static io.attune.bootstrap.api.ApiTesting.assertProblem;
import static io.attune.bootstrap.api.ApiTesting.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * JSON request bodies that are too deep, not objects, or lenient readings of what was meant (unknown fields,
 * duplicate keys, trailing garbage, arrays for strings, text and fractions for integers, numbers out of range) are
 * refused with a problem naming the field or the limit, and store nothing.
 */
@Tag("adversarial")
class JsonIntakeAdversarialTest {

    private static final String PACK = "adv_json";
    private static Api api;
    private static long execution;

    @BeforeAll
    static void installPack() throws IOException {
        api = new Api(TestApplication.shared().url());
        Path dir = Files.createTempDirectory("adv-json");
        Files.writeString(dir.resolve("pack.yaml"), "ref: " + PACK + "\nversion: 1.0.0\n");
        Files.createDirectories(dir.resolve("actions"));
        Files.createDirectories(dir.resolve("triggers"));
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("actions/take.yaml"),
                "ref: " + PACK + ".take\nrunner: shell\nentry_point: take.sh\nparameters:\n  n: {type: number}\n"
                        + "  s: {type: string}\n  o: {type: object}\n");
        Files.writeString(dir.resolve("actions/take.sh"), "#!/bin/sh\ntrue\n");
        Files.writeString(dir.resolve("triggers/alert.yaml"), "ref: " + PACK + ".alert\n");
        Files.writeString(dir.resolve("rules/on_alert.yaml"), "ref: " + PACK + ".on_alert\ntrigger: {type: " + PACK
                + ".alert}\naction: {ref: " + PACK + ".take}\nenabled: false\n");
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", dir.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        Api.Response run = api.post("/api/v1/executions", Api.json(Map.of("action", PACK + ".take")));
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        execution = run.json().path("id").asLong();
    }

    private static long executions() {
        return api.get("/api/v1/executions?action=" + PACK + ".take&limit=1").json().path("total").asLong();
    }

    private static long events() {
        return api.get("/api/v1/events?trigger=" + PACK + ".alert&limit=1").json().path("total").asLong();
    }

    @Test
    void aBodyNestedDeeperThanTheLimitIsRefusedNamingTheLimit() {
        long executions = executions();
        long events = events();
        String deep = nested(999);
        List<Api.Response> responses = List.of(
                api.post("/api/v1/executions", "{\"action\": \"" + PACK + ".take\", \"parameters\": {\"o\": " + deep + "}}"),
                api.post("/api/v1/executions/" + execution + "/rerun", "{\"parameters\": {\"o\": " + deep + "}}"),
                api.post("/api/v1/events", "{\"trigger\": \"" + PACK + ".alert\", \"payload\": " + deep + "}"),
                api.post("/api/v1/rules/" + PACK + ".on_alert/test", "{\"payload\": " + deep + "}"),
                api.post("/api/v1/rules", "{\"ref\": \"" + PACK + ".deep\", \"trigger\": \"" + PACK
                        + ".alert\", \"action\": \"" + PACK + ".take\", \"criteria\": " + deep + "}"));
        for (Api.Response response : responses) {
            JsonNode problem = assertProblem(response, 422, "invalid-input");
            assertThat(problem.path("detail").asText()).contains("64");
            assertThat(response.body().length()).isLessThan(2000);
        }
        // one level under the limit is taken (a body of 64 levels: the parameters' object is 2 levels down)
        assertThat(api.post("/api/v1/executions", "{\"action\": \"" + PACK + ".take\", \"parameters\": {\"o\": "
                + nested(62) + "}}").status()).isEqualTo(201);
        assertThat(executions()).isEqualTo(executions + 1);
        assertThat(events()).isEqualTo(events);
        assertThat(api.get("/api/v1/rules/" + PACK + ".deep").status()).isEqualTo(404);
    }

    @Test
    void aBodyThatIsNotAnObjectIsA400() {
        long executions = executions();
        long events = events();
        for (String body : List.of("[]", "\"x\"", "1", "null", "true")) {
            for (String path : List.of("/api/v1/executions", "/api/v1/events", "/api/v1/executions/" + execution + "/rerun",
                    "/api/v1/rules/" + PACK + ".on_alert/test")) {
                JsonNode problem = assertProblem(api.post(path, body), 400, "malformed-body");
                assertThat(problem.path("detail").asText()).as(path + " " + body).contains("JSON object");
            }
        }
        assertThat(executions()).isEqualTo(executions);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void lenientReadingsOfAnExecutionRequestAreRefusedNamingTheField() {
        long executions = executions();
        String action = "\"action\": \"" + PACK + ".take\"";
        Map<String, String> refused = Map.of(
                "{" + action + ", \"paramters\": {}}", "paramters",
                "{" + action + ", \"action\": \"core.noop\"}", "action",
                "{" + action + "} {\"x\": 1}", "body",
                "{\"action\": [\"" + PACK + ".take\"]}", "action",
                "{" + action + ", \"timeout\": \"5\"}", "timeout",
                "{" + action + ", \"timeout\": 5.5}", "timeout",
                "{" + action + ", \"timeout\": 1e999}", "timeout",
                "{" + action + ", \"timeout\": 99999999999}", "timeout");
        refused.forEach((body, field) ->
                assertThat(fields(assertProblem(api.post("/api/v1/executions", body), 400, "malformed-body")))
                        .as(body).containsExactly(field));
        assertThat(fields(assertProblem(api.post("/api/v1/executions", "{" + action + ", \"parameters\": {\"n\": 1e999}}"),
                422, "invalid-input"))).containsExactly("parameters.n");
        assertThat(fields(assertProblem(api.post("/api/v1/executions", "{" + action
                + ", \"parameters\": {\"o\": {\"list\": [1, -1e400]}}}"), 422, "invalid-input")))
                .containsExactly("parameters.o.list[1]");
        assertThat(fields(assertProblem(api.post("/api/v1/executions/" + execution + "/rerun",
                "{\"parameters\": {\"n\": 1e999}}"), 422, "invalid-input"))).containsExactly("parameters.n");
        assertThat(fields(assertProblem(api.post("/api/v1/executions/" + execution + "/rerun",
                "{\"parameters\": {}, \"extra\": 1}"), 400, "malformed-body"))).containsExactly("extra");
        assertThat(executions()).isEqualTo(executions);
    }

    @Test
    void lenientReadingsOfAnEventAreRefusedNamingTheField() {
        long events = events();
        String trigger = "\"trigger\": \"" + PACK + ".alert\"";
        Map<String, String> refused = Map.of(
                "{" + trigger + ", \"payloads\": {}}", "payloads",
                "{" + trigger + ", \"payload\": {\"a\": 1, \"a\": 2}}", "payload.a",
                "{" + trigger + ", \"payload\": {}}]", "body",
                "{\"trigger\": [\"" + PACK + ".alert\"]}", "trigger",
                "{\"trigger\": 12}", "trigger");
        refused.forEach((body, field) ->
                assertThat(fields(assertProblem(api.post("/api/v1/events", body), 400, "malformed-body")))
                        .as(body).containsExactly(field));
        assertThat(fields(assertProblem(api.post("/api/v1/events", "{" + trigger + ", \"payload\": {\"v\": 1e999}}"),
                422, "invalid-input"))).containsExactly("payload.v");
        assertThat(events()).isEqualTo(events);
        // still accepted: plain, strict JSON
        assertThat(api.post("/api/v1/events", "{" + trigger + ", \"payload\": {\"v\": 1.5e300}}").status()).isEqualTo(201);
    }
}
