package io.attune.bootstrap.wiring;

import io.attune.application.port.in.Retention;
import io.attune.application.port.out.Leadership;
import io.attune.application.service.RetentionService;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sweeps old history on instances with the executor role; the one holding retention's lead deletes. A stopping
 * instance gives up the lead at once, so another takes over at its next sweep.
 */
@Singleton
public class RetentionDuty {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionDuty.class);

    private final Roles roles;
    private final Retention retention;
    private final Leadership leadership;

    public RetentionDuty(Roles roles, Retention retention, Leadership leadership) {
        this.roles = roles;
        this.retention = retention;
        this.leadership = leadership;
    }

    @Scheduled(fixedDelay = "${attune.retention.sweep-interval:1h}", initialDelay = "${attune.retention.initial-delay:1m}")
    void sweep() {
        if (roles.has("executor")) {
            try {
                retention.sweep().filter(s -> s.total() > 0).ifPresent(s -> LOG.info(
                        "retention deleted {} event(s), {} enforcement(s), {} execution(s), {} audit entr(ies),"
                                + " {} outbox message(s), {} dead letter(s)", s.events(), s.enforcements(),
                        s.executions(), s.audit(), s.outbox(), s.deadLetters()));
            } catch (RuntimeException e) {
                LOG.warn("retention sweep failed: {}", e.getMessage());
            }
        }
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        LeadResignation.resign(roles, "executor", leadership, RetentionService.DUTY);
    }
}
