package io.attune.bootstrap.execution;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.infra.EmbeddedBroker;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * While the broker is away, an api instance stays ready (its readiness depends on PostgreSQL only), keeps accepting
 * webhooks into the outbox, and logs one warning for the whole outage, then one line when the broker is back. The
 * broker is an embedded one of this test's own: the shared RabbitMQ keeps serving the other tests.
 */
class BrokerOutageEndToEndTest {

    @Test
    void theApiStaysReadyAndTakesWebhooksThroughABrokerOutageLoggingItOnce() throws Exception {
        Path work = Files.createTempDirectory("e2e-outage-broker");
        EmbeddedBroker broker = EmbeddedBroker.start(work, 0);
        int port = broker.port();
        TestApplication app = TestApplication.start(Map.of("rabbitmq.uri", broker.amqpUrl(), "attune.roles", "api",
                "attune.amqp.namespace", "attune-outage-" + ProcessHandle.current().pid()));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try {
            Api admin = new Api(app.url());
            String url = "outage/" + UUID.randomUUID().toString().substring(0, 8);
            Api.Response rule = admin.post("/api/v1/rules", Api.json(Map.of("ref", "core.e2e_outage_" + url.substring(7),
                    "trigger", Map.of("type", "core.webhook", "parameters", Map.of("url", url)),
                    "action", Map.of("ref", "core.noop"))));
            assertThat(rule.status()).as(rule.body()).isEqualTo(201);

            broker.close();
            List<Long> tookMillis = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                Api.Response accepted = admin.anonymous().send(HttpRequest.newBuilder(URI.create(app.url().replaceAll("/$", "") + "/api/v1/webhooks/" + url))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")));
                tookMillis.add((System.nanoTime() - started) / 1_000_000);
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
                assertThat(admin.anonymous().get("/health/readiness").status()).isEqualTo(200);
            }
            Api.Response health = admin.get("/health");
            JsonNode readiness = admin.get("/health/readiness").json();

            assertThat(health.status()).isEqualTo(503);
            assertThat(readiness.path("status").asText()).isEqualTo("UP");
            assertThat(readiness.at("/details/rabbitmq/status").asText()).isEqualTo("DOWN");
            assertThat(readiness.at("/details/jdbc/status").asText()).isEqualTo("UP");
            List<ILoggingEvent> warnings = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
            assertThat(warnings).as(warnings.toString()).hasSize(1);
            assertThat(warnings.get(0).getFormattedMessage()).contains("unreachable", "once per outage");
            System.out.println("webhook answer times during the outage (ms): " + tookMillis);

            EmbeddedBroker again = EmbeddedBroker.start(work, port);
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (admin.get("/health").status() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                assertThat(admin.get("/health").status()).isEqualTo(200);
                assertThat(log.list.stream().filter(e -> e.getFormattedMessage().contains("reachable again")).count())
                        .isEqualTo(1);
                assertThat(log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).count())
                        .as(log.list.toString()).isEqualTo(1);
            } finally {
                again.close();
            }
        } finally {
            root.detachAppender(log);
            app.stop();
            broker.close();
        }
    }
}
