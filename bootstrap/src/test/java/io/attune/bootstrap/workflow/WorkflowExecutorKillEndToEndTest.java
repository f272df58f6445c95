package io.attune.bootstrap.workflow;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import io.attune.bootstrap.support.WorkerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor JVM killed ({@code kill -9}) in the middle of a with-items task of 200 items, on real PostgreSQL and
 * RabbitMQ. Each item is a subworkflow, so the executor is at work throughout: it starts each item's workflow from
 * the {@code work.workflow} queue (while the worker, in this JVM with the API, runs the item's one action and ends it,
 * advancing both workflows in that ending's transaction). After a new executor starts, every item has run exactly
 * once (one child per item index, one action run per item as the action's own marks show) and the workflow succeeds.
 */
class WorkflowExecutorKillEndToEndTest {

    private static final String PACK = "wfkill";
    private static final int ITEMS = 200;

    @Test
    void killingTheExecutorMidWithItemsLosesAndRepeatsNoItemAndTheWorkflowSucceeds(@TempDir Path dir)
            throws Exception {
        String ns = "attune-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> executorEnv = Map.of("ATTUNE_ROLES", "executor", "ATTUNE_AMQP_NAMESPACE", ns,
                "ATTUNE_PACKS_INSTALL_BUNDLED", "false", "ATTUNE_EXECUTOR_RELAY_INTERVAL", "300ms");
        // the executor JVM boots while this one starts the API and the worker
        WorkerProcess first = WorkerProcess.start(executorEnv);
        TestApplication apiAndWorker = null;
        WorkerProcess second = null;
        try (first) {
            apiAndWorker = TestApplication.start(Map.of("attune.amqp.namespace", ns, "attune.roles", "api,worker",
                    "attune.packs.install-bundled", "false"));
            Api api = new Api(apiAndWorker.url());
            Path marks = dir.resolve("marks.txt");
            Files.createFile(marks);
            install(api, dir);
            first.awaitLog("Attune started", Duration.ofSeconds(90));

            Api.Response created = api.post("/api/v1/executions", Api.json(Map.of("action", "wfkill.many",
                    "parameters", Map.of("items", IntStream.range(0, ITEMS).boxed().toList(),
                            "marks", marks.toString()))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().path("id").asLong();

            // mid-way: some items done, most not yet started
            int doneAtKill = awaitItemsDone(api, id, 30);
            first.killJvm();
            System.out.printf("[measured] executor killed with %d of %d items done%n", doneAtKill, ITEMS);
            second = WorkerProcess.start(executorEnv);
            second.awaitLog("Attune started", Duration.ofSeconds(90));
            JsonNode done = awaitTerminal(api, id, Duration.ofSeconds(180));
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
            assertThat(doneAtKill).as("the kill came mid-way").isLessThan(ITEMS);

            List<JsonNode> children = children(api, id);
            assertThat(children).extracting(c -> c.path("task").path("item").asInt())
                    .as("one child per item index, none missing, none twice")
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, ITEMS).boxed().toList());
            assertThat(children).extracting(c -> c.path("status").asText()).containsOnly("succeeded");
            assertThat(children).extracting(c -> c.path("task").path("attempt").asInt()).containsOnly(0);
            assertThat(Files.readAllLines(marks)).as("each item's action ran once")
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, ITEMS).mapToObj(Integer::toString).toList());
            for (JsonNode child : children) {
                assertThat(children(api, child.path("id").asLong())).as("the action runs of item %s",
                        child.path("task").path("item")).hasSize(1);
            }
        } finally {
            if (second != null) {
                second.close();
            }
            if (apiAndWorker != null) {
                apiAndWorker.stop();
            }
            TestServices.get().deleteNamespace(ns);
        }
    }

    /** Waits until at least {@code count} items of the workflow have ended; returns how many had. */
    private static int awaitItemsDone(Api api, long id, int count) {
        Instant deadline = Instant.now().plusSeconds(60);
        int done = 0;
        while (done < count && Instant.now().isBefore(deadline)) {
            sleep(100);
            done = (int) children(api, id).stream().filter(c -> c.path("status").asText().equals("succeeded")).count();
        }
        assertThat(done).as("items done").isGreaterThanOrEqualTo(count);
        return done;
    }

    private static List<JsonNode> children(Api api, long parent) {
        List<JsonNode> all = new ArrayList<>();
        api.get("/api/v1/executions?parent=" + parent + "&limit=1000").json().path("items").forEach(all::add);
        return all;
    }

    /**
     * {@code wfkill.many} runs {@code wfkill.one} for each item, 20 at a time; {@code wfkill.one} is a workflow whose
     * one task runs {@code wfkill.mark}, a shell action that appends its item to the marks file.
     */
    private static void install(Api api, Path dir) throws IOException {
        Path root = dir.resolve(PACK);
        Files.createDirectories(root.resolve("actions/workflows"));
        Files.writeString(root.resolve("pack.yaml"), "ref: " + PACK + "\nversion: 1.0.0\n");
        Files.writeString(root.resolve("actions/mark.yaml"), """
                name: mark
                runner: shell
                entry_point: mark.sh
                parameters:
                  item: {type: integer, required: true}
                  marks: {type: string, required: true}
                """);
        Files.writeString(root.resolve("actions/mark.sh"), """
                #!/bin/bash
                echo "$ATTUNE_PARAM_ITEM" >> "$ATTUNE_PARAM_MARKS"
                """);
        Files.writeString(root.resolve("actions/one.yaml"), """
                name: one
                runner: workflow
                entry_point: workflows/one.yaml
                parameters:
                  item: {type: integer, required: true}
                  marks: {type: string, required: true}
                """);
        Files.writeString(root.resolve("actions/workflows/one.yaml"), """
                version: 1.0
                input:
                  - item
                  - marks
                tasks:
                  mark:
                    action: wfkill.mark
                    input:
                      item: <% ctx(item) %>
                      marks: <% ctx(marks) %>
                """);
        Files.writeString(root.resolve("actions/many.yaml"), """
                name: many
                runner: workflow
                entry_point: workflows/many.yaml
                parameters:
                  items: {type: array, required: true}
                  marks: {type: string, required: true}
                """);
        Files.writeString(root.resolve("actions/workflows/many.yaml"), """
                version: 1.0
                input:
                  - items
                  - marks
                tasks:
                  each:
                    with:
                      items: i in <% ctx(items) %>
                      concurrency: 20
                    action: wfkill.one
                    input:
                      item: <% item(i) %>
                      marks: <% ctx(marks) %>
                """);
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }
}
