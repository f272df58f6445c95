package io.attune.adapters.http.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.application.port.in.DeadLetters.DeadLetter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.OptionalLong;

/** A dead letter as the API shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "DeadLetter")
public record DeadLetterJson(
        long id,
        @Schema(nullable = true, description = "the message type (event.created, execution.dispatch …); null when the"
                + " message could not be read") String type,
        @JsonProperty("message_id") @Schema(name = "message_id", nullable = true) String messageId,
        @Schema(nullable = true, description = "the execution it is about") Long execution,
        @Schema(nullable = true, description = "the event it is about") Long event,
        @Schema(description = "the queue it failed on; a replay puts it back there") String queue,
        @JsonProperty("routing_key") @Schema(name = "routing_key", nullable = true) String routingKey,
        @Schema(description = "why the consumer gave up") String error,
        @Schema(description = "how many times it was handled") int attempts,
        @JsonProperty("failed_at") @Schema(name = "failed_at") String failedAt,
        @Schema(description = "the message as text, cut to 4 KiB") String body,
        @Schema(description = "how many times it was replayed") int replays,
        @JsonProperty("replayed_at") @Schema(name = "replayed_at", nullable = true) String replayedAt,
        @JsonProperty("replayed_by") @Schema(name = "replayed_by", nullable = true) String replayedBy) {

    static DeadLetterJson of(DeadLetter d) {
        return new DeadLetterJson(d.id(), d.type().orElse(null), d.messageId().orElse(null), boxed(d.execution()),
                boxed(d.event()), d.queue(), d.routingKey().orElse(null), d.error(), d.attempts(),
                Times.iso(d.failedAt()), d.body(), d.replays(), d.replayedAt().map(Times::iso).orElse(null),
                d.replayedBy().orElse(null));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
