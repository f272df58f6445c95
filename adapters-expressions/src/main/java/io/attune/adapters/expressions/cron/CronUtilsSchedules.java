package io.attune.adapters.expressions.cron;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.attune.application.port.out.CronSchedules;
import io.attune.domain.timer.Schedule;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Cron schedules on cron-utils, in the Spring/Quartz dialect with seconds: {@code second minute hour day-of-month
 * month day-of-week [year]}; day-of-week 0 or 7 is Sunday (names mon..sun too); {@code ?}, {@code L}, {@code W} and
 * {@code #} as in Quartz, but day-of-month and day-of-week may both be {@code *}.
 */
@Singleton
public final class CronUtilsSchedules implements CronSchedules {

    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withSeconds().withValidRange(0, 59).and()
            .withMinutes().withValidRange(0, 59).and()
            .withHours().withValidRange(0, 23).and()
            .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark().and()
            .withMonth().withValidRange(1, 12).and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0)
            .supportsHash().supportsL().supportsQuestionMark().and()
            .withYear().withValidRange(1970, 2099).withStrictRange().optional().and()
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);

    @Override
    public Schedule parse(String expression, ZoneId zone) {
        Cron cron;
        try {
            cron = PARSER.parse(expression).validate();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + e.getMessage(), e);
        }
        ExecutionTime times = ExecutionTime.forCron(cron);
        return new Schedule() {
            @Override
            public Optional<Instant> nextAfter(Instant point) {
                // cron-utils keeps the fraction of a second; firing points are whole seconds
                return times.nextExecution(point.truncatedTo(ChronoUnit.SECONDS).atZone(zone)).map(t -> t.toInstant());
            }

            /** Cron points are absolute: the first after {@code t} needs no walk from the anchor. */
            @Override
            public Optional<Instant> after(Instant anchor, Instant t) {
                return nextAfter(t);
            }
        };
    }
}
