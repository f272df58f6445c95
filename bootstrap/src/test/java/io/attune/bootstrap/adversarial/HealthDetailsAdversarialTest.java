package io.attune.bootstrap.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** /health tells strangers (and non-admins) only UP or DOWN: versions, the JDBC URL and the roles are for admins. */
@Tag("adversarial")
class HealthDetailsAdversarialTest {

    private static Api admin;
    private static Api anonymous;

    @BeforeAll
    static void start() {
        admin = new Api(TestApplication.shared().url());
        anonymous = admin.anonymous();
    }

    @Test
    void anonymousHealthShowsOnlyTheStatus() {
        for (String path : new String[] {"/health", "/health/readiness", "/health/liveness"}) {
            Api.Response health = anonymous.get(path);
            assertThat(health.status()).as(path + " " + health.body()).isEqualTo(200);
            assertThat(health.json().properties()).extracting(Map.Entry::getKey).containsExactly("status");
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
            assertThat(health.body()).doesNotContain("jdbc", "postgres", "PostgreSQL", "version", "rabbitmq", "5432");
        }
    }

    @Test
    void aForgedOrAViewersTokenShowsNoMoreThanAnonymous() {
        String viewer = "health-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/v1/users", Api.json(Map.of("username", viewer, "password", "e2e-user-password",
                "role", "viewer"))).status()).isEqualTo(201);

        Api.Response asViewer = admin.as(viewer, "e2e-user-password").get("/health");
        Api.Response forged = anonymous.withToken("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.")
                .get("/health");

        assertThat(asViewer.json().has("details")).isFalse();
        assertThat(forged.json().has("details")).isFalse();
    }

    @Test
    void anAdminSeesTheDatabaseAndTheBroker() {
        JsonNode health = admin.get("/health").json();

        assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("UP");
        assertThat(health.at("/details/jdbc/status").asText()).isEqualTo("UP");
        assertThat(health.at("/details/jdbc/details/url").asText()).startsWith("jdbc:postgresql:");
        assertThat(health.at("/details/rabbitmq/status").asText()).isEqualTo("UP");
        assertThat(health.path("roles").toString()).contains("api");
    }
}
