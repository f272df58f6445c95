package io.attune.application.fake;

import io.attune.application.port.out.IdempotencyKeys;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Idempotency-Keys in memory, for application tests; held to the same contract as PostgreSQL. Like the other runtime
 * fakes, a claim is not undone by a failing transaction of the transaction fake.
 */
public final class InMemoryIdempotencyKeys implements IdempotencyKeys {

    private final Map<String, Entry> rows = new TreeMap<>();

    private static String id(String scope, String key) {
        return scope + "\n" + key;
    }

    @Override
    public synchronized boolean claim(String scope, String key, String requestHash, Instant at, Instant expiredBefore) {
        Entry current = rows.get(id(scope, key));
        if (current != null && !current.createdAt().isBefore(expiredBefore)) {
            return false;
        }
        rows.put(id(scope, key), new Entry(scope, key, requestHash, Optional.empty(), Optional.empty(), at));
        return true;
    }

    @Override
    public synchronized void bind(String scope, String key, String resource) {
        rows.computeIfPresent(id(scope, key), (k, e) -> new Entry(e.scope(), e.key(), e.requestHash(),
                Optional.of(resource), e.answer(), e.createdAt()));
    }

    @Override
    public synchronized void answer(String scope, String key, Answer answer) {
        rows.computeIfPresent(id(scope, key), (k, e) -> e.answer().isPresent() ? e : new Entry(e.scope(), e.key(),
                e.requestHash(), e.resource(), Optional.of(answer), e.createdAt()));
    }

    @Override
    public synchronized Optional<Entry> find(String scope, String key) {
        return Optional.ofNullable(rows.get(id(scope, key)));
    }

    @Override
    public synchronized int deleteCreatedBefore(Instant cutoff) {
        int before = rows.size();
        rows.values().removeIf(e -> e.createdAt().isBefore(cutoff));
        return before - rows.size();
    }

    public synchronized void clear() {
        rows.clear();
    }
}
