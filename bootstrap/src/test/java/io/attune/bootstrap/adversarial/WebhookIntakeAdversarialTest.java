package io.attune.bootstrap.adversarial;

import static io.attune.bootstrap.adversarial.IntakeTesting.nested;
import static io.attune.bootstrap.api.ApiTesting.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Webhooks under attack: an unknown charset, credential headers, a body that is deep or broken before its signature
 * is checked. The url and the signature are checked first; no credential header reaches a stored event.
 */
@Tag("adversarial")
class WebhookIntakeAdversarialTest {

    private static final String PACK = "adv_webhook";
    private static final String SECRET = "adv-webhook-secret-4711";
    private static String url;
    private static Api admin;
    private static Api viewer;

    @BeforeAll
    static void rules() throws IOException {
        url = TestApplication.shared().url().replaceAll("/$", "");
        admin = new Api(url);
        viewer = IntakeTesting.user(admin, "viewer");
        Path dir = Files.createTempDirectory("adv-webhook");
        Files.writeString(dir.resolve("pack.yaml"), "ref: " + PACK + "\nversion: 1.0.0\n");
        Api.Response installed = admin.post("/api/v1/packs/install", Api.json(Map.of("path", dir.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        assertThat(admin.put("/api/v1/keys/adv_webhook_secret", Api.json(Map.of("value", SECRET, "secret", true)))
                .status()).isEqualTo(200);
        rule("open", Map.of("url", "adv-open"));
        rule("signed", Map.of("url", "adv-signed", "hmac_secret_key", "adv_webhook_secret"));
    }

    private static void rule(String name, Map<String, Object> parameters) {
        admin.delete("/api/v1/rules/" + PACK + "." + name);
        Api.Response created = admin.post("/api/v1/rules", Api.json(Map.of("ref", PACK + "." + name,
                "trigger", Map.of("type", "core.webhook", "parameters", parameters), "action", "core.noop")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static Api.Response post(String path, String contentType, String body, String... headers) {
        return postTo(url, path, contentType, body, headers);
    }

    private static Api.Response postTo(String base, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks/" + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return admin.anonymous().send(request);
    }

    private static long eventsAt(String path) {
        return admin.get("/api/v1/events?source=" + URLEncoder.encode("webhook:" + path, StandardCharsets.UTF_8)
                + "&limit=1").json().path("total").asLong();
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnknownCharsetIsA415AfterTheUrlAndTheSignatureAreChecked() {
        long open = eventsAt("adv-open");
        long signed = eventsAt("adv-signed");
        for (String type : List.of("application/json; charset=x-unknown", "text/plain; charset=x-unknown",
                "application/x-www-form-urlencoded; charset=x-unknown", "application/json; charset=\"@@\"")) {
            assertProblem(post("adv-nobody-listens", type, "{}"), 404, "not-found");
            assertProblem(post("adv-signed", type, "{}"), 401, "unauthenticated");
            JsonNode problem = assertProblem(post("adv-open", type, "{}"), 415, "unsupported-media-type");
            assertThat(problem.path("detail").asText()).as(type).contains("charset");
        }
        assertThat(eventsAt("adv-open")).isEqualTo(open);
        assertThat(eventsAt("adv-signed")).isEqualTo(signed);
    }

    @Test
    void credentialHeadersAreNotStoredInTheEvent() {
        List<String> credentials = List.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
                "X-Gitlab-Token", "X-Api-Key", "Api-Key", "X-Shop-Api-Key", "X-Hub-Signature", "X-Hub-Signature-256",
                "X-Attune-Signature-256", "X-Slack-Signature", "X-Auth-Token", "X-Auth", "X-Authorization",
                "X-Access-Token", "X-Shopify-Hmac-Sha256", "X-Webhook-Secret", "X-Password");
        List<String> headers = new ArrayList<>(List.of("X-Request-Id", "adv-1"));
        for (String name : credentials) {
            headers.add(name);
            headers.add("credential-of-" + name.toLowerCase());
        }

        Api.Response accepted = post("adv-open", "application/json", "{\"ok\": true}", headers.toArray(String[]::new));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        Api.Response event = viewer.get("/api/v1/events/" + accepted.json().path("event").asLong());
        assertThat(event.status()).isEqualTo(200);
        JsonNode stored = event.json().path("payload").path("headers");
        assertThat(stored.path("x-request-id").asText()).isEqualTo("adv-1");
        for (String name : credentials) {
            assertThat(stored.has(name.toLowerCase())).as(name).isFalse();
        }
        assertThat(event.body()).doesNotContain("credential-of-");
    }

    @Test
    void theDroppedHeadersAreConfigurable() {
        TestApplication custom = TestApplication.start(Map.of("attune.webhooks.dropped-headers",
                "x-tenant-*, X-GITLAB-TOKEN"));
        try {
            Api.Response accepted = postTo(custom.url().replaceAll("/$", ""), "adv-open", "application/json", "{}",
                    "X-Tenant-Id", "t-1", "X-Gitlab-Token", "dropped", "X-Api-Key", "kept-by-this-configuration",
                    "X-Hub-Signature-256", "sha256=00");

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            JsonNode stored = admin.get("/api/v1/events/" + accepted.json().path("event").asLong()).json()
                    .path("payload").path("headers");
            assertThat(stored.has("x-tenant-id")).isFalse();
            assertThat(stored.has("x-gitlab-token")).isFalse();
            assertThat(stored.has("x-hub-signature-256")).as("a signature header is always dropped").isFalse();
            assertThat(stored.path("x-api-key").asText()).isEqualTo("kept-by-this-configuration");
        } finally {
            custom.stop();
        }
    }

    @Test
    void theSignatureIsCheckedOnTheRawBytesBeforeTheBodyIsParsed() throws Exception {
        long signed = eventsAt("adv-signed");

        assertProblem(post("adv-signed", "application/json", "{\"broken\": "), 401, "unauthenticated");
        assertProblem(post("adv-signed", "application/json", nested(999)), 401, "unauthenticated");
        assertProblem(post("adv-signed", "text/plain", "nul \u0000"), 401, "unauthenticated");
        assertProblem(post("adv-signed", "application/json", "{\"broken\": ", "X-Hub-Signature-256",
                sign("{\"broken\": ")), 400, "malformed-body");
        assertThat(post("adv-signed", "application/json", "{\"fine\": 1}", "X-Hub-Signature-256", sign("{\"fine\": 1}"))
                .status()).isEqualTo(202);

        assertThat(eventsAt("adv-signed")).isEqualTo(signed + 1);
    }

    @Test
    void aDeeplyNestedBodyIsRefusedNamingTheLimit() {
        long open = eventsAt("adv-open");

        JsonNode problem = assertProblem(post("adv-open", "application/json", nested(999)), 422, "invalid-input");

        assertThat(problem.path("detail").asText()).contains("64");
        assertThat(post("adv-open", "application/json", nested(63)).status()).isEqualTo(202);
        assertThat(eventsAt("adv-open")).isEqualTo(open + 1);
        assertThat(admin.get("/api/v1/events?source=webhook:adv-open").status()).isEqualTo(200);
    }
}
