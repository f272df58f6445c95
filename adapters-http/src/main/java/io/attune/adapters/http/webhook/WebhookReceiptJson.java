package io.attune.adapters.http.webhook;

import io.attune.domain.event.Event;
import io.swagger.v3.oas.annotations.media.Schema;

/** What a webhook request answers once its event is recorded: the event's id and trigger. */
@Schema(name = "WebhookReceipt")
public record WebhookReceiptJson(
        @Schema(description = "the id of the recorded event") long event,
        @Schema(example = "core.webhook") String trigger) {

    /** The trigger of every webhook event. */
    static final String TRIGGER = "core.webhook";

    static WebhookReceiptJson of(Event event) {
        return new WebhookReceiptJson(event.id(), event.trigger().toString());
    }
}
