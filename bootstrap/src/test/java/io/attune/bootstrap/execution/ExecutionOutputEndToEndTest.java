package io.attune.bootstrap.execution;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following what an action prints while it runs: GET /api/v1/executions/{id}/output on the whole platform. */
class ExecutionOutputEndToEndTest {

    private static Api api;

    @BeforeAll
    static void start() {
        api = new Api(TestApplication.shared().url());
    }

    private static long run(String action, Map<String, Object> parameters) {
        Api.Response created = api.post("/api/v1/executions", Api.json(Map.of("action", action, "parameters", parameters)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    /** The text of the chunks of one stream. */
    private static String text(List<JsonNode> chunks, String stream) {
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(c -> c.path("stream").asText().equals(stream)).forEach(c -> text.append(c.path("data").asText()));
        return text.toString();
    }

    private static List<JsonNode> chunks(JsonNode output) {
        List<JsonNode> chunks = new ArrayList<>();
        output.path("chunks").forEach(chunks::add);
        return chunks;
    }

    @Test
    void theOutputOfARunningActionFollowsItInOrderWithStdoutAndStderrApart() {
        long id = run("core.local", Map.of("cmd", "echo first; echo warn-1 >&2; sleep 2; echo second; echo warn-2 >&2"));

        // while it sleeps: the first lines are there, the second not yet
        Instant deadline = Instant.now().plusSeconds(20);
        JsonNode output = api.get("/api/v1/executions/" + id + "/output").json();
        while (!text(chunks(output), "stdout").contains("first") && Instant.now().isBefore(deadline)) {
            sleep(100);
            output = api.get("/api/v1/executions/" + id + "/output").json();
        }
        assertThat(output.path("status").asText()).as(output.toString()).isEqualTo("running");
        assertThat(output.path("done").asBoolean()).isFalse();
        assertThat(text(chunks(output), "stdout")).isEqualTo("first\n");
        assertThat(text(chunks(output), "stdout")).doesNotContain("second");
        long seen = output.path("next").asLong();
        assertThat(seen).isPositive();

        // follow with after= until done: only new chunks come, in seq order
        List<JsonNode> all = new ArrayList<>(chunks(output));
        JsonNode next = output;
        while (!next.path("done").asBoolean() && Instant.now().isBefore(deadline)) {
            sleep(200);
            next = api.get("/api/v1/executions/" + id + "/output?after=" + seen).json();
            chunks(next).forEach(c -> assertThat(c.path("seq").asLong()).isGreaterThan(0));
            all.addAll(chunks(next));
            seen = next.path("next").asLong();
        }
        assertThat(next.path("done").asBoolean()).as(next.toString()).isTrue();
        assertThat(next.path("status").asText()).isEqualTo("succeeded");
        assertThat(all).extracting(c -> c.path("seq").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(text(all, "stdout")).isEqualTo("first\nsecond\n");
        assertThat(text(all, "stderr")).isEqualTo("warn-1\nwarn-2\n");
        assertThat(all.getFirst().path("at").asText()).endsWith("Z");

        // the stored chunks add up to the final output, which is unchanged
        JsonNode ended = awaitTerminal(api, id, Duration.ofSeconds(5));
        assertThat(ended.path("stdout").asText()).isEqualTo("first\nsecond\n");
        assertThat(ended.path("stderr").asText()).isEqualTo("warn-1\nwarn-2\n");
        JsonNode stderrOnly = api.get("/api/v1/executions/" + id + "/output?stream=stderr").json();
        assertThat(text(chunks(stderrOnly), "stderr")).isEqualTo("warn-1\nwarn-2\n");
        assertThat(chunks(stderrOnly)).allSatisfy(c -> assertThat(c.path("stream").asText()).isEqualTo("stderr"));
    }

    @Test
    void anInlineActionAndOneThatPrintsNothingHaveNoChunks() {
        long echo = run("core.echo", Map.of("message", "hello"));
        long quiet = run("core.local", Map.of("cmd", "true"));

        awaitTerminal(api, echo, Duration.ofSeconds(20));
        awaitTerminal(api, quiet, Duration.ofSeconds(20));

        for (long id : List.of(echo, quiet)) {
            JsonNode output = api.get("/api/v1/executions/" + id + "/output").json();
            assertThat(output.path("status").asText()).isEqualTo("succeeded");
            assertThat(output.path("done").asBoolean()).isTrue();
            assertThat(output.path("chunks")).isEmpty();
        }
    }

    @Test
    void aSecretTheActionPrintsIsMaskedInItsChunksAndWeAddNoSecretOfOurOwn(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("e2e_tail");
        Files.createDirectories(root.resolve("actions"));
        Files.writeString(root.resolve("pack.yaml"), "ref: e2e_tail\nversion: 1.0.0\n");
        Files.writeString(root.resolve("actions/login.yaml"), """
                name: login
                runner: shell
                entry_point: login.sh
                parameters:
                  user: {type: string}
                  token: {type: string, secret: true}
                  quiet: {type: string, secret: true}
                """);
        Files.writeString(root.resolve("actions/login.sh"),
                """
                #!/bin/bash
                echo "user=$ATTUNE_PARAM_USER"
                # secrets come on stdin only: print the token, as careless scripts do
                sed -n 's/.*"token" *: *"\\([^"]*\\)".*/token=\\1/p' >&2
                """);
        assertThat(api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString()))).status()).isEqualTo(201);

        long id = run("e2e_tail.login", Map.of("user", "ada", "token", "s3cr3t-printed", "quiet", "s3cr3t-unprinted"));
        JsonNode ended = awaitTerminal(api, id, Duration.ofSeconds(20));
        Api.Response output = api.get("/api/v1/executions/" + id + "/output");

        assertThat(output.status()).isEqualTo(200);
        assertThat(text(chunks(output.json()), "stdout")).isEqualTo("user=ada\n");
        assertThat(text(chunks(output.json()), "stderr")).isEqualTo("token=********")
                .isEqualTo(ended.path("stderr").asText());
        assertThat(output.body()).doesNotContain("s3cr3t");
    }

    @Test
    void anUnknownExecutionIsNotFoundAndABadAfterOrStreamIsAProblem() {
        long id = run("core.echo", Map.of("message", "x"));

        Api.Response unknown = api.get("/api/v1/executions/999999999/output");
        Api.Response negative = api.get("/api/v1/executions/" + id + "/output?after=-1");
        Api.Response word = api.get("/api/v1/executions/" + id + "/output?after=soon");
        Api.Response stream = api.get("/api/v1/executions/" + id + "/output?stream=stdin");
        Api.Response anonymous = api.anonymous().get("/api/v1/executions/" + id + "/output");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        for (Api.Response bad : List.of(negative, word, stream)) {
            assertThat(bad.status()).as(bad.body()).isBetween(400, 422);
            assertThat(bad.contentType()).startsWith("application/problem+json");
        }
        assertThat(negative.body()).contains("after");
        assertThat(word.body()).contains("after");
        assertThat(stream.body()).contains("stream");
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
