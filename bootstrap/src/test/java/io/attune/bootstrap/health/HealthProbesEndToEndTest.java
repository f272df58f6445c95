package io.attune.bootstrap.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.infra.EmbeddedBroker;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Liveness and readiness differ: on a worker (no api role) whose broker goes away, {@code /health/liveness} stays 200
 * (the process is alive: restarting it would not bring the broker back) while {@code /health/readiness} and
 * {@code /health} answer 503 (it cannot take work), and readiness comes back once the broker does. (The api role's
 * readiness during an outage, which needs PostgreSQL only, is {@code BrokerOutageEndToEndTest}'s.)
 */
class HealthProbesEndToEndTest {

    @Test
    void aWorkerWithoutItsBrokerIsAliveButNotReadyUntilTheBrokerIsBack() throws Exception {
        Path work = Files.createTempDirectory("e2e-probes-broker");
        EmbeddedBroker broker = EmbeddedBroker.start(work, 0);
        int port = broker.port();
        TestApplication worker = TestApplication.start(Map.of("rabbitmq.uri", broker.amqpUrl(), "attune.roles",
                "worker", "attune.amqp.namespace", "attune-probes-" + ProcessHandle.current().pid()));
        try {
            Api anonymous = new Api(worker.url()).anonymous();
            assertThat(anonymous.get("/health/liveness").status()).isEqualTo(200);
            assertThat(anonymous.get("/health/readiness").status()).isEqualTo(200);
            assertThat(anonymous.get("/health").status()).isEqualTo(200);

            broker.close();
            Api.Response liveness = anonymous.get("/health/liveness");
            assertThat(liveness.status()).isEqualTo(200);
            assertThat(liveness.json().path("status").asText()).isEqualTo("UP");
            Api.Response readiness = anonymous.get("/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(readiness.json().has("details")).as("details are for admins only").isFalse();
            assertThat(anonymous.get("/health").status()).isEqualTo(503);

            EmbeddedBroker again = EmbeddedBroker.start(work, port);
            try {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
                while (anonymous.get("/health/readiness").status() != 200 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(250);
                }
                assertThat(anonymous.get("/health/readiness").status()).isEqualTo(200);
                assertThat(anonymous.get("/health/liveness").status()).isEqualTo(200);
            } finally {
                // stopped while its broker is up: a connection still recovering would outlive the application
                worker.stop();
                again.close();
            }
        } finally {
            worker.stop();
            broker.close();
        }
    }
}
