package io.attune.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.domain.common.Ref;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyTest {

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> new Policy.Concurrency(0, Policy.ConcurrencyBehavior.DELAY, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void refusesANonPositiveWindowOrMax() {
        assertThatThrownBy(() -> new Policy.RateLimit(10, -1, null)).hasMessageContaining("window_seconds");
        assertThatThrownBy(() -> new Policy.RateLimit(0, 60, null)).hasMessageContaining("max");
    }

    @Test
    void needsAConcurrencyOrARateLimit() {
        assertThatThrownBy(() -> new Policy(Ref.parse("p.x"), "", new Policy.GlobalTarget(), Optional.empty(),
                Optional.empty(), true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void targetsApplyToTheirActionsOnly() {
        Ref greet = Ref.parse("demo.greet");

        assertThat(new Policy.ActionTarget(greet).appliesTo(greet)).isTrue();
        assertThat(new Policy.ActionTarget(greet).appliesTo(Ref.parse("demo.other"))).isFalse();
        assertThat(new Policy.PackTarget("demo").appliesTo(Ref.parse("demo.other"))).isTrue();
        assertThat(new Policy.PackTarget("demo").appliesTo(Ref.parse("core.noop"))).isFalse();
        assertThat(new Policy.GlobalTarget().appliesTo(Ref.parse("core.noop"))).isTrue();
    }

    @Test
    void behaviorsDefaultToDelayAndRefuseUnknownCodes() {
        assertThat(Policy.ConcurrencyBehavior.fromCode(null)).contains(Policy.ConcurrencyBehavior.DELAY);
        assertThat(Policy.ConcurrencyBehavior.fromCode("Cancel")).contains(Policy.ConcurrencyBehavior.CANCEL);
        assertThat(Policy.ConcurrencyBehavior.fromCode("drop")).isEmpty();
        assertThat(Policy.RateBehavior.fromCode("reject")).contains(Policy.RateBehavior.REJECT);
    }

    @Test
    void aConcurrencyQueueIsBoundedByDefaultAndRefusesBadBounds() {
        Policy.Concurrency plain = new Policy.Concurrency(2, null, null);

        assertThat(plain.maxQueue()).isEqualTo(10_000);
        assertThat(plain.queueTimeout()).isEmpty();
        assertThat(plain.overflow()).isEqualTo(Policy.Overflow.CANCEL);
        assertThatThrownBy(() -> new Policy.Concurrency(2, null, null, 0, Optional.empty(), null))
                .hasMessageContaining("max_queue");
        assertThatThrownBy(() -> new Policy.Concurrency(2, null, null, 5, Optional.of(java.time.Duration.ofSeconds(-1)),
                null)).hasMessageContaining("queue_timeout");
        assertThat(Policy.Overflow.fromCode("Reject")).contains(Policy.Overflow.REJECT);
        assertThat(Policy.Overflow.fromCode("drop")).isEmpty();
    }
}
