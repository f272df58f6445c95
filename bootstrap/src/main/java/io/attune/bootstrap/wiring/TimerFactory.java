package io.attune.bootstrap.wiring;

import io.attune.application.port.in.TimerDuties;
import io.attune.application.port.out.CronSchedules;
import io.attune.application.port.out.Leadership;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TimerStateRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.service.Dispatch;
import io.attune.application.service.EventRecorder;
import io.attune.application.service.TimerSchedules;
import io.attune.application.service.TimerService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the timers: their schedules (also used by ServiceFactory's rule checks, which refuse a timer rule whose cron
 * expression, time zone or date cannot be read) and the service the leading instance fires them with.
 */
@Factory
public class TimerFactory {

    @Singleton
    TimerSchedules timerSchedules(CronSchedules crons) {
        return new TimerSchedules(crons);
    }

    @Singleton
    TimerDuties timerDuties(Leadership leadership, RuleRepository rules, TimerStateRepository states,
                            TimerSchedules schedules, EventRecorder recorder, Dispatch dispatch, TransactionRunner tx,
                            Clock clock, @Value("${attune.timers.grace:60s}") Duration grace) {
        return new TimerService(leadership, rules, states, schedules, recorder, dispatch, tx, clock, grace);
    }
}
