package io.attune.application.fake;

import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Executions in memory, for application tests; held to the same contract as PostgreSQL. Each call is atomic, but a
 * failing transaction of the transaction fake does not undo it (see {@link InMemoryStore} for why).
 */
public final class InMemoryExecutions implements ExecutionRepository {

    private final TreeMap<Long, Execution> rows = new TreeMap<>();
    private long nextId = 1;

    @Override
    public synchronized Execution insert(Execution execution) {
        Execution stored = execution.withId(nextId++);
        rows.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<Execution> find(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized Page<Execution> list(ExecutionFilter filter, PageRequest page) {
        List<Execution> matching = rows.descendingMap().values().stream()
                .filter(e -> filter.status().map(s -> s == e.status()).orElse(true))
                .filter(e -> filter.action().map(a -> a.equals(e.action())).orElse(true))
                .filter(e -> filter.pack().map(p -> p.equals(e.action().pack())).orElse(true))
                .filter(e -> !filter.parent().isPresent() || e.parent().equals(filter.parent()))
                .filter(e -> filter.since().map(s -> !e.createdAt().isBefore(s)).orElse(true))
                .filter(e -> filter.until().map(u -> e.createdAt().isBefore(u)).orElse(true))
                .toList();
        return new Page<>(matching.stream().skip(page.offset()).limit(page.limit()).toList(), matching.size(),
                page.limit(), page.offset());
    }

    @Override
    public synchronized boolean update(Execution next, ExecutionStatus expected) {
        Execution current = rows.get(next.id());
        if (current == null || current.status() != expected) {
            return false;
        }
        rows.put(next.id(), next);
        return true;
    }

    @Override
    public synchronized List<Execution> children(long parent) {
        return rows.values().stream().filter(e -> e.parent().equals(java.util.OptionalLong.of(parent))).toList();
    }

    @Override
    public synchronized List<Execution> taskChildren(long parent, int run, int attempt) {
        return children(parent).stream()
                .filter(e -> e.task().filter(t -> t.run() == run && t.attempt() == attempt).isPresent())
                .sorted(Comparator.comparingInt(e -> e.task().orElseThrow().item().orElse(-1)))
                .toList();
    }

    @Override
    public synchronized int renewLeases(String worker, List<Long> executions, Instant until) {
        int n = 0;
        for (long id : executions.stream().distinct().toList()) {
            Execution e = rows.get(id);
            if (e != null && e.worker().equals(Optional.of(worker)) && !e.status().isTerminal()) {
                rows.put(id, new Execution(e.id(), e.action(), e.status(), e.parameters(), e.timeoutSeconds(), e.result(),
                        e.exitCode(), e.output(), e.failure(), e.createdAt(), e.scheduledAt(), e.startedAt(),
                        e.finishedAt(), e.worker(), Optional.of(until), e.parent(), e.enforcement(), e.task(), e.retry()));
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized List<Long> expiredLeases(Instant now, int limit) {
        return rows.values().stream()
                .filter(e -> !e.status().isTerminal() && e.leaseExpiresAt().map(l -> l.isBefore(now)).orElse(false))
                .sorted(Comparator.comparing(e -> e.leaseExpiresAt().orElseThrow()))
                .limit(limit).map(Execution::id).toList();
    }

    /** Locks nothing: the in-memory store has no concurrent transactions to skip (see {@link InMemoryStore}). */
    @Override
    public synchronized List<Long> dueRetries(Instant now, int limit) {
        return rows.values().stream()
                .filter(e -> e.status() == ExecutionStatus.REQUESTED)
                .filter(e -> e.retry().map(r -> !r.notBefore().isAfter(now)).orElse(false))
                .sorted(Comparator.comparing((Execution e) -> e.retry().orElseThrow().notBefore())
                        .thenComparing(Execution::id))
                .limit(limit).map(Execution::id).toList();
    }

    @Override
    public synchronized java.util.OptionalLong retriedBy(long id) {
        return rows.values().stream().filter(e -> e.retry().map(r -> r.of() == id).orElse(false))
                .mapToLong(Execution::id).findFirst();
    }

    /** How many executions {@code worker} is running or canceling: what a worker listing shows. */
    public synchronized int runningOn(String worker) {
        return (int) rows.values().stream()
                .filter(e -> e.worker().equals(Optional.of(worker)))
                .filter(e -> e.status() == ExecutionStatus.RUNNING || e.status() == ExecutionStatus.CANCELING)
                .count();
    }

    /** Forgets every execution (ids keep counting up, as a database sequence would). */
    public synchronized void clear() {
        rows.clear();
    }
}
