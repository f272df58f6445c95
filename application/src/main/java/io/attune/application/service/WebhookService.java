package io.attune.application.service;

import io.attune.application.port.in.CatalogQueries.RuleFilter;
import io.attune.application.port.in.EventIntake;
import io.attune.application.port.in.EventIntake.SubmitEvent;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.WebhookIntake;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import io.attune.domain.event.EventSource;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import io.attune.domain.rule.Rule;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhooks: a request to {@code /api/v1/webhooks/<url>} becomes one {@code core.webhook} event for the enabled rules
 * on that url, after the HMAC-SHA256 signature check their {@code hmac_secret_key} asks for. Which rules then fire is
 * the rules engine's business (the event is addressed to the url, {@link EventSource#webhook}).
 */
public final class WebhookService implements WebhookIntake {

    private static final System.Logger LOG = System.getLogger(WebhookService.class.getName());
    static final Ref WEBHOOK = Ref.parse("core.webhook");
    static final List<String> SIGNATURE_HEADERS = List.of("x-attune-signature-256", "x-hub-signature-256");
    /** Headers never stored in an event: they carry credentials. */
    private static final Set<String> HIDDEN = Set.of("authorization", "cookie", "proxy-authorization",
            "x-attune-signature-256", "x-hub-signature-256", "x-hub-signature", "x-api-key");

    private final RuleRepository rules;
    private final KeyRepository keys;
    private final EventIntake intake;
    private final TransactionRunner tx;
    private final Clock clock;

    public WebhookService(RuleRepository rules, KeyRepository keys, EventIntake intake, TransactionRunner tx, Clock clock) {
        this.rules = rules;
        this.keys = keys;
        this.intake = intake;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Event receive(Webhook webhook) {
        String url = webhook.url() == null ? "" : webhook.url();
        List<Rule> listening = tx.readOnly(() -> listeningRules(url));
        if (listening.isEmpty()) {
            throw new UseCaseException.NotFound("webhook", url);
        }
        Set<String> keyNames = new LinkedHashSet<>();
        for (Rule rule : listening) {
            if (rule.triggerParameters().get("hmac_secret_key") instanceof String name && !name.isBlank()) {
                keyNames.add(name);
            }
        }
        for (String keyName : keyNames) {
            verify(url, keyName, webhook);
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        webhook.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HIDDEN.contains(lower) && values != null && !values.isEmpty()) {
                headers.put(lower, values.size() == 1 ? values.get(0) : List.copyOf(values));
            }
        });
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("headers", headers);
        payload.put("body", webhook.body());
        return intake.submit(new SubmitEvent(WEBHOOK.toString(), payload, Optional.of(EventSource.webhook(url))));
    }

    private List<Rule> listeningRules(String url) {
        RuleFilter filter = new RuleFilter(Optional.empty(), Optional.of(WEBHOOK), Optional.empty(), Optional.of(true));
        List<Rule> found = new ArrayList<>();
        for (int offset = 0; ; offset += PageRequest.MAX_LIMIT) {
            List<Rule> page = rules.list(filter, new PageRequest(PageRequest.MAX_LIMIT, offset)).items();
            page.stream().filter(r -> url.equals(r.triggerParameters().get("url"))).forEach(found::add);
            if (page.size() < PageRequest.MAX_LIMIT) {
                return found;
            }
        }
    }

    private void verify(String url, String keyName, Webhook webhook) {
        Optional<String> secret = tx.readOnly(() -> secret(keyName));
        if (secret.isEmpty()) {
            LOG.log(Level.WARNING, "webhook {0} needs the HMAC key ''{1}'', which does not exist: request refused", url, keyName);
            throw new UseCaseException.Unauthenticated("the webhook '" + url + "' cannot check signatures: its key is missing");
        }
        Optional<String> given = SIGNATURE_HEADERS.stream()
                .flatMap(h -> webhook.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(h)))
                .flatMap(e -> e.getValue().stream()).findFirst();
        if (given.isEmpty()) {
            throw new UseCaseException.Unauthenticated("the webhook '" + url
                    + "' needs a signature: X-Attune-Signature-256: sha256=<hex HMAC-SHA256 of the body>");
        }
        byte[] expected = ("sha256=" + HexFormat.of().formatHex(hmac(secret.get(), webhook.rawBody())))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] actual = given.get().trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new UseCaseException.Unauthenticated("the signature of the request to webhook '" + url + "' is not valid");
        }
    }

    /** The key's value, read through one place: secrets are decrypted here once they are stored encrypted. */
    private Optional<String> secret(String keyName) {
        try {
            return keys.find(keyName, new KeyScope.System()).filter(k -> !k.isExpired(clock.instant())).map(Key::value);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
