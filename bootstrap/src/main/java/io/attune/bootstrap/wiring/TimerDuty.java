package io.attune.bootstrap.wiring;

import io.attune.application.port.in.TimerDuties;
import io.attune.application.port.out.Leadership;
import io.attune.application.service.TimerService;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks the timers on instances with the sensor role; the one holding the timers' lead fires them. A stopping instance
 * gives up the lead at once, so another takes over at its next tick.
 */
@Singleton
public class TimerDuty {

    private static final Logger LOG = LoggerFactory.getLogger(TimerDuty.class);

    private final Roles roles;
    private final TimerDuties timers;
    private final Leadership leadership;

    public TimerDuty(Roles roles, TimerDuties timers, Leadership leadership) {
        this.roles = roles;
        this.timers = timers;
        this.leadership = leadership;
    }

    @Scheduled(fixedDelay = "${attune.timers.tick:1s}", initialDelay = "${attune.timers.tick:1s}")
    void tick() {
        if (roles.has("sensor")) {
            try {
                timers.tick();
            } catch (RuntimeException e) {
                LOG.warn("timers tick failed: {}", e.getMessage());
            }
        }
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        LeadResignation.resign(roles, "sensor", leadership, TimerService.DUTY);
    }
}
