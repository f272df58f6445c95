package io.attune.application.port.in;

import io.attune.domain.event.Event;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Records events: the start of every lineage. An accepted event is never lost. */
public interface EventIntake {

    /**
     * Records one event of a trigger: NotFound for an unknown trigger, Invalid (fields {@code payload.<path>}) for a
     * payload its schema refuses. The event and its {@code event.created} message are stored in one transaction and
     * the message is published after the commit; if the broker is down, the outbox relay delivers it later.
     */
    Event submit(SubmitEvent command);

    /**
     * Records the event {@code admit} gives, deciding in the event's own transaction whether there is one: {@code admit}
     * runs there before anything is written (again if the event has to be written on its own), may read the store
     * (what it reads is as current as the write), and refuses by throwing a UseCaseException, which this throws having
     * written nothing. A webhook's check of its url and signature is one: it needs no transaction of its own.
     */
    default Event submit(Supplier<SubmitEvent> admit) {
        return submit(admit.get());
    }

    /** An event to record; {@code source} follows {@link io.attune.domain.event.EventSource}. */
    record SubmitEvent(String trigger, Map<String, Object> payload, Optional<String> source,
                       Optional<Idempotency.Claim> idempotency) {
        public SubmitEvent {
            payload = payload == null ? Map.of() : payload;
            source = source == null ? Optional.empty() : source;
            idempotency = idempotency == null ? Optional.empty() : idempotency;
        }

        public SubmitEvent(String trigger, Map<String, Object> payload, Optional<String> source) {
            this(trigger, payload, source, Optional.empty());
        }

        /** The same event, claiming an Idempotency-Key in the transaction that stores it. */
        public SubmitEvent once(Idempotency.Claim claim) {
            return new SubmitEvent(trigger, payload, source, Optional.of(claim));
        }
    }
}
