package io.attune.application.service;

import static io.attune.application.service.Fixtures.action;
import static io.attune.application.service.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.FakeSecretCipher;
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
import io.attune.domain.trigger.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String SECRET = "It's a Secret to Everybody";

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryEvents events = new InMemoryEvents();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final EventIntakeService intake = new EventIntakeService(catalog.triggers(), new ProgrammableSchemaValidator(),
            new EventRecorder(events, outbox), new Dispatch(new InMemoryExecutions(), catalog, outbox, outbox, tx), clock, Fixtures.idempotency(tx, clock));
    private final FakeSecretCipher cipher = new FakeSecretCipher();
    private final WebhookService service = new WebhookService(catalog.rules(), catalog, cipher, intake, clock);
    private final List<Rule> rules = new ArrayList<>();

    @BeforeEach
    void installCore() {
        install();
    }

    private void install(Rule... extra) {
        rules.addAll(List.of(extra));
        Trigger webhook = new Trigger(Ref.parse("core.webhook"), "",
                Map.of("type", "object", "required", List.of("headers")), Map.of());
        catalog.replace(new PackContent(pack("core"), List.of(action("core.noop")), List.of(webhook), List.of(),
                List.copyOf(rules), List.of()));
    }

    private static Rule webhookRule(String name, Map<String, Object> parameters, boolean enabled) {
        return new Rule(Ref.parse("core." + name), "", Ref.parse("core.webhook"), parameters, Criteria.none(),
                Ref.parse("core.noop"), Map.of(), enabled, Rule.Origin.PACK);
    }

    private static Webhook post(String url, String body, Map<String, List<String>> headers) {
        Map<String, List<String>> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", List.of("application/json"));
        return new Webhook(url, Optional.of("application/json"), all, body.getBytes(StandardCharsets.UTF_8),
                raw -> Map.of("ref", "main"));
    }

    private static String signature(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private void putSecret(String name, String value) {
        catalog.put(new Key(name, new KeyScope.System(), cipher.seal(value), true, Optional.empty()));
    }

    @Test
    void recordsOneEventWithHeadersAndBodyFromTheWebhookSource() {
        install(webhookRule("deploy", Map.of("url", "deploys"), true));

        Event event = service.receive(post("deploys", "{\"ref\":\"main\"}", Map.of("X-Request-Id", List.of("abc"))));

        assertThat(events.all()).containsExactly(event);
        assertThat(event.trigger()).isEqualTo(Ref.parse("core.webhook"));
        assertThat(event.source()).contains("webhook:deploys");
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.payload().get("body")).isEqualTo(Map.of("ref", "main"));
        assertThat(event.payload().get("headers")).isEqualTo(Map.of("x-request-id", "abc", "content-type", "application/json"));
        assertThat(outbox.published()).extracting(m -> m.type()).containsExactly("event.created");
    }

    @Test
    void severalRulesAtOneUrlShareOneEvent() {
        install(webhookRule("a", Map.of("url", "github/push"), true), webhookRule("b", Map.of("url", "github/push"), true),
                webhookRule("other", Map.of("url", "github"), true));

        service.receive(post("github/push", "{}", Map.of()));

        assertThat(events.all()).hasSize(1);
    }

    @Test
    void anUnknownOrDisabledUrlIsNotFoundAndRecordsNothing() {
        install(webhookRule("off", Map.of("url", "disabled"), false), webhookRule("on", Map.of("url", "deploys"), true));

        assertThatThrownBy(() -> service.receive(post("nobody", "{}", Map.of())))
                .isInstanceOfSatisfying(UseCaseException.NotFound.class, e -> assertThat(e.kind()).isEqualTo("webhook"));
        assertThatThrownBy(() -> service.receive(post("disabled", "{}", Map.of())))
                .isInstanceOf(UseCaseException.NotFound.class);
        assertThatThrownBy(() -> service.receive(post("deploys/extra", "{}", Map.of())))
                .isInstanceOf(UseCaseException.NotFound.class);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void acceptsAValidSignatureInEitherHeader() throws Exception {
        putSecret("deploy_secret", SECRET);
        install(webhookRule("signed", Map.of("url", "signed", "hmac_secret_key", "deploy_secret"), true));
        String body = "{\"ref\":\"main\"}";

        service.receive(post("signed", body, Map.of("X-Attune-Signature-256", List.of(signature(SECRET, body)))));
        service.receive(post("signed", body, Map.of("X-Hub-Signature-256", List.of(signature(SECRET, body)))));

        assertThat(events.all()).hasSize(2);
    }

    @Test
    void matchesGithubsPublishedExample() {
        // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
        putSecret("gh", SECRET);
        install(webhookRule("gh", Map.of("url", "gh", "hmac_secret_key", "gh"), true));
        String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        Webhook request = new Webhook("gh", Optional.of("text/plain"), Map.of("X-Hub-Signature-256", List.of(expected)),
                "Hello, World!".getBytes(StandardCharsets.UTF_8), raw -> new String(raw, StandardCharsets.UTF_8));

        assertThat(service.receive(request).payload().get("body")).isEqualTo("Hello, World!");
    }

    @Test
    void aMissingWrongOrMalformedSignatureIsUnauthenticatedAndRecordsNothing() throws Exception {
        putSecret("deploy_secret", SECRET);
        install(webhookRule("signed", Map.of("url", "signed", "hmac_secret_key", "deploy_secret"), true));
        String body = "{\"ref\":\"main\"}";

        for (Map<String, List<String>> headers : List.of(
                Map.<String, List<String>>of(),
                Map.of("X-Attune-Signature-256", List.of(signature("another secret", body))),
                Map.of("X-Attune-Signature-256", List.of(signature(SECRET, body + " "))),
                Map.of("X-Attune-Signature-256", List.of(signature(SECRET, body).substring("sha256=".length()))),
                Map.of("X-Attune-Signature-256", List.of("sha256=not-hex")),
                Map.of("X-Hub-Signature", List.of(signature(SECRET, body))))) {
            assertThatThrownBy(() -> service.receive(post("signed", body, headers)))
                    .as(headers.toString())
                    .isInstanceOfSatisfying(UseCaseException.Unauthenticated.class,
                            e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        }
        assertThat(events.all()).isEmpty();
        assertThat(outbox.published()).isEmpty();
    }

    @Test
    void aRuleNamingAKeyThatDoesNotExistRefusesEveryRequest() throws Exception {
        install(webhookRule("open", Map.of("url", "shared"), true),
                webhookRule("locked", Map.of("url", "shared", "hmac_secret_key", "missing_key"), true));

        assertThatThrownBy(() -> service.receive(post("shared", "{}", Map.of())))
                .isInstanceOf(UseCaseException.Unauthenticated.class);
        assertThatThrownBy(() -> service.receive(post("shared", "{}",
                Map.of("X-Attune-Signature-256", List.of(signature("a guess", "{}"))))))
                .isInstanceOf(UseCaseException.Unauthenticated.class);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void aKeySealedWithAnotherEncryptionKeyIsAConflictThatRecordsNothingAndShowsNoSecret() throws Exception {
        catalog.put(new Key("rotated", new KeyScope.System(), new FakeSecretCipher("0badc0de").seal(SECRET), true,
                Optional.empty()));
        install(webhookRule("rotated", Map.of("url", "rotated", "hmac_secret_key", "rotated"), true));

        assertThatThrownBy(() -> service.receive(post("rotated", "{}",
                Map.of("X-Attune-Signature-256", List.of(signature(SECRET, "{}"))))))
                .isInstanceOf(UseCaseException.Conflict.class)
                .hasMessageContaining("'rotated' cannot be decrypted")
                .hasMessageNotContaining(SECRET);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void aKeyThatIsNotSecretSignsToo() throws Exception {
        catalog.put(new Key("plain", new KeyScope.System(), SECRET, false, Optional.empty()));
        install(webhookRule("plain", Map.of("url", "plain", "hmac_secret_key", "plain"), true));

        service.receive(post("plain", "{}", Map.of("X-Attune-Signature-256", List.of(signature(SECRET, "{}")))));

        assertThat(events.all()).hasSize(1);
    }

    @Test
    void anExpiredKeyNoLongerSigns() throws Exception {
        catalog.put(new Key("old", new KeyScope.System(), cipher.seal(SECRET), true, Optional.of(NOW.minusSeconds(1))));
        install(webhookRule("old", Map.of("url", "old", "hmac_secret_key", "old"), true));

        assertThatThrownBy(() -> service.receive(post("old", "{}",
                Map.of("X-Attune-Signature-256", List.of(signature(SECRET, "{}"))))))
                .isInstanceOf(UseCaseException.Unauthenticated.class);
    }

    @Test
    void aKeyInAPackScopeIsNotTheSystemKeyARuleNames() throws Exception {
        catalog.put(new Key("scoped", new KeyScope.Pack("core"), cipher.seal(SECRET), true, Optional.empty()));
        install(webhookRule("scoped", Map.of("url", "scoped", "hmac_secret_key", "scoped"), true));

        assertThatThrownBy(() -> service.receive(post("scoped", "{}",
                Map.of("X-Attune-Signature-256", List.of(signature(SECRET, "{}"))))))
                .isInstanceOf(UseCaseException.Unauthenticated.class);
    }

    @Test
    void everySecretNamedAtAUrlMustSign() throws Exception {
        putSecret("first", SECRET);
        putSecret("second", "another secret");
        install(webhookRule("one", Map.of("url", "both", "hmac_secret_key", "first"), true),
                webhookRule("two", Map.of("url", "both", "hmac_secret_key", "second"), true));

        assertThatThrownBy(() -> service.receive(post("both", "{}",
                Map.of("X-Attune-Signature-256", List.of(signature(SECRET, "{}"))))))
                .isInstanceOf(UseCaseException.Unauthenticated.class);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void credentialsAndSignaturesAreNotStoredInThePayload() throws Exception {
        putSecret("deploy_secret", SECRET);
        install(webhookRule("signed", Map.of("url", "signed", "hmac_secret_key", "deploy_secret"), true));
        String body = "{}";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Authorization", List.of("Bearer token"));
        headers.put("Cookie", List.of("session=1"));
        headers.put("X-Attune-Signature-256", List.of(signature(SECRET, body)));
        headers.put("X-Hub-Signature-256", List.of(signature(SECRET, body)));
        headers.put("Accept", List.of("text/plain", "application/json"));

        Event event = service.receive(post("signed", body, headers));

        assertThat(event.payload().get("headers"))
                .isEqualTo(Map.of("accept", "text/plain, application/json", "content-type", "application/json"));
    }

    @Test
    void configuredHeaderPatternsAreDroppedCaseInsensitivelyAndTheSignatureHeadersAlways() {
        WebhookService custom = new WebhookService(catalog.rules(), catalog, cipher, intake, clock,
                List.of("X-Custom-*", "*-trace", " "));
        install(webhookRule("deploy", Map.of("url", "deploys"), true));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-CUSTOM-One", List.of("1"));
        headers.put("My-Trace", List.of("2"));
        headers.put("X-Hub-Signature-256", List.of("sha256=00"));
        headers.put("Authorization", List.of("kept: not in this list"));
        headers.put("X-Keep", List.of("3"));

        Event event = custom.receive(post("deploys", "{}", headers));

        assertThat(event.payload().get("headers")).isEqualTo(Map.of("authorization", "kept: not in this list",
                "x-keep", "3", "content-type", "application/json"));
    }

    @Test
    void theBodyIsNotReadBeforeTheSignatureIsChecked() {
        putSecret("deploy_secret", SECRET);
        install(webhookRule("signed", Map.of("url", "signed", "hmac_secret_key", "deploy_secret"), true));
        Webhook unsigned = new Webhook("signed", Optional.of("application/json"), Map.of(), new byte[] {'{'},
                raw -> {
                    throw new AssertionError("the body of an unsigned request was read");
                });

        assertThatThrownBy(() -> service.receive(unsigned)).isInstanceOf(UseCaseException.Unauthenticated.class);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void aPayloadTheTriggerRefusesIsInvalidAndRecordsNothing() {
        install(webhookRule("deploy", Map.of("url", "deploys"), true));
        Trigger strict = new Trigger(Ref.parse("core.webhook"), "",
                Map.of("type", "object", "required", List.of("signature_checked")), Map.of());
        catalog.replace(new PackContent(pack("core"), List.of(action("core.noop")), List.of(strict), List.of(),
                List.copyOf(rules), List.of()));

        assertThatThrownBy(() -> service.receive(post("deploys", "{}", Map.of())))
                .isInstanceOf(UseCaseException.Invalid.class);
        assertThat(events.all()).isEmpty();
    }
}
