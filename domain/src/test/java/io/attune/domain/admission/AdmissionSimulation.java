package io.attune.domain.admission;

import io.attune.domain.admission.AdmissionDecision.Admitted;
import io.attune.domain.admission.AdmissionDecision.Canceled;
import io.attune.domain.admission.AdmissionDecision.Queued;
import io.attune.domain.admission.AdmissionDecision.Rejected;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Drives an {@link AdmissionBook} through random steps and keeps an independent record of what happened. */
final class AdmissionSimulation {

    static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
    static final List<Ref> ACTIONS = List.of(Ref.parse("demo.a"), Ref.parse("demo.b"), Ref.parse("ops.c"));
    static final List<Map<String, Object>> PARAMETERS = List.of(
            Map.of("name", "ada"), Map.of("name", "bob"), Map.of());

    /** What a requested execution came to, as far as the simulation saw. */
    enum Outcome { ACTIVE, COMPLETED, QUEUED, CANCELED, REJECTED, WITHDRAWN, OVERFLOWED, TIMED_OUT }

    /** One step of a run. */
    sealed interface Step permits Request, Complete, Withdraw, Tick {
    }

    record Request(int action, int parameters) implements Step {
    }

    record Complete(int pick) implements Step {
    }

    record Withdraw(int pick) implements Step {
    }

    record Tick(int seconds) implements Step {
    }

    /** An admission, with the executions that were still waiting when it happened. */
    record AdmissionEvent(long execution, Instant at, Set<Long> stillWaiting) {
    }

    final AdmissionBook book = new AdmissionBook();
    final List<Policy> policies;
    final Map<Long, List<Gate>> gates = new HashMap<>();
    final Map<Long, Outcome> outcomes = new LinkedHashMap<>();
    final Map<Long, Instant> enqueuedAt = new java.util.HashMap<>();
    final List<AdmissionEvent> admissions = new ArrayList<>();
    final List<String> anomalies = new ArrayList<>();
    final List<String> wrongDecisions = new ArrayList<>();
    Instant now = T0;
    private long nextExecution = 1;

    AdmissionSimulation(List<Policy> policies) {
        this.policies = policies;
    }

    /** Runs the steps, calling {@code afterEachStep} after every one. */
    AdmissionSimulation run(List<Step> steps, Consumer<AdmissionSimulation> afterEachStep) {
        for (Step step : steps) {
            switch (step) {
                case Request r -> request(ACTIONS.get(r.action()), PARAMETERS.get(r.parameters()));
                case Complete c -> pick(Outcome.ACTIVE, c.pick()).ifPresent(this::complete);
                case Withdraw w -> pick(Outcome.QUEUED, w.pick()).ifPresent(this::withdraw);
                case Tick t -> {
                    tick(t.seconds());
                    expire(); // the executor's sweep, right after time moved
                }
            }
            afterEachStep.accept(this);
        }
        return this;
    }

    /** Completes everything admitted and ticks far ahead until nothing is admitted or waiting, or gives up. */
    void drain(Consumer<AdmissionSimulation> afterEachStep) {
        for (int round = 0; round < 10_000 && (count(Outcome.ACTIVE) > 0 || count(Outcome.QUEUED) > 0); round++) {
            while (count(Outcome.ACTIVE) > 0) {
                pick(Outcome.ACTIVE, 0).ifPresent(this::complete);
                afterEachStep.accept(this);
            }
            tick(86_400);
            afterEachStep.accept(this);
        }
    }

    void request(Ref action, Map<String, Object> parameters) {
        long execution = nextExecution++;
        List<Gate> executionGates = Gates.forExecution(policies, action, parameters);
        gates.put(execution, executionGates);
        Set<Long> waiting = withOutcome(Outcome.QUEUED);
        String expected = expectedDecision(executionGates, waiting);
        AdmissionDecision decision = book.request(execution, executionGates, now);
        String actual = switch (decision) {
            case Admitted a -> "admitted";
            case Queued q -> "queued";
            case Canceled c -> "canceled on " + c.key();
            case Rejected r -> "rejected on " + r.key();
            case AdmissionDecision.Overflowed o -> "overflowed on " + o.key();
        };
        if (!actual.equals(expected)) {
            wrongDecisions.add("execution " + execution + " with " + executionGates + ": expected " + expected
                    + " but was " + actual);
        }
        switch (decision) {
            case Admitted a -> {
                outcomes.put(execution, Outcome.ACTIVE);
                admissions.add(new AdmissionEvent(execution, now, waiting));
            }
            case Queued q -> {
                outcomes.put(execution, Outcome.QUEUED);
                enqueuedAt.put(execution, now);
            }
            case Canceled c -> outcomes.put(execution, Outcome.CANCELED);
            case Rejected r -> outcomes.put(execution, Outcome.REJECTED);
            case AdmissionDecision.Overflowed o -> outcomes.put(execution, Outcome.OVERFLOWED);
        }
    }

    void complete(long execution) {
        Set<Long> waiting = withOutcome(Outcome.QUEUED);
        List<Long> promoted = book.release(execution, now);
        outcomes.put(execution, Outcome.COMPLETED);
        promoted(promoted, waiting);
    }

    void withdraw(long execution) {
        List<Long> promoted = book.withdraw(execution, now);
        outcomes.put(execution, Outcome.WITHDRAWN);
        promoted(promoted, withOutcome(Outcome.QUEUED));
    }

    /** Withdraws, oldest first, every waiting execution whose queue timeout has passed (the executor's sweep). */
    void expire() {
        for (long execution : withOutcome(Outcome.QUEUED)) {
            boolean due = outcomes.get(execution) == Outcome.QUEUED && Gates.queueDeadline(gates.get(execution),
                    enqueuedAt.get(execution)).map(deadline -> !deadline.isAfter(now)).orElse(false);
            if (due) {
                List<Long> promoted = book.withdraw(execution, now);
                outcomes.put(execution, Outcome.TIMED_OUT);
                promoted(promoted, withOutcome(Outcome.QUEUED));
            }
        }
    }

    /** How many executions wait on a key, counted from the outcomes alone. */
    long waitingOn(PolicyKey key) {
        return withOutcome(Outcome.QUEUED).stream().filter(execution -> keysOf(execution).contains(key)).count();
    }

    void tick(int seconds) {
        now = now.plusSeconds(seconds);
        promoted(book.tick(now), withOutcome(Outcome.QUEUED));
    }

    /** The concurrency slots of a key taken, counted from the outcomes alone. */
    long activeOn(PolicyKey key) {
        return withOutcome(Outcome.ACTIVE).stream().filter(execution -> gates.get(execution).stream()
                .anyMatch(gate -> gate instanceof ConcurrencyGate && gate.key().equals(key))).count();
    }

    /** The admissions that count against a rate key at {@code now}, counted from the admission log alone. */
    long recentOn(PolicyKey key, Duration window) {
        return admissions.stream().filter(event -> now.isBefore(event.at().plus(window)))
                .filter(event -> gates.get(event.execution()).stream()
                        .anyMatch(gate -> gate instanceof RateGate && gate.key().equals(key))).count();
    }

    /** Whether a gate has room, from the record alone. */
    boolean hasRoom(Gate gate) {
        return switch (gate) {
            case ConcurrencyGate c -> activeOn(c.key()) < c.limit();
            case RateGate r -> recentOn(r.key(), r.window()) < r.max();
        };
    }

    /** The documented request rules, applied to the record rather than to the book's states. */
    private String expectedDecision(List<Gate> executionGates, Set<Long> waiting) {
        for (Gate gate : executionGates) {
            if (!hasRoom(gate)) {
                String refusal = switch (gate) {
                    case ConcurrencyGate c -> c.behavior() == Policy.ConcurrencyBehavior.CANCEL
                            ? "canceled on " + c.key() : null;
                    case RateGate r -> r.behavior() == Policy.RateBehavior.REJECT ? "rejected on " + r.key() : null;
                };
                if (refusal != null) {
                    return refusal;
                }
            }
        }
        boolean someoneWaits = executionGates.stream()
                .anyMatch(gate -> waiting.stream().anyMatch(w -> keysOf(w).contains(gate.key())));
        boolean allHaveRoom = executionGates.stream().allMatch(this::hasRoom);
        if (allHaveRoom && !someoneWaits) {
            return "admitted";
        }
        for (Gate gate : executionGates) {
            if (gate instanceof ConcurrencyGate c && waitingOn(c.key()) >= c.maxQueue()) {
                return "overflowed on " + c.key();
            }
        }
        return "queued";
    }

    Set<Long> withOutcome(Outcome outcome) {
        Set<Long> matching = new TreeSet<>();
        outcomes.forEach((execution, o) -> {
            if (o == outcome) {
                matching.add(execution);
            }
        });
        return matching;
    }

    Set<PolicyKey> keysOf(long execution) {
        return new TreeSet<>(Gates.keys(gates.get(execution)));
    }

    private void promoted(List<Long> promoted, Set<Long> waitingBefore) {
        Set<Long> waiting = new TreeSet<>(waitingBefore);
        for (long execution : promoted) {
            if (outcomes.get(execution) != Outcome.QUEUED) {
                anomalies.add("admitted " + execution + " which was " + outcomes.get(execution));
            }
            waiting.remove(execution);
            outcomes.put(execution, Outcome.ACTIVE);
            admissions.add(new AdmissionEvent(execution, now, Set.copyOf(waiting)));
        }
    }

    private long count(Outcome outcome) {
        return outcomes.values().stream().filter(o -> o == outcome).count();
    }

    private Optional<Long> pick(Outcome outcome, int pick) {
        List<Long> candidates = List.copyOf(withOutcome(outcome));
        return candidates.isEmpty() ? Optional.empty()
                : Optional.of(candidates.get(pick % candidates.size()));
    }
}
