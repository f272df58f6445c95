package io.attune.domain.admission;

import io.attune.domain.admission.AdmissionDecision.Admitted;
import io.attune.domain.admission.AdmissionDecision.Canceled;
import io.attune.domain.admission.AdmissionDecision.Queued;
import io.attune.domain.admission.AdmissionDecision.Rejected;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * In-memory admission: every key state and each admitted or waiting execution's gates, driven only through
 * {@link Admission}, loading key snapshots the way the PostgreSQL adapter does. The reference for tests and a fake.
 */
public final class AdmissionBook {

    private final Map<PolicyKey, KeyState> states = new TreeMap<>();
    private final Map<Long, List<Gate>> gates = new HashMap<>();
    private final Set<Long> admitted = new HashSet<>();

    /** Decides a new execution; an admitted or queued one is remembered with its gates. */
    public synchronized AdmissionDecision request(long execution, List<Gate> executionGates, Instant now) {
        if (gates.containsKey(execution)) {
            throw new IllegalStateException("execution " + execution + " was already admitted or queued");
        }
        List<Gate> ordered = Gates.inLockOrder(executionGates);
        Decision decision = Admission.request(execution, ordered, snapshot(Gates.keys(ordered)), now);
        states.putAll(decision.states());
        switch (decision.decision()) {
            case Admitted a -> {
                gates.put(execution, ordered);
                admitted.add(execution);
            }
            case Queued q -> gates.put(execution, ordered);
            case Canceled c -> {
                // Holds nothing: nothing to remember.
            }
            case Rejected r -> {
                // Holds nothing: nothing to remember.
            }
            case AdmissionDecision.Overflowed o -> {
                // Holds nothing: nothing to remember.
            }
        }
        return decision.decision();
    }

    /** An admitted execution finished; returns the executions admitted in its place, in order. */
    public synchronized List<Long> release(long execution, Instant now) {
        if (!admitted.contains(execution)) {
            throw new IllegalStateException("execution " + execution + " holds no slot");
        }
        List<Gate> own = gates.get(execution);
        List<Long> promoted = settle(Gates.keys(own),
                snapshot -> Admission.release(execution, own, snapshot, this::gatesOf, now));
        admitted.remove(execution);
        gates.remove(execution);
        return promoted;
    }

    /** A queued execution is canceled; returns the executions admitted because it left, in order. */
    public synchronized List<Long> withdraw(long execution, Instant now) {
        if (!isQueued(execution)) {
            throw new IllegalStateException("execution " + execution + " is not queued");
        }
        List<Gate> own = gates.get(execution);
        List<Long> promoted = settle(Gates.keys(own),
                snapshot -> Admission.withdraw(execution, own, snapshot, this::gatesOf, now));
        gates.remove(execution);
        return promoted;
    }

    /** Rate windows moved on; returns the executions admitted, in order. */
    public synchronized List<Long> tick(Instant now) {
        return settle(states.keySet(), snapshot -> Admission.tick(snapshot, this::gatesOf, now));
    }

    /** The state of a key; empty if nobody used it. */
    public synchronized KeyState state(PolicyKey key) {
        return states.getOrDefault(key, KeyState.empty(key));
    }

    /** Every key used so far, in lock order. */
    public synchronized Map<PolicyKey, KeyState> states() {
        return new TreeMap<>(states);
    }

    /** Whether the execution was admitted and not released yet. */
    public synchronized boolean isAdmitted(long execution) {
        return admitted.contains(execution);
    }

    /** Whether the execution waits in its queues. */
    public synchronized boolean isQueued(long execution) {
        return gates.containsKey(execution) && !admitted.contains(execution);
    }

    /** The gates an admitted or queued execution was decided with. */
    public synchronized List<Gate> gatesOf(long execution) {
        List<Gate> known = gates.get(execution);
        if (known == null) {
            throw new IllegalStateException("execution " + execution + " is neither admitted nor queued");
        }
        return known;
    }

    /** Runs a promotion on the given keys, loading more keys whenever it asks, then applies its outcome. */
    private List<Long> settle(Collection<PolicyKey> initial, Function<Map<PolicyKey, KeyState>, Promotion> step) {
        Set<PolicyKey> keys = new TreeSet<>(initial);
        while (true) {
            switch (step.apply(snapshot(keys))) {
                case Promotion.Promoted promoted -> {
                    states.putAll(promoted.states());
                    admitted.addAll(promoted.admitted());
                    return promoted.admitted();
                }
                case Promotion.NeedsKeys needs -> {
                    if (!keys.addAll(needs.keys())) {
                        throw new IllegalStateException("asked again for keys already loaded: " + needs.keys());
                    }
                }
            }
        }
    }

    private Map<PolicyKey, KeyState> snapshot(Collection<PolicyKey> keys) {
        Map<PolicyKey, KeyState> snapshot = new HashMap<>();
        keys.forEach(key -> snapshot.put(key, states.getOrDefault(key, KeyState.empty(key))));
        return snapshot;
    }
}
