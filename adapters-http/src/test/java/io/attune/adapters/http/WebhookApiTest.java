package io.attune.adapters.http;

import static io.attune.adapters.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.adapters.http.fake.FakeWebhooks;
import io.attune.application.port.in.WebhookIntake.Webhook;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook endpoint: bodies by content type, raw bytes kept, urls with slashes, limits and refusals. */
@MicronautTest
@Property(name = "attune.webhooks.max-body-bytes", value = "100")
class WebhookApiTest {

    @Inject
    EmbeddedServer server;

    @Inject
    FakeWebhooks webhooks;

    Http http;

    @BeforeEach
    void setUp() {
        webhooks.received().clear();
        http = new Http(server.getURL());
    }

    @Test
    void aJsonBodyIsParsedAndItsRawBytesAndHeadersKept() {
        String body = "{\"ref\": \"main\", \"n\": 3}";

        Http.Reply reply = http.send("POST", "/api/v1/webhooks/deploys", "application/json", body);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().path("event").asLong()).isEqualTo(1);
        assertThat(reply.json().path("trigger").asText()).isEqualTo("core.webhook");
        Webhook got = webhooks.received().get(0);
        assertThat(got.url()).isEqualTo("deploys");
        assertThat(got.body()).isEqualTo(Map.of("ref", "main", "n", 3));
        assertThat(new String(got.rawBody(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(got.headers()).containsKey("content-type");
    }

    @Test
    void formAndTextBodiesAndUrlsWithSlashes() {
        assertThat(http.send("POST", "/api/v1/webhooks/deploys/github/push", "application/x-www-form-urlencoded",
                "a=1&b=two+words&a=3").status()).isEqualTo(202);
        assertThat(http.send("POST", "/api/v1/webhooks/deploys", "text/plain", "just text").status()).isEqualTo(202);

        assertThat(webhooks.received().get(0).url()).isEqualTo("deploys/github/push");
        assertThat(webhooks.received().get(0).body()).isEqualTo(Map.of("a", List.of("1", "3"), "b", "two words"));
        assertThat(webhooks.received().get(1).body()).isEqualTo("just text");
    }

    @Test
    void refusalsAreProblems() {
        assertProblem(http.send("POST", "/api/v1/webhooks/nobody", "application/json", "{}"), 404, "not-found");
        assertProblem(http.send("POST", "/api/v1/webhooks/locked", "application/json", "{}"), 401, "unauthenticated");
        assertProblem(http.send("POST", "/api/v1/webhooks/deploys", "application/json", "{not json"), 400, "malformed-body");
        assertProblem(http.send("POST", "/api/v1/webhooks/deploys", "text/plain", "x".repeat(101)), 413, "payload-too-large");
        assertThat(webhooks.received()).isEmpty();
    }
}
