package io.attune.bootstrap.workflow;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.WorkerDeathScene;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker JVM killed ({@code kill -9}, with the actions it runs) while it runs a task of two workflows, on real
 * PostgreSQL and RabbitMQ: the lease sweep ends both tasks' executions {@code abandoned}; the workflow whose task
 * has no retry fails, naming the task; the one whose task says {@code retry: {when: <% failed() %>, count: 1}} runs it
 * again on the worker that is left and succeeds. Timings are short (heartbeat 300 ms, lease 2 s, sweep 300 ms).
 */
class WorkflowWorkerDeathEndToEndTest {

    private static final String PACK = "wfdeath";

    @Test
    void aTaskWhoseWorkerDiedIsAbandonedAndFailsItsWorkflowUnlessItsRetryRunsItAgain(@TempDir Path dir)
            throws Exception {
        try (WorkerDeathScene scene = WorkerDeathScene.start()) {
            Api api = scene.api();
            install(api, dir);
            scene.awaitWorker();
            Path plainMark = dir.resolve("plain.started");
            Path retriedMark = dir.resolve("retried.started");
            long plain = start(api, "wfdeath.plain", plainMark);
            long retried = start(api, "wfdeath.retried", retriedMark);
            // both tasks' actions are running on the worker: each wrote its mark, then sleeps
            awaitFile(plainMark);
            awaitFile(retriedMark);
            long plainTask = onlyChild(api, plain).path("id").asLong();
            long retriedTask = onlyChild(api, retried).path("id").asLong();
            scene.killWorkerAndStartAnother();
            JsonNode abandoned = awaitTerminal(api, plainTask, Duration.ofSeconds(20));
            assertThat(abandoned.path("status").asText()).as(abandoned.toString()).isEqualTo("abandoned");
            JsonNode failed = awaitTerminal(api, plain, Duration.ofSeconds(20));
            assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.path("errors").findValuesAsText("task_id")).containsExactly("hang");
            assertThat(children(api, plain)).hasSize(1);

            assertThat(awaitTerminal(api, retriedTask, Duration.ofSeconds(20)).path("status").asText())
                    .isEqualTo("abandoned");
            JsonNode succeeded = awaitTerminal(api, retried, Duration.ofSeconds(30));
            assertThat(succeeded.path("status").asText()).as(succeeded.toString()).isEqualTo("succeeded");
            List<JsonNode> attempts = children(api, retried);
            assertThat(attempts).extracting(c -> c.path("task").path("attempt").asInt()).containsExactlyInAnyOrder(0, 1);
            assertThat(attempts).extracting(c -> c.path("status").asText())
                    .containsExactlyInAnyOrder("abandoned", "succeeded");
            JsonNode tasks = api.get("/api/v1/executions/" + retried + "/tasks").json();
            assertThat(tasks.findValuesAsText("status")).containsExactly("succeeded");
            assertThat(tasks.get(0).path("executions")).hasSize(2);
        }
    }

    /**
     * A shell action that, the first time for a mark, writes the mark and hangs; later it ends at once; and two
     * workflows running it as their one task, without and with a retry.
     */
    private static void install(Api api, Path dir) throws IOException {
        Path root = dir.resolve(PACK);
        Files.createDirectories(root.resolve("actions/workflows"));
        Files.writeString(root.resolve("pack.yaml"), "ref: " + PACK + "\nversion: 1.0.0\n");
        Files.writeString(root.resolve("actions/hang.yaml"), """
                name: hang
                runner: shell
                entry_point: hang.sh
                parameters:
                  mark: {type: string, required: true}
                """);
        Files.writeString(root.resolve("actions/hang.sh"), """
                #!/bin/bash
                if [ ! -e "$ATTUNE_PARAM_MARK" ]; then
                  touch "$ATTUNE_PARAM_MARK"
                  sleep 60
                fi
                """);
        for (String name : List.of("plain", "retried")) {
            Files.writeString(root.resolve("actions/" + name + ".yaml"), "name: " + name + "\nrunner: workflow\n"
                    + "entry_point: workflows/" + name + ".yaml\nparameters:\n  mark: {type: string, required: true}\n");
            Files.writeString(root.resolve("actions/workflows/" + name + ".yaml"), """
                    version: 1.0
                    input:
                      - mark
                    tasks:
                      hang:
                        action: wfdeath.hang
                        input:
                          mark: <% ctx(mark) %>
                    """ + (name.equals("retried") ? "    retry:\n      when: <% failed() %>\n      count: 1\n" : ""));
        }
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    private static long start(Api api, String action, Path mark) {
        Api.Response created = api.post("/api/v1/executions",
                Api.json(Map.of("action", action, "parameters", Map.of("mark", mark.toString()))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private static List<JsonNode> children(Api api, long parent) {
        List<JsonNode> all = new ArrayList<>();
        api.get("/api/v1/executions?parent=" + parent + "&limit=1000").json().path("items").forEach(all::add);
        return all;
    }

    private static JsonNode onlyChild(Api api, long parent) {
        List<JsonNode> children = children(api, parent);
        assertThat(children).hasSize(1);
        assertThat(children.get(0).path("status").asText()).isEqualTo("running");
        return children.get(0);
    }

    private static void awaitFile(Path file) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!Files.exists(file) && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        assertThat(file).exists();
    }
}
