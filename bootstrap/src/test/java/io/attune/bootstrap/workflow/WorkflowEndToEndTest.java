package io.attune.bootstrap.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.execution.ExecutionApiEndToEndTest;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workflow on the whole platform: installed with its pack, requested through the API, started by the executor from
 * its dispatch, its tasks run by the worker as child executions (core.echo in process, core.local in a subprocess),
 * a publish carried from one task to the next, and its output shown as its result.
 */
public class WorkflowEndToEndTest {

    private static final String PACK = "wfe2e";
    private static Api api;

    @BeforeAll
    static void install(@TempDir Path dir) throws IOException {
        api = new Api(TestApplication.shared().url());
        Path root = dir.resolve(PACK);
        Files.createDirectories(root.resolve("actions/workflows"));
        Files.writeString(root.resolve("pack.yaml"), """
                ref: wfe2e
                label: Workflow end to end
                version: 1.0.0
                description: a workflow end to end
                """);
        Files.writeString(root.resolve("actions/hello.yaml"), """
                ref: wfe2e.hello
                description: greets, then says it aloud
                runner: workflow
                entry_point: workflows/hello.yaml
                parameters:
                  who: {type: string, required: true}
                """);
        Files.writeString(root.resolve("actions/workflows/hello.yaml"), """
                version: 1.0
                input:
                  - who
                tasks:
                  greet:
                    action: core.echo
                    input:
                      message: hello <% ctx(who) %>
                    next:
                      - when: <% succeeded() %>
                        publish:
                          - greeting: <% result().message %>
                        do: announce
                  announce:
                    action: core.local
                    input:
                      cmd: echo '<% ctx(greeting) %>!'
                    next:
                      - when: <% succeeded() %>
                        publish:
                          - said: <% result().stdout %>
                output:
                  - greeting: <% ctx(greeting) %>
                  - said: <% ctx(said) %>
                """);
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    @AfterAll
    static void uninstall() {
        api.delete("/api/v1/packs/" + PACK);
    }

    @Test
    void aSequentialWorkflowRunsItsTasksAsChildrenAndSucceedsWithItsOutput() {
        Api.Response created = api.post("/api/v1/executions",
                Api.json(Map.of("action", "wfe2e.hello", "parameters", Map.of("who", "ann"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();

        JsonNode done = ExecutionApiEndToEndTest.awaitTerminal(api, id, Duration.ofSeconds(30));

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("result").path("greeting").asText()).isEqualTo("hello ann");
        assertThat(done.path("result").path("said").asText()).isEqualTo("hello ann!\n");
        assertThat(done.path("errors").isArray()).as(done.toString()).isTrue();
        assertThat(done.path("errors")).isEmpty();

        JsonNode children = api.get("/api/v1/executions?parent=" + id).json().path("items");
        assertThat(children).hasSize(2);
        assertThat(children.findValuesAsText("action")).containsExactlyInAnyOrder("core.echo", "core.local");
        assertThat(children.findValuesAsText("status")).containsOnly("succeeded");
        assertThat(children.findValues("task")).extracting(t -> t.path("name").asText())
                .containsExactlyInAnyOrder("greet", "announce");

        JsonNode tasks = api.get("/api/v1/executions/" + id + "/tasks").json();
        assertThat(tasks.findValuesAsText("task")).containsExactly("greet", "announce");
        assertThat(tasks.findValuesAsText("status")).containsOnly("succeeded");
        assertThat(tasks.get(1).path("executions")).hasSize(1);
    }

    @Test
    void anInputTheWorkflowDoesNotDeclareIsRefusedNamingTheField() {
        Api.Response refused = api.post("/api/v1/executions",
                Api.json(Map.of("action", "wfe2e.hello", "parameters", Map.of("who", "ann", "whom", "bo"))));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().path("errors").findValuesAsText("field")).contains("parameters.whom");
    }

    @Test
    void pauseAndTasksAreRefusedForAnExecutionThatIsNotAWorkflow() {
        long id = api.post("/api/v1/executions", Api.json(Map.of("action", "core.echo",
                "parameters", Map.of("message", "x")))).json().path("id").asLong();
        ExecutionApiEndToEndTest.awaitTerminal(api, id, Duration.ofSeconds(20));

        assertThat(api.post("/api/v1/executions/" + id + "/pause", "{}").status()).isEqualTo(409);
        assertThat(api.get("/api/v1/executions/" + id + "/tasks").status()).isEqualTo(409);
        assertThat(api.get("/api/v1/executions/" + id).json().path("errors").isNull()).isTrue();
        assertThat(api.post("/api/v1/executions/999999999/resume", "{}").status()).isEqualTo(404);
    }
}
