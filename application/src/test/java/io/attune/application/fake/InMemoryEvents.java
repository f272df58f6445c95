package io.attune.application.fake;

import io.attune.application.port.in.EventQueries.EventFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.Backlog;
import io.attune.application.port.out.EventRepository;
import io.attune.domain.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Events in memory, for application tests; held to the same contract as PostgreSQL. */
public final class InMemoryEvents implements EventRepository {

    private final TreeMap<Long, Event> rows = new TreeMap<>();
    /** The events the rules stage has not handled yet, with when they were stored. */
    private final Map<Long, Instant> unprocessed = new HashMap<>();
    private final Clock clock = Clock.systemUTC();
    private long nextId = 1;

    @Override
    public synchronized Event insert(Event event) {
        Event stored = new Event(nextId++, event.trigger(), event.payload(), event.occurredAt(), event.source());
        rows.put(stored.id(), stored);
        unprocessed.put(stored.id(), clock.instant());
        return stored;
    }

    @Override
    public synchronized Optional<Event> find(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized Page<Event> list(EventFilter filter, PageRequest page) {
        List<Event> matching = rows.descendingMap().values().stream()
                .filter(e -> filter.trigger().map(t -> t.equals(e.trigger())).orElse(true))
                .filter(e -> filter.source().map(s -> e.source().equals(Optional.of(s))).orElse(true))
                .filter(e -> filter.since().map(s -> !e.occurredAt().isBefore(s)).orElse(true))
                .filter(e -> filter.until().map(u -> e.occurredAt().isBefore(u)).orElse(true))
                .toList();
        return new Page<>(matching.stream().skip(page.offset()).limit(page.limit()).toList(), matching.size(),
                page.limit(), page.offset());
    }

    @Override
    public synchronized void markProcessed(Collection<Long> ids) {
        ids.forEach(unprocessed::remove);
    }

    @Override
    public synchronized Backlog unprocessed(int cap) {
        return new Backlog(Math.min(cap, unprocessed.size()), unprocessed.values().stream().min(Instant::compareTo));
    }

    public synchronized void clear() {
        unprocessed.clear();
        rows.clear();
        nextId = 1;
    }

    public synchronized List<Event> all() {
        return List.copyOf(rows.values());
    }
}
