package io.attune.application.port.out;

import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import java.time.Instant;
import java.util.Optional;

/** Stored events. */
public interface EventRepository {

    /** Stores a new event (its id is ignored) and returns it with the id it was given. */
    Event insert(Event event);

    Optional<Event> find(long id);

    /** Newest first. */
    Page<Event> list(EventFilter filter, PageRequest page);

    /** What to list; empty means any. {@code until} is exclusive. */
    record EventFilter(Optional<Ref> trigger, Optional<String> source, Optional<Instant> since, Optional<Instant> until) {
        public EventFilter {
            trigger = trigger == null ? Optional.empty() : trigger;
            source = source == null ? Optional.empty() : source;
            since = since == null ? Optional.empty() : since;
            until = until == null ? Optional.empty() : until;
        }

        public static EventFilter any() {
            return new EventFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }
}
