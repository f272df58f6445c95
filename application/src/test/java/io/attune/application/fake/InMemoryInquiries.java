package io.attune.application.fake;

import io.attune.application.port.in.InquiryQueries.InquiryFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.InquiryRepository;
import io.attune.domain.inquiry.Inquiry;
import io.attune.domain.inquiry.InquiryStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Inquiries in memory, for application tests; held to the same contract as PostgreSQL. There are no row locks: a lost
 * compare-and-set stands for a lock another transaction held.
 */
public final class InMemoryInquiries implements InquiryRepository {

    private final TreeMap<Long, Inquiry> rows = new TreeMap<>();
    private long nextId = 1;

    @Override
    public synchronized Inquiry insert(Inquiry inquiry) {
        if (rows.values().stream().anyMatch(i -> i.execution() == inquiry.execution())) {
            throw new IllegalStateException("execution " + inquiry.execution() + " has an inquiry already");
        }
        Inquiry stored = inquiry.withId(nextId++);
        rows.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<Inquiry> find(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized Optional<Inquiry> findForUpdate(long id) {
        return find(id);
    }

    @Override
    public synchronized Optional<Inquiry> findByExecutionForUpdate(long execution) {
        return rows.values().stream().filter(i -> i.execution() == execution).findFirst();
    }

    @Override
    public synchronized Page<Inquiry> list(InquiryFilter filter, PageRequest page) {
        List<Inquiry> matching = rows.descendingMap().values().stream()
                .filter(i -> filter.status().map(s -> s == i.status()).orElse(true))
                .filter(i -> filter.route().map(r -> r.equals(i.route())).orElse(true))
                .toList();
        return new Page<>(matching.stream().skip(page.offset()).limit(page.limit()).toList(), matching.size(),
                page.limit(), page.offset());
    }

    @Override
    public synchronized boolean update(Inquiry changed, InquiryStatus expected) {
        Inquiry current = rows.get(changed.id());
        if (current == null || current.status() != expected) {
            return false;
        }
        rows.put(changed.id(), changed);
        return true;
    }

    @Override
    public synchronized List<Inquiry> dueTimeouts(Instant now, int limit) {
        return rows.values().stream().filter(i -> i.isDue(now))
                .sorted(Comparator.comparing((Inquiry i) -> i.expiresAt().orElseThrow()).thenComparingLong(Inquiry::id))
                .limit(limit).toList();
    }

    /** Empties the fake. */
    public synchronized void clear() {
        rows.clear();
        nextId = 1;
    }
}
