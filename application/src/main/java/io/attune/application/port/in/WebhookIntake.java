package io.attune.application.port.in;

import io.attune.domain.event.Event;
import java.util.List;
import java.util.Map;

/** Turns a request posted to a webhook url into an event of {@code core.webhook}. */
public interface WebhookIntake {

    /**
     * Records one {@code core.webhook} event for the enabled rules on {@code url}: NotFound when no enabled rule
     * listens there; Unauthenticated (and nothing recorded) when one of them names an HMAC key and the request does
     * not carry a valid {@code sha256=<hex>} signature of its raw body in {@code X-Attune-Signature-256} or
     * {@code X-Hub-Signature-256}. The payload is {@code {headers, body}}, without credentials or signatures.
     */
    Event receive(Webhook webhook);

    /**
     * A request as received: header names in lower case (a header may repeat), the raw body (for the signature) and
     * the body as parsed from its content type (a map for JSON objects and forms, otherwise a JSON value or text).
     */
    record Webhook(String url, Map<String, List<String>> headers, byte[] rawBody, Object body) {
        public Webhook {
            headers = headers == null ? Map.of() : headers;
            rawBody = rawBody == null ? new byte[0] : rawBody;
        }
    }
}
