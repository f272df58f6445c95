package io.attune.bootstrap.api;

import static io.attune.bootstrap.api.ApiTesting.packFiles;
import static io.attune.bootstrap.api.ApiTesting.writeFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} on POST /executions, /events and webhooks: a retry gets the first answer (status and body)
 * and creates nothing; the key is the caller's own; a reused key with another body is a 422; a webhook's
 * {@code X-GitHub-Delivery} is its key.
 */
class IdempotencyKeyEndToEndTest {

    private static final String PACK = "e2e_idem";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static TestApplication app;
    private static Api admin;

    @BeforeAll
    static void installPack() throws Exception {
        app = TestApplication.shared();
        admin = new Api(app.url());
        Map<String, String> files = new HashMap<>(packFiles(PACK));
        files.put("triggers/ping.yaml", "ref: " + PACK + ".ping\npayload_schema: {type: object}\n");
        Api.Response installed = admin.post("/api/v1/packs/install",
                Api.json(Map.of("path", writeFiles(Files.createTempDirectory("e2e-idem"), files).toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        admin.delete("/api/v1/rules/" + PACK + ".hook");
        Api.Response rule = admin.post("/api/v1/rules", Api.json(Map.of("ref", PACK + ".hook",
                "trigger", Map.of("type", "core.webhook", "parameters", Map.of("url", "idem/" + SUFFIX)),
                "action", Map.of("ref", PACK + ".hello"))));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
    }

    private static Api.Response post(Api api, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url().replaceAll("/$", "") + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return api.send(request);
    }

    private static long total(String path) {
        return admin.get(path).json().path("total").asLong();
    }

    @Test
    void aRetriedExecutionRequestGetsTheFirstAnswerAndCreatesNothing() {
        String key = "exec-" + UUID.randomUUID();
        String body = Api.json(Map.of("action", PACK + ".hello", "parameters", Map.of("who", "idem")));
        long before = total("/api/v1/executions?action=" + PACK + ".hello");

        Api.Response first = post(admin, "/api/v1/executions", body, "Idempotency-Key", key);
        Api.Response again = post(admin, "/api/v1/executions", body, "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.contentType()).startsWith("application/json");
        assertThat(again.header("Location")).as("the first answer's Location too").isPresent()
                .isEqualTo(first.header("Location"));
        assertThat(total("/api/v1/executions?action=" + PACK + ".hello")).isEqualTo(before + 1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422NamingTheHeader() {
        String key = "exec-" + UUID.randomUUID();
        assertThat(post(admin, "/api/v1/executions", Api.json(Map.of("action", PACK + ".hello")),
                "Idempotency-Key", key).status()).isEqualTo(201);

        Api.Response other = post(admin, "/api/v1/executions", Api.json(Map.of("action", PACK + ".hello",
                "parameters", Map.of("who", "someone else"))), "Idempotency-Key", key);

        ApiTesting.assertProblem(other, 422, "invalid-input");
        assertThat(ApiTesting.fields(other.json())).containsExactly("Idempotency-Key");
    }

    @Test
    void anotherCallersSameKeyIsAnotherRequestAndNeverSeesTheFirstAnswer() {
        String operator = "idem-op-" + SUFFIX;
        assertThat(admin.post("/api/v1/users", Api.json(Map.of("username", operator, "password", "e2e-user-password",
                "role", "operator"))).status()).isEqualTo(201);
        String key = "shared-" + UUID.randomUUID();
        String body = Api.json(Map.of("action", PACK + ".hello"));

        Api.Response mine = post(admin, "/api/v1/executions", body, "Idempotency-Key", key);
        Api.Response theirs = post(admin.as(operator, "e2e-user-password"), "/api/v1/executions", body,
                "Idempotency-Key", key);

        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
        assertThat(theirs.json().path("id").asLong()).isNotEqualTo(mine.json().path("id").asLong());
    }

    @Test
    void aRetryAfterTheServerDiedBeforeAnsweringGetsWhatTheFirstRequestCreated() throws Exception {
        String key = "lost-" + UUID.randomUUID();
        String body = Api.json(Map.of("action", PACK + ".hello"));
        Api.Response first = post(admin, "/api/v1/executions", body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        // as if the server had stopped between the commit and the answer: the key and its execution, but no answer
        try (Connection c = TestServices.get().connect();
             PreparedStatement forget = c.prepareStatement(
                     "UPDATE idempotency_keys SET answer_status = NULL, answer_body = NULL WHERE key = ?")) {
            forget.setString(1, key);
            assertThat(forget.executeUpdate()).isEqualTo(1);
        }

        Api.Response again = post(admin, "/api/v1/executions", body, "Idempotency-Key", key);

        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
    }

    @Test
    void aRetriedEventGetsTheFirstAnswerAndRecordsOneEvent() {
        String key = "event-" + UUID.randomUUID();
        String body = Api.json(Map.of("trigger", PACK + ".ping", "payload", Map.of("n", key)));
        long before = total("/api/v1/events?trigger=" + PACK + ".ping");

        Api.Response first = post(admin, "/api/v1/events", body, "Idempotency-Key", key);
        Api.Response again = post(admin, "/api/v1/events", body, "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(total("/api/v1/events?trigger=" + PACK + ".ping")).isEqualTo(before + 1);
    }

    @Test
    void aRedeliveredWebhookWithItsGitHubDeliveryIdRecordsOneEvent() {
        String delivery = UUID.randomUUID().toString();
        String source = "/api/v1/events?source=webhook:idem/" + SUFFIX;
        long before = total(source);
        Api anonymous = admin.anonymous();

        Api.Response first = post(anonymous, "/api/v1/webhooks/idem/" + SUFFIX, "{\"ref\":\"main\"}",
                "X-GitHub-Delivery", delivery);
        Api.Response redelivered = post(anonymous, "/api/v1/webhooks/idem/" + SUFFIX, "{\"ref\":\"main\"}",
                "X-GitHub-Delivery", delivery);
        Api.Response another = post(anonymous, "/api/v1/webhooks/idem/" + SUFFIX, "{\"ref\":\"main\"}",
                "X-GitHub-Delivery", UUID.randomUUID().toString());

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(redelivered.status()).isEqualTo(202);
        assertThat(redelivered.body()).isEqualTo(first.body());
        assertThat(another.json().path("event").asLong()).isNotEqualTo(first.json().path("event").asLong());
        assertThat(total(source)).isEqualTo(before + 2);
    }

    @Test
    void aKeyThatIsNotVisibleAsciiOrTooLongIsA422() {
        Api.Response tooLong = post(admin, "/api/v1/executions", Api.json(Map.of("action", PACK + ".hello")),
                "Idempotency-Key", "k".repeat(256));
        ApiTesting.assertProblem(tooLong, 422, "invalid-input");
        assertThat(ApiTesting.fields(tooLong.json())).containsExactly("Idempotency-Key");
    }
}
