package io.attune.bootstrap.audit;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit trail on the whole platform: changes and denials recorded with their outcome, secrets never. */
class AuditEndToEndTest {

    @Test
    void changesAndDenialsAreRecordedAndNoSecretValueIs() {
        Api api = new Api(TestApplication.shared().url());
        String since = Instant.now().minusSeconds(1).toString();
        String secret = "audit-secret-value-8812";

        assertThat(api.put("/api/v1/keys/e2e_audit_token", Api.json(Map.of("value", secret, "secret", true))).status())
                .isBetween(200, 201);
        long id = api.post("/api/v1/executions", Api.json(Map.of("action", "core.noop"))).json().path("id").asLong();
        awaitTerminal(api, id, Duration.ofSeconds(20));
        assertThat(api.post("/api/v1/executions/" + id + "/cancel", "{}").status()).isEqualTo(409);
        Api.Response hook = api.post("/api/v1/webhooks/e2e-audit-nobody", "{}");
        assertThat(hook.status()).isEqualTo(404);

        List<JsonNode> entries = new ArrayList<>();
        api.get("/api/v1/audit?since=" + since + "&limit=1000").json().path("items").forEach(entries::add);

        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("action").asText()).isEqualTo("key.write");
            assertThat(e.path("target").asText()).isEqualTo("/api/v1/keys/e2e_audit_token");
            assertThat(e.path("outcome").asText()).isEqualTo("succeeded");
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("action").asText()).isEqualTo("execution.run");
            assertThat(e.path("outcome").asText()).isEqualTo("succeeded");
            assertThat(e.path("details").path("status").asInt()).isEqualTo(201);
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("action").asText()).isEqualTo("execution.cancel");
            assertThat(e.path("target").asText()).isEqualTo("/api/v1/executions/" + id + "/cancel");
            assertThat(e.path("outcome").asText()).isEqualTo("failed");
            assertThat(e.path("details").path("status").asInt()).isEqualTo(409);
        });
        assertThat(entries).allSatisfy(e -> assertThat(e.path("actor").asText()).isNotBlank());
        assertThat(entries.toString()).doesNotContain(secret).doesNotContain("e2e-audit-nobody");
        assertThat(api.get("/api/v1/audit?action=execution.cancel&outcome=failed&since=" + since).json()
                .path("total").asLong()).isGreaterThanOrEqualTo(1);
    }
}
