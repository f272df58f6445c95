package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryEvents;
import io.attune.application.fake.InMemoryExecutions;
import io.attune.application.fake.InMemoryOutbox;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.WebhookIntake.Webhook;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import io.attune.domain.pack.PackContent;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.Criteria;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks against in-memory storage: which url exists, signatures, what the event holds. */
class WebhookServiceTest {

    private static final String SECRET = "hunter2-webhook-secret";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryEvents events = new InMemoryEvents();
    private final Dispatch dispatch = new Dispatch(new InMemoryExecutions(), catalog, outbox, outbox, tx);
    private final EventIntakeService intake = new EventIntakeService(catalog.triggers(), new ProgrammableSchemaValidator(),
            new EventRecorder(events, outbox), dispatch, tx, clock);
    private final WebhookService service = new WebhookService(catalog.rules(), catalog, intake, tx, clock);

    @BeforeEach
    void install() {
        catalog.replace(new PackContent(Fixtures.pack("core"), List.of(Fixtures.action("core.noop")),
                List.of(Fixtures.trigger("core.webhook")), List.of(), List.of(), List.of()));
        hook("core.plain", Map.of("url", "deploys"));
        hook("core.signed", Map.of("url", "github/push", "hmac_secret_key", "gh_secret"));
        catalog.put(new Key("gh_secret", new KeyScope.System(), SECRET, true, Optional.empty()));
    }

    private void hook(String ref, Map<String, Object> parameters) {
        catalog.rules().insert(new Rule(Ref.parse(ref), "", Ref.parse("core.webhook"), parameters, Criteria.none(),
                Ref.parse("core.noop"), Map.of(), true, Rule.Origin.API));
    }

    private static Webhook request(String url, String body, Map<String, List<String>> headers) {
        return new Webhook(url, headers, body.getBytes(StandardCharsets.UTF_8), Map.of("raw", body));
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPostToAUrlARuleListensOnIsOneEventWithHeadersAndBodyButNoCredentials() {
        Event event = service.receive(request("deploys", "{}", Map.of("x-request-id", List.of("abc"),
                "authorization", List.of("Bearer t0ken"), "cookie", List.of("s=1"))));

        assertThat(event.trigger()).isEqualTo(Ref.parse("core.webhook"));
        assertThat(event.source()).contains("webhook:deploys");
        assertThat(event.payload()).isEqualTo(Map.of("headers", Map.of("x-request-id", "abc"), "body", Map.of("raw", "{}")));
        assertThat(events.all()).containsExactly(event);
        assertThat(outbox.published()).anyMatch(m -> m.routingKey().equals("event.created"));
    }

    @Test
    void aUrlNoEnabledRuleListensOnIsNotFound() {
        catalog.rules().update(catalog.rules().find(Ref.parse("core.plain")).orElseThrow().withEnabled(false));

        assertThatThrownBy(() -> service.receive(request("deploys", "{}", Map.of())))
                .isInstanceOf(UseCaseException.NotFound.class);
        assertThatThrownBy(() -> service.receive(request("nobody", "{}", Map.of())))
                .isInstanceOf(UseCaseException.NotFound.class);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void aSignedWebhookNeedsTheRightSignatureOfTheRawBody() throws Exception {
        String body = "{\"ref\": \"main\"}";

        Event ok = service.receive(request("github/push", body, Map.of("X-Hub-Signature-256", List.of(sign(SECRET, body)))));
        assertThat(ok.payload().get("headers")).isEqualTo(Map.of());

        assertThatThrownBy(() -> service.receive(request("github/push", body, Map.of())))
                .isInstanceOf(UseCaseException.Unauthenticated.class);
        assertThatThrownBy(() -> service.receive(request("github/push", body,
                Map.of("x-attune-signature-256", List.of(sign("wrong", body))))))
                .isInstanceOf(UseCaseException.Unauthenticated.class).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> service.receive(request("github/push", body + " ",
                Map.of("x-attune-signature-256", List.of(sign(SECRET, body))))))
                .isInstanceOf(UseCaseException.Unauthenticated.class);
        assertThat(events.all()).hasSize(1);
    }

    @Test
    void aSignedWebhookWhoseKeyIsMissingRefusesEveryRequest() throws Exception {
        catalog.delete("gh_secret", new KeyScope.System());
        String body = "{}";

        assertThatThrownBy(() -> service.receive(request("github/push", body,
                Map.of("x-attune-signature-256", List.of(sign(SECRET, body))))))
                .isInstanceOf(UseCaseException.Unauthenticated.class);
        assertThat(events.all()).isEmpty();
    }
}
