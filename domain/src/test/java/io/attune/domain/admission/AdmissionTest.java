package io.attune.domain.admission;

import static io.attune.domain.policy.Policy.ConcurrencyBehavior.CANCEL;
import static io.attune.domain.policy.Policy.ConcurrencyBehavior.DELAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.domain.admission.AdmissionDecision.Admitted;
import io.attune.domain.admission.AdmissionDecision.Canceled;
import io.attune.domain.admission.AdmissionDecision.Queued;
import io.attune.domain.admission.AdmissionDecision.Rejected;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Ref DEMO_A = Ref.parse("demo.a");
    private static final Ref DEMO_B = Ref.parse("demo.b");
    private static final Ref OPS_C = Ref.parse("ops.c");
    private static final PolicyKey K1 = PolicyKey.of(Ref.parse("limits.one"));
    private static final PolicyKey K2 = PolicyKey.of(Ref.parse("limits.two"));

    private final AdmissionBook book = new AdmissionBook();

    @Test
    void admitsUpToTheLimitThenQueues() {
        List<Gate> gates = List.of(new ConcurrencyGate(K1, 2, DELAY));

        assertThat(book.request(1, gates, T0)).isEqualTo(new Admitted());
        assertThat(book.request(2, gates, T0)).isEqualTo(new Admitted());
        assertThat(book.request(3, gates, T0)).isEqualTo(new Queued(Optional.empty()));

        assertThat(book.state(K1)).isEqualTo(new KeyState(K1, 2, List.of(3L), List.of()));
    }

    @Test
    void aRequestThatFindsTheQueueFullOverflowsAndHoldsNothing() {
        List<Gate> gates = List.of(new ConcurrencyGate(K1, 1, DELAY, 2, Optional.empty(), Policy.Overflow.REJECT));
        book.request(1, gates, T0);
        book.request(2, gates, T0);
        book.request(3, gates, T0);

        AdmissionDecision fourth = book.request(4, gates, T0);

        assertThat(fourth).isInstanceOf(AdmissionDecision.Overflowed.class);
        assertThat(((AdmissionDecision.Overflowed) fourth).overflow()).isEqualTo(Policy.Overflow.REJECT);
        assertThat(((AdmissionDecision.Overflowed) fourth).reason()).contains("max_queue 2").contains("limits.one");
        assertThat(book.state(K1)).isEqualTo(new KeyState(K1, 1, List.of(2L, 3L), List.of()));
        assertThat(book.release(1, T0)).containsExactly(2L);
        assertThat(book.request(5, gates, T0)).isEqualTo(new Queued(Optional.empty()));
    }

    @Test
    void aFullCancelGateRefusesBeforeTheQueueCanOverflow() {
        List<Gate> gates = List.of(new ConcurrencyGate(K1, 1, CANCEL, 1, Optional.empty(), Policy.Overflow.CANCEL));
        book.request(1, gates, T0);

        assertThat(book.request(2, gates, T0)).isInstanceOf(Canceled.class);
    }

    @Test
    void overflowIsDecidedFromTheWaitingCountAloneWhenTheQueueIsLoadedInPart() {
        ConcurrencyGate gate = new ConcurrencyGate(K1, 1, DELAY, 3, Optional.empty(), Policy.Overflow.CANCEL);
        KeyState prefixOnly = new KeyState(K1, 1, List.of(7L), List.of(), 3);

        assertThat(Admission.overflowing(List.of(gate), Map.of(K1, prefixOnly))).isPresent();
        assertThat(Admission.request(9, List.of(gate), Map.of(K1, prefixOnly), T0).decision())
                .isInstanceOf(AdmissionDecision.Overflowed.class);
        assertThat(Admission.overflowing(List.of(gate), Map.of(K1, new KeyState(K1, 1, List.of(7L), List.of(), 2))))
                .isEmpty();
    }

    @Test
    void theShortestQueueTimeoutSetsTheDeadline() {
        List<Gate> gates = List.of(
                new ConcurrencyGate(K1, 1, DELAY, 10, Optional.of(Duration.ofSeconds(30)), Policy.Overflow.CANCEL),
                new ConcurrencyGate(K2, 1, DELAY, 10, Optional.of(Duration.ofSeconds(5)), Policy.Overflow.CANCEL));

        assertThat(Gates.queueDeadline(gates, T0)).contains(T0.plusSeconds(5));
        assertThat(Gates.firstToTimeOut(gates).map(ConcurrencyGate::key)).contains(K2);
        assertThat(Gates.queueDeadline(List.of(new ConcurrencyGate(K1, 1, DELAY)), T0)).isEmpty();
    }

    @Test
    void admitsOldestQueuedExecutionWhenSlotIsReleased() {
        List<Gate> gates = List.of(new ConcurrencyGate(K1, 1, DELAY));
        book.request(1, gates, T0);
        book.request(2, gates, T0);
        book.request(3, gates, T0);

        assertThat(book.release(1, T0)).containsExactly(2L);
        assertThat(book.release(2, T0)).containsExactly(3L);
        assertThat(book.release(3, T0)).isEmpty();
        assertThat(book.state(K1)).isEqualTo(KeyState.empty(K1));
    }

    @Test
    void separateAttributeValuesHaveSeparateQueues() {
        Policy perName = concurrency("limits.per_name", new Policy.ActionTarget(DEMO_A), 1, DELAY,
                List.of("name"));
        List<Gate> ada = Gates.forExecution(List.of(perName), DEMO_A, Map.of("name", "ada"));
        List<Gate> bob = Gates.forExecution(List.of(perName), DEMO_A, Map.of("name", "bob"));

        assertThat(book.request(1, ada, T0)).isEqualTo(new Admitted());
        assertThat(book.request(2, bob, T0)).isEqualTo(new Admitted());
        assertThat(book.request(3, ada, T0)).isInstanceOf(Queued.class);

        PolicyKey adaKey = new PolicyKey(perName.ref(), "name=\"ada\"");
        PolicyKey bobKey = new PolicyKey(perName.ref(), "name=\"bob\"");
        assertThat(book.state(adaKey).queue()).containsExactly(3L);
        assertThat(book.state(bobKey).queue()).isEmpty();
        assertThat(book.release(2, T0)).isEmpty();
        assertThat(book.release(1, T0)).containsExactly(3L);
    }

    @Test
    void newcomerNeverOvertakesAQueuedExecution() {
        book.request(1, List.of(new ConcurrencyGate(K2, 1, DELAY)), T0);
        book.request(2, List.of(new ConcurrencyGate(K1, 5, DELAY), new ConcurrencyGate(K2, 1, DELAY)), T0);

        // K1 has room, but execution 2 waits there already.
        assertThat(book.request(3, List.of(new ConcurrencyGate(K1, 5, DELAY)), T0))
                .isEqualTo(new Queued(Optional.empty()));
        assertThat(book.state(K1)).isEqualTo(new KeyState(K1, 0, List.of(2L, 3L), List.of()));

        assertThat(book.release(1, T0)).containsExactly(2L, 3L);
        assertThat(book.state(K1).active()).isEqualTo(2);
    }

    @Test
    void cancelBehaviorCancelsInsteadOfQueueing() {
        List<Gate> gates = List.of(new ConcurrencyGate(K1, 1, CANCEL));
        book.request(1, gates, T0);

        AdmissionDecision second = book.request(2, gates, T0);

        assertThat(second).isInstanceOfSatisfying(Canceled.class, canceled -> {
            assertThat(canceled.key()).isEqualTo(K1);
            assertThat(canceled.reason()).contains("concurrency limit of 1").contains("limits.one");
        });
        assertThat(book.state(K1).queue()).isEmpty();
        assertThat(book.isQueued(2)).isFalse();
    }

    @Test
    void aFullCancelGateWinsOverAFullDelayGate() {
        book.request(1, List.of(new ConcurrencyGate(K1, 1, DELAY), new ConcurrencyGate(K2, 1, CANCEL)), T0);

        AdmissionDecision decision = book.request(2,
                List.of(new ConcurrencyGate(K1, 1, DELAY), new ConcurrencyGate(K2, 1, CANCEL)), T0);

        assertThat(decision).isInstanceOfSatisfying(Canceled.class, c -> assertThat(c.key()).isEqualTo(K2));
        assertThat(book.state(K1).queue()).isEmpty();
    }

    @Test
    void aQueueAloneDoesNotCancelANewcomerWhoseCancelGateHasRoom() {
        book.request(1, List.of(new ConcurrencyGate(K2, 1, DELAY)), T0);
        book.request(2, List.of(new ConcurrencyGate(K1, 3, CANCEL), new ConcurrencyGate(K2, 1, DELAY)), T0);

        assertThat(book.request(3, List.of(new ConcurrencyGate(K1, 3, CANCEL)), T0)).isInstanceOf(Queued.class);
        assertThat(book.release(1, T0)).containsExactly(2L, 3L);
    }

    @Test
    void rejectBehaviorRejectsOverRate() {
        List<Gate> gates = List.of(new RateGate(K1, 2, Duration.ofSeconds(60), Policy.RateBehavior.REJECT));
        assertThat(book.request(1, gates, T0)).isEqualTo(new Admitted());
        assertThat(book.request(2, gates, T0.plusSeconds(10))).isEqualTo(new Admitted());

        assertThat(book.request(3, gates, T0.plusSeconds(59))).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.key()).isEqualTo(K1);
            assertThat(rejected.reason()).contains("rate limit of 2 per 60s");
        });
        assertThat(book.request(4, gates, T0.plusSeconds(60))).isEqualTo(new Admitted());
        assertThat(book.state(K1).admissions()).containsExactly(T0.plusSeconds(10), T0.plusSeconds(60));
    }

    @Test
    void rateLimitDelayGivesRetryAtWhenWindowFrees() {
        List<Gate> gates = List.of(new RateGate(K1, 2, Duration.ofSeconds(60), Policy.RateBehavior.DELAY));
        book.request(1, gates, T0);
        book.request(2, gates, T0.plusSeconds(10));

        assertThat(book.request(3, gates, T0.plusSeconds(20))).isEqualTo(new Queued(Optional.of(T0.plusSeconds(60))));
        assertThat(book.request(4, gates, T0.plusSeconds(20))).isEqualTo(new Queued(Optional.empty()));

        assertThat(book.tick(T0.plusSeconds(59))).isEmpty();
        assertThat(book.tick(T0.plusSeconds(60))).containsExactly(3L);
        assertThat(book.tick(T0.plusSeconds(69))).isEmpty();
        assertThat(book.tick(T0.plusSeconds(70))).containsExactly(4L);
    }

    @Test
    void tickTellsWhenTheNextHeadHeldBackByARateWindowMayGetIn() {
        List<Gate> gates = List.of(new RateGate(K1, 1, Duration.ofSeconds(30), Policy.RateBehavior.DELAY));
        Map<PolicyKey, KeyState> states = Map.of(K1, new KeyState(K1, 0, List.of(7L, 8L), List.of(T0)));

        Promotion promotion = Admission.tick(states, execution -> gates, T0.plusSeconds(30));

        assertThat(promotion).isInstanceOfSatisfying(Promotion.Promoted.class, promoted -> {
            assertThat(promoted.admitted()).containsExactly(7L);
            assertThat(promoted.retryAt()).contains(T0.plusSeconds(60));
            assertThat(promoted.states().get(K1)).isEqualTo(
                    new KeyState(K1, 0, List.of(8L), List.of(T0.plusSeconds(30))));
        });
    }

    @Test
    void twoPoliciesOnOneActionMustBothHaveRoom() {
        Policy perAction = concurrency("limits.action_a", new Policy.ActionTarget(DEMO_A), 2, DELAY, List.of());
        Policy perPack = concurrency("limits.pack_demo", new Policy.PackTarget("demo"), 1, DELAY, List.of());
        List<Policy> policies = List.of(perAction, perPack);

        assertThat(book.request(1, Gates.forExecution(policies, DEMO_A, Map.of()), T0)).isEqualTo(new Admitted());
        assertThat(book.request(2, Gates.forExecution(policies, DEMO_A, Map.of()), T0)).isInstanceOf(Queued.class);
        assertThat(book.state(PolicyKey.of(perAction.ref())).active()).isEqualTo(1);

        assertThat(book.release(1, T0)).containsExactly(2L);
    }

    @Test
    void withdrawingTheHeadLetsTheNextOneIn() {
        book.request(1, List.of(new ConcurrencyGate(K2, 1, DELAY)), T0);
        book.request(2, List.of(new ConcurrencyGate(K1, 1, DELAY), new ConcurrencyGate(K2, 1, DELAY)), T0);
        book.request(3, List.of(new ConcurrencyGate(K1, 1, DELAY)), T0);

        assertThat(book.withdraw(2, T0)).containsExactly(3L);
        assertThat(book.state(K2)).isEqualTo(new KeyState(K2, 1, List.of(), List.of()));
        assertThat(book.state(K1)).isEqualTo(new KeyState(K1, 1, List.of(), List.of()));
    }

    @Test
    void packPolicySharesOneLimitAcrossActions() {
        Policy perPack = concurrency("limits.pack_demo", new Policy.PackTarget("demo"), 1, DELAY, List.of("name"));
        List<Policy> policies = List.of(perPack);
        List<Gate> a = Gates.forExecution(policies, DEMO_A, Map.of("name", "ada"));
        List<Gate> b = Gates.forExecution(policies, DEMO_B, Map.of("name", "ada"));

        assertThat(Gates.keys(a)).isEqualTo(Gates.keys(b));
        assertThat(book.request(1, a, T0)).isEqualTo(new Admitted());
        assertThat(book.request(2, b, T0)).isInstanceOf(Queued.class);
        assertThat(Gates.forExecution(policies, OPS_C, Map.of("name", "ada"))).isEmpty();
        assertThat(book.release(1, T0)).containsExactly(2L);
    }

    @Test
    void releaseAsksForTheKeysOfAWaitingExecutionThatAreNotInTheSnapshot() {
        List<Gate> firstGates = List.of(new ConcurrencyGate(K1, 1, DELAY));
        List<Gate> waitingGates = List.of(new ConcurrencyGate(K1, 1, DELAY), new ConcurrencyGate(K2, 1, DELAY));
        Map<PolicyKey, KeyState> states = new HashMap<>();
        states.put(K1, new KeyState(K1, 1, List.of(2L), List.of()));

        Promotion partial = Admission.release(1, firstGates, states, execution -> waitingGates, T0);
        assertThat(partial).isEqualTo(new Promotion.NeedsKeys(Set.of(K2)));

        states.put(K2, new KeyState(K2, 0, List.of(2L), List.of()));
        Promotion complete = Admission.release(1, firstGates, states, execution -> waitingGates, T0);
        assertThat(complete).isEqualTo(new Promotion.Promoted(List.of(2L), Map.of(
                K1, new KeyState(K1, 1, List.of(), List.of()),
                K2, new KeyState(K2, 1, List.of(), List.of())), Optional.empty()));
    }

    @Test
    void noExtraKeyIsNeededWhenALoadedKeyAlreadyHoldsTheHeadBack() {
        List<Gate> firstGates = List.of(new ConcurrencyGate(K1, 2, DELAY));
        List<Gate> waitingGates = List.of(new ConcurrencyGate(K1, 1, DELAY), new ConcurrencyGate(K2, 1, DELAY));
        Map<PolicyKey, KeyState> states = Map.of(K1, new KeyState(K1, 2, List.of(3L), List.of()));

        Promotion promotion = Admission.release(1, firstGates, states, execution -> waitingGates, T0);

        assertThat(promotion).isInstanceOfSatisfying(Promotion.Promoted.class,
                promoted -> assertThat(promoted.admitted()).isEmpty());
    }

    @Test
    void refusesInconsistentCalls() {
        List<Gate> gates = List.of(new ConcurrencyGate(K1, 1, DELAY));

        assertThatThrownBy(() -> Admission.request(1, gates, Map.of(), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KeyState.empty");
        assertThatThrownBy(() -> Admission.request(1,
                List.of(new ConcurrencyGate(K1, 1, DELAY), new ConcurrencyGate(K1, 2, DELAY)),
                Map.of(K1, KeyState.empty(K1)), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Admission.release(1, gates, Map.of(K1, KeyState.empty(K1)), e -> gates, T0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no slot");
        assertThatThrownBy(() -> Admission.withdraw(1, gates, Map.of(K1, KeyState.empty(K1)), e -> gates, T0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not wait");
        assertThatThrownBy(() -> Admission.request(1, gates, Map.of(K1, new KeyState(K1, 1, List.of(1L),
                List.of())), T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> book.release(9, T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusalLeavesTheStatesUntouched() {
        Map<PolicyKey, KeyState> states = Map.of(K1, new KeyState(K1, 1, List.of(), List.of()));

        Decision decision = Admission.request(2, List.of(new ConcurrencyGate(K1, 1, CANCEL)), states, T0);

        assertThat(decision.states()).isEqualTo(states);
    }

    private static Policy concurrency(String ref, Policy.Target target, int limit, Policy.ConcurrencyBehavior behavior,
                                      List<String> attributes) {
        return new Policy(Ref.parse(ref), "", target,
                Optional.of(new Policy.Concurrency(limit, behavior, attributes)), Optional.empty(), true);
    }
}
