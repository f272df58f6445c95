package io.attune.application.service;

import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.Message;
import io.attune.application.port.out.Outbox;
import io.attune.domain.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stores an event and appends its {@code event.created} message to the outbox, inside the caller's transaction; the
 * caller publishes the batch after its commit ({@link Dispatch#publish}). Used by every intake (API, webhooks,
 * sensors) and by timers, whose firing state is written in the same transaction as the event.
 */
public final class EventRecorder {

    private final EventRepository events;
    private final Outbox outbox;

    public EventRecorder(EventRepository events, Outbox outbox) {
        this.events = events;
        this.outbox = outbox;
    }

    /** Must run inside a transaction: the event and its message commit together. */
    public Event record(Event event, Dispatch.Pending pending) {
        Event stored = events.insert(event);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", stored.id());
        payload.put("trigger", stored.trigger().toString());
        pending.add(outbox.append(new Message(UUID.randomUUID().toString(), "event.created", Message.Routes.EVENT_CREATED,
                stored.occurredAt(), "event-" + stored.id(), payload)));
        return stored;
    }
}
