package io.attune.adapters.http.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.domain.event.Event;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** An event as the API shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Event")
public record EventJson(
        long id,
        @Schema(example = "core.webhook") String trigger,
        Map<String, Object> payload,
        @Schema(nullable = true, description = "api, webhook:<url>, timer:<rule> or sensor:<sensor>") String source,
        @JsonProperty("occurred_at") @Schema(name = "occurred_at") String occurredAt) {

    static EventJson of(Event e) {
        return new EventJson(e.id(), e.trigger().toString(), e.payload(), e.source().orElse(null), Times.iso(e.occurredAt()));
    }
}
