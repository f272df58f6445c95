package io.attune.bootstrap.execution;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded policy queues on the whole platform: a full queue cancels (or, from the API with {@code overflow: reject},
 * answers 429 and stores nothing), a wait past {@code queue_timeout} ends as timeout and the next one gets the place,
 * and the queue stats show the bounds and the counts.
 */
class BoundedQueuesEndToEndTest {

    private static Api api;

    @BeforeAll
    static void start() {
        api = new Api(TestApplication.shared().url());
    }

    @Test
    void aRequestThatFindsTheQueueFullEndsCanceledWithTheReason(@TempDir Path dir) throws IOException {
        install(dir, "e2e_qfull", "limit: 1, max_queue: 1");
        long running = run("e2e_qfull", 3).path("id").asLong();
        long waiting = run("e2e_qfull", 0).path("id").asLong();

        JsonNode refused = run("e2e_qfull", 0);

        assertThat(refused.path("status").asText()).as(refused.toString()).isEqualTo("canceled");
        assertThat(refused.path("failure").asText()).contains("policy queue full", "e2e_qfull.limit", "max_queue 1");
        assertThat(api.get("/api/v1/executions/" + waiting).json().path("status").asText()).isEqualTo("delayed");
        JsonNode stats = api.get("/api/v1/actions/e2e_qfull.step/queue-stats").json().path("items").get(0);
        assertThat(stats.path("max_queue").asInt()).isEqualTo(1);
        assertThat(stats.path("total_overflowed").asLong()).isEqualTo(1);
        assertThat(stats.path("queue_timeout_seconds").isNull()).isTrue();
        assertThat(awaitTerminal(api, running, Duration.ofSeconds(30)).path("status").asText()).isEqualTo("succeeded");
        assertThat(awaitTerminal(api, waiting, Duration.ofSeconds(30)).path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void withOverflowRejectTheApiAnswers429WithRetryAfterAndStoresNothing(@TempDir Path dir) throws IOException {
        install(dir, "e2e_qreject", "limit: 1, max_queue: 1, overflow: reject");
        long running = run("e2e_qreject", 3).path("id").asLong();
        long waiting = run("e2e_qreject", 0).path("id").asLong();
        long before = api.get("/api/v1/executions?action=e2e_qreject.step").json().path("total").asLong();

        Api.Response refused = api.post("/api/v1/executions",
                Api.json(Map.of("action", "e2e_qreject.step", "parameters", Map.of("seconds", 0))));

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(refused.body()).contains("policy queue full", "max_queue 1");
        assertThat(api.get("/api/v1/executions?action=e2e_qreject.step").json().path("total").asLong())
                .as("nothing stored").isEqualTo(before).isEqualTo(2);
        assertThat(awaitTerminal(api, running, Duration.ofSeconds(30)).path("status").asText()).isEqualTo("succeeded");
        assertThat(awaitTerminal(api, waiting, Duration.ofSeconds(30)).path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aWaitPastTheQueueTimeoutEndsAsTimeoutAndTheNextOneRuns(@TempDir Path dir) throws IOException {
        install(dir, "e2e_qtimeout", "limit: 1, queue_timeout: 4");
        long running = run("e2e_qtimeout", 7).path("id").asLong();
        long expiring = run("e2e_qtimeout", 0).path("id").asLong();

        JsonNode expired = awaitTerminal(api, expiring, Duration.ofSeconds(20));
        long next = run("e2e_qtimeout", 0).path("id").asLong();
        JsonNode nextWhileWaiting = api.get("/api/v1/executions/" + next).json();

        assertThat(expired.path("status").asText()).as(expired.toString()).isEqualTo("timeout");
        assertThat(expired.path("failure").asText()).contains("e2e_qtimeout.limit", "queue_timeout of 4s");
        assertThat(expired.path("started_at").isNull()).as("it never ran").isTrue();
        assertThat(nextWhileWaiting.path("status").asText()).isEqualTo("delayed");
        assertThat(nextWhileWaiting.path("queue_position").asInt()).as("first in line after the timeout").isEqualTo(1);
        assertThat(awaitTerminal(api, running, Duration.ofSeconds(30)).path("status").asText()).isEqualTo("succeeded");
        assertThat(awaitTerminal(api, next, Duration.ofSeconds(30)).path("status").asText()).isEqualTo("succeeded");
        JsonNode stats = api.get("/api/v1/actions/e2e_qtimeout.step/queue-stats").json().path("items").get(0);
        assertThat(stats.path("queue_timeout_seconds").asLong()).isEqualTo(4);
        assertThat(stats.path("total_timed_out").asLong()).isEqualTo(1);
        assertThat(stats.path("max_queue").asInt()).isEqualTo(10_000);
    }

    @Test
    void badQueueBoundsAreRefusedAtInstallNamingFileAndField(@TempDir Path dir) throws IOException {
        Path root = ExecutionApiEndToEndTest.limitedPack(dir, "e2e_qbad", "limit: 1, max_queue: 0, queue_timeout: -1, overflow: drop");

        Api.Response refused = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("policies/limit.yaml", "concurrency.max_queue", "concurrency.queue_timeout",
                "concurrency.overflow");
        assertThat(api.get("/api/v1/packs/e2e_qbad").status()).as("nothing installed").isEqualTo(404);
    }

    private static JsonNode run(String pack, double seconds) {
        Api.Response created = api.post("/api/v1/executions",
                Api.json(Map.of("action", pack + ".step", "parameters", Map.of("seconds", seconds))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static void install(Path dir, String pack, String concurrency) throws IOException {
        Path root = ExecutionApiEndToEndTest.limitedPack(dir, pack, concurrency);
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }
}
