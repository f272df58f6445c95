package io.attune.bootstrap.wiring;

import io.attune.application.port.in.PackInstallation;
import io.attune.application.port.in.RuleCommands;
import io.attune.application.port.in.TimerDuties;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.CronSchedules;
import io.attune.application.port.out.Leadership;
import io.attune.application.port.out.PackReader;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.TimerStateRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.TriggerRepository;
import io.attune.application.service.Dispatch;
import io.attune.application.service.EventRecorder;
import io.attune.application.service.PackInstallationService;
import io.attune.application.service.RuleCommandService;
import io.attune.application.service.TimerSchedules;
import io.attune.application.service.TimerService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the timers: their service, and the rule checks that refuse a timer rule whose cron expression, time zone or
 * date cannot be read. Those checks replace ServiceFactory's rule commands and pack installation with the same
 * services built with a {@link TimerSchedules}.
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

    @Singleton
    @Replaces(bean = RuleCommands.class, factory = ServiceFactory.class)
    RuleCommands timerCheckedRuleCommands(RuleRepository rules, TriggerRepository triggers, ActionRepository actions,
                                          PackRepository packs, SchemaValidator schemas, TransactionRunner tx,
                                          TimerSchedules timers) {
        return new RuleCommandService(rules, triggers, actions, packs, schemas, tx, timers);
    }

    @Singleton
    @Replaces(bean = PackInstallation.class, factory = ServiceFactory.class)
    PackInstallation timerCheckedPackInstallation(PackReader reader, SchemaValidator schemas, PackRepository packs,
                                                  ActionRepository actions, TriggerRepository triggers,
                                                  TransactionRunner tx, TimerSchedules timers) {
        return new PackInstallationService(reader, schemas, packs, actions, triggers, tx, timers);
    }
}
