package io.attune.application.port.out;

import io.attune.application.port.in.EventQueries.EventFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.event.Event;
import java.util.Optional;

/** Stored events. */
public interface EventRepository {

    /** Stores a new event (its id is ignored) and returns it with the id it was given. */
    Event insert(Event event);

    Optional<Event> find(long id);

    /** Newest first. */
    Page<Event> list(EventFilter filter, PageRequest page);
}
