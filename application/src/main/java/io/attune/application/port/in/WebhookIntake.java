package io.attune.application.port.in;

import io.attune.domain.common.Json;
import io.attune.domain.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Turns requests posted to a webhook url into events of {@code core.webhook}, for the rules that listen there. */
public interface WebhookIntake {

    /** The header a signature is read from first; {@link #GITHUB_SIGNATURE} is accepted too. */
    String SIGNATURE = "x-attune-signature-256";
    /** GitHub's signature header, same format: {@code sha256=<hex of HMAC-SHA256(secret, raw body)>}. */
    String GITHUB_SIGNATURE = "x-hub-signature-256";

    /**
     * Records one event of {@code core.webhook} with payload {@code {headers, body}} and source {@code webhook:<url>},
     * however many enabled rules listen at the url (they all see that one event). NotFound when no enabled rule
     * listens at the url; Unauthenticated, recording nothing, when one of them names {@code hmac_secret_key} and the
     * request carries no valid signature of its raw body made with that key's secret (or the key does not exist).
     * The body is parsed only after both checks, so a stranger's body is never read. Headers that carry credentials
     * (the configured dropped headers, and the signature headers) never reach the stored payload.
     */
    Event receive(Webhook webhook);

    /**
     * Reads a raw body into the JSON-shaped value an event carries (a JSON value, a form as a map, or the text); throws
     * the adapter's own refusal when the body cannot be read.
     */
    @FunctionalInterface
    interface BodyParser {
        Object parse(byte[] rawBody);
    }

    /**
     * One request to {@code /api/v1/webhooks/<url>}: header names are lower-cased (several values of one header kept
     * in order), {@code rawBody} is the bytes as received (signatures are computed over them) and {@code parser} what
     * reads them, once the url and the signature are checked.
     */
    record Webhook(String url, Optional<String> contentType, Map<String, List<String>> headers, byte[] rawBody,
                   BodyParser parser, Optional<Idempotency.Claim> idempotency) {

        public Webhook(String url, Optional<String> contentType, Map<String, List<String>> headers, byte[] rawBody,
                       BodyParser parser) {
            this(url, contentType, headers, rawBody, parser, Optional.empty());
        }

        /** The same request, claiming an Idempotency-Key (or a delivery id) in the transaction that stores its event. */
        public Webhook once(Idempotency.Claim claim) {
            return new Webhook(url, contentType, headers, rawBody, parser, Optional.of(claim));
        }

        public Webhook {
            idempotency = idempotency == null ? Optional.empty() : idempotency;
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(parser, "parser");
            contentType = contentType == null ? Optional.empty() : contentType;
            Map<String, List<String>> lower = new LinkedHashMap<>();
            (headers == null ? Map.<String, List<String>>of() : headers).forEach((name, values) ->
                    lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
            lower.replaceAll((name, values) -> List.copyOf(values));
            headers = Collections.unmodifiableMap(lower);
            rawBody = rawBody == null ? new byte[0] : rawBody.clone();
        }

        @Override
        public byte[] rawBody() {
            return rawBody.clone();
        }

        /** The body as its parser reads it (a deep, unmodifiable copy); throws what the parser throws. */
        public Object body() {
            return Json.copyValue(parser.parse(rawBody.clone()));
        }

        /** The first value of a header, by its name in any case. */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Webhook w && url.equals(w.url) && contentType.equals(w.contentType)
                    && headers.equals(w.headers) && Arrays.equals(rawBody, w.rawBody) && parser.equals(w.parser)
                    && idempotency.equals(w.idempotency);
        }

        @Override
        public int hashCode() {
            return Objects.hash(url, contentType, headers, Arrays.hashCode(rawBody), parser, idempotency);
        }

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", contentType=" + contentType + ", " + rawBody.length + " bytes]";
        }
    }
}
