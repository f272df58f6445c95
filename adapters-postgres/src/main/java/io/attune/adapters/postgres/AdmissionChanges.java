package io.attune.adapters.postgres;

import io.attune.domain.admission.ConcurrencyGate;
import io.attune.domain.admission.Gate;
import io.attune.domain.admission.Gates;
import io.attune.domain.admission.KeyState;
import io.attune.domain.admission.PolicyKey;
import io.attune.domain.admission.RateGate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one ledger operation changes in the admission tables, collected from the domain's outcome and written in a
 * single statement (data-modifying CTEs), so a decision costs one round trip however many keys and executions it
 * touches. Counters move by deltas under the key's row lock; {@link #check} first compares the
 * resulting {@code active} with the domain's new key states, so the tables and the domain cannot silently drift.
 */
final class AdmissionChanges {

    /** {@code active} per key as locked, before this change. */
    private final Map<PolicyKey, Integer> activeBefore;
    private final List<Long> newHolds = new ArrayList<>();
    private final List<String> newHoldGates = new ArrayList<>();
    private final List<Boolean> newHoldAdmitted = new ArrayList<>();
    private final List<Instant> newHoldExpires = new ArrayList<>();
    private final List<Long> admittedHolds = new ArrayList<>();
    private final List<Long> goneHolds = new ArrayList<>();
    private final List<Long> goneSlots = new ArrayList<>();
    private final List<Long> goneQueue = new ArrayList<>();
    private final KeyRows newSlots = new KeyRows();
    private final KeyRows newQueue = new KeyRows();
    private final KeyRows newRates = new KeyRows();
    private final Map<PolicyKey, int[]> deltas = new TreeMap<>();

    private static final int ACTIVE = 0;
    private static final int QUEUED = 1;
    private static final int ADMITTED = 2;
    private static final int QUEUED_TOTAL = 3;
    private static final int CANCELED = 4;
    private static final int REJECTED = 5;
    private static final int RELEASED = 6;
    private static final int OVERFLOWED = 7;
    private static final int TIMED_OUT = 8;
    private static final int COUNTERS = TIMED_OUT + 1;

    AdmissionChanges(Map<PolicyKey, Integer> activeBefore) {
        this.activeBefore = Map.copyOf(activeBefore);
    }

    /** A new execution was admitted at once. */
    void admittedOnRequest(long execution, List<Gate> gates) {
        hold(execution, gates, true);
        take(execution, gates);
    }

    /** A new execution waits at the end of the queue of each of its keys, from {@code now}. */
    void queuedOnRequest(long execution, List<Gate> gates, Instant now) {
        hold(execution, gates, false);
        newHoldExpires.set(newHoldExpires.size() - 1, Gates.queueDeadline(gates, now).orElse(null));
        for (PolicyKey key : Gates.keys(gates)) {
            newQueue.add(key, execution);
            delta(key)[QUEUED]++;
            delta(key)[QUEUED_TOTAL]++;
        }
    }

    /** A new execution was refused by a full CANCEL gate on {@code key}. */
    void canceledOnRequest(PolicyKey key) {
        delta(key)[CANCELED]++;
    }

    /** A new execution found the queue of {@code key} full. */
    void overflowedOnRequest(PolicyKey key) {
        delta(key)[OVERFLOWED]++;
    }

    /** A new execution was refused by a full REJECT gate on {@code key}. */
    void rejectedOnRequest(PolicyKey key) {
        delta(key)[REJECTED]++;
    }

    /** An admitted execution frees its concurrency slots (its rate admissions keep counting). */
    void released(long execution, List<Gate> gates) {
        goneHolds.add(execution);
        goneSlots.add(execution);
        for (Gate gate : gates) {
            if (gate instanceof ConcurrencyGate) {
                delta(gate.key())[ACTIVE]--;
            }
        }
        Gates.keys(gates).forEach(key -> delta(key)[RELEASED]++);
    }

    /**
     * A waiting execution leaves all its queues without running; counted on each key as timed out when it leaves past
     * its queue deadline, else as canceled.
     */
    void withdrawn(long execution, List<Gate> gates, boolean timedOut) {
        goneHolds.add(execution);
        goneQueue.add(execution);
        for (PolicyKey key : Gates.keys(gates)) {
            delta(key)[QUEUED]--;
            delta(key)[timedOut ? TIMED_OUT : CANCELED]++;
        }
    }

    /** A waiting execution got in: leaves its queues and takes its slots. */
    void promoted(long execution, List<Gate> gates) {
        admittedHolds.add(execution);
        goneQueue.add(execution);
        Gates.keys(gates).forEach(key -> delta(key)[QUEUED]--);
        take(execution, gates);
    }

    /** Refuses to write when the domain's {@code active} of a key differs from what these changes would leave. */
    void check(Map<PolicyKey, KeyState> after) {
        for (Map.Entry<PolicyKey, KeyState> state : after.entrySet()) {
            PolicyKey key = state.getKey();
            Integer before = activeBefore.get(key);
            int delta = deltas.containsKey(key) ? deltas.get(key)[ACTIVE] : 0;
            if (before == null || before + delta != state.getValue().active()) {
                throw new IllegalStateException("admission ledger out of step on " + key + ": " + before + " active, "
                        + "change " + delta + ", the domain says " + state.getValue().active());
            }
        }
    }

    /**
     * Writes the changes: the counters of every key touched, and before them (as data-modifying CTEs of the same
     * statement) only the kinds of rows that change. Rows are bound as VALUES lists and ids as {@code = ANY (?)}, so
     * the few statement shapes this produces can keep a cached plan.
     */
    void apply(Connection connection, Instant now) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!newHolds.isEmpty()) {
            parts.add("INSERT INTO admission_holds (execution_id, gates, admitted, expires_at) VALUES "
                    + rows(newHolds.size(), "(?::bigint, ?::jsonb, ?::boolean, ?::timestamptz)"));
            for (int i = 0; i < newHolds.size(); i++) {
                args.addAll(List.of(newHolds.get(i), newHoldGates.get(i), newHoldAdmitted.get(i)));
                args.add(newHoldExpires.get(i));
            }
        }
        ids(parts, args, "UPDATE admission_holds SET admitted = true WHERE execution_id = ANY (?)", admittedHolds);
        ids(parts, args, "DELETE FROM admission_holds WHERE execution_id = ANY (?)", goneHolds);
        ids(parts, args, "DELETE FROM admission_slots WHERE execution_id = ANY (?)", goneSlots);
        ids(parts, args, "DELETE FROM admission_queue WHERE execution_id = ANY (?)", goneQueue);
        newSlots.insert(parts, args, "admission_slots (policy_ref, key, execution_id, acquired_at)", now);
        newQueue.insert(parts, args, "admission_queue (policy_ref, key, execution_id, enqueued_at)", now);
        newRates.insert(parts, args, "rate_admissions (policy_ref, key, execution_id, admitted_at)", now);
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "WITH " : ",\n     ").append("change").append(i).append(" AS (").append(parts.get(i)).append(')');
        }
        sql.append("""

                UPDATE admission_keys k SET
                    active = k.active + u.active, queued = k.queued + u.queued,
                    total_admitted = k.total_admitted + u.admitted, total_queued = k.total_queued + u.queued_total,
                    total_canceled = k.total_canceled + u.canceled, total_rejected = k.total_rejected + u.rejected,
                    total_released = k.total_released + u.released, total_overflowed = k.total_overflowed + u.overflowed,
                    total_timed_out = k.total_timed_out + u.timed_out, updated_at = now()
                FROM (VALUES\s""")
                .append(rows(deltas.size(), "(?::text, ?::text" + ", ?::integer".repeat(COUNTERS) + ")"))
                .append(") AS u(p, key, active, queued, admitted, queued_total, canceled, rejected, released, overflowed,"
                        + " timed_out)\n")
                .append("WHERE k.policy_ref = u.p AND k.key = u.key");
        for (Map.Entry<PolicyKey, int[]> entry : deltas.entrySet()) {
            args.add(entry.getKey().policy().toString());
            args.add(entry.getKey().key());
            for (int delta : entry.getValue()) {
                args.add(delta);
            }
        }
        Jdbc.update(connection, sql.toString(), args.toArray());
    }

    private static void ids(List<String> parts, List<Object> args, String sql, List<Long> ids) {
        if (!ids.isEmpty()) {
            parts.add(sql);
            args.add(ids.toArray(Long[]::new));
        }
    }

    private static String rows(int n, String row) {
        return String.join(", ", Collections.nCopies(n, row));
    }

    private void hold(long execution, List<Gate> gates, boolean admitted) {
        newHolds.add(execution);
        newHoldGates.add(GateColumns.write(gates));
        newHoldAdmitted.add(admitted);
        newHoldExpires.add(null);
    }

    /** Slots on the concurrency keys, an admission at {@code now} on the rate keys. */
    private void take(long execution, List<Gate> gates) {
        for (Gate gate : gates) {
            switch (gate) {
                case ConcurrencyGate c -> {
                    newSlots.add(c.key(), execution);
                    delta(c.key())[ACTIVE]++;
                }
                case RateGate r -> newRates.add(r.key(), execution);
            }
        }
        Gates.keys(gates).forEach(key -> delta(key)[ADMITTED]++);
    }

    private int[] delta(PolicyKey key) {
        return deltas.computeIfAbsent(key, k -> new int[COUNTERS]);
    }

    /** Rows (policy, key, execution) to insert into one table. */
    private static final class KeyRows {
        private final List<String> policies = new ArrayList<>();
        private final List<String> keys = new ArrayList<>();
        private final List<Long> executions = new ArrayList<>();

        void add(PolicyKey key, long execution) {
            policies.add(key.policy().toString());
            keys.add(key.key());
            executions.add(execution);
        }

        /** Adds {@code INSERT INTO table VALUES (policy, key, execution, at), ...} when there are rows. */
        void insert(List<String> parts, List<Object> args, String table, Instant at) {
            if (executions.isEmpty()) {
                return;
            }
            parts.add("INSERT INTO " + table + " VALUES "
                    + rows(executions.size(), "(?::text, ?::text, ?::bigint, ?::timestamptz)"));
            for (int i = 0; i < executions.size(); i++) {
                args.addAll(List.of(policies.get(i), keys.get(i), executions.get(i), at));
            }
        }
    }
}
