package io.attune.application.port.out;

import io.attune.application.port.in.ExecutionQueries.QueueStats;
import io.attune.domain.admission.AdmissionDecision;
import io.attune.domain.admission.Gate;
import io.attune.domain.admission.PolicyKey;
import io.attune.domain.common.Ref;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The policy queues and slots, shared by every executor. Each method runs inside the caller's transaction and locks
 * the rows of the keys it touches (in key order), so admissions and releases of one key are serialised and
 * independent keys never contend. The decisions are the domain's ({@code io.attune.domain.admission.Admission}).
 */
public interface AdmissionLedger {

    /** Decides for a new execution under its gates; records the slot, the queue entries or nothing. */
    AdmissionDecision admit(long execution, List<Gate> gates, Instant now);

    /**
     * The execution no longer needs admission (it finished, or was canceled while waiting): frees its slots or
     * removes it from the queues, then admits the oldest waiting executions that now fit. Returns their ids, in
     * admission order. Idempotent: a second call for the same execution admits nothing more.
     */
    List<Long> release(long execution, Instant now);

    /**
     * As {@link #release} for each of {@code executions} in turn, in one go (ends that arrive together): what each
     * release admits, in admission order, as if released one by one in this order.
     */
    default List<Long> releaseAll(List<Long> executions, Instant now) {
        List<Long> admitted = new java.util.ArrayList<>();
        for (long execution : executions) {
            admitted.addAll(release(execution, now));
        }
        return admitted;
    }

    /** Admits waiting executions whose rate windows have moved on; returns their ids in admission order. */
    List<Long> tick(Instant now);

    /** Position (1 = next) of a waiting execution in its longest queue; empty when it is not waiting. */
    OptionalInt position(long execution);

    /** Per key of the policies applying to {@code action}: limit, active, queued, oldest queued age, totals. */
    List<QueueStats> stats(Ref action, Instant now);

    /**
     * Whether a request under these gates would find a queue full (the domain's {@code Admission.overflowing}), asked
     * before anything is stored, so that a request that must not be stored can be refused. Locks the keys' rows until
     * the end of the caller's transaction, so an {@link #admit} in the same transaction decides on the same counts.
     */
    Optional<AdmissionDecision.Overflowed> overflowing(List<Gate> gates);

    /**
     * Waiting executions whose queue deadline (enqueue time + the shortest queue timeout of their gates) is at or
     * before {@code now}, earliest deadline first, at most {@code limit}. Read only: the caller ends each one, which
     * withdraws it ({@link #release}) and counts it as timed out.
     */
    List<ExpiredWait> expiredWaits(Instant now, int limit);

    /** A waiting execution past its queue deadline: the key and timeout of the gate that set the deadline. */
    record ExpiredWait(long execution, PolicyKey key, Duration timeout) {
        public ExpiredWait {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(timeout, "timeout");
        }
    }
}
