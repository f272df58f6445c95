package io.attune.application.fake;

import io.attune.application.port.out.Backlog;
import io.attune.application.port.out.Message;
import io.attune.application.port.out.MessagePublisher;
import io.attune.application.port.out.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The outbox and a broker in memory: what was published is kept in order; the broker can be switched off.
 *
 * <p>As in PostgreSQL, {@link #due} claims what it returns: a claimed message is not due again for {@value
 * #CLAIM_SECONDS} s unless {@link #failed} makes it due at its {@code retryAt} earlier (or later). Whether a message is
 * due is judged on this fake's own clock (the real one unless given), standing in for the database's clock; a
 * message's creation time is its {@code occurredAt}, compared only with {@code due}'s argument. Each call is atomic,
 * but a failing transaction of the transaction fake does not undo it (see {@link InMemoryStore}).
 */
public final class InMemoryOutbox implements Outbox, MessagePublisher {

    /** How long a message {@link #due} returned stays hidden from the next call. */
    static final int CLAIM_SECONDS = 30;

    private final Clock clock;
    /** Outbox id to the stored message and when it is due next. */
    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private final List<Message> published = new ArrayList<>();
    private long nextId = 1;
    private boolean brokerUp = true;

    private record Row(OutboxMessage message, Instant nextAttemptAt) {
    }

    public InMemoryOutbox() {
        this(Clock.systemUTC());
    }

    /** @param clock when messages are due and claims end (the database's clock in PostgreSQL) */
    public InMemoryOutbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized OutboxMessage append(Message message) {
        OutboxMessage m = new OutboxMessage(nextId++, message);
        rows.put(m.id(), new Row(m, Instant.MIN));
        return m;
    }

    /** Claims and returns due messages, oldest (first appended) first. */
    @Override
    public synchronized List<OutboxMessage> due(Instant createdBefore, int limit) {
        Instant now = clock.instant();
        List<OutboxMessage> due = rows.values().stream()
                .filter(r -> !r.nextAttemptAt().isAfter(now))
                .filter(r -> r.message().message().occurredAt().isBefore(createdBefore))
                .limit(limit)
                .map(Row::message)
                .toList();
        Instant claimEnds = now.plus(Duration.ofSeconds(CLAIM_SECONDS));
        due.forEach(m -> rows.put(m.id(), new Row(m, claimEnds)));
        return due;
    }

    @Override
    public synchronized void delete(List<Long> ids) {
        ids.forEach(rows::remove);
    }

    /** Due again at {@code retryAt}; the error is not kept (nothing reads it). Unknown ids are ignored. */
    @Override
    public synchronized void failed(List<Long> ids, String error, Instant retryAt) {
        for (long id : ids) {
            rows.computeIfPresent(id, (k, r) -> new Row(r.message(), retryAt));
        }
    }

    /** The oldest by {@code occurredAt}, the time PostgreSQL stores as the row's creation. */
    @Override
    public synchronized Backlog backlog(int cap) {
        return new Backlog(Math.min(cap, rows.size()), rows.values().stream()
                .map(r -> r.message().message().occurredAt()).min(Instant::compareTo));
    }

    @Override
    public synchronized List<Long> publish(List<OutboxMessage> messages) {
        if (!brokerUp) {
            return List.of();
        }
        messages.forEach(m -> published.add(m.message()));
        return messages.stream().map(OutboxMessage::id).toList();
    }

    public synchronized void brokerUp(boolean up) {
        brokerUp = up;
    }

    public synchronized List<Message> published() {
        return List.copyOf(published);
    }

    public synchronized int pending() {
        return rows.size();
    }

    /** Empties the outbox and forgets what was published; the broker is up again (ids keep counting up). */
    public synchronized void clear() {
        rows.clear();
        published.clear();
        brokerUp = true;
    }
}
