package io.attune.bootstrap.execution;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.installLimitedPack;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.run;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import io.attune.bootstrap.support.WorkerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises that must hold when things go wrong, on real PostgreSQL and RabbitMQ: several executors, a worker
 * killed mid-action, duplicated messages, a publish lost after commit, an executor restart with a long queue.
 * Tests that need an isolated cluster give it its own AMQP namespace (its own exchange and queues).
 */
class FaultsEndToEndTest {

    private static String namespace() {
        return "attune-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<JsonNode> awaitAll(Api api, List<Long> ids, Duration within) {
        return ids.stream().map(id -> awaitTerminal(api, id, within)).toList();
    }

    private static Instant at(JsonNode execution, String field) {
        return Instant.parse(execution.path(field).asText());
    }

    @Test
    void twoExecutorsShareOneLimitAndKeepFifoOrder(@TempDir Path dir) throws Exception {
        Api a = new Api(TestApplication.shared().url());
        TestApplication second = TestApplication.start(Map.of());
        try {
            Api b = new Api(second.url());
            installLimitedPack(a, dir, "e2e_shared", 2);
            List<Long> requested = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Api via = i % 2 == 0 ? a : b;
                requested.add(run(via, "e2e_shared.step", Map.of("seconds", 0.2)).path("id").asLong());
            }

            List<JsonNode> done = awaitAll(a, requested, Duration.ofSeconds(60));

            assertThat(done).allSatisfy(e -> assertThat(e.path("status").asText()).as(e.toString()).isEqualTo("succeeded"));
            for (JsonNode e : done) {
                Instant start = at(e, "started_at");
                long overlapping = done.stream()
                        .filter(o -> !at(o, "started_at").isAfter(start) && at(o, "finished_at").isAfter(start))
                        .count();
                assertThat(overlapping).as("executions running when %s started", e.path("id")).isLessThanOrEqualTo(2);
            }
            for (int i = 1; i < done.size(); i++) {
                assertThat(at(done.get(i), "scheduled_at")).as("admission of %s after %s: %s", requested.get(i), requested.get(i - 1), done)
                        .isAfterOrEqualTo(at(done.get(i - 1), "scheduled_at"));
            }
        } finally {
            second.stop();
        }
    }

    @Test
    void aWorkerKilledMidActionLeavesItAbandonedAndTheNextOneAdmitted(@TempDir Path dir) throws Exception {
        String ns = namespace();
        TestApplication executor = TestApplication.start(Map.of("attune.amqp.namespace", ns,
                "attune.roles", "api,executor", "attune.executor.lease-sweep-interval", "300ms",
                "attune.packs.install-bundled", "false"));
        try (WorkerProcess worker = WorkerProcess.start(Map.of("ATTUNE_ROLES", "worker", "ATTUNE_AMQP_NAMESPACE", ns,
                "ATTUNE_WORKER_LEASE", "2s", "ATTUNE_WORKER_HEARTBEAT", "300ms",
                "ATTUNE_PACKS_INSTALL_BUNDLED", "false"))) {
            Api api = new Api(executor.url());
            worker.awaitLog("registered", Duration.ofSeconds(60));
            installLimitedPack(api, dir, "e2e_kill", 1);
            long first = run(api, "e2e_kill.step", Map.of("seconds", 60)).path("id").asLong();
            long second = run(api, "e2e_kill.step", Map.of("seconds", 0)).path("id").asLong();
            Instant deadline = Instant.now().plusSeconds(30);
            while (!api.get("/api/v1/executions/" + first).json().path("status").asText().equals("running")
                    && Instant.now().isBefore(deadline)) {
                sleep(100);
            }
            assertThat(api.get("/api/v1/executions/" + second).json().path("status").asText()).isEqualTo("delayed");

            worker.kill();

            JsonNode abandoned = awaitTerminal(api, first, Duration.ofSeconds(30));
            assertThat(abandoned.path("status").asText()).as(abandoned.toString()).isEqualTo("abandoned");
            assertThat(abandoned.path("failure").asText()).contains("lease");
            assertThat(api.get("/api/v1/executions/" + second).json().path("status").asText())
                    .isIn("scheduled", "running", "succeeded");
        } finally {
            executor.stop();
            TestServices.get().deleteNamespace(ns);
        }
    }

    @Test
    void aDispatchDeliveredTwiceRunsTheActionOnce(@TempDir Path dir) throws Exception {
        Api api = new Api(TestApplication.shared().url());
        Path marks = dir.resolve("marks.txt");
        long id = run(api, "core.local", Map.of("cmd", "echo ran >> " + marks)).path("id").asLong();
        assertThat(awaitTerminal(api, id, Duration.ofSeconds(20)).path("status").asText()).isEqualTo("succeeded");

        publishDispatch(TestApplication.NAMESPACE, id, "shell");
        publishDispatch(TestApplication.NAMESPACE, id, "shell");
        sleep(1500);

        assertThat(Files.readAllLines(marks)).containsExactly("ran");
        assertThat(api.get("/api/v1/executions/" + id).json().path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aMessageLeftInTheOutboxByACrashIsSentByTheRelay() throws Exception {
        Api api = new Api(TestApplication.shared().url());
        long id;
        try (var c = TestServices.get().connect()) {
            // what a crash between commit and publish leaves: a scheduled execution and its dispatch, unsent
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO executions (action_ref, status, parameters, created_at, scheduled_at)
                    VALUES ('core.echo', 'scheduled', '{"message": "relayed"}', now(), now()) RETURNING id""");
                 ResultSet r = insert.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
            try (PreparedStatement outbox = c.prepareStatement("""
                    INSERT INTO outbox (message_id, type, routing_key, correlation_id, payload, created_at)
                    VALUES (?, 'execution.dispatch', 'execution.dispatch.internal', ?, ?::jsonb, now() - interval '10 seconds')""")) {
                outbox.setString(1, UUID.randomUUID().toString());
                outbox.setString(2, Long.toString(id));
                outbox.setString(3, "{\"execution\": " + id + ", \"action\": \"core.echo\", \"status\": \"scheduled\"}");
                outbox.executeUpdate();
            }
        }

        JsonNode done = awaitTerminal(api, id, Duration.ofSeconds(30));

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("result").path("message").asText()).isEqualTo("relayed");
    }

    @Test
    void anExecutorRestartWithAThousandQueuedLosesNoneAndKeepsTheirOrder(@TempDir Path dir) throws Exception {
        String ns = namespace();
        Map<String, Object> cluster = Map.of("attune.amqp.namespace", ns, "attune.packs.install-bundled", "false");
        TestApplication before = TestApplication.start(Map.of("attune.amqp.namespace", ns, "attune.roles", "api,executor",
                "attune.packs.install-bundled", "false"));
        List<Long> requested = new ArrayList<>();
        try {
            Api api = new Api(before.url());
            installLimitedPack(api, dir, "e2e_restart", 1);
            for (int i = 0; i < 1000; i++) {
                requested.add(run(api, "e2e_restart.step", Map.of("seconds", 0)).path("id").asLong());
            }
            assertThat(api.get("/api/v1/executions/" + requested.get(999)).json().path("status").asText()).isEqualTo("delayed");
        } finally {
            before.stop();
        }

        TestApplication after = TestApplication.start(cluster);
        try {
            Api api = new Api(after.url());
            List<JsonNode> done = awaitAll(api, requested, Duration.ofSeconds(240));

            assertThat(done).allSatisfy(e -> assertThat(e.path("status").asText()).as(e.toString()).isEqualTo("succeeded"));
            List<Long> byAdmission = done.stream()
                    .sorted(Comparator.comparing((JsonNode e) -> at(e, "scheduled_at")).thenComparing(e -> e.path("id").asLong()))
                    .map(e -> e.path("id").asLong()).toList();
            assertThat(byAdmission).isEqualTo(requested);
        } finally {
            after.stop();
            TestServices.get().deleteNamespace(ns);
        }
    }

    @Test
    void aPolicyWithLimitZeroOrANegativeWindowIsRefusedAtInstall(@TempDir Path dir) throws Exception {
        Api api = new Api(TestApplication.shared().url());
        Path root = dir.resolve("e2e_badpolicy");
        Files.createDirectories(root.resolve("actions"));
        Files.createDirectories(root.resolve("policies"));
        Files.writeString(root.resolve("pack.yaml"), "ref: e2e_badpolicy\nversion: 1.0.0\n");
        Files.writeString(root.resolve("actions/step.yaml"), "name: step\nrunner: shell\nentry_point: step.sh\n");
        Files.writeString(root.resolve("actions/step.sh"), "#!/bin/bash\ntrue\n");
        Files.writeString(root.resolve("policies/zero.yaml"), "ref: e2e_badpolicy.zero\naction: e2e_badpolicy.step\n"
                + "concurrency: {limit: 0}\n");
        Files.writeString(root.resolve("policies/window.yaml"), "ref: e2e_badpolicy.window\naction: e2e_badpolicy.step\n"
                + "rate_limit: {max: 5, window_seconds: -1}\n");

        Api.Response refused = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("policies/zero.yaml").contains("concurrency.limit")
                .contains("policies/window.yaml").contains("rate_limit.window_seconds");
    }

    private static void publishDispatch(String exchange, long id, String runner) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(String.valueOf(TestServices.get().properties().get("rabbitmq.uri")));
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            String body = "{\"id\": \"" + UUID.randomUUID() + "\", \"type\": \"execution.dispatch\", \"occurredAt\": \""
                    + Instant.now() + "\", \"correlationId\": \"" + id + "\", \"payload\": {\"execution\": " + id + "}}";
            channel.basicPublish(exchange, "execution.dispatch." + runner, MessageProperties.PERSISTENT_TEXT_PLAIN,
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
