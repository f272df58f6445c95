package io.attune.adapters.http.fake;

import io.attune.application.port.in.AuditTrail;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.audit.AuditEntry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit trail that keeps what the HTTP adapter recorded, newest last. */
@Singleton
public final class FakeAudit implements AuditTrail {

    private final List<AuditEntry> recorded = new CopyOnWriteArrayList<>();

    public List<AuditEntry> recorded() {
        return recorded;
    }

    @Override
    public void record(AuditEntry entry) {
        recorded.add(entry.withId(recorded.size() + 1));
    }

    @Override
    public Page<AuditEntry> list(AuditFilter filter, PageRequest page) {
        List<AuditEntry> matching = recorded.reversed().stream()
                .filter(e -> filter.action().map(a -> a.equals(e.action())).orElse(true))
                .filter(e -> filter.outcome().map(o -> o == e.outcome()).orElse(true)).toList();
        return new Page<>(matching, matching.size(), page.limit(), page.offset());
    }
}
