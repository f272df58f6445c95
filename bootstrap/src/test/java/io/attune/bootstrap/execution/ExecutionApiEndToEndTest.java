package io.attune.bootstrap.execution;

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
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running actions through the API on the whole platform: PostgreSQL, RabbitMQ, executor, worker, subprocesses. */
public class ExecutionApiEndToEndTest {

    static final Set<String> TERMINAL = Set.of("succeeded", "failed", "timeout", "canceled", "abandoned");
    private static Api api;

    @BeforeAll
    static void start() {
        api = new Api(TestApplication.shared().url());
    }

    static JsonNode run(Api api, String action, Map<String, Object> parameters) {
        Api.Response created = api.post("/api/v1/executions", Api.json(Map.of("action", action, "parameters", parameters)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    public static JsonNode awaitTerminal(Api api, long id, Duration within) {
        Instant deadline = Instant.now().plus(within);
        JsonNode execution = api.get("/api/v1/executions/" + id).json();
        while (!TERMINAL.contains(execution.path("status").asText()) && Instant.now().isBefore(deadline)) {
            sleep(50);
            execution = api.get("/api/v1/executions/" + id).json();
        }
        return execution;
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void runsCoreEchoInProcess() {
        long id = run(api, "core.echo", Map.of("message", "hello")).path("id").asLong();

        JsonNode done = awaitTerminal(api, id, Duration.ofSeconds(20));

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("result").path("message").asText()).isEqualTo("hello");
        assertThat(done.path("worker").asText()).isNotBlank();
        assertThat(done.path("finished_at").asText()).endsWith("Z");
    }

    @Test
    void runsAShellCommandAndCapturesItsOutput() {
        long id = run(api, "core.local", Map.of("cmd", "echo hi; echo oops >&2; exit 0")).path("id").asLong();

        JsonNode done = awaitTerminal(api, id, Duration.ofSeconds(20));

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("stdout").asText()).isEqualTo("hi\n");
        assertThat(done.path("stderr").asText()).isEqualTo("oops\n");
        assertThat(done.path("exit_code").asInt()).isZero();
    }

    @Test
    void aNonZeroExitFailsAndATimeoutKillsTheProcess() {
        long failing = run(api, "core.local", Map.of("cmd", "exit 3")).path("id").asLong();
        Api.Response slow = api.post("/api/v1/executions", Api.json(Map.of("action", "core.local",
                "parameters", Map.of("cmd", "sleep 30"), "timeout", 1)));
        assertThat(slow.status()).as(slow.body()).isEqualTo(201);

        JsonNode failed = awaitTerminal(api, failing, Duration.ofSeconds(20));
        JsonNode timedOut = awaitTerminal(api, slow.json().path("id").asLong(), Duration.ofSeconds(20));

        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("exit_code").asInt()).isEqualTo(3);
        assertThat(timedOut.path("status").asText()).as(timedOut.toString()).isEqualTo("timeout");
    }

    @Test
    void parametersAreValidatedAndUnknownActionsAreNotFound() {
        Api.Response missing = api.post("/api/v1/executions", Api.json(Map.of("action", "core.local", "parameters", Map.of())));
        Api.Response wrongType = api.post("/api/v1/executions",
                Api.json(Map.of("action", "core.sleep", "parameters", Map.of("seconds", "soon"))));
        Api.Response unknownName = api.post("/api/v1/executions",
                Api.json(Map.of("action", "core.noop", "parameters", Map.of("surprise", 1))));
        Api.Response unknown = api.post("/api/v1/executions", Api.json(Map.of("action", "core.nothing", "parameters", Map.of())));

        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.body()).contains("parameters.cmd");
        assertThat(wrongType.status()).as(wrongType.body()).isEqualTo(422);
        assertThat(wrongType.body()).contains("parameters.seconds");
        assertThat(unknownName.status()).as(unknownName.body()).isEqualTo(422);
        assertThat(unknownName.body()).contains("surprise");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void cancelStopsARunningActionAndCancelOfAFinishedOneIsAConflict() {
        long id = run(api, "core.local", Map.of("cmd", "sleep 30")).path("id").asLong();
        Instant deadline = Instant.now().plusSeconds(20);
        while (!api.get("/api/v1/executions/" + id).json().path("status").asText().equals("running")
                && Instant.now().isBefore(deadline)) {
            sleep(50);
        }

        Api.Response cancel = api.post("/api/v1/executions/" + id + "/cancel", "");
        JsonNode done = awaitTerminal(api, id, Duration.ofSeconds(20));

        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("canceled");
        assertThat(api.post("/api/v1/executions/" + id + "/cancel", "").status()).isEqualTo(409);
        assertThat(api.post("/api/v1/executions/999999999/cancel", "").status()).isEqualTo(404);
    }

    @Test
    void rerunMakesANewExecutionWithTheSameParameters() {
        long id = run(api, "core.echo", Map.of("message", "again")).path("id").asLong();
        awaitTerminal(api, id, Duration.ofSeconds(20));

        Api.Response rerun = api.post("/api/v1/executions/" + id + "/rerun", "{}");

        assertThat(rerun.status()).as(rerun.body()).isEqualTo(201);
        long second = rerun.json().path("id").asLong();
        assertThat(second).isNotEqualTo(id);
        assertThat(awaitTerminal(api, second, Duration.ofSeconds(20)).path("result").path("message").asText()).isEqualTo("again");
    }

    @Test
    void aConcurrencyPolicyDelaysInFifoOrderAndShowsQueuePositionAndStats(@TempDir Path dir) throws IOException {
        installLimitedPack(api, dir, "e2e_fifo", 1);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(run(api, "e2e_fifo.step", Map.of("seconds", 0.3)).path("id").asLong());
        }
        JsonNode last = api.get("/api/v1/executions/" + ids.get(3)).json();
        JsonNode stats = api.get("/api/v1/actions/e2e_fifo.step/queue-stats").json();

        assertThat(last.path("status").asText()).isEqualTo("delayed");
        assertThat(last.path("queue_position").asInt()).isBetween(1, 3);
        assertThat(stats.path("items").get(0).path("limit").asInt()).isEqualTo(1);

        List<JsonNode> done = ids.stream().map(id -> awaitTerminal(api, id, Duration.ofSeconds(30))).toList();
        assertThat(done).allSatisfy(e -> assertThat(e.path("status").asText()).as(e.toString()).isEqualTo("succeeded"));
        for (int i = 1; i < done.size(); i++) {
            Instant previousEnd = Instant.parse(done.get(i - 1).path("finished_at").asText());
            Instant start = Instant.parse(done.get(i).path("started_at").asText());
            assertThat(start).as("execution %s starts after %s ended", ids.get(i), ids.get(i - 1)).isAfterOrEqualTo(previousEnd);
        }
    }

    @Test
    void workersAreListedWithTheirRuntimesAndHeartbeat() {
        JsonNode workers = api.get("/api/v1/workers").json();
        // this application's own worker: the database may hold others (other tests' workers, stopped or lost)
        String name = TestApplication.shared().context().getBean(io.attune.application.service.WorkerService.class).name();

        JsonNode worker = null;
        for (JsonNode w : workers.path("items")) {
            if (w.path("name").asText().equals(name)) {
                worker = w;
            }
        }
        assertThat(worker).as(workers.toString()).isNotNull();
        assertThat(worker.path("status").asText()).isEqualTo("active");
        assertThat(worker.path("runtimes").toString()).contains("shell", "python", "node");
        assertThat(worker.path("last_heartbeat").asText()).endsWith("Z");
        assertThat(worker.path("heartbeat_interval_ms").asLong()).isEqualTo(10_000);
    }

    @Test
    void secretParametersAreMaskedWhereverAnExecutionIsShown(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("e2e_secret");
        Files.createDirectories(root.resolve("actions"));
        Files.writeString(root.resolve("pack.yaml"), "ref: e2e_secret\nversion: 1.0.0\n");
        Files.writeString(root.resolve("actions/login.yaml"), """
                name: login
                runner: shell
                entry_point: login.sh
                parameters:
                  user: {type: string}
                  token: {type: string, secret: true}
                """);
        Files.writeString(root.resolve("actions/login.sh"), "#!/bin/bash\necho \"user=$ATTUNE_PARAM_USER\"\n");
        assertThat(api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString()))).status()).isEqualTo(201);

        JsonNode created = run(api, "e2e_secret.login", Map.of("user", "ada", "token", "s3cr3t-value"));
        JsonNode done = awaitTerminal(api, created.path("id").asLong(), Duration.ofSeconds(20));
        Api.Response list = api.get("/api/v1/executions?action=e2e_secret.login");

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("parameters").path("token").asText()).isEqualTo("********");
        assertThat(done.path("parameters").path("user").asText()).isEqualTo("ada");
        assertThat(created.toString()).doesNotContain("s3cr3t-value");
        assertThat(done.toString()).doesNotContain("s3cr3t-value");
        assertThat(list.body()).doesNotContain("s3cr3t-value");
    }

    @Test
    void theStreamSendsStatusChangesAsServerSentEvents() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        var response = http.sendAsync(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(TestApplication.shared().url() + "/api/v1/stream"))
                        .header("Authorization", Api.adminAuthorization(TestApplication.shared().url())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        var body = response.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(body.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        Thread reader = Thread.ofVirtual().start(() -> body.body().forEach(lines::add));
        try {
            sleep(300);
            long id = run(api, "core.echo", Map.of("message", "streamed")).path("id").asLong();
            Set<String> seen = new java.util.HashSet<>();
            Instant deadline = Instant.now().plusSeconds(20);
            while (!seen.contains("succeeded") && Instant.now().isBefore(deadline)) {
                String line = lines.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("data:")) {
                    JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line.substring(5));
                    if (event.path("execution").asLong() == id) {
                        seen.add(event.path("status").asText());
                    }
                }
            }
            assertThat(seen).contains("scheduled", "succeeded");
        } finally {
            reader.interrupt();
            response.cancel(true);
        }
    }

    /** A pack with one shell action {@code <pack>.step} sleeping {@code seconds}, limited to {@code limit} at once. */
    static void installLimitedPack(Api api, Path dir, String pack, int limit) throws IOException {
        Path root = limitedPack(dir, pack, "limit: " + limit + ", behavior: delay");
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    /** The files of a pack with one shell action {@code <pack>.step} sleeping {@code seconds}, under {@code concurrency: {…}}. */
    static Path limitedPack(Path dir, String pack, String concurrency) throws IOException {
        Path root = dir.resolve(pack);
        Files.createDirectories(root.resolve("actions"));
        Files.createDirectories(root.resolve("policies"));
        Files.writeString(root.resolve("pack.yaml"), "ref: " + pack + "\nversion: 1.0.0\ndescription: e2e\n");
        Files.writeString(root.resolve("actions/step.yaml"), """
                name: step
                runner: shell
                entry_point: step.sh
                parameters:
                  seconds: {type: number, default: 0}
                """);
        Files.writeString(root.resolve("actions/step.sh"), "#!/bin/bash\nsleep \"$ATTUNE_PARAM_SECONDS\"\necho done\n");
        Files.writeString(root.resolve("policies/limit.yaml"), "ref: " + pack + ".limit\naction: " + pack
                + ".step\nconcurrency: {" + concurrency + "}\n");
        return root;
    }
}
