package io.attune.bootstrap.execution;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.run;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.infra.EmbeddedBroker;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With every role in one JVM (the default), the work a request, a webhook or an execution's end causes is handed over
 * in memory: it runs even while the broker is away, and leaves no outbox row behind once done.
 */
class HandoverEndToEndTest {

    @Test
    void withEveryRoleInOneJvmExecutionsAndWebhooksRunWithoutTheBroker() throws Exception {
        Path work = Files.createTempDirectory("e2e-handover-broker");
        EmbeddedBroker broker = EmbeddedBroker.start(work, 0);
        TestApplication app = TestApplication.start(Map.of("rabbitmq.uri", broker.amqpUrl(),
                "attune.amqp.namespace", "attune-handover-" + UUID.randomUUID().toString().substring(0, 8)));
        try {
            Api api = new Api(app.url());
            String url = "handover/" + UUID.randomUUID().toString().substring(0, 8);
            Api.Response rule = api.post("/api/v1/rules", Api.json(Map.of("ref", "core.e2e_handover_" + url.substring(9),
                    "trigger", Map.of("type", "core.webhook", "parameters", Map.of("url", url)),
                    "action", Map.of("ref", "core.echo", "parameters", Map.of("message", "from a webhook")))));
            assertThat(rule.status()).as(rule.body()).isEqualTo(201);

            broker.close();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(run(api, "core.noop", Map.of()).path("id").asLong());
            }
            List<Long> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Api.Response accepted = api.anonymous().send(HttpRequest.newBuilder(URI.create(
                                app.url().replaceAll("/$", "") + "/api/v1/webhooks/" + url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"n\": " + i + "}")));
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
                events.add(accepted.json().path("event").asLong());
            }

            for (long id : ids) {
                JsonNode done = awaitTerminal(api, id, Duration.ofSeconds(30));
                assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
            }
            for (long event : events) {
                long execution = awaitExecutionOf(api, event);
                JsonNode done = awaitTerminal(api, execution, Duration.ofSeconds(30));
                assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
                ids.add(execution);
            }
            // the handled rows are deleted in batches, every 100 ms: later on a busy machine
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (outboxRowsOf(ids) > 0 && System.nanoTime() < deadline) {
                sleep(100);
            }
            assertThat(outboxRowsOf(ids)).isZero();
        } finally {
            app.stop();
            broker.close();
        }
    }

    private static long awaitExecutionOf(Api api, long event) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode execution = api.get("/api/v1/events/" + event + "/trace").json().path("enforcements").path(0)
                    .path("execution").path("execution").path("id");
            if (execution.isNumber()) {
                return execution.asLong();
            }
            sleep(100);
        }
        throw new AssertionError("event " + event + " made no execution");
    }

    private static int outboxRowsOf(List<Long> executions) throws Exception {
        try (var c = TestServices.get().connect();
             PreparedStatement query = c.prepareStatement("SELECT count(*) FROM outbox WHERE correlation_id = ANY (?)")) {
            query.setArray(1, c.createArrayOf("text", executions.stream().map(String::valueOf).toArray()));
            try (ResultSet r = query.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
