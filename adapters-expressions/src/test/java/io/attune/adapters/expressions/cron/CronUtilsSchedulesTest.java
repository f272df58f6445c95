package io.attune.adapters.expressions.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.service.TimerSchedules;
import io.attune.domain.timer.Schedule;
import io.attune.domain.timer.TimerSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CronUtilsSchedulesTest {

    private final CronUtilsSchedules crons = new CronUtilsSchedules();

    @Test
    void everySecondFiresOnTheNextWholeSecond() {
        Schedule s = crons.parse("* * * * * *", ZoneOffset.UTC);
        assertThat(s.nextAfter(Instant.parse("2030-01-01T00:00:00.300Z"))).contains(Instant.parse("2030-01-01T00:00:01Z"));
        assertThat(s.nextAfter(Instant.parse("2030-01-01T00:00:01Z"))).contains(Instant.parse("2030-01-01T00:00:02Z"));
    }

    @Test
    void evaluatesInTheTimezoneAcrossDaylightSaving() {
        Schedule paris = crons.parse("0 30 9 * * mon-fri", ZoneId.of("Europe/Paris"));
        // Friday 2030-03-29 (CET, UTC+1), then Monday 2030-04-01 (CEST, UTC+2)
        assertThat(paris.nextAfter(Instant.parse("2030-03-29T00:00:00Z"))).contains(Instant.parse("2030-03-29T08:30:00Z"));
        assertThat(paris.nextAfter(Instant.parse("2030-03-29T08:30:00Z"))).contains(Instant.parse("2030-04-01T07:30:00Z"));
    }

    @Test
    void sundayIsZeroOrSevenAndTheYearIsOptional() {
        Instant saturday = Instant.parse("2030-01-05T12:00:00Z");
        assertThat(crons.parse("0 0 0 ? * 0", ZoneOffset.UTC).nextAfter(saturday))
                .contains(Instant.parse("2030-01-06T00:00:00Z"));
        assertThat(crons.parse("0 0 0 ? * 7", ZoneOffset.UTC).nextAfter(saturday))
                .contains(Instant.parse("2030-01-06T00:00:00Z"));
        assertThat(crons.parse("0 0 0 1 1 ? 2031", ZoneOffset.UTC).nextAfter(saturday))
                .contains(Instant.parse("2031-01-01T00:00:00Z"));
        assertThat(crons.parse("0 0 0 1 1 ? 2031", ZoneOffset.UTC).nextAfter(Instant.parse("2031-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void afterJumpsOverAStretchWithoutWalkingIt() {
        Schedule s = crons.parse("0 */5 * * * *", ZoneOffset.UTC);
        assertThat(s.after(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:07:00Z")))
                .contains(Instant.parse("2030-01-01T00:10:00Z"));
    }

    @Test
    void refusesInvalidExpressionsWithAMessage() {
        assertThatThrownBy(() -> crons.parse("*/x * * * * *", ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("*/x");
        assertThatThrownBy(() -> crons.parse("61 * * * * *", ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> crons.parse("0 0 25 * * *", ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stackStormFieldsBecomeAWorkingSchedule() {
        TimerSchedules schedules = new TimerSchedules(crons);
        Schedule s = schedules.of(TimerSpec.of(TimerSpec.CRON, Map.of("day_of_week", "mon-fri", "hour", 9,
                "timezone", "America/New_York")).orElseThrow());
        assertThat(s.nextAfter(Instant.parse("2030-01-05T00:00:00Z"))).contains(Instant.parse("2030-01-07T14:00:00Z"));
        assertThat(schedules.problems(TimerSpec.CRON, Map.of("hour", 25)))
                .singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("trigger.parameters.hour"));
    }
}
