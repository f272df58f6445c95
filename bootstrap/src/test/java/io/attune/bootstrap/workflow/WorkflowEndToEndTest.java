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
        action(root, "slow", "waits half a minute");
        Files.writeString(root.resolve("actions/workflows/slow.yaml"), """
                version: 1.0
                tasks:
                  wait:
                    action: core.local
                    input:
                      cmd: sleep 30
                """);
        action(root, "steps", "one step, then another");
        Files.writeString(root.resolve("actions/workflows/steps.yaml"), """
                version: 1.0
                tasks:
                  one:
                    action: core.local
                    input:
                      cmd: sleep 2
                    next:
                      - do: two
                  two:
                    delay: 1
                    action: core.echo
                    input:
                      message: two
                """);
        action(root, "check", "succeeds once the key says yes");
        Files.writeString(root.resolve("actions/workflows/check.yaml"), """
                version: 1.0
                tasks:
                  first:
                    action: core.echo
                    input:
                      message: first
                    next:
                      - when: <% succeeded() %>
                        do: check
                  check:
                    action: core.local
                    input:
                      cmd: test "<% st2kv('system.wfe2e_ok') %>" = yes
                """);
        action(root, "fanout", "two branches at once, joined");
        Files.writeString(root.resolve("actions/workflows/fanout.yaml"), """
                version: 1.0
                tasks:
                  left:
                    action: core.local
                    input:
                      cmd: sleep 0.3; echo left
                    next:
                      - when: <% succeeded() %>
                        publish:
                          - left: <% result().stdout %>
                        do: both
                  right:
                    action: core.local
                    input:
                      cmd: sleep 0.3; echo right
                    next:
                      - when: <% succeeded() %>
                        publish:
                          - right: <% result().stdout %>
                        do: both
                  both:
                    join: all
                    action: core.echo
                    input:
                      message: <% ctx(left) %>+<% ctx(right) %>
                output:
                  - joined: <% ctx(left) %>+<% ctx(right) %>
                """);
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    private static void action(Path root, String name, String description) throws IOException {
        Files.writeString(root.resolve("actions/" + name + ".yaml"), "ref: wfe2e." + name + "\ndescription: "
                + description + "\nrunner: workflow\nentry_point: workflows/" + name + ".yaml\n");
    }

    private static long run(String action) {
        Api.Response created = api.post("/api/v1/executions", Api.json(Map.of("action", action)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private static JsonNode awaitStatus(long id, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode execution = api.get("/api/v1/executions/" + id).json();
        while (!execution.path("status").asText().equals(status) && System.nanoTime() < deadline) {
            ExecutionApiEndToEndTest.sleep(50);
            execution = api.get("/api/v1/executions/" + id).json();
        }
        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo(status);
        return execution;
    }

    private static JsonNode children(long id) {
        return api.get("/api/v1/executions?parent=" + id).json().path("items");
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

    @Test
    void canceledWorkflowStopsItsRunningTaskAndEndsCanceled() {
        long id = run("wfe2e.slow");
        awaitStatus(id, "running");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((children(id).isEmpty() || !children(id).get(0).path("status").asText().equals("running"))
                && System.nanoTime() < deadline) {
            ExecutionApiEndToEndTest.sleep(50);
        }
        long child = children(id).get(0).path("id").asLong();

        Api.Response canceled = api.post("/api/v1/executions/" + id + "/cancel", "{}");

        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        assertThat(canceled.json().path("status").asText()).isEqualTo("canceling");
        assertThat(ExecutionApiEndToEndTest.awaitTerminal(api, id, Duration.ofSeconds(30)).path("status").asText())
                .isEqualTo("canceled");
        assertThat(api.get("/api/v1/executions/" + child).json().path("status").asText()).isEqualTo("canceled");
    }

    @Test
    void aPausedWorkflowFinishesItsRunningTaskStartsNothingNewAndGoesOnWhenResumedThroughADelay() {
        long id = run("wfe2e.steps");
        awaitStatus(id, "running");

        Api.Response paused = api.post("/api/v1/executions/" + id + "/pause", "{}");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().path("status").asText()).isIn("pausing", "paused");
        awaitStatus(id, "paused");
        assertThat(children(id)).hasSize(1);
        assertThat(api.post("/api/v1/executions/" + id + "/pause", "{}").status()).isEqualTo(409);

        assertThat(api.post("/api/v1/executions/" + id + "/resume", "{}").status()).isEqualTo(200);
        JsonNode done = ExecutionApiEndToEndTest.awaitTerminal(api, id, Duration.ofSeconds(30));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(children(id)).hasSize(2);
        JsonNode two = api.get("/api/v1/executions/" + id + "/tasks").json().get(1);
        assertThat(java.time.Duration.between(java.time.Instant.parse(two.path("started_at").asText()),
                java.time.Instant.parse(children(id).get(0).path("created_at").asText())))
                .as("the delayed task's execution is requested once its timer fired").isGreaterThanOrEqualTo(
                        Duration.ofSeconds(1));
    }

    @Test
    void aFailedWorkflowRerunFromItsFailedTaskRunsOnlyThatTaskAgain() {
        assertThat(api.put("/api/v1/keys/wfe2e_ok", Api.json(Map.of("value", "no"))).status()).isIn(200, 201);
        long id = run("wfe2e.check");
        JsonNode failed = ExecutionApiEndToEndTest.awaitTerminal(api, id, Duration.ofSeconds(30));
        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.path("errors")).isNotEmpty();

        assertThat(api.post("/api/v1/executions/" + id + "/rerun", Api.json(Map.of("tasks", java.util.List.of("nope"))))
                .status()).isEqualTo(422);
        assertThat(api.put("/api/v1/keys/wfe2e_ok", Api.json(Map.of("value", "yes"))).status()).isIn(200, 201);
        Api.Response rerun = api.post("/api/v1/executions/" + id + "/rerun",
                Api.json(Map.of("tasks", java.util.List.of("check"))));
        assertThat(rerun.status()).as(rerun.body()).isEqualTo(201);
        long again = rerun.json().path("id").asLong();

        JsonNode done = ExecutionApiEndToEndTest.awaitTerminal(api, again, Duration.ofSeconds(30));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(children(again).findValuesAsText("action")).containsExactly("core.local");
    }

    @Test
    void branchesThatEndTogetherAreJoinedOnceWithBothPublishes() {
        long id = run("wfe2e.fanout");

        JsonNode done = ExecutionApiEndToEndTest.awaitTerminal(api, id, Duration.ofSeconds(30));

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("result").path("joined").asText()).isEqualTo("left\n+right\n");
        assertThat(children(id).findValuesAsText("action")).containsExactlyInAnyOrder("core.local", "core.local",
                "core.echo");
    }
}
