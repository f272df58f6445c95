package io.attune.application.fake;

import io.attune.application.port.in.DeadLetters.Arrival;
import io.attune.application.port.in.DeadLetters.DeadLetter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.DeadLetterRepository;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Dead letters in memory, for application tests; held to the same contract as PostgreSQL. */
public final class InMemoryDeadLetters implements DeadLetterRepository {

    private static final int PREVIEW = 4096;

    private record Row(String key, DeadLetter letter, byte[] body) {
    }

    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private long nextId = 1;

    @Override
    public synchronized boolean insertIfAbsent(Arrival a) {
        if (rows.values().stream().anyMatch(r -> r.key().equals(a.key()))) {
            return false;
        }
        long id = nextId++;
        String preview = new String(Arrays.copyOf(a.body(), Math.min(PREVIEW, a.body().length)), StandardCharsets.UTF_8);
        rows.put(id, new Row(a.key(), new DeadLetter(id, a.queue(), a.routingKey(), a.messageId(), a.type(),
                a.execution(), a.event(), a.error(), a.attempts(), a.failedAt(), preview, 0, Optional.empty(),
                Optional.empty()), a.body().clone()));
        return true;
    }

    @Override
    public synchronized Optional<DeadLetter> find(long id) {
        return Optional.ofNullable(rows.get(id)).map(Row::letter);
    }

    @Override
    public synchronized Optional<byte[]> body(long id) {
        return Optional.ofNullable(rows.get(id)).map(r -> r.body().clone());
    }

    @Override
    public synchronized Page<DeadLetter> list(PageRequest page) {
        List<DeadLetter> all = rows.descendingMap().values().stream().map(Row::letter).toList();
        return new Page<>(all.stream().skip(page.offset()).limit(page.limit()).toList(), all.size(), page.limit(),
                page.offset());
    }

    @Override
    public synchronized void markReplayed(long id, Instant at, String actor) {
        rows.computeIfPresent(id, (k, r) -> {
            DeadLetter l = r.letter();
            return new Row(r.key(), new DeadLetter(l.id(), l.queue(), l.routingKey(), l.messageId(), l.type(),
                    l.execution(), l.event(), l.error(), l.attempts(), l.failedAt(), l.body(), l.replays() + 1,
                    Optional.of(at), Optional.of(actor)), r.body());
        });
    }

    public synchronized void clear() {
        rows.clear();
    }
}
