package io.attune.application.fake;

import io.attune.application.port.out.RetentionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A RetentionStore over rows of its own (only what retention looks at: times and references), for the contract and
 * service tests; each call is atomic.
 */
public final class InMemoryRetentionStore implements RetentionStore {

    record Event(long id, Instant createdAt) {
    }

    record Enforcement(long id, long eventId, boolean settled, Instant createdAt) {
    }

    record Execution(long id, Long parentId, Long enforcementId, Instant createdAt, Instant finishedAt) {
    }

    private final Map<Long, Event> events = new TreeMap<>();
    private final Map<Long, Enforcement> enforcements = new TreeMap<>();
    private final Map<Long, Execution> executions = new TreeMap<>();
    private final List<Instant> audit = new ArrayList<>();
    private final List<Instant> outbox = new ArrayList<>();
    private final List<Instant> deadLetters = new ArrayList<>();
    private long nextId = 1;
    private StoredAges stored;

    public synchronized long event(Instant createdAt) {
        long id = nextId++;
        events.put(id, new Event(id, createdAt));
        return id;
    }

    public synchronized long enforcement(long eventId, boolean settled, Instant createdAt) {
        if (!events.containsKey(eventId)) {
            throw new IllegalArgumentException("no event " + eventId);
        }
        long id = nextId++;
        enforcements.put(id, new Enforcement(id, eventId, settled, createdAt));
        return id;
    }

    public synchronized long execution(Long parentId, Long enforcementId, Instant createdAt, Instant finishedAt) {
        long id = nextId++;
        executions.put(id, new Execution(id, parentId, enforcementId, createdAt, finishedAt));
        return id;
    }

    public synchronized void audit(Instant at) {
        audit.add(at);
    }

    public synchronized void outbox(Instant createdAt) {
        outbox.add(createdAt);
    }

    public synchronized void deadLetter(Instant createdAt) {
        deadLetters.add(createdAt);
    }

    public synchronized long deadLetterCount() {
        return deadLetters.size();
    }

    public synchronized boolean eventExists(long id) {
        return events.containsKey(id);
    }

    public synchronized boolean enforcementExists(long id) {
        return enforcements.containsKey(id);
    }

    public synchronized boolean executionExists(long id) {
        return executions.containsKey(id);
    }

    public synchronized long auditCount() {
        return audit.size();
    }

    public synchronized long outboxCount() {
        return outbox.size();
    }

    public synchronized void clear() {
        events.clear();
        enforcements.clear();
        executions.clear();
        audit.clear();
        outbox.clear();
        deadLetters.clear();
        stored = null;
    }

    @Override
    public synchronized Optional<StoredAges> storedAges() {
        return Optional.ofNullable(stored);
    }

    @Override
    public synchronized void storeAges(StoredAges ages) {
        stored = ages;
    }

    @Override
    public synchronized int deleteExecutionsFinishedBefore(Instant cutoff, int limit) {
        Predicate<Execution> endedBefore = e -> e.finishedAt() != null && e.finishedAt().isBefore(cutoff);
        List<Long> doomed = executions.values().stream()
                .filter(endedBefore)
                .filter(e -> executions.values().stream().noneMatch(c -> Long.valueOf(e.id()).equals(c.parentId())))
                .filter(e -> e.parentId() == null
                        || (executions.containsKey(e.parentId()) && endedBefore.test(executions.get(e.parentId()))))
                .sorted(Comparator.comparing(Execution::finishedAt))
                .limit(limit).map(Execution::id).toList();
        doomed.forEach(executions::remove);
        return doomed.size();
    }

    @Override
    public synchronized int deleteEnforcementsCreatedBefore(Instant cutoff, int limit) {
        List<Long> doomed = enforcements.values().stream()
                .filter(n -> n.createdAt().isBefore(cutoff) && n.settled())
                .filter(n -> executions.values().stream().noneMatch(x -> Long.valueOf(n.id()).equals(x.enforcementId())))
                .sorted(Comparator.comparing(Enforcement::createdAt))
                .limit(limit).map(Enforcement::id).toList();
        doomed.forEach(enforcements::remove);
        return doomed.size();
    }

    @Override
    public synchronized int deleteEventsCreatedBefore(Instant cutoff, int limit) {
        List<Long> doomed = events.values().stream()
                .filter(v -> v.createdAt().isBefore(cutoff))
                .filter(v -> enforcements.values().stream().noneMatch(n -> n.eventId() == v.id()))
                .sorted(Comparator.comparing(Event::createdAt))
                .limit(limit).map(Event::id).toList();
        doomed.forEach(events::remove);
        return doomed.size();
    }

    @Override
    public synchronized int deleteAuditEntriesBefore(Instant cutoff, int limit) {
        return deleteTimes(audit, cutoff, limit);
    }

    @Override
    public synchronized int deleteOutboxMessagesBefore(Instant cutoff, int limit) {
        return deleteTimes(outbox, cutoff, limit);
    }

    @Override
    public synchronized int deleteDeadLettersBefore(Instant cutoff, int limit) {
        return deleteTimes(deadLetters, cutoff, limit);
    }

    private static int deleteTimes(List<Instant> times, Instant cutoff, int limit) {
        List<Instant> doomed = times.stream().filter(t -> t.isBefore(cutoff)).sorted().limit(limit).toList();
        doomed.forEach(times::remove);
        return doomed.size();
    }
}
