package io.attune.adapters.postgres;

import io.attune.application.port.in.EventQueries.EventFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.Backlog;
import io.attune.application.port.out.EventRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Events in the {@code events} table. Joins the current transaction; outside one, each call runs in its own. */
@Singleton
public final class PostgresEventRepository implements EventRepository {

    private static final String COLUMNS = "id, trigger_ref, payload, source, occurred_at";

    private final Jdbc jdbc;

    PostgresEventRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Event insert(Event event) {
        long id = jdbc.write(c -> Jdbc.one(c,
                "INSERT INTO events (trigger_ref, payload, source, occurred_at) VALUES (?, ?::jsonb, ?, ?) RETURNING id",
                row -> row.getLong(1), event.trigger().toString(), JsonColumns.write(event.payload()),
                event.source().orElse(null), event.occurredAt()).orElseThrow());
        return new Event(id, event.trigger(), event.payload(), event.occurredAt(), event.source());
    }

    @Override
    public Optional<Event> find(long id) {
        return jdbc.read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM events WHERE id = ?",
                PostgresEventRepository::event, id));
    }

    @Override
    public Page<Event> list(EventFilter filter, PageRequest page) {
        Jdbc.Where where = where(filter);
        return jdbc.read(c -> Jdbc.page(c, COLUMNS, "events", where, "id DESC", page, PostgresEventRepository::event));
    }

    /** Without list's {@code count(*) OVER ()}: unfiltered, a page reads a page's rows of the primary key. */
    @Override
    public List<Event> slice(EventFilter filter, int limit, int offset) {
        Jdbc.Where where = where(filter);
        List<Object> args = new java.util.ArrayList<>(where.args());
        args.add(limit);
        args.add(offset);
        return jdbc.read(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM events" + where.sql()
                + " ORDER BY id DESC LIMIT ? OFFSET ?", PostgresEventRepository::event, args.toArray()));
    }

    private static Jdbc.Where where(EventFilter filter) {
        return new Jdbc.Where()
                .andIf(filter.trigger().map(Ref::toString), "trigger_ref = ?")
                .andIf(filter.source(), "source = ?")
                .andIf(filter.since(), "occurred_at >= ?")
                .andIf(filter.until(), "occurred_at < ?");
    }

    @Override
    public void markProcessed(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.write(c -> Jdbc.update(c, "UPDATE events SET awaiting_rules = false WHERE id = ANY (?) AND awaiting_rules",
                    (Object) ids.toArray(Long[]::new)));
        }
    }

    /** Both figures come from the small partial index on the events still awaiting the rules. */
    @Override
    public Backlog unprocessed(int cap) {
        return jdbc.read(c -> Jdbc.one(c, """
                        SELECT (SELECT count(*) FROM (SELECT 1 FROM events WHERE awaiting_rules LIMIT ?) w) AS waiting,
                               (SELECT min(created_at) FROM events WHERE awaiting_rules) AS oldest""",
                PostgresEventRepository::backlog, cap).orElseThrow());
    }

    static Backlog backlog(ResultSet row) throws SQLException {
        return new Backlog(row.getLong("waiting"), Jdbc.instant(row, "oldest"));
    }

    private static Event event(ResultSet row) throws SQLException {
        return new Event(row.getLong("id"), Ref.parse(row.getString("trigger_ref")),
                JsonColumns.readObject(row.getString("payload")), Jdbc.instant(row, "occurred_at").orElseThrow(),
                Optional.ofNullable(row.getString("source")));
    }
}
