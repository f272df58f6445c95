package io.attune.application.fake;

import io.attune.application.port.in.EventQueries.EnforcementFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.EnforcementRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.enforcement.Enforcement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Enforcements in memory, for application tests; held to the same contract as PostgreSQL. */
public final class InMemoryEnforcements implements EnforcementRepository {

    private final TreeMap<Long, Enforcement> rows = new TreeMap<>();
    private long nextId = 1;

    @Override
    public synchronized Map<Claim, Long> reserve(Collection<Claim> claims) {
        Map<Claim, Long> reserved = new LinkedHashMap<>();
        for (Claim claim : claims) {
            if (!exists(claim.rule(), claim.event()) && !reserved.containsKey(claim)) {
                reserved.put(claim, nextId++);
            }
        }
        return reserved;
    }

    @Override
    public synchronized boolean insert(Enforcement e) {
        if (exists(e.rule(), e.event())) {
            return false;
        }
        rows.put(e.id(), e);
        return true;
    }

    private boolean exists(Ref rule, long event) {
        return rows.values().stream().anyMatch(r -> r.rule().equals(rule) && r.event() == event);
    }

    @Override
    public synchronized Optional<Enforcement> find(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized List<Enforcement> ofEvent(long event) {
        return rows.values().stream().filter(e -> e.event() == event).toList();
    }

    @Override
    public synchronized Page<Enforcement> list(EnforcementFilter filter, PageRequest page) {
        List<Enforcement> matching = rows.descendingMap().values().stream()
                .filter(e -> filter.rule().map(r -> r.equals(e.rule())).orElse(true))
                .filter(e -> filter.event().isEmpty() || filter.event().getAsLong() == e.event())
                .filter(e -> filter.status().map(s -> s == e.status()).orElse(true))
                .filter(e -> filter.since().map(s -> !e.createdAt().isBefore(s)).orElse(true))
                .filter(e -> filter.until().map(u -> e.createdAt().isBefore(u)).orElse(true))
                .toList();
        return new Page<>(matching.stream().skip(page.offset()).limit(page.limit()).toList(), matching.size(),
                page.limit(), page.offset());
    }

    public synchronized void clear() {
        rows.clear();
        nextId = 1;
    }

    public synchronized List<Enforcement> all() {
        return List.copyOf(rows.values());
    }
}
