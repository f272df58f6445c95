package io.attune.domain.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.domain.admission.AdmissionSimulation.AdmissionEvent;
import io.attune.domain.admission.AdmissionSimulation.Complete;
import io.attune.domain.admission.AdmissionSimulation.Outcome;
import io.attune.domain.admission.AdmissionSimulation.Request;
import io.attune.domain.admission.AdmissionSimulation.Step;
import io.attune.domain.admission.AdmissionSimulation.Tick;
import io.attune.domain.admission.AdmissionSimulation.Withdraw;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random interleavings of requests (a few actions, attribute values and policies with limits 1 to 3), completions of
 * admitted executions, withdrawals of queued ones and clock ticks, checked against a record kept beside the book.
 */
class AdmissionPropertiesTest {

    private static final int TRIES = 500;

    @Property(tries = TRIES)
    void activeExecutionsPerConcurrencyKeyNeverExceedTheLimit(@ForAll("policies") List<Policy> policies,
                                                              @ForAll("steps") List<Step> steps) {
        AdmissionSimulation simulation = new AdmissionSimulation(policies);

        simulation.run(steps, AdmissionPropertiesTest::withinConcurrencyLimits)
                .drain(AdmissionPropertiesTest::withinConcurrencyLimits);
    }

    @Property(tries = TRIES)
    void perKeyAdmissionOrderIsRequestOrder(@ForAll("policies") List<Policy> policies,
                                           @ForAll("steps") List<Step> steps) {
        AdmissionSimulation simulation = new AdmissionSimulation(policies);
        simulation.run(steps, s -> { }).drain(s -> { });

        for (AdmissionEvent event : simulation.admissions) {
            for (long earlier : event.stillWaiting()) {
                if (earlier < event.execution()) {
                    assertThat(Collections.disjoint(simulation.keysOf(earlier), simulation.keysOf(event.execution())))
                            .as("%d admitted while %d, requested before it, waited on a shared key",
                                    event.execution(), earlier)
                            .isTrue();
                }
            }
        }
        Map<PolicyKey, List<Long>> admittedPerKey = new HashMap<>();
        simulation.admissions.forEach(event -> simulation.keysOf(event.execution()).forEach(
                key -> admittedPerKey.computeIfAbsent(key, k -> new ArrayList<>()).add(event.execution())));
        admittedPerKey.forEach((key, order) -> assertThat(order).as("admissions on %s", key).isSorted());
    }

    @Property(tries = TRIES)
    void everyExecutionEndsUpInExactlyOnePlaceAndQueuesDrain(@ForAll("policies") List<Policy> policies,
                                                             @ForAll("steps") List<Step> steps) {
        AdmissionSimulation simulation = new AdmissionSimulation(policies);

        simulation.run(steps, AdmissionPropertiesTest::bookAgreesWithTheRecord);
        long requested = steps.stream().filter(step -> step instanceof Request).count();
        assertThat(simulation.outcomes).hasSize((int) requested);
        assertThat(simulation.admissions.stream().map(AdmissionEvent::execution).distinct().count())
                .as("no execution admitted twice").isEqualTo(simulation.admissions.size());

        simulation.drain(AdmissionPropertiesTest::bookAgreesWithTheRecord);
        assertThat(simulation.withOutcome(Outcome.QUEUED)).as("still waiting after draining").isEmpty();
        assertThat(simulation.withOutcome(Outcome.ACTIVE)).isEmpty();
        simulation.book.states().values().forEach(state -> {
            assertThat(state.queue()).as("queue of %s", state.key()).isEmpty();
            assertThat(state.active()).as("active on %s", state.key()).isZero();
        });
    }

    @Property(tries = TRIES)
    void noRateKeyAdmitsMoreThanMaxInAnyWindow(@ForAll("policies") List<Policy> policies,
                                              @ForAll("steps") List<Step> steps) {
        AdmissionSimulation simulation = new AdmissionSimulation(policies);
        simulation.run(steps, s -> { }).drain(s -> { });

        Map<RateGate, List<Instant>> admittedAt = new HashMap<>();
        for (AdmissionEvent event : simulation.admissions) {
            simulation.gates.get(event.execution()).stream()
                    .filter(gate -> gate instanceof RateGate)
                    .forEach(gate -> admittedAt.computeIfAbsent((RateGate) gate, g -> new ArrayList<>())
                            .add(event.at()));
        }
        admittedAt.forEach((gate, times) -> {
            for (Instant end : times) {
                long inWindow = times.stream()
                        .filter(t -> !t.isAfter(end) && t.isAfter(end.minus(gate.window()))).count();
                assertThat(inWindow).as("admissions on %s in the window ending %s", gate.key(), end)
                        .isLessThanOrEqualTo(gate.max());
            }
        });
    }

    @Property(tries = TRIES)
    void requestsFollowTheRulesAndPromotionLeavesNoAdmissibleHead(@ForAll("policies") List<Policy> policies,
                                                                 @ForAll("steps") List<Step> steps) {
        AdmissionSimulation simulation = new AdmissionSimulation(policies);

        simulation.run(steps, AdmissionPropertiesTest::noWaitingExecutionCouldRun)
                .drain(AdmissionPropertiesTest::noWaitingExecutionCouldRun);

        assertThat(simulation.wrongDecisions).isEmpty();
    }

    @Property(tries = TRIES)
    void neverMoreThanMaxQueueWaitOnAKey(@ForAll("policies") List<Policy> policies, @ForAll("steps") List<Step> steps) {
        AdmissionSimulation simulation = new AdmissionSimulation(policies);

        simulation.run(steps, AdmissionPropertiesTest::withinQueueBounds).drain(AdmissionPropertiesTest::withinQueueBounds);
        assertThat(simulation.wrongDecisions).isEmpty();
    }

    @Property(tries = TRIES)
    void timeoutsRemoveOnlyExpiredWaitersAndKeepTheRestInOrder(@ForAll("policies") List<Policy> policies,
                                                               @ForAll("steps") List<Step> steps) {
        AdmissionSimulation simulation = new AdmissionSimulation(policies);

        simulation.run(steps, s -> {
            s.withOutcome(Outcome.QUEUED).forEach(execution -> assertThat(Gates.queueDeadline(
                    s.gates.get(execution), s.enqueuedAt.get(execution)).map(d -> d.isAfter(s.now)).orElse(true))
                    .as("%d still waits at %s past its queue timeout", execution, s.now).isTrue());
            bookAgreesWithTheRecord(s);
        });
        simulation.withOutcome(Outcome.TIMED_OUT).forEach(execution -> assertThat(Gates.queueDeadline(
                simulation.gates.get(execution), simulation.enqueuedAt.get(execution))).isPresent());
    }

    private static void withinQueueBounds(AdmissionSimulation simulation) {
        simulation.gates.values().stream().flatMap(List::stream)
                .filter(gate -> gate instanceof ConcurrencyGate).map(gate -> (ConcurrencyGate) gate).distinct()
                .forEach(gate -> {
                    assertThat(simulation.waitingOn(gate.key())).as("waiting on %s", gate.key())
                            .isLessThanOrEqualTo(gate.maxQueue());
                    assertThat(simulation.book.state(gate.key()).waiting()).as("book's waiting on %s", gate.key())
                            .isEqualTo((int) simulation.waitingOn(gate.key()));
                });
    }

    private static void withinConcurrencyLimits(AdmissionSimulation simulation) {
        simulation.gates.values().stream().flatMap(List::stream)
                .filter(gate -> gate instanceof ConcurrencyGate).map(gate -> (ConcurrencyGate) gate).distinct()
                .forEach(gate -> {
                    long active = simulation.activeOn(gate.key());
                    assertThat(active).as("active on %s", gate.key()).isLessThanOrEqualTo(gate.limit());
                    assertThat(simulation.book.state(gate.key()).active()).as("book's active on %s", gate.key())
                            .isEqualTo((int) active);
                });
    }

    private static void bookAgreesWithTheRecord(AdmissionSimulation simulation) {
        assertThat(simulation.anomalies).isEmpty();
        Set<Long> queued = simulation.withOutcome(Outcome.QUEUED);
        simulation.outcomes.forEach((execution, outcome) -> {
            assertThat(simulation.book.isAdmitted(execution)).as("%d admitted", execution)
                    .isEqualTo(outcome == Outcome.ACTIVE);
            assertThat(simulation.book.isQueued(execution)).as("%d queued", execution)
                    .isEqualTo(outcome == Outcome.QUEUED);
        });
        simulation.book.states().values().forEach(state -> {
            List<Long> expected = queued.stream()
                    .filter(execution -> simulation.keysOf(execution).contains(state.key())).sorted().toList();
            assertThat(state.queue()).as("queue of %s", state.key()).isEqualTo(expected);
        });
        queued.forEach(execution -> simulation.keysOf(execution).forEach(key ->
                assertThat(simulation.book.state(key).queue()).as("queue of %s", key).contains(execution)));
    }

    private static void noWaitingExecutionCouldRun(AdmissionSimulation simulation) {
        Set<Long> queued = simulation.withOutcome(Outcome.QUEUED);
        for (long execution : queued) {
            boolean firstEverywhere = queued.stream().filter(other -> other < execution)
                    .noneMatch(other -> simulation.keysOf(other).stream()
                            .anyMatch(simulation.keysOf(execution)::contains));
            boolean room = simulation.gates.get(execution).stream().allMatch(simulation::hasRoom);
            assertThat(firstEverywhere && room).as("%d could run at %s but waits", execution, simulation.now)
                    .isFalse();
        }
    }

    @Provide
    Arbitrary<List<Policy>> policies() {
        Arbitrary<Policy.Target> targets = Arbitraries.of(
                new Policy.ActionTarget(Ref.parse("demo.a")), new Policy.ActionTarget(Ref.parse("demo.b")),
                new Policy.PackTarget("demo"), new Policy.GlobalTarget());
        Arbitrary<Optional<Policy.Concurrency>> concurrency = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Optional.empty())),
                Tuple.of(3, Combinators.combine(
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.frequency(Tuple.of(4, Policy.ConcurrencyBehavior.DELAY),
                                Tuple.of(1, Policy.ConcurrencyBehavior.CANCEL)),
                        Arbitraries.of(List.<String>of(), List.of("name")),
                        Arbitraries.frequency(Tuple.of(1, Policy.Concurrency.DEFAULT_MAX_QUEUE), Tuple.of(1, 1),
                                Tuple.of(1, 2), Tuple.of(1, 3)),
                        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Optional.<java.time.Duration>empty())),
                                Tuple.of(1, Arbitraries.integers().between(1, 5)
                                        .map(t -> Optional.of(java.time.Duration.ofSeconds(t))))),
                        Arbitraries.of(Policy.Overflow.values()))
                        .as((limit, behavior, attributes, maxQueue, timeout, overflow) -> Optional.of(
                                new Policy.Concurrency(limit, behavior, attributes, maxQueue, timeout, overflow)))));
        Arbitrary<Optional<Policy.RateLimit>> rate = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Optional.empty())),
                Tuple.of(2, Combinators.combine(
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.frequency(Tuple.of(4, Policy.RateBehavior.DELAY),
                                Tuple.of(1, Policy.RateBehavior.REJECT)))
                        .as((max, window, behavior) -> Optional.of(new Policy.RateLimit(max, window, behavior)))));
        Arbitrary<Boolean> enabled = Arbitraries.frequency(Tuple.of(9, true), Tuple.of(1, false));
        Arbitrary<PolicySpec> spec = Combinators.combine(targets, concurrency, rate, enabled).as(PolicySpec::new)
                .filter(s -> s.concurrency().isPresent() || s.rate().isPresent());
        return spec.list().ofMinSize(2).ofMaxSize(4).map(specs -> IntStream.range(0, specs.size())
                .mapToObj(i -> specs.get(i).toPolicy(Ref.parse("limits.p" + i))).toList());
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> requests = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 2)).as(Request::new);
        Arbitrary<Step> completions = Arbitraries.integers().between(0, 10).map(Complete::new);
        Arbitrary<Step> withdrawals = Arbitraries.integers().between(0, 10).map(Withdraw::new);
        Arbitrary<Step> ticks = Arbitraries.integers().between(0, 3).map(Tick::new);
        return Arbitraries.frequencyOf(Tuple.of(6, requests), Tuple.of(3, completions), Tuple.of(1, withdrawals),
                Tuple.of(2, ticks)).list().ofMaxSize(60);
    }

    private record PolicySpec(Policy.Target target, Optional<Policy.Concurrency> concurrency,
                              Optional<Policy.RateLimit> rate, boolean enabled) {
        Policy toPolicy(Ref ref) {
            return new Policy(ref, "", target, concurrency, rate, enabled);
        }
    }
}
