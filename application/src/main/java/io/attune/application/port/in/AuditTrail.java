package io.attune.application.port.in;

import io.attune.domain.audit.AuditEntry;
import java.time.Instant;
import java.util.Optional;

/** The audit trail: who did what, when, with what outcome. */
public interface AuditTrail {

    /**
     * Records an entry without making the caller wait for storage: entries are written in batches, in order, within a
     * fraction of a second (and at shutdown). An entry whose batch cannot be written is logged, not lost silently.
     */
    void record(AuditEntry entry);

    /** Newest first. */
    Page<AuditEntry> list(AuditFilter filter, PageRequest page);

    /** What to list; empty means any. {@code until} is exclusive. */
    record AuditFilter(Optional<String> actor, Optional<String> action, Optional<AuditEntry.Outcome> outcome,
                       Optional<Instant> since, Optional<Instant> until) {
        public AuditFilter {
            actor = actor == null ? Optional.empty() : actor;
            action = action == null ? Optional.empty() : action;
            outcome = outcome == null ? Optional.empty() : outcome;
            since = since == null ? Optional.empty() : since;
            until = until == null ? Optional.empty() : until;
        }

        public static AuditFilter any() {
            return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }
}
