package io.attune.bootstrap.wiring;

import io.attune.application.port.in.Idempotency;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets Idempotency-Keys older than {@code attune.idempotency.retention}, on the instances that take requests (the
 * api role); several instances sweeping at once only delete the same rows.
 */
@Singleton
public class IdempotencySweep {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencySweep.class);

    private final Roles roles;
    private final Idempotency idempotency;

    public IdempotencySweep(Roles roles, Idempotency idempotency) {
        this.roles = roles;
        this.idempotency = idempotency;
    }

    @Scheduled(fixedDelay = "${attune.idempotency.sweep-interval:10m}", initialDelay = "30s")
    void sweep() {
        if (!roles.has("api")) {
            return;
        }
        try {
            int forgotten = idempotency.sweep();
            if (forgotten > 0) {
                LOG.debug("forgot {} expired Idempotency-Key(s)", forgotten);
            }
        } catch (RuntimeException e) {
            LOG.warn("idempotency key sweep failed: {}", e.getMessage());
        }
    }
}
