package io.attune.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database, each keeping the callers of its requests in memory: a user demoted or deleted, or an
 * API key revoked, through instance A is refused by A's very next request and by B's as soon as B hears the change
 * (PostgreSQL's NOTIFY: milliseconds; the test allows seconds), though B had just let the same caller in.
 */
class CallerChangesEndToEndTest {

    private static final String PASSWORD = "e2e-caller-password";
    private static final Duration HEARD = Duration.ofSeconds(5);
    private static TestApplication second;
    private static Api a;
    private static Api b;

    @BeforeAll
    static void twoInstances() {
        a = new Api(TestApplication.shared().url().replaceAll("/$", ""));
        second = TestApplication.start(Map.of());
        b = new Api(second.url().replaceAll("/$", ""));
    }

    @AfterAll
    static void stopSecond() {
        second.stop();
    }

    private static String user(String role) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = a.post("/api/v1/users", Api.json(Map.of("username", name, "password", PASSWORD,
                "role", role)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    /** How long until {@code status} gives 401, at most {@link #HEARD}. */
    private static Duration untilRefused(Supplier<Integer> status) throws InterruptedException {
        long start = System.nanoTime();
        while (status.get() != 401) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused within %s", HEARD).isLessThan(HEARD);
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aDemotedUsersTokenIsRefusedAtOnceHereAndWithinMomentsThere() throws InterruptedException {
        String name = user("operator");
        Api onA = a.anonymous().as(name, PASSWORD);
        Api onB = b.anonymous().as(name, PASSWORD);
        assertThat(onB.get("/api/v1/executions").status()).isEqualTo(200);
        assertThat(onB.get("/api/v1/executions").status()).as("kept by B").isEqualTo(200);
        assertThat(onA.get("/api/v1/executions").status()).isEqualTo(200);

        Api.Response demoted = a.send(HttpRequest.newBuilder(URI.create(TestApplication.shared().url()
                .replaceAll("/$", "") + "/api/v1/users/" + name)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"role\":\"viewer\"}")));
        assertThat(demoted.status()).as(demoted.body()).isEqualTo(200);

        assertThat(onA.get("/api/v1/executions").status()).as("A refuses its next request").isEqualTo(401);
        untilRefused(() -> onB.get("/api/v1/executions").status());
    }

    @Test
    void aDeletedUsersTokenAndARevokedKeyAreRefusedByTheOtherInstance() throws InterruptedException {
        String name = user("viewer");
        Api onB = b.anonymous().as(name, PASSWORD);
        assertThat(onB.get("/api/v1/packs").status()).isEqualTo(200);
        assertThat(a.delete("/api/v1/users/" + name).status()).isEqualTo(204);
        untilRefused(() -> onB.get("/api/v1/packs").status());

        Api.Response created = a.post("/api/v1/auth/api-keys", Api.json(Map.of("name", "ci-" + name, "role", "viewer")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api keyOnA = a.anonymous().withToken(created.json().path("key").asText());
        Api keyOnB = b.anonymous().withToken(created.json().path("key").asText());
        assertThat(keyOnB.get("/api/v1/packs").status()).isEqualTo(200);
        assertThat(keyOnB.get("/api/v1/packs").status()).as("kept by B").isEqualTo(200);
        assertThat(a.delete("/api/v1/auth/api-keys/" + created.json().path("prefix").asText()).status()).isEqualTo(204);
        assertThat(keyOnA.get("/api/v1/packs").status()).as("A refuses its next request").isEqualTo(401);
        untilRefused(() -> keyOnB.get("/api/v1/packs").status());
    }
}
