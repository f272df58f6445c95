package io.attune.application.fake;

import io.attune.application.port.in.ExecutionQueries.QueueStats;
import io.attune.application.port.out.AdmissionLedger;
import io.attune.application.port.out.PolicyRepository;
import io.attune.domain.admission.Admission;
import io.attune.domain.admission.AdmissionBook;
import io.attune.domain.admission.AdmissionDecision;
import io.attune.domain.admission.ConcurrencyGate;
import io.attune.domain.admission.Gate;
import io.attune.domain.admission.Gates;
import io.attune.domain.admission.KeyState;
import io.attune.domain.admission.PolicyKey;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The admission ledger in memory: the domain's reference {@link AdmissionBook} decides; this fake adds what the port
 * promises on top, held to the same contract as PostgreSQL: releases and withdrawals that are safe to repeat,
 * positions, and per-key stats with their counters.
 *
 * <p>Counters, per key of the gates: {@code totalAdmitted} counts admissions (at once or later), {@code totalQueued}
 * executions that had to wait, {@code totalCanceled} refusals by a full CANCEL gate on that key and withdrawals from
 * its queue, {@code totalRejected} refusals by a full REJECT gate on that key, {@code totalReleased} admitted
 * executions that finished. A key is known from the first decision on it. Each call is atomic, but a failing
 * transaction of the transaction fake does not undo it (see {@link InMemoryStore}).
 */
public final class InMemoryAdmissionLedger implements AdmissionLedger {

    private final Function<Ref, List<Policy>> applicablePolicies;
    private AdmissionBook book = new AdmissionBook();
    private final Map<PolicyKey, Counters> counters = new TreeMap<>();
    /** When each waiting execution joined its queues (all of them at once). */
    private final Map<Long, Instant> enqueuedAt = new HashMap<>();

    /** What {@code stats} reports about one key, besides what the book's key state says. */
    private static final class Counters {
        OptionalInt limit = OptionalInt.empty();
        OptionalInt maxQueue = OptionalInt.empty();
        Optional<Duration> queueTimeout = Optional.empty();
        long overflowed;
        long timedOut;
        long admitted;
        long queued;
        long canceled;
        long rejected;
        long released;
    }

    /** A ledger that knows no policies: {@code stats} is always empty. */
    public InMemoryAdmissionLedger() {
        this(action -> List.of());
    }

    /** @param policies whose keys {@code stats} reports, for the actions they apply to */
    public InMemoryAdmissionLedger(PolicyRepository policies) {
        this(policies::applicableTo);
    }

    private InMemoryAdmissionLedger(Function<Ref, List<Policy>> applicablePolicies) {
        this.applicablePolicies = applicablePolicies;
    }

    @Override
    public synchronized AdmissionDecision admit(long execution, List<Gate> gates, Instant now) {
        AdmissionDecision decision = book.request(execution, gates, now);
        for (Gate gate : gates) {
            Counters c = countersOf(gate.key());
            if (gate instanceof ConcurrencyGate concurrency) {
                c.limit = OptionalInt.of(concurrency.limit());
                c.maxQueue = OptionalInt.of(concurrency.maxQueue());
                c.queueTimeout = concurrency.queueTimeout();
            }
        }
        switch (decision) {
            case AdmissionDecision.Admitted a -> Gates.keys(gates).forEach(key -> countersOf(key).admitted++);
            case AdmissionDecision.Queued q -> {
                Gates.keys(gates).forEach(key -> countersOf(key).queued++);
                enqueuedAt.put(execution, now);
            }
            case AdmissionDecision.Canceled c -> countersOf(c.key()).canceled++;
            case AdmissionDecision.Rejected r -> countersOf(r.key()).rejected++;
            case AdmissionDecision.Overflowed o -> countersOf(o.key()).overflowed++;
        }
        return decision;
    }

    /** Frees an admitted execution or withdraws a waiting one; nothing for any other. */
    @Override
    public synchronized List<Long> release(long execution, Instant now) {
        List<Long> promoted;
        if (book.isAdmitted(execution)) {
            List<Gate> gates = book.gatesOf(execution);
            promoted = book.release(execution, now);
            Gates.keys(gates).forEach(key -> countersOf(key).released++);
        } else if (book.isQueued(execution)) {
            List<Gate> gates = book.gatesOf(execution);
            promoted = book.withdraw(execution, now);
            boolean timedOut = Gates.queueDeadline(gates, enqueuedAt.get(execution))
                    .map(deadline -> !deadline.isAfter(now)).orElse(false);
            Gates.keys(gates).forEach(key -> {
                if (timedOut) {
                    countersOf(key).timedOut++;
                } else {
                    countersOf(key).canceled++;
                }
            });
            enqueuedAt.remove(execution);
        } else {
            return List.of();
        }
        return admitted(promoted);
    }

    @Override
    public synchronized List<Long> tick(Instant now) {
        return admitted(book.tick(now));
    }

    @Override
    public synchronized Optional<AdmissionDecision.Overflowed> overflowing(List<Gate> gates) {
        Map<PolicyKey, KeyState> states = new HashMap<>();
        Gates.keys(gates).forEach(key -> states.put(key, book.state(key)));
        return Admission.overflowing(gates, states);
    }

    @Override
    public synchronized List<ExpiredWait> expiredWaits(Instant now, int limit) {
        List<ExpiredWait> expired = new ArrayList<>();
        enqueuedAt.forEach((execution, at) -> Gates.firstToTimeOut(book.gatesOf(execution))
                .filter(gate -> !at.plus(gate.queueTimeout().orElseThrow()).isAfter(now))
                .ifPresent(gate -> expired.add(new ExpiredWait(execution, gate.key(), gate.queueTimeout().orElseThrow()))));
        expired.sort(java.util.Comparator.comparing((ExpiredWait w) -> enqueuedAt.get(w.execution()).plus(w.timeout()))
                .thenComparing(ExpiredWait::execution));
        return List.copyOf(expired.subList(0, Math.min(limit, expired.size())));
    }

    @Override
    public synchronized OptionalInt position(long execution) {
        if (!book.isQueued(execution)) {
            return OptionalInt.empty();
        }
        return book.gatesOf(execution).stream()
                .mapToInt(g -> book.state(g.key()).queue().indexOf(execution) + 1)
                .max();
    }

    /** The known keys of the enabled policies applying to {@code action}, by key. */
    @Override
    public List<QueueStats> stats(Ref action, Instant now) {
        Set<Ref> applicable = applicablePolicies.apply(action).stream().map(Policy::ref).collect(Collectors.toSet());
        List<QueueStats> stats = new ArrayList<>();
        synchronized (this) {
            counters.forEach((key, c) -> {
                if (applicable.contains(key.policy())) {
                    KeyState state = book.state(key);
                    Optional<Duration> oldest = state.head().map(head -> Duration.between(enqueuedAt.get(head), now))
                            .map(age -> age.isNegative() ? Duration.ZERO : age);
                    stats.add(new QueueStats(key.policy().toString(), key.key(), c.limit, state.active(),
                            state.queue().size(), oldest, c.admitted, c.queued, c.canceled, c.rejected, c.released,
                            c.maxQueue, c.queueTimeout, c.overflowed, c.timedOut));
                }
            });
        }
        return stats;
    }

    /** Forgets every key, slot and queue. */
    public synchronized void clear() {
        book = new AdmissionBook();
        counters.clear();
        enqueuedAt.clear();
    }

    /** Counts the executions the book just admitted from the queues; returns them. */
    private List<Long> admitted(List<Long> promoted) {
        for (long execution : promoted) {
            Gates.keys(book.gatesOf(execution)).forEach(key -> countersOf(key).admitted++);
            enqueuedAt.remove(execution);
        }
        return promoted;
    }

    private Counters countersOf(PolicyKey key) {
        return counters.computeIfAbsent(key, k -> new Counters());
    }
}
