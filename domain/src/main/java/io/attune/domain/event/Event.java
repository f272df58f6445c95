package io.attune.domain.event;

import io.attune.domain.common.Json;
import io.attune.domain.common.Ref;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One firing of a trigger, with its payload; the start of every lineage. */
public record Event(long id, Ref trigger, Map<String, Object> payload, Instant occurredAt, Optional<String> source) {

    public Event {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(occurredAt, "occurredAt");
        payload = Json.copyObject(payload);
        source = source == null ? Optional.empty() : source;
    }
}
