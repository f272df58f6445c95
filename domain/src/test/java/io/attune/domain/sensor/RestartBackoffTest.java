package io.attune.domain.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    private static final Duration SHORT = Duration.ofSeconds(3);

    @Test
    void delayDoublesPerCrashInARowFromOneSecondUpToSixty() {
        RestartBackoff backoff = RestartBackoff.none();
        assertThat(backoff.delay()).isZero();
        long[] expected = {1, 2, 4, 8, 16, 32, 60, 60, 60};
        for (long seconds : expected) {
            backoff = backoff.afterCrash(SHORT);
            assertThat(backoff.delay()).isEqualTo(Duration.ofSeconds(seconds));
        }
    }

    @Test
    void aRunOfAtLeastAMinuteForgetsTheCrashesBeforeIt() {
        RestartBackoff many = RestartBackoff.none().afterCrash(SHORT).afterCrash(SHORT).afterCrash(SHORT);
        assertThat(many.delay()).isEqualTo(Duration.ofSeconds(4));

        assertThat(many.afterCrash(Duration.ofMinutes(1)).delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(many.afterCrash(Duration.ofSeconds(59)).delay()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aHugeNumberOfCrashesStaysAtTheCap() {
        assertThat(new RestartBackoff(Integer.MAX_VALUE).delay()).isEqualTo(RestartBackoff.CAP);
    }
}
