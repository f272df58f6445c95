package io.attune.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.WorkerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a person gets from {@code ./attune start} with nothing configured: the real main class in its own JVM, on the
 * embedded PostgreSQL and the embedded AMQP broker (Qpid), serving the bundled packs and running an action.
 */
class EmbeddedDefaultEndToEndTest {

    @Test
    void theEmbeddedDefaultServesThePacksAndRunsAnAction() throws Exception {
        try (WorkerProcess attune = WorkerProcess.startEmbedded(Map.of())) {
            attune.awaitLog("Attune started in", Duration.ofSeconds(90));
            Api api = new Api("http://127.0.0.1:" + attune.port());

            attune.awaitLog("Using embedded PostgreSQL", Duration.ofSeconds(1));
            attune.awaitLog("Using embedded AMQP 0-9-1 broker", Duration.ofSeconds(1));
            assertThat(api.get("/api/v1/packs").body()).contains("\"core\"", "\"examples\"");
            Api.Response created = api.post("/api/v1/executions",
                    Api.json(Map.of("action", "core.local", "parameters", Map.of("cmd", "echo embedded"))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().path("id").asLong();
            JsonNode execution = api.get("/api/v1/executions/" + id).json();
            Instant deadline = Instant.now().plusSeconds(30);
            while (!execution.path("status").asText().equals("succeeded") && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                execution = api.get("/api/v1/executions/" + id).json();
            }

            assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("succeeded");
            assertThat(execution.path("stdout").asText()).isEqualTo("embedded\n");
            attune.stop();
        }
    }
}
