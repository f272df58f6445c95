package io.attune.adapters.amqp;

import io.attune.application.port.in.RuleEnforcement;
import io.attune.domain.enforcement.Enforcement;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A rules engine that records the events the broker delivered to it. */
@jakarta.inject.Singleton
public class RecordingRuleEnforcement implements RuleEnforcement {

    final Queue<Long> events = new ConcurrentLinkedQueue<>();
    /** Sizes of the batches enforced together. */
    final Queue<Integer> batches = new ConcurrentLinkedQueue<>();
    /** Events whose batch (and then whose own enforcement) throws, how many more times. */
    final java.util.Map<Long, java.util.concurrent.atomic.AtomicInteger> failures = new java.util.concurrent.ConcurrentHashMap<>();

    /** Events whose enforcement finds no database connection within the timeout, how many more times. */
    final java.util.Map<Long, java.util.concurrent.atomic.AtomicInteger> busy = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public List<Enforcement> enforce(long event) {
        java.util.concurrent.atomic.AtomicInteger remaining = failures.get(event);
        if (remaining != null && remaining.getAndDecrement() > 0) {
            throw new IllegalStateException("enforcing " + event + " failed on purpose");
        }
        java.util.concurrent.atomic.AtomicInteger waits = busy.get(event);
        if (waits != null && waits.getAndDecrement() > 0) {
            // what the connection pool throws when the database is saturated (wrapped as the transaction runner does)
            throw new IllegalStateException("Failed to obtain JDBC Connection",
                    new java.sql.SQLTransientConnectionException("Connection is not available, request timed out"));
        }
        events.add(event);
        return List.of();
    }

    @Override
    public List<Enforcement> enforceAll(List<Long> batch) {
        if (batch.stream().anyMatch(id -> failures.containsKey(id) && failures.get(id).get() > 0)) {
            throw new IllegalStateException("a batch with a failing event");
        }
        batches.add(batch.size());
        events.addAll(batch);
        return List.of();
    }

    @Override
    public RuleTest test(String rule, Map<String, Object> payload) {
        throw new UnsupportedOperationException("not used by the broker");
    }

    List<Long> enforcementsOf(long event) {
        return events.stream().filter(id -> id == event).toList();
    }
}
