package io.attune.application.port.out;

import io.attune.application.port.in.Retention;
import java.time.Instant;
import java.util.Optional;

/**
 * Deletes history past its age, a bounded batch per call (inside the caller's transaction), never a row something live
 * still refers to. Each method returns how many rows it deleted; fewer than {@code limit} means none is left to delete
 * at that cutoff (for executions: none until the next call, as a parent becomes deletable once its children are gone).
 */
public interface RetentionStore {

    /**
     * Executions that ended (a terminal status) before {@code cutoff}, with no child execution left and whose parent,
     * if any, also ended before {@code cutoff}; their inquiries and admission rows go with them.
     */
    int deleteExecutionsFinishedBefore(Instant cutoff, int limit);

    /** Enforcements created before {@code cutoff} that are settled (not {@code created}) and that no execution refers to. */
    int deleteEnforcementsCreatedBefore(Instant cutoff, int limit);

    /** Events created before {@code cutoff} that no enforcement refers to. */
    int deleteEventsCreatedBefore(Instant cutoff, int limit);

    /** Audit entries recorded before {@code cutoff}. */
    int deleteAuditEntriesBefore(Instant cutoff, int limit);

    /** Outbox messages appended before {@code cutoff} and never confirmed by the broker (leftovers). */
    int deleteOutboxMessagesBefore(Instant cutoff, int limit);

    /** Dead letters stored before {@code cutoff}. */
    int deleteDeadLettersBefore(Instant cutoff, int limit);

    /** The ages set through the API, for every instance; empty when none were (configuration rules). */
    Optional<StoredAges> storedAges();

    /** Replaces the stored ages (inside the caller's transaction). */
    void storeAges(StoredAges ages);

    /** Ages set through the API: by whom and when. */
    record StoredAges(Retention.Ages ages, Instant at, String by) {
    }
}
