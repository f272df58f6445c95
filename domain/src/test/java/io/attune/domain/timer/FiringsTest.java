package io.attune.domain.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FiringsTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final TimerSpec.Interval EVERY_10S = new TimerSpec.Interval(Duration.ofSeconds(10));

    @Test
    void waitsWhileNotDue() {
        Firings.Advance a = Firings.advance(EVERY_10S, T0.plusSeconds(10), T0.plusSeconds(9), GRACE, true);
        assertThat(a.fire()).isEmpty();
        assertThat(a.next()).contains(T0.plusSeconds(10));
    }

    @Test
    void firesTheDuePointAndPlansTheNextFromIt() {
        Firings.Advance a = Firings.advance(EVERY_10S, T0, T0.plusMillis(300), GRACE, true);
        assertThat(a.fire()).containsExactly(T0);
        assertThat(a.next()).contains(T0.plusSeconds(10));
    }

    @Test
    void whileLeadingFiresEveryPointDueSinceThePreviousTick() {
        Firings.Advance a = Firings.advance(EVERY_10S, T0, T0.plusSeconds(10).plusMillis(5), GRACE, true);
        assertThat(a.fire()).containsExactly(T0, T0.plusSeconds(10));
        assertThat(a.next()).contains(T0.plusSeconds(20));
    }

    @Test
    void afterTakingTheLeadFiresOnlyTheLatestDuePoint() {
        Firings.Advance a = Firings.advance(EVERY_10S, T0, T0.plusSeconds(35), GRACE, false);
        assertThat(a.fire()).containsExactly(T0.plusSeconds(30));
        assertThat(a.next()).contains(T0.plusSeconds(40));
    }

    @Test
    void skipsPointsLateByMoreThanTheGraceWindow() {
        Firings.Advance a = Firings.advance(EVERY_10S, T0, T0.plus(Duration.ofDays(3)).plusSeconds(5), GRACE, true);
        assertThat(a.fire()).hasSize(6).allSatisfy(p -> assertThat(p).isAfterOrEqualTo(T0.plus(Duration.ofDays(3)).minusSeconds(55)));
        assertThat(a.next()).contains(T0.plus(Duration.ofDays(3)).plusSeconds(10));
    }

    @Test
    void aDateLateBeyondGraceIsSkippedAndDone() {
        TimerSpec.Date date = new TimerSpec.Date(T0);
        Firings.Advance a = Firings.advance(date, T0, T0.plusSeconds(61), GRACE, false);
        assertThat(a.fire()).isEmpty();
        assertThat(a.next()).isEmpty();
    }

    @Test
    void aDateFiresOnceThenIsDone() {
        TimerSpec.Date date = new TimerSpec.Date(T0);
        Firings.Advance a = Firings.advance(date, T0, T0.plusSeconds(1), GRACE, false);
        assertThat(a.fire()).containsExactly(T0);
        assertThat(a.next()).isEmpty();
    }

    @Property
    void intervalFiringsAreOnSchedulInOrderWithinGraceAndTheNextIsInTheFuture(
            @ForAll @IntRange(min = 1, max = 600) int periodSeconds,
            @ForAll @LongRange(min = 0, max = 10_000_000) long lateMillis,
            @ForAll @IntRange(min = 0, max = 120) int graceSeconds,
            @ForAll boolean catchUp) {
        Duration period = Duration.ofSeconds(periodSeconds);
        Duration grace = Duration.ofSeconds(graceSeconds);
        Instant now = T0.plusMillis(lateMillis);
        Firings.Advance a = Firings.advance(new TimerSpec.Interval(period), T0, now, grace, catchUp);

        assertThat(a.next()).isPresent();
        assertThat(a.next().get()).isAfter(now);
        assertThat(Duration.between(T0, a.next().get()).toMillis() % period.toMillis()).isZero();
        assertThat(Duration.between(now, a.next().get())).isLessThanOrEqualTo(period);
        List<Instant> fired = a.fire();
        assertThat(fired).isSorted().doesNotHaveDuplicates();
        for (Instant p : fired) {
            assertThat(p).isBeforeOrEqualTo(now).isAfterOrEqualTo(now.minus(grace));
            assertThat(Duration.between(T0, p).toMillis() % period.toMillis()).isZero();
        }
        if (!catchUp) {
            assertThat(fired).hasSizeLessThanOrEqualTo(1);
        }
        Optional<Instant> latestDue = Optional.of(a.next().get().minus(period)).filter(p -> !p.isBefore(T0));
        boolean latestWithinGrace = latestDue.isPresent() && !latestDue.get().isBefore(now.minus(grace));
        assertThat(fired.isEmpty()).isEqualTo(!latestWithinGrace);
    }
}
