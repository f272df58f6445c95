package io.attune.bootstrap.wiring;

import io.attune.application.port.in.SensorDuties;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sensor role's periodic work: supervise the sensors' processes (on the instance that leads the duty), and stop
 * them all on shutdown so that no sensor outlives the server.
 */
@Singleton
public class SensorDuty {

    private static final Logger LOG = LoggerFactory.getLogger(SensorDuty.class);

    private final Roles roles;
    private final SensorDuties sensors;

    public SensorDuty(Roles roles, SensorDuties sensors) {
        this.roles = roles;
        this.sensors = sensors;
    }

    @Scheduled(fixedDelay = "${attune.sensors.supervise-interval:1s}", initialDelay = "2s")
    void supervise() {
        if (roles.has("sensor")) {
            try {
                sensors.supervise();
            } catch (RuntimeException e) {
                LOG.warn("sensor supervision failed: {}", e.getMessage());
            }
        }
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        if (roles.has("sensor")) {
            try {
                sensors.stopAll();
            } catch (RuntimeException e) {
                LOG.warn("could not stop every sensor: {}", e.getMessage());
            }
        }
    }
}
