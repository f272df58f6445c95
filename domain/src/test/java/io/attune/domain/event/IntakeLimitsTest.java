package io.attune.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.domain.event.IntakeLimits.Verdict;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntakeLimitsTest {

    private static final IntakeLimits LIMITS = new IntakeLimits(100, Optional.of(Duration.ofSeconds(60)));

    @Test
    void belowBothBoundsWorkIsAccepted() {
        assertThat(LIMITS.judge(99, Optional.of(Duration.ofSeconds(60)), 0)).isInstanceOf(Verdict.Accept.class);
        assertThat(LIMITS.judge(0, Optional.empty(), 0)).isInstanceOf(Verdict.Accept.class);
    }

    @Test
    void atTheCountBoundWorkIsRefusedForAsLongAsTheExcessTakesToDrain() {
        Verdict verdict = LIMITS.judge(150, Optional.of(Duration.ofSeconds(1)), 10);
        assertThat(verdict).isInstanceOf(Verdict.Refuse.class);
        Verdict.Refuse refuse = (Verdict.Refuse) verdict;
        assertThat(refuse.retryAfter()).isEqualTo(Duration.ofSeconds(6)); // 51 items at 10/s
        assertThat(refuse.reason()).contains("150").contains("100");
        assertThat(LIMITS.judge(100, Optional.empty(), 1000)).isEqualTo(new Verdict.Refuse(
                "100 items are waiting to start (the bound is 100)", Duration.ofSeconds(1)));
    }

    @Test
    void anOldestEventPastTheAgeBoundRefusesWorkEvenWithAShortBacklog() {
        Verdict verdict = LIMITS.judge(3, Optional.of(Duration.ofSeconds(61)), 0);
        assertThat(verdict).isEqualTo(new Verdict.Refuse(
                "the oldest waiting event was accepted 61 s ago (the bound is 60 s)", IntakeLimits.STALLED_RETRY_AFTER));
    }

    @Test
    void theRetryAfterStaysWithinOneSecondAndOneMinute() {
        assertThat(IntakeLimits.retryAfter(1_000_000, 1)).isEqualTo(IntakeLimits.MAX_RETRY_AFTER);
        assertThat(IntakeLimits.retryAfter(1, 1_000_000)).isEqualTo(IntakeLimits.MIN_RETRY_AFTER);
        assertThat(IntakeLimits.retryAfter(10, -5)).isEqualTo(IntakeLimits.STALLED_RETRY_AFTER);
    }

    @Test
    void zeroAndEmptyTurnABoundOff() {
        IntakeLimits off = new IntakeLimits(0, Optional.empty());
        assertThat(off.judge(Long.MAX_VALUE, Optional.of(Duration.ofDays(1)), 0)).isInstanceOf(Verdict.Accept.class);
    }

    @Test
    void negativeBoundsAreRefused() {
        assertThatThrownBy(() -> new IntakeLimits(-1, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntakeLimits(1, Optional.of(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
