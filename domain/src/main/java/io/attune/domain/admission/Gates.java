package io.attune.domain.admission;

import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the policies that apply to an execution into its gates, in lock order. */
public final class Gates {

    private static final Comparator<Gate> LOCK_ORDER = Comparator.comparing(Gate::key)
            .thenComparing(gate -> switch (gate) {
                case ConcurrencyGate c -> 0;
                case RateGate r -> 1;
            });

    private Gates() {
    }

    /**
     * The gates of an execution of {@code action}: one per concurrency and one per rate limit of every enabled
     * policy in {@code applicable} whose target covers the action (others are skipped, so callers may pass a
     * superset). A rate limit counts per policy (its key is {@code ""}); a concurrency limit per combination of its
     * attribute values. Sorted by key, concurrency before rate on the same key.
     */
    public static List<Gate> forExecution(List<Policy> applicable, Ref action, Map<String, ?> parameters) {
        List<Gate> gates = new ArrayList<>();
        Set<Ref> seen = new HashSet<>();
        for (Policy policy : applicable) {
            if (!policy.enabled() || !policy.target().appliesTo(action)) {
                continue;
            }
            if (!seen.add(policy.ref())) {
                throw new IllegalArgumentException("policy " + policy.ref() + " is listed twice");
            }
            policy.concurrency().ifPresent(c -> gates.add(new ConcurrencyGate(
                    PolicyKey.of(policy.ref(), c.attributes(), parameters), c.limit(), c.behavior(), c.maxQueue(),
                    c.queueTimeout(), c.overflow())));
            policy.rateLimit().ifPresent(r -> gates.add(new RateGate(
                    PolicyKey.of(policy.ref()), r.max(), Duration.ofSeconds(r.windowSeconds()), r.behavior())));
        }
        return inLockOrder(gates);
    }

    /**
     * The gates sorted by key (concurrency before rate on one key); refuses two gates of one kind on one key,
     * which would make the key's state ambiguous.
     */
    public static List<Gate> inLockOrder(List<Gate> gates) {
        List<Gate> sorted = new ArrayList<>(gates);
        sorted.sort(LOCK_ORDER);
        for (int i = 1; i < sorted.size(); i++) {
            if (LOCK_ORDER.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
                throw new IllegalArgumentException("two gates of one kind on key " + sorted.get(i).key());
            }
        }
        return List.copyOf(sorted);
    }

    /**
     * When an execution that started waiting at {@code enqueuedAt} has waited too long: the shortest queue timeout of
     * its concurrency gates; empty when none has one.
     */
    public static Optional<Instant> queueDeadline(List<Gate> gates, Instant enqueuedAt) {
        return firstToTimeOut(gates).map(c -> enqueuedAt.plus(c.queueTimeout().orElseThrow()));
    }

    /** The gate whose queue timeout is the shortest, the one that names why a wait ended; empty when none has one. */
    public static Optional<ConcurrencyGate> firstToTimeOut(List<Gate> gates) {
        return gates.stream().filter(gate -> gate instanceof ConcurrencyGate c && c.queueTimeout().isPresent())
                .map(gate -> (ConcurrencyGate) gate)
                .min(Comparator.comparing((ConcurrencyGate c) -> c.queueTimeout().orElseThrow()));
    }

    /** The distinct keys of the gates, in lock order: the rows an adapter locks, in this order. */
    public static List<PolicyKey> keys(List<Gate> gates) {
        return gates.stream().map(Gate::key).distinct().sorted().toList();
    }
}
