package io.attune.bootstrap.wiring;

import io.attune.application.port.out.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gives up a duty's lead when an instance stops, so another instance takes the duty over at its next turn. */
final class LeadResignation {

    private static final Logger LOG = LoggerFactory.getLogger(LeadResignation.class);

    private LeadResignation() {
    }

    /** Resigns {@code duty} on an instance with {@code role}; a failure only delays the take-over, so it is not fatal. */
    static void resign(Roles roles, String role, Leadership leadership, String duty) {
        if (!roles.has(role)) {
            return;
        }
        try {
            leadership.resign(duty);
        } catch (RuntimeException e) {
            LOG.debug("could not resign the lead of {}: {}", duty, e.getMessage());
        }
    }
}
