package io.attune.bootstrap.api;

import static io.attune.bootstrap.api.ApiTesting.assertProblem;
import static io.attune.bootstrap.api.ApiTesting.packFiles;
import static io.attune.bootstrap.api.ApiTesting.writeFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.in.EventQueries.EventFilter;
import io.attune.application.port.out.TransactionRunner;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests posted to /api/v1/webhooks/{url} of a started Attune become events of core.webhook, or nothing. */
class WebhookEndToEndTest {

    private static final String PACK = "e2e_webhooks";
    private static final String SECRET = "e2e-webhook-secret-0815";
    private static final Ref WEBHOOK = Ref.parse("core.webhook");
    private static TestApplication app;
    private static Api api;

    @BeforeAll
    static void installPack() throws IOException {
        app = TestApplication.shared();
        api = new Api(app.url());
        String dir = writeFiles(Files.createTempDirectory("e2e-webhooks"), packFiles(PACK)).toString();
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", dir)));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    /** A rule on core.webhook listening at {@code url}, created through the rules API (replacing an older one). */
    private static void rule(String name, Map<String, Object> triggerParameters) {
        api.delete("/api/v1/rules/" + PACK + "." + name);
        Map<String, Object> rule = Map.of("ref", PACK + "." + name,
                "trigger", Map.of("type", "core.webhook", "parameters", triggerParameters),
                "action", Map.of("ref", PACK + ".hello"));
        Api.Response created = api.post("/api/v1/rules", Api.json(rule));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static Api.Response post(String url, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url() + "/api/v1/webhooks/" + url))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return api.send(request);
    }

    private static Event event(Api.Response accepted) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("trigger").asText()).isEqualTo("core.webhook");
        long id = accepted.json().path("event").asLong();
        return tx().readOnly(() -> events().find(id)).orElseThrow();
    }

    private static long eventsAt(String url) {
        EventFilter filter = new EventFilter(Optional.of(WEBHOOK), Optional.of("webhook:" + url), Optional.empty(),
                Optional.empty());
        return tx().readOnly(() -> events().list(filter, PageRequest.first(1))).total();
    }

    private static EventRepository events() {
        return app.context().getBean(EventRepository.class);
    }

    private static TransactionRunner tx() {
        return app.context().getBean(TransactionRunner.class);
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aJsonWebhookRecordsOneEventWithItsBodyAndHeaders() {
        rule("deploys", Map.of("url", "deploys"));

        Event event = event(post("deploys", "application/json", "{\"service\": \"api\", \"replicas\": 3}",
                "X-Request-Id", "e2e-1", "Authorization", "Bearer do-not-store", "Cookie", "session=do-not-store"));

        assertThat(event.trigger()).isEqualTo(WEBHOOK);
        assertThat(event.source()).contains("webhook:deploys");
        assertThat(event.payload().get("body")).isEqualTo(Map.of("service", "api", "replicas", 3));
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) event.payload().get("headers");
        assertThat(headers).containsEntry("x-request-id", "e2e-1").containsEntry("content-type", "application/json")
                .doesNotContainKeys("authorization", "cookie");
        assertThat(event.payload().toString()).doesNotContain("do-not-store");
    }

    @Test
    void aFormBodyBecomesAMapWithRepeatedFieldsAsLists() {
        rule("form", Map.of("url", "e2e-form"));

        Event event = event(post("e2e-form", "application/x-www-form-urlencoded", "env=prod&tag=a&tag=b+c&note=100%25"));

        assertThat(event.payload().get("body"))
                .isEqualTo(Map.of("env", "prod", "tag", List.of("a", "b c"), "note", "100%"));
    }

    @Test
    void aUrlWithSlashesReachesItsRuleAndOtherBodiesStayText() {
        rule("push", Map.of("url", "e2e/github/push"));
        rule("github", Map.of("url", "e2e/github"));

        Event event = event(post("e2e/github/push", "text/plain", "pushed 3 commits"));
        Event unlabelled = event(post("e2e/github/push", null, "no content type"));

        assertThat(event.source()).contains("webhook:e2e/github/push");
        assertThat(event.payload().get("body")).isEqualTo("pushed 3 commits");
        assertThat(unlabelled.payload().get("body")).isEqualTo("no content type");
    }

    @Test
    void severalRulesAtOneUrlShareOneEvent() {
        rule("shared_a", Map.of("url", "e2e-shared"));
        rule("shared_b", Map.of("url", "e2e-shared"));
        long before = eventsAt("e2e-shared");

        event(post("e2e-shared", "application/json", "{}"));

        assertThat(eventsAt("e2e-shared")).isEqualTo(before + 1);
    }

    @Test
    void anUnknownUrlIsA404AndRecordsNothing() {
        assertProblem(post("e2e-nobody-listens", "application/json", "{}"), 404, "not-found");
        assertProblem(post("e2e/nobody/listens", "application/json", "{}"), 404, "not-found");

        assertThat(eventsAt("e2e-nobody-listens")).isZero();
        assertThat(eventsAt("e2e/nobody/listens")).isZero();
    }

    @Test
    void invalidJsonIsA400AndRecordsNothing() {
        rule("broken", Map.of("url", "e2e-broken"));
        long before = eventsAt("e2e-broken");

        assertProblem(post("e2e-broken", "application/json", "{\"service\": "), 400, "malformed-body");
        assertProblem(post("e2e-broken", "application/json", "{} trailing"), 400, "malformed-body");
        assertProblem(post("e2e-broken", "text/plain", "nul \u0000 byte"), 422, "invalid-input");

        assertThat(eventsAt("e2e-broken")).isEqualTo(before);
    }

    @Test
    void onlyARequestSignedWithTheKeysSecretIsRecorded() throws Exception {
        Api.Response key = api.put("/api/v1/keys/e2e_webhook_secret", Api.json(Map.of("value", SECRET, "secret", true)));
        assertThat(key.status()).as(key.body()).isEqualTo(200);
        rule("signed", Map.of("url", "e2e-signed", "hmac_secret_key", "e2e_webhook_secret"));
        String body = "{\"ref\": \"refs/heads/main\"}";
        long before = eventsAt("e2e-signed");
        List<Api.Response> responses = new ArrayList<>(List.of(key));

        Api.Response attune = post("e2e-signed", "application/json", body, "X-Attune-Signature-256", sign(SECRET, body));
        Api.Response github = post("e2e-signed", "application/json", body, "X-Hub-Signature-256", sign(SECRET, body));
        Map<String, Api.Response> refused = new LinkedHashMap<>();
        refused.put("unsigned", post("e2e-signed", "application/json", body));
        refused.put("wrong secret", post("e2e-signed", "application/json", body,
                "X-Attune-Signature-256", sign("guess", body)));
        refused.put("other body", post("e2e-signed", "application/json", body + " ",
                "X-Attune-Signature-256", sign(SECRET, body)));
        refused.put("garbage", post("e2e-signed", "application/json", body, "X-Hub-Signature-256", "sha256=zz"));
        responses.addAll(List.of(attune, github));
        responses.addAll(refused.values());

        assertThat(event(attune).payload().get("headers").toString()).doesNotContain("signature");
        event(github);
        refused.forEach((why, response) -> assertProblem(response, 401, "unauthenticated"));
        assertThat(eventsAt("e2e-signed")).as("only the two signed requests").isEqualTo(before + 2);
        responses.forEach(r -> assertThat(r.body()).doesNotContain(SECRET));
    }

    @Test
    void aRuleNamingAMissingKeyRefusesEveryRequest() throws Exception {
        rule("unkeyed", Map.of("url", "e2e-unkeyed", "hmac_secret_key", "e2e_no_such_key"));

        assertProblem(post("e2e-unkeyed", "application/json", "{}", "X-Attune-Signature-256", sign("a guess", "{}")),
                401, "unauthenticated");
        assertThat(eventsAt("e2e-unkeyed")).isZero();
    }

    @Test
    void aBodyOverTheLimitIsA413AndRecordsNothing() {
        rule("big", Map.of("url", "e2e-big"));
        byte[] oversize = new byte[1024 * 1024 + 1];
        Arrays.fill(oversize, (byte) 'x');
        long before = eventsAt("e2e-big");

        Api.Response declared = api.sendAnsweredBeforeItsBody(HttpRequest.newBuilder(URI.create(app.url() + "/api/v1/webhooks/e2e-big"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(oversize)));
        Api.Response chunked = api.sendAnsweredBeforeItsBody(HttpRequest.newBuilder(URI.create(app.url() + "/api/v1/webhooks/e2e-big"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversize))));
        Api.Response atTheLimit = api.send(HttpRequest.newBuilder(URI.create(app.url() + "/api/v1/webhooks/e2e-big"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(oversize, 0, oversize.length - 1)));

        assertProblem(declared, 413, "payload-too-large");
        assertProblem(chunked, 413, "payload-too-large");
        assertThat(atTheLimit.status()).as(atTheLimit.body()).isEqualTo(202);
        assertThat(eventsAt("e2e-big")).isEqualTo(before + 1);
    }

    @Test
    void theServersOwnRequestLimitIsAProblemToo() {
        TestApplication small = TestApplication.start(Map.of("attune.roles", "api",
                "micronaut.server.max-request-size", 4096, "attune.webhooks.max-body-bytes", 1024 * 1024));
        try {
            rule("small", Map.of("url", "e2e-small"));
            long before = eventsAt("e2e-small");

            Api.Response response = new Api(small.url()).sendAnsweredBeforeItsBody(HttpRequest.newBuilder(
                            URI.create(small.url() + "/api/v1/webhooks/e2e-small"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x".repeat(8192))));

            assertProblem(response, 413, "payload-too-large");
            assertThat(eventsAt("e2e-small")).isEqualTo(before);
        } finally {
            small.stop();
        }
    }

    @Test
    void theOpenApiDocumentNamesTheWebhookPath() {
        assertThat(api.get("/swagger/attune-api-v1.yml").body()).contains("/api/v1/webhooks/{name}:", "receiveWebhook");
    }
}
