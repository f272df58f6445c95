package io.attune.application.port.out;

import io.attune.application.port.in.EventQueries.EventFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.event.Event;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Stored events. */
public interface EventRepository {

    /** Stores a new event (its id is ignored) and returns it with the id it was given. */
    Event insert(Event event);

    Optional<Event> find(long id);

    /** Newest first. */
    Page<Event> list(EventFilter filter, PageRequest page);

    /**
     * The same items as {@link #list}, {@code limit} of them from {@code offset}, without counting the total (which
     * costs every matching row); a store that counts cheaply may keep this default.
     */
    default List<Event> slice(EventFilter filter, int limit, int offset) {
        return list(filter, new PageRequest(Math.min(limit, PageRequest.MAX_LIMIT), offset)).items();
    }

    /**
     * Records that the rules stage has handled these events (whether or not a rule matched), inside the caller's
     * transaction: they leave the {@link #unprocessed} backlog. A new event is unprocessed until then.
     */
    void markProcessed(Collection<Long> ids);

    /** The events the rules stage has not handled yet, counted up to {@code cap}, with the oldest one's storage time. */
    Backlog unprocessed(int cap);
}
