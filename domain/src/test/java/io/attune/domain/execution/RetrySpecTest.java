package io.attune.domain.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.domain.common.Ref;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetrySpecTest {

    private static final Duration TEN = Duration.ofSeconds(10);

    private static RetrySpec spec(RetrySpec.Backoff backoff, Optional<Duration> max) {
        return new RetrySpec(Set.of(ExecutionStatus.FAILED, ExecutionStatus.TIMEOUT), 5, TEN, backoff, max);
    }

    @Test
    void delaysGrowByTheirBackoffAndStopAtTheCap() {
        assertThat(spec(RetrySpec.Backoff.CONSTANT, Optional.empty()).delayAfter(ExecutionStatus.FAILED, 3)).contains(TEN);
        assertThat(spec(RetrySpec.Backoff.LINEAR, Optional.empty()).delayAfter(ExecutionStatus.FAILED, 3))
                .contains(Duration.ofSeconds(30));
        assertThat(spec(RetrySpec.Backoff.EXPONENTIAL, Optional.empty()).delayAfter(ExecutionStatus.FAILED, 4))
                .contains(Duration.ofSeconds(80));
        assertThat(spec(RetrySpec.Backoff.EXPONENTIAL, Optional.of(Duration.ofSeconds(25)))
                .delayAfter(ExecutionStatus.TIMEOUT, 4)).contains(Duration.ofSeconds(25));
        assertThat(spec(RetrySpec.Backoff.EXPONENTIAL, Optional.empty()).delayOfRetry(1000))
                .as("a long chain cannot overflow").isEqualTo(TEN.multipliedBy(1L << 30));
    }

    @Test
    void onlyTheNamedEndsAreRetriedAndOnlyCountTimes() {
        RetrySpec retry = spec(RetrySpec.Backoff.CONSTANT, Optional.empty());

        assertThat(retry.delayAfter(ExecutionStatus.ABANDONED, 1)).isEmpty();
        assertThat(retry.delayAfter(ExecutionStatus.SUCCEEDED, 1)).isEmpty();
        assertThat(retry.delayAfter(ExecutionStatus.FAILED, 5)).isPresent();
        assertThat(retry.delayAfter(ExecutionStatus.FAILED, 6)).as("the 5th retry was the last").isEmpty();
        assertThat(new RetrySpec(null, 1, Duration.ZERO, null, null).on()).containsExactly(ExecutionStatus.FAILED);
    }

    @Test
    void refusesWhatCannotBeRetried() {
        assertThatThrownBy(() -> new RetrySpec(Set.of(ExecutionStatus.SUCCEEDED), 1, TEN, null, null))
                .hasMessageContaining("failed, timeout or abandoned");
        assertThatThrownBy(() -> new RetrySpec(null, 0, TEN, null, null)).hasMessageContaining("count");
        assertThatThrownBy(() -> new RetrySpec(null, 1, TEN.negated(), null, null)).hasMessageContaining("delay");
        assertThat(RetrySpec.Backoff.fromCode("Exponential")).contains(RetrySpec.Backoff.EXPONENTIAL);
        assertThat(RetrySpec.Backoff.fromCode("random")).isEmpty();
        assertThat(RetrySpec.retryableFromCode("canceled")).isEmpty();
    }

    @Test
    void aRetryIsANewRequestLinkedToTheEndedOneOneAttemptFurther() {
        Instant t0 = Instant.parse("2026-12-06T10:00:00Z");
        Execution ended = Execution.requested(Ref.parse("demo.deploy"), Map.of("name", "ada"), Optional.of(30),
                        OptionalLong.empty(), OptionalLong.of(7), t0).withId(41)
                .moveTo(ExecutionStatus.SCHEDULED, t0).endedWithout(ExecutionStatus.FAILED, t0, "boom");

        Execution retry = ended.retried(t0.plusSeconds(1), t0.plusSeconds(11));

        assertThat(retry.status()).isEqualTo(ExecutionStatus.REQUESTED);
        assertThat(retry.parameters()).isEqualTo(ended.parameters());
        assertThat(retry.enforcement()).isEqualTo(OptionalLong.of(7));
        assertThat(retry.retry()).contains(new Execution.RetryOf(41, 2, t0.plusSeconds(11)));
        assertThat(retry.moveTo(ExecutionStatus.SCHEDULED, t0.plusSeconds(11)).attempt()).as("kept on moves").isEqualTo(2);
        assertThat(retry.moveTo(ExecutionStatus.SCHEDULED, t0).endedWithout(ExecutionStatus.FAILED, t0, "again")
                .retried(t0, t0).attempt()).isEqualTo(3);
        assertThatThrownBy(() -> retry.retried(t0, t0)).as("only an ended execution is retried")
                .isInstanceOf(IllegalStateException.class);
    }
}
