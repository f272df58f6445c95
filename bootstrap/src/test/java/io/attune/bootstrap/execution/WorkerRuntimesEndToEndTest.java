package io.attune.bootstrap.execution;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.run;
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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers as they are, each in a JVM of its own on the real PostgreSQL and RabbitMQ: a worker whose node is missing
 * ({@code ATTUNE_RUNTIME_NODE} pointing nowhere) does not serve node, so a node action stays {@code scheduled} and says
 * why, as does an action asking for a label no live worker has; once a worker with node and that label starts, both
 * run there. {@code GET /api/v1/runtimes} shows who serves what, with versions and paths. A malformed
 * {@code ATTUNE_WORKER_LABELS} stops startup naming the setting.
 */
class WorkerRuntimesEndToEndTest {

    @Test
    void aWorkerServesOnlyTheRuntimesItFindsAndLabeledWorkGoesOnlyToWorkersWithThoseLabels(@TempDir Path dir)
            throws Exception {
        String ns = "attune-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String plain = "e2e-nonode-" + UUID.randomUUID().toString().substring(0, 6);
        String gpu = "e2e-gpu-" + UUID.randomUUID().toString().substring(0, 6);
        // a database of its own: the workers of other tests (other namespaces, same database) serve node too
        String database = "attune_e2e_rt_" + UUID.randomUUID().toString().substring(0, 8);
        String url = TestServices.get().freshDatabase(database);
        TestApplication executor = TestApplication.start(Map.of("attune.amqp.namespace", ns,
                "attune.roles", "api,executor", "attune.packs.install-bundled", "false",
                "datasources.default.url", url));
        try (WorkerProcess withoutNode = worker(ns, url, plain, Map.of("ATTUNE_RUNTIME_NODE", "/nonexistent/bin/node"));
             WorkerProcess malformed = worker(ns, url, "e2e-bad-" + UUID.randomUUID().toString().substring(0, 6),
                     Map.of("ATTUNE_WORKER_LABELS", "region=eu,GPU"))) {
            Api api = new Api(executor.url());
            installPack(api, dir);
            withoutNode.awaitLog("Attune started", Duration.ofSeconds(120));
            assertThat(withoutNode.log()).contains("Runtime node is not served by this worker: '/nonexistent/bin/node'"
                    + " is not an executable file");

            JsonNode runtimes = api.get("/api/v1/runtimes").json().path("items");
            JsonNode shell = byName(runtimes, "shell");
            assertThat(shell.path("served").asBoolean()).isTrue();
            assertThat(shell.path("workers").get(0).path("name").asText()).isEqualTo(plain);
            assertThat(shell.path("workers").get(0).path("version").asText()).matches("\\d+(\\.\\d+)+");
            assertThat(shell.path("workers").get(0).path("path").asText()).startsWith("/").endsWith("bash");
            assertThat(byName(runtimes, "node").path("served").asBoolean()).isFalse();

            long shellId = run(api, "e2e_rt.hello_sh", Map.of()).path("id").asLong();
            long nodeId = run(api, "e2e_rt.hello_js", Map.of()).path("id").asLong();
            long gpuId = run(api, "e2e_rt.on_gpu", Map.of()).path("id").asLong();
            JsonNode ranShell = awaitTerminal(api, shellId, Duration.ofSeconds(60));
            assertThat(ranShell.path("status").asText()).as(ranShell.toString()).isEqualTo("succeeded");
            assertThat(ranShell.path("worker").asText()).isEqualTo(plain);
            sleep(1_000); // the plain worker had every chance to take them
            JsonNode waitingNode = api.get("/api/v1/executions/" + nodeId).json();
            assertThat(waitingNode.path("status").asText()).isEqualTo("scheduled");
            assertThat(waitingNode.path("waiting_for").asText()).isEqualTo("no live worker serves runtime node");
            JsonNode waitingGpu = api.get("/api/v1/executions/" + gpuId).json();
            assertThat(waitingGpu.path("status").asText()).isEqualTo("scheduled");
            assertThat(waitingGpu.path("waiting_for").asText())
                    .isEqualTo("no live worker serving runtime shell has the labels gpu=true");
            assertThat(ranShell.path("waiting_for").isNull()).isTrue();

            malformed.awaitLog("ATTUNE_WORKER_LABELS (attune.worker.labels) is malformed: 'GPU' is not a label name",
                    Duration.ofSeconds(120));
            assertThat(malformed.waitForExit(Duration.ofSeconds(30))).as("exit code").isPositive();

            try (WorkerProcess withGpu = worker(ns, url, gpu, Map.of("ATTUNE_WORKER_LABELS", "gpu=true,region=eu"))) {
                withGpu.awaitLog("Attune started", Duration.ofSeconds(120));
                JsonNode ranNode = awaitTerminal(api, nodeId, Duration.ofSeconds(60));
                assertThat(ranNode.path("status").asText()).as(ranNode.toString()).isEqualTo("succeeded");
                assertThat(ranNode.path("worker").asText()).isEqualTo(gpu);
                assertThat(ranNode.path("stdout").asText()).contains("hello from node");
                JsonNode ranGpu = awaitTerminal(api, gpuId, Duration.ofSeconds(60));
                assertThat(ranGpu.path("status").asText()).as(ranGpu.toString()).isEqualTo("succeeded");
                assertThat(ranGpu.path("worker").asText()).isEqualTo(gpu);

                // labeled work never goes to the worker without the label, even when it is idle
                for (int i = 0; i < 4; i++) {
                    long again = run(api, "e2e_rt.on_gpu", Map.of()).path("id").asLong();
                    assertThat(awaitTerminal(api, again, Duration.ofSeconds(60)).path("worker").asText()).isEqualTo(gpu);
                }
                JsonNode node = byName(api.get("/api/v1/runtimes").json().path("items"), "node");
                assertThat(node.path("served").asBoolean()).isTrue();
                assertThat(node.path("workers").get(0).path("name").asText()).isEqualTo(gpu);
                JsonNode listed = null;
                for (JsonNode w : api.get("/api/v1/workers").json().path("items")) {
                    if (w.path("name").asText().equals(gpu)) {
                        listed = w;
                    }
                }
                assertThat(listed).isNotNull();
                assertThat(listed.path("labels").path("gpu").asText()).isEqualTo("true");
                assertThat(listed.path("labels").path("region").asText()).isEqualTo("eu");
            }
        } finally {
            executor.stop();
            TestServices.get().deleteNamespace(ns, java.util.stream.Stream.of("shell", "python", "node", "internal", "http")
                    .flatMap(runner -> java.util.stream.Stream.of("gpu=true", "region=eu", "gpu=true,region=eu")
                            .map(labels -> "work." + runner + "." + labels)).toList());
            TestServices.get().dropDatabase(database);
        }
    }

    private static WorkerProcess worker(String ns, String url, String name, Map<String, String> extra)
            throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("ATTUNE_ROLES", "worker", "ATTUNE_AMQP_NAMESPACE", ns,
                "ATTUNE_DATABASE_URL", url, "ATTUNE_WORKER_NAME", name, "ATTUNE_WORKER_HEARTBEAT", "1s",
                "ATTUNE_PACKS_INSTALL_BUNDLED", "false"));
        env.putAll(extra);
        return WorkerProcess.start(env);
    }

    private static JsonNode byName(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no " + name + " in " + items);
    }

    private static void installPack(Api api, Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("e2e_rt").resolve("actions"));
        Files.writeString(root.getParent().resolve("pack.yaml"), "ref: e2e_rt\nversion: 1.0.0\n");
        Files.writeString(root.resolve("hello_sh.yaml"), "name: hello_sh\nrunner: shell\nentry_point: hello.sh\n");
        Files.writeString(root.resolve("hello.sh"), "#!/bin/bash\necho hello from shell\n");
        Files.writeString(root.resolve("hello_js.yaml"), "name: hello_js\nrunner: node\nentry_point: hello.js\n");
        Files.writeString(root.resolve("hello.js"), "console.log('hello from node');\n");
        Files.writeString(root.resolve("on_gpu.yaml"), """
                name: on_gpu
                runner: shell
                entry_point: hello.sh
                worker_labels: {gpu: true}
                """);
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.getParent().toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }
}
