package io.attune.application.fake;

import io.attune.application.port.in.AuditTrail.AuditFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.AuditLog;
import io.attune.domain.audit.AuditEntry;
import java.util.ArrayList;
import java.util.List;

/** The audit log in memory, for application tests; held to the same contract as PostgreSQL. */
public final class InMemoryAuditLog implements AuditLog {

    private final List<AuditEntry> rows = new ArrayList<>();

    @Override
    public synchronized void append(List<AuditEntry> entries) {
        for (AuditEntry e : entries) {
            rows.add(e.withId(rows.size() + 1));
        }
    }

    @Override
    public synchronized Page<AuditEntry> list(AuditFilter filter, PageRequest page) {
        List<AuditEntry> matching = rows.reversed().stream()
                .filter(e -> filter.actor().map(a -> a.equals(e.actor())).orElse(true))
                .filter(e -> filter.action().map(a -> a.equals(e.action())).orElse(true))
                .filter(e -> filter.outcome().map(o -> o == e.outcome()).orElse(true))
                .filter(e -> filter.since().map(s -> !e.at().isBefore(s)).orElse(true))
                .filter(e -> filter.until().map(u -> e.at().isBefore(u)).orElse(true))
                .toList();
        return new Page<>(matching.stream().skip(page.offset()).limit(page.limit()).toList(), matching.size(),
                page.limit(), page.offset());
    }

    public synchronized void clear() {
        rows.clear();
    }

    public synchronized List<AuditEntry> all() {
        return new ArrayList<>(rows);
    }
}
