package io.attune.application.port.out;

import io.attune.domain.timer.Schedule;
import java.time.ZoneId;

/** Cron expressions with seconds (six fields, or seven with the year), evaluated in a time zone. */
public interface CronSchedules {

    /**
     * The schedule of {@code expression} in {@code zone}: its firing points are the instants whose local time in the
     * zone matches. An expression that cannot be parsed is an IllegalArgumentException saying what is wrong.
     */
    Schedule parse(String expression, ZoneId zone);
}
