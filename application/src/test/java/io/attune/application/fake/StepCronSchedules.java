package io.attune.application.fake;

import io.attune.application.port.out.CronSchedules;
import io.attune.domain.timer.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A stand-in for the cron adapter in application tests: understands only {@code "* * * * * *"} (every second) and
 * {@code "*&#47;N * * * * *"} (every N seconds of the minute, i.e. when the second is a multiple of N); refuses anything
 * else as the real adapter refuses a bad expression.
 */
public final class StepCronSchedules implements CronSchedules {

    @Override
    public Schedule parse(String expression, ZoneId zone) {
        String[] fields = expression.split(" ");
        if (fields.length != 6 || !String.join(" ", fields).endsWith(" * * * * *")) {
            throw new IllegalArgumentException("invalid cron expression (for the test cron) '" + expression + "'");
        }
        int step;
        if (fields[0].equals("*")) {
            step = 1;
        } else if (fields[0].matches("\\*/[1-9][0-9]?")) {
            step = Integer.parseInt(fields[0].substring(2));
        } else {
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': bad seconds field");
        }
        return new Schedule() {
            @Override
            public Optional<Instant> nextAfter(Instant point) {
                Instant p = point.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
                while (p.atZone(zone).getSecond() % step != 0) {
                    p = p.plus(Duration.ofSeconds(1));
                }
                return Optional.of(p);
            }

            @Override
            public Optional<Instant> after(Instant anchor, Instant t) {
                return nextAfter(t);
            }
        };
    }
}
