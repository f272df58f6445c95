package io.attune.application.port.in;

import io.attune.domain.event.Event;
import java.util.Map;
import java.util.Optional;

/** Records events: the start of every lineage. An accepted event is never lost. */
public interface EventIntake {

    /**
     * Records one event of a trigger: NotFound for an unknown trigger, Invalid (fields {@code payload.<path>}) for a
     * payload its schema refuses. The event and its {@code event.created} message are stored in one transaction and
     * the message is published after the commit; if the broker is down, the outbox relay delivers it later.
     */
    Event submit(SubmitEvent command);

    /** An event to record; {@code source} follows {@link io.attune.domain.event.EventSource}. */
    record SubmitEvent(String trigger, Map<String, Object> payload, Optional<String> source) {
        public SubmitEvent {
            payload = payload == null ? Map.of() : payload;
            source = source == null ? Optional.empty() : source;
        }
    }
}
