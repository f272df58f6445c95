package io.attune.application.contract;

import static io.attune.application.contract.CatalogSamples.action;
import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.port.in.ExecutionQueries.QueueStats;
import io.attune.application.port.out.AdmissionLedger;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.domain.admission.AdmissionDecision;
import io.attune.domain.admission.AdmissionDecision.Admitted;
import io.attune.domain.admission.AdmissionDecision.Canceled;
import io.attune.domain.admission.AdmissionDecision.Queued;
import io.attune.domain.admission.AdmissionDecision.Rejected;
import io.attune.domain.admission.ConcurrencyGate;
import io.attune.domain.admission.Gate;
import io.attune.domain.admission.PolicyKey;
import io.attune.domain.admission.RateGate;
import io.attune.domain.policy.Policy;
import io.attune.domain.policy.Policy.ConcurrencyBehavior;
import io.attune.domain.policy.Policy.RateBehavior;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * What every AdmissionLedger must do, whatever keeps the queues: never more admitted than a limit, strict FIFO per
 * key, releases that are safe to repeat, withdrawals, several keys decided together (including promotions that reach
 * keys the released execution never held), rate windows that delay until a tick, refusals that hold nothing,
 * positions and queue stats. Executions are stored first: a ledger may refer to their rows.
 *
 * <p>Stats: a key appears once an execution was decided on it; {@code totalCanceled} counts the executions refused by
 * a full CANCEL gate on that key and those withdrawn from its queue; {@code totalReleased} those that held the key
 * and finished.
 */
public abstract class AdmissionLedgerContract extends StorageContract {

    protected static final Instant T0 = Instant.parse("2031-03-04T05:06:07Z");

    private static final PolicyKey A = PolicyKey.of(ref("demo.a"));
    private static final PolicyKey B = PolicyKey.of(ref("demo.b"));

    protected abstract AdmissionLedger ledger();

    protected abstract ExecutionRepository executions();

    /** To install the policies whose keys {@code stats} reports. */
    protected abstract PackRepository packs();

    protected final long newExecution() {
        return write(() -> executions().insert(ExecutionRepositoryContract.requested("demo.greet", T0))).id();
    }

    protected static Gate limit(PolicyKey key, int limit) {
        return new ConcurrencyGate(key, limit, ConcurrencyBehavior.DELAY);
    }

    protected static Gate rate(PolicyKey key, int max, int seconds, RateBehavior behavior) {
        return new RateGate(key, max, Duration.ofSeconds(seconds), behavior);
    }

    protected final AdmissionDecision admit(long execution, Instant at, Gate... gates) {
        return write(() -> ledger().admit(execution, List.of(gates), at));
    }

    protected final List<Long> release(long execution, Instant at) {
        return write(() -> ledger().release(execution, at));
    }

    private List<Long> tick(Instant at) {
        return write(() -> ledger().tick(at));
    }

    private OptionalInt position(long execution) {
        return read(() -> ledger().position(execution));
    }

    private static PolicyKey byName(String policy, String name) {
        return PolicyKey.of(ref(policy), List.of("name"), Map.of("name", name));
    }

    @Test
    void admitsUpToTheLimitThenQueuesTheRest() {
        long first = newExecution();
        long second = newExecution();
        long third = newExecution();

        assertThat(admit(first, T0, limit(A, 2))).isEqualTo(new Admitted());
        assertThat(admit(second, T0, limit(A, 2))).isEqualTo(new Admitted());
        assertThat(admit(third, T0, limit(A, 2))).isEqualTo(new Queued(Optional.empty()));
        assertThat(position(third)).hasValue(1);
        assertThat(position(first)).isEmpty();
    }

    @Test
    void eachReleaseAdmitsTheOldestWaitingExecution() {
        long running = newExecution();
        long second = newExecution();
        long third = newExecution();
        long fourth = newExecution();
        admit(running, T0, limit(A, 1));
        admit(second, T0, limit(A, 1));
        admit(third, T0, limit(A, 1));
        admit(fourth, T0, limit(A, 1));

        assertThat(release(running, T0.plusSeconds(1))).containsExactly(second);
        assertThat(position(third)).hasValue(1);
        assertThat(position(fourth)).hasValue(2);
        assertThat(release(second, T0.plusSeconds(2))).containsExactly(third);
        assertThat(release(third, T0.plusSeconds(3))).containsExactly(fourth);
        assertThat(release(fourth, T0.plusSeconds(4))).isEmpty();
    }

    @Test
    void releasesThatArriveTogetherAdmitTheOldestWaitingInOrderAsOneByOneWould() {
        List<Long> running = new java.util.ArrayList<>();
        List<Long> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = newExecution();
            admit(id, T0, limit(A, 5));
            running.add(id);
        }
        for (int i = 0; i < 8; i++) {
            long id = newExecution();
            admit(id, T0, limit(A, 5));
            waiting.add(id);
        }
        long elsewhere = newExecution();
        admit(elsewhere, T0, limit(B, 1));
        long behindElsewhere = newExecution();
        admit(behindElsewhere, T0, limit(B, 1));
        List<Long> batch = List.of(running.get(3), running.get(0), running.get(4), elsewhere, newExecution());

        List<Long> admitted = write(() -> ledger().releaseAll(batch, T0.plusSeconds(1)));

        assertThat(admitted).containsExactly(waiting.get(0), waiting.get(1), waiting.get(2), behindElsewhere);
        assertThat(position(waiting.get(3))).hasValue(1);
        assertThat(write(() -> ledger().releaseAll(batch, T0.plusSeconds(2)))).as("a second release").isEmpty();
        assertThat(write(() -> ledger().releaseAll(List.of(running.get(1), running.get(2)), T0.plusSeconds(3))))
                .containsExactly(waiting.get(3), waiting.get(4));
        assertThat(position(waiting.get(5))).hasValue(1);
    }

    @Test
    void releasesTogetherOfAnAdmittedAndAWaitingExecutionAdmitAsOneByOneWould() {
        long running = newExecution();
        long waiting = newExecution();
        long last = newExecution();
        admit(running, T0, limit(A, 1));
        admit(waiting, T0, limit(A, 1));
        admit(last, T0, limit(A, 1));

        // the release admits the waiting one, whose own release then frees its slot for the last
        assertThat(write(() -> ledger().releaseAll(List.of(running, waiting), T0.plusSeconds(1))))
                .containsExactly(waiting, last);
        assertThat(position(last)).isEmpty();
    }

    @Test
    void aSecondReleaseOfTheSameExecutionAndAReleaseOfAnUnknownOneAdmitNothing() {
        long running = newExecution();
        long second = newExecution();
        long third = newExecution();
        admit(running, T0, limit(A, 1));
        admit(second, T0, limit(A, 1));
        admit(third, T0, limit(A, 1));

        assertThat(release(running, T0.plusSeconds(1))).containsExactly(second);
        assertThat(release(running, T0.plusSeconds(2))).isEmpty();
        assertThat(release(newExecution(), T0.plusSeconds(2))).isEmpty();
        assertThat(position(third)).hasValue(1);
        assertThat(release(second, T0.plusSeconds(3))).containsExactly(third);
    }

    @Test
    void aWithdrawnExecutionLeavesItsQueueAndIsNeverAdmitted() {
        long running = newExecution();
        long withdrawn = newExecution();
        long last = newExecution();
        admit(running, T0, limit(A, 1));
        admit(withdrawn, T0, limit(A, 1));
        admit(last, T0, limit(A, 1));

        assertThat(release(withdrawn, T0.plusSeconds(1))).isEmpty();

        assertThat(position(withdrawn)).isEmpty();
        assertThat(position(last)).hasValue(1);
        assertThat(release(running, T0.plusSeconds(2))).containsExactly(last);
        assertThat(release(withdrawn, T0.plusSeconds(3))).isEmpty();
    }

    @Test
    void withdrawingAHeadThatWaitsForAnotherKeyLetsTheOneBehindItIn() {
        long holdsB = newExecution();
        long needsBoth = newExecution();
        long needsA = newExecution();
        assertThat(admit(holdsB, T0, limit(B, 1))).isEqualTo(new Admitted());
        assertThat(admit(needsBoth, T0, limit(A, 1), limit(B, 1))).isInstanceOf(Queued.class);
        assertThat(admit(needsA, T0, limit(A, 1))).as("never overtakes the one waiting on A").isInstanceOf(Queued.class);

        assertThat(release(needsBoth, T0.plusSeconds(1))).containsExactly(needsA);

        assertThat(admit(newExecution(), T0.plusSeconds(2), limit(A, 1))).isInstanceOf(Queued.class);
    }

    @Test
    void aReleaseAdmitsAWaitingExecutionThatAlsoNeedsAKeyOrderedBeforeTheReleasedOne() {
        long holdsB = newExecution();
        long needsBoth = newExecution();
        admit(holdsB, T0, limit(B, 1));
        admit(needsBoth, T0, limit(A, 1), limit(B, 1));

        assertThat(release(holdsB, T0.plusSeconds(1))).containsExactly(needsBoth);

        long needsA = newExecution();
        assertThat(admit(needsA, T0.plusSeconds(2), limit(A, 1))).as("A is now held").isInstanceOf(Queued.class);
        assertThat(release(needsBoth, T0.plusSeconds(3))).containsExactly(needsA);
    }

    @Test
    void aReleaseAdmitsAWaitingExecutionThatAlsoNeedsAKeyOrderedAfterTheReleasedOne() {
        long holdsA = newExecution();
        long needsBoth = newExecution();
        admit(holdsA, T0, limit(A, 1));
        admit(needsBoth, T0, limit(A, 1), limit(B, 1));

        assertThat(release(holdsA, T0.plusSeconds(1))).containsExactly(needsBoth);

        long needsB = newExecution();
        assertThat(admit(needsB, T0.plusSeconds(2), limit(B, 1))).as("B is now held").isInstanceOf(Queued.class);
    }

    @Test
    void keysOfDifferentAttributeValuesNeverBlockEachOther() {
        PolicyKey ada = byName("demo.per_name", "ada");
        PolicyKey bob = byName("demo.per_name", "bob");
        long adaRunning = newExecution();
        long adaWaiting = newExecution();
        long bobRunning = newExecution();

        assertThat(admit(adaRunning, T0, limit(ada, 1))).isEqualTo(new Admitted());
        assertThat(admit(adaWaiting, T0, limit(ada, 1))).isInstanceOf(Queued.class);
        assertThat(admit(bobRunning, T0, limit(bob, 1))).isEqualTo(new Admitted());

        assertThat(release(bobRunning, T0.plusSeconds(1))).isEmpty();
        assertThat(position(adaWaiting)).hasValue(1);
        assertThat(release(adaRunning, T0.plusSeconds(2))).containsExactly(adaWaiting);
    }

    @Test
    void aFullRateWindowDelaysAndATickAdmitsOnceTheWindowHasMovedOn() {
        Gate oncePerMinute = rate(A, 1, 60, RateBehavior.DELAY);
        long first = newExecution();
        long second = newExecution();
        long third = newExecution();

        assertThat(admit(first, T0, oncePerMinute)).isEqualTo(new Admitted());
        assertThat(admit(second, T0.plusSeconds(1), oncePerMinute)).isEqualTo(new Queued(Optional.of(T0.plusSeconds(60))));
        assertThat(release(first, T0.plusSeconds(2))).as("an admission counts for its whole window").isEmpty();
        assertThat(tick(T0.plusSeconds(30))).isEmpty();
        assertThat(tick(T0.plusSeconds(60))).containsExactly(second);
        assertThat(tick(T0.plusSeconds(60))).isEmpty();

        assertThat(admit(third, T0.plusSeconds(61), oncePerMinute)).isEqualTo(new Queued(Optional.of(T0.plusSeconds(120))));
        assertThat(tick(T0.plusSeconds(119))).isEmpty();
        assertThat(tick(T0.plusSeconds(120))).containsExactly(third);
    }

    @Test
    void aTickAdmitsTheWaitingInOrderAsFarAsTheWindowAllows() {
        Gate twicePerMinute = rate(A, 2, 60, RateBehavior.DELAY);
        List<Long> executions = List.of(newExecution(), newExecution(), newExecution(), newExecution(), newExecution());
        executions.forEach(e -> admit(e, T0, twicePerMinute));

        assertThat(tick(T0.plusSeconds(60))).containsExactly(executions.get(2), executions.get(3));
        assertThat(position(executions.get(4))).hasValue(1);
        assertThat(tick(T0.plusSeconds(120))).containsExactly(executions.get(4));
    }

    @Test
    void aFullConcurrencyGateThatCancelsRefusesTheNewcomerWhichHoldsNothing() {
        Gate cancelOverOne = new ConcurrencyGate(A, 1, ConcurrencyBehavior.CANCEL);
        long running = newExecution();
        long refused = newExecution();
        admit(running, T0, cancelOverOne);

        AdmissionDecision decision = admit(refused, T0, cancelOverOne);

        assertThat(decision).isInstanceOfSatisfying(Canceled.class, c -> {
            assertThat(c.key()).isEqualTo(A);
            assertThat(c.reason()).isNotBlank();
        });
        assertThat(position(refused)).isEmpty();
        assertThat(release(refused, T0.plusSeconds(1))).isEmpty();
        assertThat(release(running, T0.plusSeconds(1))).isEmpty();
        assertThat(admit(newExecution(), T0.plusSeconds(2), cancelOverOne)).isEqualTo(new Admitted());
    }

    @Test
    void aFullRateGateThatRejectsRefusesTheNewcomerUntilTheWindowHasMovedOn() {
        Gate rejectOverOne = rate(A, 1, 60, RateBehavior.REJECT);
        admit(newExecution(), T0, rejectOverOne);

        assertThat(admit(newExecution(), T0.plusSeconds(59), rejectOverOne)).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.key()).isEqualTo(A));
        assertThat(admit(newExecution(), T0.plusSeconds(60), rejectOverOne)).isEqualTo(new Admitted());
    }

    @Test
    void positionCountsFromOneInTheLongestOfTheQueuesAnExecutionWaitsIn() {
        long running = newExecution();
        long second = newExecution();
        long third = newExecution();
        long both = newExecution();
        admit(running, T0, limit(A, 1));
        admit(second, T0, limit(A, 1));
        admit(third, T0, limit(A, 1));
        admit(both, T0, limit(A, 1), limit(B, 1));

        assertThat(position(second)).hasValue(1);
        assertThat(position(third)).hasValue(2);
        assertThat(position(both)).as("third on A, first on B").hasValue(3);
        assertThat(position(running)).isEmpty();
    }

    @Test
    void admittingAnExecutionTheLedgerAlreadyHoldsIsRefused() {
        long execution = newExecution();
        admit(execution, T0, limit(A, 1));

        assertThatThrownBy(() -> admit(execution, T0, limit(A, 1))).isInstanceOf(IllegalStateException.class);
        assertThat(release(execution, T0.plusSeconds(1))).isEmpty();
        assertThat(admit(newExecution(), T0.plusSeconds(2), limit(A, 1))).isEqualTo(new Admitted());
    }

    @Test
    void statsShowEachKeyOfThePoliciesThatApplyToTheAction() {
        write(() -> packs().replace(content("demo").with(action("demo.greet"), action("demo.other"),
                policy("demo.per_name", "demo.greet", new Policy.Concurrency(1, ConcurrencyBehavior.DELAY, List.of("name"))),
                policy("demo.for_other", "demo.other", new Policy.Concurrency(2, ConcurrencyBehavior.DELAY, List.of())))
                .build()));
        PolicyKey ada = byName("demo.per_name", "ada");
        PolicyKey bob = byName("demo.per_name", "bob");
        long adaRunning = newExecution();
        long adaWaiting = newExecution();
        admit(adaRunning, T0, limit(ada, 1));
        admit(adaWaiting, T0.plusSeconds(1), limit(ada, 1));
        admit(newExecution(), T0.plusSeconds(2), limit(bob, 1));
        admit(newExecution(), T0.plusSeconds(2), limit(PolicyKey.of(ref("demo.for_other")), 2));

        assertThat(read(() -> ledger().stats(ref("demo.greet"), T0.plusSeconds(11)))).containsExactly(
                defaultQueue(new QueueStats("demo.per_name", ada.key(), OptionalInt.of(1), 1, 1, Optional.of(Duration.ofSeconds(10)),
                        1, 1, 0, 0, 0)),
                defaultQueue(new QueueStats("demo.per_name", bob.key(), OptionalInt.of(1), 1, 0, Optional.empty(), 1, 0, 0, 0, 0)));

        release(adaRunning, T0.plusSeconds(20));

        assertThat(read(() -> ledger().stats(ref("demo.greet"), T0.plusSeconds(21))).getFirst()).isEqualTo(
                defaultQueue(new QueueStats("demo.per_name", ada.key(), OptionalInt.of(1), 1, 0, Optional.empty(), 2, 1, 0, 0, 1)));
        assertThat(read(() -> ledger().stats(ref("demo.other"), T0.plusSeconds(21)))).containsExactly(
                defaultQueue(new QueueStats("demo.for_other", "", OptionalInt.of(2), 1, 0, Optional.empty(), 1, 0, 0, 0, 0)));
        assertThat(read(() -> ledger().stats(ref("elsewhere.run"), T0.plusSeconds(21)))).isEmpty();
    }

    @Test
    void statsCountRefusedAndWithdrawnExecutions() {
        write(() -> packs().replace(content("demo").with(action("demo.greet"), new Policy(ref("demo.strict"), "",
                new Policy.ActionTarget(ref("demo.greet")),
                Optional.of(new Policy.Concurrency(1, ConcurrencyBehavior.CANCEL, List.of())),
                Optional.of(new Policy.RateLimit(1, 60, RateBehavior.REJECT)), true)).build()));
        PolicyKey strict = PolicyKey.of(ref("demo.strict"));
        Gate[] gates = {new ConcurrencyGate(strict, 1, ConcurrencyBehavior.CANCEL), rate(strict, 1, 60, RateBehavior.REJECT)};
        long running = newExecution();
        admit(running, T0, gates);
        assertThat(admit(newExecution(), T0.plusSeconds(1), gates)).as("both full: the first in lock order names it")
                .isInstanceOf(Canceled.class);
        release(running, T0.plusSeconds(2));
        assertThat(admit(newExecution(), T0.plusSeconds(3), gates)).isInstanceOf(Rejected.class);

        assertThat(read(() -> ledger().stats(ref("demo.greet"), T0.plusSeconds(4)))).containsExactly(
                defaultQueue(new QueueStats("demo.strict", "", OptionalInt.of(1), 0, 0, Optional.empty(), 1, 0, 1, 1, 1)));
    }

    @Test
    void statsCountAWithdrawnExecutionAsCanceled() {
        write(() -> packs().replace(content("demo").with(action("demo.greet"),
                policy("demo.one", "demo.greet", new Policy.Concurrency(1, ConcurrencyBehavior.DELAY, List.of()))).build()));
        PolicyKey one = PolicyKey.of(ref("demo.one"));
        admit(newExecution(), T0, limit(one, 1));
        long waiting = newExecution();
        admit(waiting, T0, limit(one, 1));

        release(waiting, T0.plusSeconds(1));

        assertThat(read(() -> ledger().stats(ref("demo.greet"), T0.plusSeconds(2)))).containsExactly(
                defaultQueue(new QueueStats("demo.one", "", OptionalInt.of(1), 1, 0, Optional.empty(), 1, 1, 1, 0, 0)));
    }

    @Test
    void aRequestThatFindsTheQueueFullOverflowsAndIsCounted() {
        write(() -> packs().replace(content("demo").with(action("demo.greet"), policy("demo.short", "demo.greet",
                new Policy.Concurrency(1, ConcurrencyBehavior.DELAY, List.of(), 1, Optional.empty(),
                        Policy.Overflow.REJECT))).build()));
        PolicyKey shortQueue = PolicyKey.of(ref("demo.short"));
        Gate gate = new ConcurrencyGate(shortQueue, 1, ConcurrencyBehavior.DELAY, 1, Optional.empty(),
                Policy.Overflow.REJECT);
        admit(newExecution(), T0, gate);
        assertThat(write(() -> ledger().overflowing(List.of(gate)))).as("room for one waiting").isEmpty();
        admit(newExecution(), T0, gate);

        assertThat(write(() -> ledger().overflowing(List.of(gate)))).hasValueSatisfying(o -> {
            assertThat(o.key()).isEqualTo(shortQueue);
            assertThat(o.overflow()).isEqualTo(Policy.Overflow.REJECT);
        });
        assertThat(admit(newExecution(), T0.plusSeconds(1), gate)).isInstanceOf(AdmissionDecision.Overflowed.class);
        assertThat(read(() -> ledger().stats(ref("demo.greet"), T0.plusSeconds(2)))).containsExactly(
                new QueueStats("demo.short", "", OptionalInt.of(1), 1, 1, Optional.of(Duration.ofSeconds(2)), 1, 1, 0, 0,
                        0, OptionalInt.of(1), Optional.empty(), 1, 0));
    }

    @Test
    void aWaitPastItsQueueTimeoutIsListedOnceDueAndCountedAsTimedOutWhenWithdrawn() {
        write(() -> packs().replace(content("demo").with(action("demo.greet"), policy("demo.patient", "demo.greet",
                new Policy.Concurrency(1, ConcurrencyBehavior.DELAY, List.of(), 10, Optional.of(Duration.ofSeconds(5)),
                        null))).build()));
        PolicyKey patient = PolicyKey.of(ref("demo.patient"));
        Gate gate = new ConcurrencyGate(patient, 1, ConcurrencyBehavior.DELAY, 10, Optional.of(Duration.ofSeconds(5)),
                Policy.Overflow.CANCEL);
        admit(newExecution(), T0, gate);
        long first = newExecution();
        long second = newExecution();
        admit(first, T0.plusSeconds(1), gate);
        admit(second, T0.plusSeconds(2), gate);

        assertThat(read(() -> ledger().expiredWaits(T0.plusSeconds(5), 10))).isEmpty();
        assertThat(read(() -> ledger().expiredWaits(T0.plusSeconds(6), 10))).containsExactly(
                new AdmissionLedger.ExpiredWait(first, patient, Duration.ofSeconds(5)));
        assertThat(read(() -> ledger().expiredWaits(T0.plusSeconds(9), 1))).extracting(AdmissionLedger.ExpiredWait::execution)
                .containsExactly(first);

        assertThat(release(first, T0.plusSeconds(6))).as("the slot is still taken").isEmpty();
        assertThat(position(second)).hasValue(1);
        assertThat(read(() -> ledger().stats(ref("demo.greet"), T0.plusSeconds(6)))).containsExactly(
                new QueueStats("demo.patient", "", OptionalInt.of(1), 1, 1, Optional.of(Duration.ofSeconds(4)), 1, 2, 0, 0,
                        0, OptionalInt.of(10), Optional.of(Duration.ofSeconds(5)), 0, 1));
    }

    /** The stats of a key whose policy has the default queue length and no queue timeout. */
    private static QueueStats defaultQueue(QueueStats s) {
        return new QueueStats(s.policy(), s.key(), s.limit(), s.active(), s.queued(), s.oldestQueuedAge(),
                s.totalAdmitted(), s.totalQueued(), s.totalCanceled(), s.totalRejected(), s.totalReleased(),
                OptionalInt.of(Policy.Concurrency.DEFAULT_MAX_QUEUE), Optional.empty(), 0, 0);
    }

    private static Policy policy(String ref, String action, Policy.Concurrency concurrency) {
        return new Policy(ref(ref), "", new Policy.ActionTarget(ref(action)), Optional.of(concurrency), Optional.empty(),
                true);
    }
}
