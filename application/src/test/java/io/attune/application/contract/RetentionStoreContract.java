package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.Retention;
import io.attune.application.port.out.RetentionStore;
import io.attune.application.port.out.RetentionStore.StoredAges;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every RetentionStore must do: delete only rows past the cutoff, at most {@code limit} per call, and never a row
 * something remaining still refers to (a live or recent execution keeps its enforcement, event and parent).
 */
public abstract class RetentionStoreContract extends StorageContract {

    protected static final Instant CUTOFF = Instant.parse("2031-02-03T00:00:00Z");
    protected static final Instant OLD = CUTOFF.minusSeconds(86_400);
    protected static final Instant NEW = CUTOFF.plusSeconds(3_600);

    protected abstract RetentionStore store();

    /** Stores an event created at {@code createdAt}; returns its id. */
    protected abstract long event(Instant createdAt);

    /** Stores an enforcement of {@code eventId}, settled ({@code succeeded}) or not ({@code created}); returns its id. */
    protected abstract long enforcement(long eventId, boolean settled, Instant createdAt);

    /** Stores an execution; {@code finishedAt} null means it still runs. Returns its id. */
    protected abstract long execution(Long parentId, Long enforcementId, Instant createdAt, Instant finishedAt);

    /** Records an audit entry at {@code at}. */
    protected abstract void audit(Instant at);

    /** Appends an outbox message created at {@code createdAt}. */
    protected abstract void outbox(Instant createdAt);

    protected abstract boolean eventExists(long id);

    protected abstract boolean enforcementExists(long id);

    protected abstract boolean executionExists(long id);

    protected abstract long auditCount();

    protected abstract long outboxCount();

    /** Stores a dead letter at {@code createdAt}. */
    protected abstract void deadLetter(Instant createdAt);

    protected abstract long deadLetterCount();

    @Test
    void onlyExecutionsThatEndedBeforeTheCutoffAreDeleted() {
        long oldDone = execution(null, null, OLD, OLD);
        long oldRunning = execution(null, null, OLD, null);
        long recentlyDone = execution(null, null, OLD, NEW);

        assertThat(write(() -> store().deleteExecutionsFinishedBefore(CUTOFF, 100))).isEqualTo(1);
        assertThat(executionExists(oldDone)).isFalse();
        assertThat(executionExists(oldRunning)).isTrue();
        assertThat(executionExists(recentlyDone)).isTrue();
    }

    @Test
    void childrenGoBeforeTheirParentAndALiveParentKeepsItsChildren() {
        long parent = execution(null, null, OLD, OLD);
        long child = execution(parent, null, OLD, OLD);
        long liveParent = execution(null, null, OLD, null);
        long childOfLive = execution(liveParent, null, OLD, OLD);
        long doneParent = execution(null, null, OLD, OLD);
        long runningChild = execution(doneParent, null, OLD, null);

        assertThat(write(() -> store().deleteExecutionsFinishedBefore(CUTOFF, 100))).isEqualTo(1);
        assertThat(executionExists(child)).isFalse();
        assertThat(executionExists(parent)).isTrue();
        assertThat(write(() -> store().deleteExecutionsFinishedBefore(CUTOFF, 100))).isEqualTo(1);
        assertThat(executionExists(parent)).isFalse();
        assertThat(write(() -> store().deleteExecutionsFinishedBefore(CUTOFF, 100))).isZero();

        assertThat(executionExists(liveParent)).isTrue();
        assertThat(executionExists(childOfLive)).isTrue();
        assertThat(executionExists(doneParent)).isTrue();
        assertThat(executionExists(runningChild)).isTrue();
    }

    @Test
    void aBatchDeletesAtMostItsLimit() {
        for (int i = 0; i < 5; i++) {
            execution(null, null, OLD, OLD.plusSeconds(i));
            audit(OLD.plusSeconds(i));
            outbox(OLD.plusSeconds(i));
            event(OLD.plusSeconds(i));
        }

        assertThat(write(() -> store().deleteExecutionsFinishedBefore(CUTOFF, 2))).isEqualTo(2);
        assertThat(write(() -> store().deleteAuditEntriesBefore(CUTOFF, 2))).isEqualTo(2);
        assertThat(write(() -> store().deleteOutboxMessagesBefore(CUTOFF, 2))).isEqualTo(2);
        assertThat(write(() -> store().deleteEventsCreatedBefore(CUTOFF, 2))).isEqualTo(2);
        assertThat(write(() -> store().deleteExecutionsFinishedBefore(CUTOFF, 10))).isEqualTo(3);
        assertThat(auditCount()).isEqualTo(3);
        assertThat(outboxCount()).isEqualTo(3);
    }

    @Test
    void anEnforcementGoesOnlyWhenSettledOldAndNoExecutionRefersToItAndAnEventOnlyWithoutEnforcements() {
        long eventOfLive = event(OLD);
        long enforcementOfLive = enforcement(eventOfLive, true, OLD);
        long live = execution(null, enforcementOfLive, OLD, null);
        long eventOfDone = event(OLD);
        long enforcementOfDone = enforcement(eventOfDone, true, OLD);
        execution(null, enforcementOfDone, OLD, OLD);
        long eventOfPending = event(OLD);
        long pending = enforcement(eventOfPending, false, OLD);
        long recentEvent = event(NEW);
        long recentEnforcement = enforcement(recentEvent, true, NEW);
        long lonelyOldEvent = event(OLD);

        assertThat(write(() -> store().deleteEnforcementsCreatedBefore(CUTOFF, 100))).isZero();
        assertThat(write(() -> store().deleteExecutionsFinishedBefore(CUTOFF, 100))).isEqualTo(1);
        assertThat(write(() -> store().deleteEnforcementsCreatedBefore(CUTOFF, 100))).isEqualTo(1);
        assertThat(write(() -> store().deleteEventsCreatedBefore(CUTOFF, 100))).isEqualTo(2);

        assertThat(enforcementExists(enforcementOfDone)).isFalse();
        assertThat(eventExists(eventOfDone)).isFalse();
        assertThat(eventExists(lonelyOldEvent)).isFalse();
        assertThat(executionExists(live)).isTrue();
        assertThat(enforcementExists(enforcementOfLive)).isTrue();
        assertThat(eventExists(eventOfLive)).isTrue();
        assertThat(enforcementExists(pending)).isTrue();
        assertThat(eventExists(eventOfPending)).isTrue();
        assertThat(enforcementExists(recentEnforcement)).isTrue();
        assertThat(eventExists(recentEvent)).isTrue();
    }

    @Test
    void auditEntriesAndOutboxMessagesGoByTheirTime() {
        audit(OLD);
        audit(NEW);
        outbox(OLD);
        outbox(NEW);

        assertThat(write(() -> store().deleteAuditEntriesBefore(CUTOFF, 100))).isEqualTo(1);
        assertThat(write(() -> store().deleteOutboxMessagesBefore(CUTOFF, 100))).isEqualTo(1);
        assertThat(auditCount()).isEqualTo(1);
        assertThat(outboxCount()).isEqualTo(1);
    }

    @Test
    void deadLettersGoByTheirTime() {
        deadLetter(OLD);
        deadLetter(OLD.plusSeconds(1));
        deadLetter(NEW);

        assertThat(write(() -> store().deleteDeadLettersBefore(CUTOFF, 1))).isEqualTo(1);
        assertThat(write(() -> store().deleteDeadLettersBefore(CUTOFF, 100))).isEqualTo(1);
        assertThat(deadLetterCount()).isEqualTo(1);
    }

    @Test
    void storedAgesAreReadBackAndReplacedWholeWithKeepForEverAsEmpty() {
        assertThat(read(() -> store().storedAges())).isEmpty();
        StoredAges first = new StoredAges(new Retention.Ages(Optional.of(Duration.ofDays(7)), Optional.empty(),
                Optional.of(Duration.ofHours(36))), CUTOFF, "alice");
        write(() -> store().storeAges(first));
        assertThat(read(() -> store().storedAges())).contains(first);

        StoredAges second = new StoredAges(new Retention.Ages(Optional.empty(), Optional.of(Duration.ofHours(1)),
                Optional.empty()), NEW, "bob");
        write(() -> store().storeAges(second));
        assertThat(read(() -> store().storedAges())).contains(second);
    }
}
