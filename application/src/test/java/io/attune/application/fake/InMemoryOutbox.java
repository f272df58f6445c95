package io.attune.application.fake;

import io.attune.application.port.out.Message;
import io.attune.application.port.out.MessagePublisher;
import io.attune.application.port.out.Outbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The outbox and a broker in memory: what was published is kept in order; the broker can be switched off. */
public final class InMemoryOutbox implements Outbox, MessagePublisher {

    private final TreeMap<Long, OutboxMessage> rows = new TreeMap<>();
    private final TreeMap<Long, Instant> createdAt = new TreeMap<>();
    private final List<Message> published = new ArrayList<>();
    private long nextId = 1;
    private boolean brokerUp = true;

    @Override
    public synchronized OutboxMessage append(Message message) {
        OutboxMessage m = new OutboxMessage(nextId++, message);
        rows.put(m.id(), m);
        createdAt.put(m.id(), message.occurredAt());
        return m;
    }

    @Override
    public synchronized List<OutboxMessage> due(Instant createdBefore, int limit) {
        return rows.values().stream().filter(m -> createdAt.get(m.id()).isBefore(createdBefore)).limit(limit).toList();
    }

    @Override
    public synchronized void delete(List<Long> ids) {
        ids.forEach(rows::remove);
    }

    @Override
    public synchronized void failed(List<Long> ids, String error, Instant retryAt) {
        // the fake keeps failed messages due at once
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
}
