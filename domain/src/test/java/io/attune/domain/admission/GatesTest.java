package io.attune.domain.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatesTest {

    private static final Ref DEMO_A = Ref.parse("demo.a");

    @Test
    void gatesIgnoreDisabledAndUnrelatedPolicies() {
        Policy forA = policy("zeta.for_a", new Policy.ActionTarget(DEMO_A), true);
        Policy disabled = policy("alpha.disabled", new Policy.ActionTarget(DEMO_A), false);
        Policy otherAction = policy("alpha.other_action", new Policy.ActionTarget(Ref.parse("demo.b")), true);
        Policy otherPack = policy("alpha.other_pack", new Policy.PackTarget("ops"), true);
        Policy global = policy("beta.global", new Policy.GlobalTarget(), true);

        List<Gate> gates = Gates.forExecution(List.of(forA, disabled, otherAction, otherPack, global), DEMO_A, Map.of());

        assertThat(gates).containsExactly(
                new ConcurrencyGate(PolicyKey.of(global.ref()), 2, Policy.ConcurrencyBehavior.DELAY),
                new ConcurrencyGate(PolicyKey.of(forA.ref()), 2, Policy.ConcurrencyBehavior.DELAY));
    }

    @Test
    void onePolicyGivesAConcurrencyAndARateGateWhoseRateCountsPerPolicy() {
        Policy both = new Policy(Ref.parse("limits.both"), "", new Policy.GlobalTarget(),
                Optional.of(new Policy.Concurrency(3, Policy.ConcurrencyBehavior.CANCEL, List.of("name"))),
                Optional.of(new Policy.RateLimit(5, 60, Policy.RateBehavior.REJECT)), true);

        List<Gate> gates = Gates.forExecution(List.of(both), DEMO_A, Map.of("name", "ada"));

        assertThat(gates).containsExactly(
                new RateGate(PolicyKey.of(both.ref()), 5, Duration.ofSeconds(60), Policy.RateBehavior.REJECT),
                new ConcurrencyGate(new PolicyKey(both.ref(), "name=\"ada\""), 3, Policy.ConcurrencyBehavior.CANCEL));
        assertThat(Gates.keys(gates)).containsExactly(PolicyKey.of(both.ref()),
                new PolicyKey(both.ref(), "name=\"ada\""));
    }

    @Test
    void concurrencyComesBeforeRateOnTheSameKey() {
        Policy both = new Policy(Ref.parse("limits.both"), "", new Policy.GlobalTarget(),
                Optional.of(new Policy.Concurrency(1, null, List.of())),
                Optional.of(new Policy.RateLimit(1, 1, null)), true);

        List<Gate> gates = Gates.forExecution(List.of(both), DEMO_A, null);

        assertThat(gates).hasSize(2);
        assertThat(gates.get(0)).isInstanceOf(ConcurrencyGate.class);
        assertThat(Gates.keys(gates)).containsExactly(PolicyKey.of(both.ref()));
    }

    @Test
    void refusesAPolicyListedTwiceAndInvalidGates() {
        Policy forA = policy("limits.a", new Policy.ActionTarget(DEMO_A), true);

        assertThatThrownBy(() -> Gates.forExecution(List.of(forA, forA), DEMO_A, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new ConcurrencyGate(PolicyKey.of(forA.ref()), 0, Policy.ConcurrencyBehavior.DELAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateGate(PolicyKey.of(forA.ref()), 1, Duration.ZERO, Policy.RateBehavior.DELAY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Policy policy(String ref, Policy.Target target, boolean enabled) {
        return new Policy(Ref.parse(ref), "", target,
                Optional.of(new Policy.Concurrency(2, Policy.ConcurrencyBehavior.DELAY, List.of())), Optional.empty(),
                enabled);
    }
}
