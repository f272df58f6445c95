package io.attune.application.service;

import io.attune.application.port.in.EventIntake;
import io.attune.application.port.in.EventIntake.SubmitEvent;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.WebhookIntake;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.SecretCipher;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import io.attune.domain.event.EventSource;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import io.attune.domain.rule.Rule;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Receives webhooks: finds the enabled rules on {@code core.webhook} listening at the url, checks the HMAC signature
 * they ask for, and records one event through {@link EventIntake}.
 */
public final class WebhookService implements WebhookIntake {

    /** The trigger every webhook fires. */
    public static final Ref TRIGGER = Ref.parse("core.webhook");

    private static final System.Logger LOG = System.getLogger(WebhookService.class.getName());
    private static final String URL = "url";
    private static final String HMAC_KEY = "hmac_secret_key";
    private static final String PREFIX = "sha256=";
    /**
     * The headers dropped from events unless configured otherwise: those that carry credentials by name or by
     * convention (GitLab's X-Gitlab-Token, API keys, HMAC signatures of GitHub, Slack, Shopify…).
     */
    public static final List<String> DEFAULT_DROPPED_HEADERS = List.of("authorization", "proxy-authorization",
            "cookie", "set-cookie", "*-token", "*-signature*", "*-api-key", "api-key", "x-auth*", "*-hmac*",
            "*secret*", "*password*");

    private final RuleRepository rules;
    private final KeyRepository keys;
    private final Secrets secrets;
    private final EventIntake events;
    private final Clock clock;
    private final List<Pattern> dropped;

    /** Drops {@link #DEFAULT_DROPPED_HEADERS}. */
    public WebhookService(RuleRepository rules, KeyRepository keys, SecretCipher cipher, EventIntake events,
                          Clock clock) {
        this(rules, keys, cipher, events, clock, DEFAULT_DROPPED_HEADERS);
    }

    /**
     * Drops the headers whose names match one of {@code droppedHeaders} (case-insensitive; {@code *} stands for any
     * characters) from stored events, and always the two signature headers it checks.
     */
    public WebhookService(RuleRepository rules, KeyRepository keys, SecretCipher cipher, EventIntake events,
                          Clock clock, List<String> droppedHeaders) {
        List<String> names = new ArrayList<>(droppedHeaders);
        names.add(SIGNATURE);
        names.add(GITHUB_SIGNATURE);
        this.dropped = names.stream().map(String::trim).filter(n -> !n.isEmpty()).map(WebhookService::glob).toList();
        this.rules = rules;
        this.keys = keys;
        this.secrets = new Secrets(cipher);
        this.events = events;
        this.clock = clock;
    }

    /**
     * Checks the url and the signature in the event's own transaction ({@link EventIntake#submit(Supplier)}), so a
     * webhook costs one transaction, shared with the other events of its group commit: the rules and keys it reads
     * are those of the commit that records it.
     */
    @Override
    public Event receive(Webhook webhook) {
        return events.submit(() -> admit(webhook));
    }

    /** The event of a webhook whose url has listeners and whose signature they accept; refused otherwise. */
    private SubmitEvent admit(Webhook webhook) {
        String url = webhook.url();
        List<Rule> listening = listeningAt(url);
        if (listening.isEmpty()) {
            throw new UseCaseException.NotFound("webhook", url);
        }
        // one event serves every rule at the url, so it must satisfy each secret they name
        for (String name : hmacKeys(listening)) {
            Optional<Key> key = hmacKey(name);
            if (key.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "webhook '" + url + "' names the HMAC key '" + name
                        + "', which does not exist in the system scope (or has expired): its requests are refused");
                throw unauthenticated(url);
            }
            if (!signedWith(secret(url, key.get()), webhook)) {
                throw unauthenticated(url);
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("headers", storedHeaders(webhook.headers()));
        payload.put("body", webhook.body()); // parsed only now: an unsigned body is never read
        // the key is claimed only after this, by the intake: a stranger cannot probe for a delivery's answer
        return new SubmitEvent(TRIGGER.toString(), payload, Optional.of(EventSource.webhook(url)),
                webhook.idempotency());
    }

    /** The enabled rules on {@code core.webhook} whose {@code url} parameter is {@code url}, ordered by ref. */
    private List<Rule> listeningAt(String url) {
        return listeningAt(rules.enabledOn(TRIGGER), url);
    }

    /** Of the enabled rules on {@code core.webhook}, those whose {@code url} parameter is {@code url}. */
    static List<Rule> listeningAt(List<Rule> webhookRules, String url) {
        return webhookRules.stream().filter(r -> url.equals(r.triggerParameters().get(URL))).toList();
    }

    private static Set<String> hmacKeys(List<Rule> listening) {
        Set<String> names = new LinkedHashSet<>();
        for (Rule rule : listening) {
            if (rule.triggerParameters().get(HMAC_KEY) instanceof String name && !name.isBlank()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The system key that holds an HMAC secret, unless it is absent, expired or empty. */
    private Optional<Key> hmacKey(String keyName) {
        try {
            Key.requireValidName(keyName);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return keys.find(keyName, new KeyScope.System()).filter(k -> !k.isExpired(clock.instant()))
                .filter(k -> !k.value().isEmpty());
    }

    /**
     * The HMAC secret in clear: the one place a webhook decrypts a key. A key that cannot be decrypted (another
     * encryption key) refuses the request with a Conflict; the log says why, the caller only that it cannot be checked.
     */
    private String secret(String url, Key key) {
        try {
            return secrets.valueOf(key);
        } catch (UseCaseException.Conflict e) {
            LOG.log(System.Logger.Level.ERROR, "webhook '" + url + "' cannot check signatures: " + e.getMessage());
            throw new UseCaseException.Conflict("webhook '" + url + "' cannot check signatures now: its HMAC key '"
                    + key.name() + "' cannot be decrypted (the server log says why)");
        }
    }

    /** Whether a signature header holds {@code sha256=<hex>} of the raw body under {@code secret}. */
    private static boolean signedWith(String secret, Webhook webhook) {
        Optional<String> header = webhook.header(SIGNATURE).or(() -> webhook.header(GITHUB_SIGNATURE));
        if (header.isEmpty() || !header.get().regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.get().substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(secret, webhook.rawBody()), given);
    }

    private static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Lower-cased names, credentials left out, several values of one header joined as HTTP joins them. */
    private Map<String, Object> storedHeaders(Map<String, List<String>> headers) {
        Map<String, Object> stored = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (dropped.stream().noneMatch(p -> p.matcher(name).matches())) {
                stored.put(name, String.join(", ", values));
            }
        });
        return stored;
    }

    /** A header name pattern: case-insensitive, {@code *} for any characters, everything else literal. */
    private static Pattern glob(String pattern) {
        String regex = Arrays.stream(pattern.toLowerCase(Locale.ROOT).split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    private static UseCaseException.Unauthenticated unauthenticated(String url) {
        return new UseCaseException.Unauthenticated("webhook '" + url + "' accepts only requests signed with its secret:"
                + " send 'sha256=<hex of HMAC-SHA256 of the body>' in X-Attune-Signature-256 or X-Hub-Signature-256");
    }
}
