package io.attune.application.service;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.out.CronSchedules;
import io.attune.domain.common.Ref;
import io.attune.domain.timer.Schedule;
import io.attune.domain.timer.TimerSpec;
import java.util.List;
import java.util.Map;

/** Reads timers from rules: their spec and schedule, and what is wrong with a rule's timer parameters. */
public final class TimerSchedules {

    private final CronSchedules crons;

    public TimerSchedules(CronSchedules crons) {
        this.crons = crons;
    }

    /** The schedule of a timer; IllegalArgumentException (message starting with the parameter) if it is invalid. */
    public Schedule of(TimerSpec spec) {
        return switch (spec) {
            case TimerSpec.Interval interval -> interval;
            case TimerSpec.Date date -> date;
            case TimerSpec.Cron cron -> {
                try {
                    yield crons.parse(cron.expression(), cron.zone());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(cron.parameter() + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /**
     * What is wrong with the timer parameters of a rule on {@code trigger} (nothing for other triggers), as field
     * errors on {@code trigger.parameters.<name>}.
     */
    public List<FieldError> problems(Ref trigger, Map<String, Object> parameters) {
        try {
            TimerSpec.of(trigger, parameters).ifPresent(this::of);
            return List.of();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid timer" : e.getMessage();
            int colon = message.indexOf(": ");
            String name = colon > 0 && message.substring(0, colon).matches("[a-z_]+") ? message.substring(0, colon) : null;
            return List.of(name == null
                    ? FieldError.of("trigger.parameters", message)
                    : FieldError.of("trigger.parameters." + name, message.substring(colon + 2)));
        }
    }
}
