package io.attune.domain.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.domain.common.Ref;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimerSpecTest {

    @Test
    void readsAnIntervalInItsUnit() {
        TimerSpec spec = TimerSpec.of(TimerSpec.INTERVAL, Map.of("unit", "minutes", "delta", 5)).orElseThrow();
        assertThat(spec).isEqualTo(new TimerSpec.Interval(Duration.ofMinutes(5)));
    }

    @Test
    void refusesAnIntervalNamingTheParameter() {
        assertThatThrownBy(() -> TimerSpec.of(TimerSpec.INTERVAL, Map.of("unit", "fortnights", "delta", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unit:");
        assertThatThrownBy(() -> TimerSpec.of(TimerSpec.INTERVAL, Map.of("unit", "seconds", "delta", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("delta:");
    }

    @Test
    void otherTriggersAreNoTimers() {
        assertThat(TimerSpec.of(Ref.parse("core.webhook"), Map.of("url", "x"))).isEmpty();
        assertThat(TimerSpec.isTimer(Ref.parse("core.crontimer"))).isTrue();
    }

    @Test
    void keepsACronExpressionAndItsZone() {
        TimerSpec spec = TimerSpec.of(TimerSpec.CRON, Map.of("expression", " 0  */5 * * * * ", "timezone", "Europe/Paris"))
                .orElseThrow();
        assertThat(spec).isEqualTo(new TimerSpec.Cron("0 */5 * * * *", ZoneId.of("Europe/Paris"), "expression"));
    }

    @Test
    void cronDefaultsToUtc() {
        TimerSpec.Cron spec = (TimerSpec.Cron) TimerSpec.of(TimerSpec.CRON, Map.of("expression", "* * * * * *")).orElseThrow();
        assertThat(spec.zone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void refusesACronExpressionWithoutSeconds() {
        assertThatThrownBy(() -> TimerSpec.of(TimerSpec.CRON, Map.of("expression", "*/5 * * * *")))
                .hasMessageStartingWith("expression:").hasMessageContaining("got 5");
    }

    @Test
    void refusesAnUnknownTimezone() {
        assertThatThrownBy(() -> TimerSpec.of(TimerSpec.CRON, Map.of("expression", "* * * * * *", "timezone", "Mars/Olympus")))
                .hasMessageStartingWith("timezone:").hasMessageContaining("Mars/Olympus");
    }

    @Test
    void assemblesStackStormFieldsFinerOnesAtTheirMinimum() {
        assertThat(cron(Map.of("hour", 3))).isEqualTo("0 0 3 * * ?");
        assertThat(cron(Map.of("minute", "*/5"))).isEqualTo("0 */5 * * * ?");
        assertThat(cron(Map.of("month", 6, "hour", 9))).isEqualTo("0 0 9 1 6 ?");
        assertThat(cron(Map.of("day_of_week", "mon-fri", "hour", 9, "minute", 30))).isEqualTo("0 30 9 ? * mon-fri");
        assertThat(cron(Map.of("second", 10, "year", 2030))).isEqualTo("10 0 0 1 1 ? 2030");
    }

    @Test
    void refusesAMalformedField() {
        assertThatThrownBy(() -> TimerSpec.of(TimerSpec.CRON, Map.of("minute", "1 2")))
                .hasMessageStartingWith("minute:");
        assertThatThrownBy(() -> TimerSpec.of(TimerSpec.CRON, Map.of("expression", "* * * * * *", "hour", 1)))
                .hasMessageStartingWith("expression:");
    }

    @Test
    void readsADateInItsZoneOrWithItsOffset() {
        assertThat(TimerSpec.of(TimerSpec.DATE, Map.of("date", "2030-01-31 09:00:00", "timezone", "Europe/Paris")))
                .contains(new TimerSpec.Date(Instant.parse("2030-01-31T08:00:00Z")));
        assertThat(TimerSpec.of(TimerSpec.DATE, Map.of("date", "2030-01-31T09:00:00+02:00", "timezone", "Europe/Paris")))
                .contains(new TimerSpec.Date(Instant.parse("2030-01-31T07:00:00Z")));
        assertThat(TimerSpec.of(TimerSpec.DATE, Map.of("date", "2030-01-31T09:00")))
                .contains(new TimerSpec.Date(Instant.parse("2030-01-31T09:00:00Z")));
    }

    @Test
    void refusesAnUnparseableDate() {
        assertThatThrownBy(() -> TimerSpec.of(TimerSpec.DATE, Map.of("date", "next tuesday")))
                .hasMessageStartingWith("date:").hasMessageContaining("next tuesday");
    }

    @Test
    void aPastDateNeverFires() {
        TimerSpec.Date date = new TimerSpec.Date(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(date.first(Instant.parse("2021-01-01T00:00:00Z"))).isEmpty();
        assertThat(date.first(Instant.parse("2019-01-01T00:00:00Z"))).contains(date.at());
    }

    @Test
    void fingerprintsDifferWhenTheScheduleDoes() {
        assertThat(new TimerSpec.Interval(Duration.ofSeconds(5)).fingerprint())
                .isNotEqualTo(new TimerSpec.Interval(Duration.ofSeconds(6)).fingerprint());
        assertThat(new TimerSpec.Cron("* * * * * *", ZoneOffset.UTC, "expression").fingerprint())
                .isNotEqualTo(new TimerSpec.Cron("* * * * * *", ZoneId.of("Europe/Paris"), "expression").fingerprint());
    }

    private static String cron(Map<String, Object> fields) {
        return ((TimerSpec.Cron) TimerSpec.of(TimerSpec.CRON, fields).orElseThrow()).expression();
    }
}
