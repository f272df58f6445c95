package io.attune.application.port.out;

import io.attune.application.port.in.EventQueries.EnforcementFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.common.Ref;
import io.attune.domain.enforcement.Enforcement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Stored enforcements: at most one per (rule, event), so a redelivered event never enforces a rule twice. */
public interface EnforcementRepository {

    /** A (rule, event) pair the rules engine is about to enforce. */
    record Claim(Ref rule, long event) {
        public Claim {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * For each pair that has no enforcement yet, a fresh id to {@link #insert} its enforcement under; pairs enforced
     * already (a redelivered event) are left out. Writes nothing; one round trip for the whole collection.
     */
    Map<Claim, Long> reserve(Collection<Claim> claims);

    /**
     * Stores an enforcement in its final state under an id from {@link #reserve}; false, writing nothing, when one of
     * the same rule for the same event was stored meanwhile (a concurrent delivery: waits until that one's transaction
     * has ended). Concurrent calls for the same pair store one.
     */
    boolean insert(Enforcement enforcement);

    Optional<Enforcement> find(long id);

    /** The enforcements of one event, oldest first. */
    List<Enforcement> ofEvent(long event);

    /** Newest first. */
    Page<Enforcement> list(EnforcementFilter filter, PageRequest page);
}
