package io.attune.application.port.out;

import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.common.Ref;
import io.attune.domain.enforcement.Enforcement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Stored enforcements: at most one per (rule, event), so a redelivered event never enforces a rule twice. */
public interface EnforcementRepository {

    /**
     * Stores a new enforcement (its id is ignored) unless one of the same rule for the same event exists; returns it
     * with its id, or empty (writing nothing) when it existed. Concurrent calls for the same pair store one.
     */
    Optional<Enforcement> insertIfAbsent(Enforcement enforcement);

    /** Writes status, rendered parameters, execution and failure of a stored enforcement; false if absent. */
    boolean update(Enforcement enforcement);

    Optional<Enforcement> find(long id);

    /** The enforcements of one event, oldest first. */
    List<Enforcement> ofEvent(long event);

    /** Newest first. */
    Page<Enforcement> list(EnforcementFilter filter, PageRequest page);

    /** What to list; empty means any. {@code until} is exclusive. */
    record EnforcementFilter(Optional<Ref> rule, OptionalLong event, Optional<Enforcement.Status> status,
                             Optional<Instant> since, Optional<Instant> until) {
        public EnforcementFilter {
            rule = rule == null ? Optional.empty() : rule;
            event = event == null ? OptionalLong.empty() : event;
            status = status == null ? Optional.empty() : status;
            since = since == null ? Optional.empty() : since;
            until = until == null ? Optional.empty() : until;
        }

        public static EnforcementFilter any() {
            return new EnforcementFilter(Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
    }
}
