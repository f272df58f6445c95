package io.attune.application.port.out;

import io.attune.application.port.in.EventQueries.EnforcementFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.enforcement.Enforcement;
import java.util.List;
import java.util.Optional;

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
}
