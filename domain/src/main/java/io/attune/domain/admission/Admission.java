package io.attune.domain.admission;

import io.attune.domain.admission.AdmissionDecision.Admitted;
import io.attune.domain.admission.AdmissionDecision.Canceled;
import io.attune.domain.admission.AdmissionDecision.Overflowed;
import io.attune.domain.admission.AdmissionDecision.Queued;
import io.attune.domain.admission.AdmissionDecision.Rejected;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The pure admission rules: who is admitted, queued, canceled or rejected, and who gets in when room appears.
 *
 * <p>Every function works on a snapshot of key states (the rows the caller has locked) and returns the new state of
 * every key of the snapshot; it never reads the clock or keeps anything. Rules:
 * <ul>
 *   <li>A gate is <em>full</em> when its own limit is reached: {@code active >= limit}, or {@code max} admissions
 *       within the window before {@code now}.</li>
 *   <li>A request is admitted only if no gate is full and no key of its gates has anyone waiting: a newcomer never
 *       overtakes a waiting execution (strict FIFO per key).</li>
 *   <li>Refusal wins over waiting: if any gate is full and says CANCEL (concurrency) or REJECT (rate), the request
 *       is canceled or rejected even when another full gate says DELAY; among several, the first gate in lock order
 *       names the key. A queue alone never refuses: a newcomer behind a waiting execution waits too, even on a
 *       CANCEL or REJECT key whose limit is not reached (the waiting one holds its place there).</li>
 *   <li>Otherwise the request waits at the end of the queue of <em>every</em> key of its gates, so it keeps its
 *       place everywhere. Behaviors are applied on request only: a waiting execution waits for all its gates.</li>
 *   <li>A request that would wait overflows instead when a concurrency gate's key already has {@code maxQueue}
 *       executions waiting (the first such gate in lock order names the key): it holds nothing. Refusal by a full
 *       gate wins over overflow. A queue timeout is the caller's to apply: it withdraws the execution.</li>
 *   <li>A waiting execution gets in when it is first in the queue of every one of its keys and none of its gates is
 *       full. Admission adds one to {@code active} of its concurrency keys, records {@code now} on its rate keys and
 *       removes it from all its queues, which may let the next ones in: promotion repeats until nobody can move.</li>
 * </ul>
 *
 * <p>The multi-key contract. {@link #request} and the releasing or withdrawn execution's own keys need a state for
 * every key of the given gates ({@link KeyState#empty} for a key without a row), else IllegalArgumentException.
 * A promotion may reach a waiting execution that also waits on keys outside the snapshot; when the outcome depends
 * on such a key, the function returns {@link Promotion.NeedsKeys} and decides nothing. The adapter then rolls back
 * and retries with the union of keys, locked in {@link PolicyKey} order so lock order stays global (locking the
 * extra rows on top also works but may end in a deadlock abort). The key set only grows, so retrying ends; a
 * {@link Promotion.Promoted} is complete. {@code gatesOf} gives the gates a waiting execution was queued with: their
 * keys must be exactly the keys whose queues hold it.
 */
public final class Admission {

    private Admission() {
    }

    /**
     * Decides a new execution: admitted, queued on all its keys, canceled or rejected. Not idempotent: a second
     * request for an admitted execution would take a second slot, so call it once, while the execution is requested.
     */
    public static Decision request(long execution, List<Gate> gates, Map<PolicyKey, KeyState> states, Instant now) {
        Objects.requireNonNull(now, "now");
        List<Gate> ordered = Gates.inLockOrder(gates);
        Map<PolicyKey, KeyState> snapshot = snapshot(states);
        List<PolicyKey> keys = Gates.keys(ordered);
        requirePresent(execution, keys, snapshot);
        for (PolicyKey key : keys) {
            if (snapshot.get(key).queue().contains(execution)) {
                throw new IllegalStateException("execution " + execution + " already waits on " + key);
            }
        }
        List<Gate> full = ordered.stream().filter(gate -> !hasRoom(gate, snapshot.get(gate.key()), now)).toList();
        for (Gate gate : full) {
            Optional<AdmissionDecision> refusal = refusal(gate);
            if (refusal.isPresent()) {
                return new Decision(refusal.get(), snapshot);
            }
        }
        boolean someoneWaits = keys.stream().anyMatch(key -> snapshot.get(key).waiting() > 0);
        Map<PolicyKey, KeyState> working = new HashMap<>(snapshot);
        if (full.isEmpty() && !someoneWaits) {
            admit(execution, ordered, working, now);
            return new Decision(new Admitted(), working);
        }
        Optional<Overflowed> overflow = overflowing(ordered, snapshot);
        if (overflow.isPresent()) {
            return new Decision(overflow.get(), snapshot);
        }
        keys.forEach(key -> working.put(key, working.get(key).enqueue(execution)));
        Optional<Instant> retryAt = someoneWaits ? Optional.empty() : rateRoomAt(ordered, snapshot, now);
        return new Decision(new Queued(retryAt), working);
    }

    /**
     * The first concurrency gate, in lock order, whose key already has its {@code maxQueue} executions waiting: a
     * request that would wait there overflows. Only the {@link KeyState#waiting} counts of the states are read, so a
     * caller may ask with counters alone before it stores anything (every key of the gates must be present).
     */
    public static Optional<Overflowed> overflowing(List<Gate> gates, Map<PolicyKey, KeyState> states) {
        for (Gate gate : Gates.inLockOrder(gates)) {
            if (gate instanceof ConcurrencyGate c) {
                KeyState state = states.get(c.key());
                if (state == null) {
                    throw new IllegalArgumentException("the snapshot lacks key " + c.key());
                }
                if (state.waiting() >= c.maxQueue()) {
                    return Optional.of(new Overflowed(c.key(), "policy queue full on " + c.key() + ": "
                            + state.waiting() + " executions already wait (max_queue " + c.maxQueue() + ")",
                            c.overflow()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * An admitted execution finished: frees its concurrency slots (its admissions keep counting for their rate
     * window) and admits whoever can get in now. Throws IllegalStateException if it is waiting or holds no slot.
     * Not idempotent (a redelivered completion would free someone else's slot): call it once, in the transaction
     * that writes the terminal status.
     */
    public static Promotion release(long execution, List<Gate> gates, Map<PolicyKey, KeyState> states,
                                    Function<Long, List<Gate>> gatesOf, Instant now) {
        Objects.requireNonNull(now, "now");
        List<Gate> ordered = Gates.inLockOrder(gates);
        Map<PolicyKey, KeyState> working = new HashMap<>(snapshot(states));
        List<PolicyKey> keys = Gates.keys(ordered);
        requirePresent(execution, keys, working);
        for (PolicyKey key : keys) {
            if (working.get(key).queue().contains(execution)) {
                throw new IllegalStateException("execution " + execution + " waits on " + key
                        + " and holds no slot: withdraw it instead");
            }
        }
        for (Gate gate : ordered) {
            KeyState state = working.get(gate.key());
            switch (gate) {
                case ConcurrencyGate c -> {
                    if (state.active() == 0) {
                        throw new IllegalStateException("no slot held on " + c.key() + " to release for " + execution);
                    }
                    working.put(c.key(), state.withActive(state.active() - 1));
                }
                case RateGate r -> {
                    // An admission counts for its whole window, finished or not.
                }
            }
        }
        return promote(working, keys, gatesOf, now);
    }

    /**
     * A waiting execution is canceled: leaves every queue it waits in, which may let the ones behind it in.
     * Throws IllegalStateException unless it waits on every key of its gates.
     */
    public static Promotion withdraw(long execution, List<Gate> gates, Map<PolicyKey, KeyState> states,
                                     Function<Long, List<Gate>> gatesOf, Instant now) {
        Objects.requireNonNull(now, "now");
        List<Gate> ordered = Gates.inLockOrder(gates);
        Map<PolicyKey, KeyState> working = new HashMap<>(snapshot(states));
        List<PolicyKey> keys = Gates.keys(ordered);
        requirePresent(execution, keys, working);
        for (PolicyKey key : keys) {
            KeyState state = working.get(key);
            if (!state.queue().contains(execution)) {
                throw new IllegalStateException("execution " + execution + " does not wait on " + key);
            }
            working.put(key, state.without(execution));
        }
        return promote(working, keys, gatesOf, now);
    }

    /** Time passed and rate windows moved on: admits the heads of the snapshot's keys that fit now. */
    public static Promotion tick(Map<PolicyKey, KeyState> states, Function<Long, List<Gate>> gatesOf, Instant now) {
        Objects.requireNonNull(now, "now");
        Map<PolicyKey, KeyState> working = new HashMap<>(snapshot(states));
        return promote(working, working.keySet(), gatesOf, now);
    }

    /**
     * Admits heads until none can move. Only the heads of {@code touched} keys can have become admissible, and
     * admitting one only changes its own keys, so a worklist of keys finds every admission. Admitting a head never
     * takes room from another candidate (it is first on all its keys), so the result does not depend on the order.
     */
    private static Promotion promote(Map<PolicyKey, KeyState> working, Collection<PolicyKey> touched,
                                     Function<Long, List<Gate>> gatesOf, Instant now) {
        TreeSet<PolicyKey> pending = new TreeSet<>(touched);
        Set<PolicyKey> examined = new TreeSet<>();
        Set<PolicyKey> needed = new TreeSet<>();
        Map<Long, List<Gate>> waitingGates = new HashMap<>();
        List<Long> admitted = new ArrayList<>();
        while (!pending.isEmpty()) {
            PolicyKey key = pending.pollFirst();
            examined.add(key);
            Optional<Long> head = working.get(key).head();
            if (head.isEmpty()) {
                continue;
            }
            long candidate = head.get();
            List<Gate> gates = waitingGates.computeIfAbsent(candidate, c -> gatesOf(c, key, gatesOf));
            Set<PolicyKey> missing = new TreeSet<>();
            boolean blocked = false;
            for (Gate gate : gates) {
                KeyState state = working.get(gate.key());
                if (state == null) {
                    missing.add(gate.key());
                } else if (!state.queue().contains(candidate)) {
                    throw new IllegalStateException("execution " + candidate + " has a gate on " + gate.key()
                            + " but does not wait there");
                } else if (!state.head().equals(head) || !hasRoom(gate, state, now)) {
                    blocked = true;
                }
            }
            if (blocked) {
                continue;
            }
            if (!missing.isEmpty()) {
                needed.addAll(missing);
                continue;
            }
            admit(candidate, gates, working, now);
            admitted.add(candidate);
            pending.addAll(Gates.keys(gates));
        }
        if (!needed.isEmpty()) {
            return new Promotion.NeedsKeys(needed);
        }
        return new Promotion.Promoted(admitted, working, earliestRetry(examined, working, waitingGates, gatesOf, now));
    }

    /** The earliest instant at which a head of the examined keys that only rate windows hold back may get in. */
    private static Optional<Instant> earliestRetry(Set<PolicyKey> examined, Map<PolicyKey, KeyState> working,
                                                   Map<Long, List<Gate>> waitingGates,
                                                   Function<Long, List<Gate>> gatesOf, Instant now) {
        Optional<Instant> earliest = Optional.empty();
        for (PolicyKey key : examined) {
            Optional<Long> head = working.get(key).head();
            if (head.isEmpty()) {
                continue;
            }
            List<Gate> gates = waitingGates.computeIfAbsent(head.get(), c -> gatesOf(c, key, gatesOf));
            List<Gate> known = gates.stream().filter(gate -> working.containsKey(gate.key())).toList();
            boolean firstEverywhere = known.stream().allMatch(gate -> working.get(gate.key()).head().equals(head));
            Optional<Instant> at = firstEverywhere ? rateRoomAt(known, working, now) : Optional.empty();
            if (at.isPresent() && (earliest.isEmpty() || at.get().isBefore(earliest.get()))) {
                earliest = at;
            }
        }
        return earliest;
    }

    /** When every full rate gate has room again, provided no concurrency gate is full; empty otherwise. */
    private static Optional<Instant> rateRoomAt(List<Gate> gates, Map<PolicyKey, KeyState> states, Instant now) {
        Instant latest = now;
        for (Gate gate : gates) {
            KeyState state = states.get(gate.key());
            switch (gate) {
                case ConcurrencyGate c -> {
                    if (!hasRoom(c, state, now)) {
                        return Optional.empty();
                    }
                }
                case RateGate r -> {
                    Instant at = state.roomAt(r.max(), r.window(), now);
                    if (at.isAfter(latest)) {
                        latest = at;
                    }
                }
            }
        }
        return latest.isAfter(now) ? Optional.of(latest) : Optional.empty();
    }

    private static boolean hasRoom(Gate gate, KeyState state, Instant now) {
        return switch (gate) {
            case ConcurrencyGate c -> state.active() < c.limit();
            case RateGate r -> state.admissionsWithin(r.window(), now) < r.max();
        };
    }

    private static Optional<AdmissionDecision> refusal(Gate gate) {
        return switch (gate) {
            case ConcurrencyGate c -> switch (c.behavior()) {
                case CANCEL -> Optional.of(new Canceled(c.key(),
                        "concurrency limit of " + c.limit() + " reached on " + c.key()));
                case DELAY -> Optional.empty();
            };
            case RateGate r -> switch (r.behavior()) {
                case REJECT -> Optional.of(new Rejected(r.key(),
                        "rate limit of " + r.max() + " per " + seconds(r.window()) + " reached on " + r.key()));
                case DELAY -> Optional.empty();
            };
        };
    }

    private static void admit(long execution, List<Gate> gates, Map<PolicyKey, KeyState> working, Instant now) {
        for (Gate gate : gates) {
            KeyState state = working.get(gate.key()).without(execution);
            working.put(gate.key(), switch (gate) {
                case ConcurrencyGate c -> state.withActive(state.active() + 1);
                case RateGate r -> state.admittedAt(now, r.window());
            });
        }
    }

    private static List<Gate> gatesOf(long candidate, PolicyKey waitingOn, Function<Long, List<Gate>> gatesOf) {
        List<Gate> gates = gatesOf.apply(candidate);
        if (gates == null || gates.stream().noneMatch(gate -> gate.key().equals(waitingOn))) {
            throw new IllegalStateException("execution " + candidate + " waits on " + waitingOn
                    + " but its gates do not name that key: " + gates);
        }
        return Gates.inLockOrder(gates);
    }

    private static Map<PolicyKey, KeyState> snapshot(Map<PolicyKey, KeyState> states) {
        states.forEach((key, state) -> {
            if (!key.equals(state.key())) {
                throw new IllegalArgumentException("state of " + state.key() + " filed under " + key);
            }
        });
        return Map.copyOf(states);
    }

    private static void requirePresent(long execution, List<PolicyKey> keys, Map<PolicyKey, KeyState> states) {
        for (PolicyKey key : keys) {
            if (!states.containsKey(key)) {
                throw new IllegalArgumentException("the snapshot lacks key " + key + " of execution " + execution
                        + "; supply KeyState.empty for a key without a row");
            }
        }
    }

    private static String seconds(Duration window) {
        return window.toMillis() % 1000 == 0 ? window.toSeconds() + "s" : window.toString();
    }
}
